import { RecordedEvent } from '@casusregie/event-store';
import { CareEnded, EventWithdrawn, ReferralDeclined, ReferralMade, ReferralWithdrawn } from '@casusregie/domain';
import { householdIdOf } from '@casusregie/households';
import { Columns, insertRows, Projection } from '@casusregie/projections';
import { SqlExecutor } from '@casusregie/sql';
import { buildProviderNotification, NotificationActie, NotificationResource } from './provider-notification';

export const PROVIDER_NOTIFICATIONS_PROJECTION = 'provider-notifications';

/**
 * A delivery's id: the event and the referral it concerns. Deterministic, so replaying the log (a rebuild, or two
 * runners racing) finds the row already there instead of notifying twice. Per referral rather than per provider:
 * a notification has one hoofdObject, and one provider may hold several referrals of one household.
 */
export function deliveryIdOf(eventId: string, referralId: string): string {
  return `${eventId}-${referralId}`;
}

/**
 * The outbox of provider notifications (SPEC §1: care providers get outbound notifications; standards P3: outbox,
 * retries, dead letters). Applied in the transaction that moves the checkpoint, so a notification is written
 * exactly when its event is applied — never lost, never twice. Sending is someone else's job (the deliverers read
 * `notification_deliveries`); a projection cannot reach the network inside its transaction.
 *
 * What it notifies, to providers known by AGB code (referrals to organisations without one notify nobody):
 * - ReferralMade → `verwijzing` `create`;
 * - ReferralWithdrawn, or the ReferralMade itself withdrawn as a correction → `verwijzing` `destroy`;
 * - a withdrawn ReferralWithdrawn (the referral stands again) → `verwijzing` `create`;
 * - CoordinatorAssigned, or a CoordinatorAssigned withdrawn → `casusregisseur` `update`, once for every referral
 *   of the household that is still running (not withdrawn, declined or ended).
 * Date corrections notify nobody.
 *
 * Tables:
 * - `notification_referrals`: the projection's own memory (which provider a referral went to, and whether it still
 *   runs). Built anew by a rebuild.
 * - `notification_deliveries`: the outbox, `seq` numbering the rows in the order of their events. Not rebuilt: what was sent stays sent, and its delivery state
 *   (delivered, failed, attempts) is no fact of the log that a replay could restore. The replay writes every
 *   delivery again under the same id, which `ON CONFLICT DO NOTHING` turns into nothing.
 * - `notification_outbox_start`: the moment the outbox came into being. Events recorded before it are applied to
 *   the memory but notify nobody, so deploying this projection onto an existing history (or a rebuild into an empty
 *   database) does not send providers years of old notifications.
 */
export const providerNotificationsProjection: Projection = {
  name: PROVIDER_NOTIFICATIONS_PROJECTION,
  // Only the projection's memory is rebuilt: the outbox and its start stay the live ones (see above).
  tables: ['notification_referrals'],
  migrations: [
    {
      version: 1,
      name: 'provider notification outbox',
      sql: `
        CREATE TABLE notification_outbox_start (
          singleton   boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
          notify_from timestamptz NOT NULL DEFAULT clock_timestamp()
        );
        INSERT INTO notification_outbox_start DEFAULT VALUES;

        CREATE TABLE notification_referrals (
          referral_id    text PRIMARY KEY,
          household_id   text NOT NULL,
          agb_code       text NOT NULL,
          category       text NOT NULL,
          municipality   text NOT NULL,
          made_by_event  text NOT NULL,
          status         text NOT NULL,
          ended_by_event text
        );
        CREATE INDEX notification_referrals_household ON notification_referrals (household_id, referral_id);

        CREATE TABLE notification_deliveries (
          id              text        PRIMARY KEY,
          seq             bigserial   NOT NULL,
          agb_code        text        NOT NULL,
          event_id        text        NOT NULL,
          referral_id     text        NOT NULL,
          payload         jsonb       NOT NULL,
          status          text        NOT NULL DEFAULT 'pending',
          attempts        integer     NOT NULL DEFAULT 0,
          last_error      text,
          redeliveries    integer     NOT NULL DEFAULT 0,
          next_attempt_at timestamptz,
          enqueued_at     timestamptz,
          created_at      timestamptz NOT NULL DEFAULT now(),
          updated_at      timestamptz NOT NULL DEFAULT now(),
          delivered_at    timestamptz
        );
        CREATE INDEX notification_deliveries_pending ON notification_deliveries (seq) WHERE status = 'pending';
        CREATE INDEX notification_deliveries_failed ON notification_deliveries (seq) WHERE status = 'failed';
      `,
    },
  ],

  async apply(tx, events) {
    const relevant = events.filter((event) => householdIdOf(event.streamId) !== undefined && RELEVANT_TYPES.has(event.type));
    if (relevant.length === 0) return;
    const notifyFrom = await outboxStart(tx);
    // The memory of the households concerned is loaded, changed event by event, and written back with the batch's
    // deliveries: one statement per table instead of several per event.
    const memory = await ReferralMemory.load(tx, relevant);
    const deliveries: DeliveryRow[] = [];
    for (const event of relevant) {
      const notify = event.recordedAt.getTime() >= notifyFrom.getTime();
      for (const [referral, actie, resource] of applyEvent(memory, householdIdOf(event.streamId) as string, event)) {
        if (notify) deliveries.push(deliveryRow(event, referral, actie, resource));
      }
    }
    await memory.save(tx);
    // In event order, so that seq numbers the deliveries as before.
    await insertRows(tx, 'notification_deliveries', deliveries, DELIVERY_COLUMNS, 'ON CONFLICT DO NOTHING');
  },
};

const RELEVANT_TYPES = new Set(['ReferralMade', 'ReferralWithdrawn', 'ReferralDeclined', 'CareEnded', 'CoordinatorAssigned', 'EventWithdrawn']);

interface ReferralRow {
  referral_id: string;
  household_id: string;
  agb_code: string;
  category: string;
  municipality: string;
  made_by_event: string;
  status: 'active' | 'ended' | 'withdrawn';
  ended_by_event: string | null;
}

const REFERRAL_COLUMNS: Columns = {
  referral_id: 'text',
  household_id: 'text',
  agb_code: 'text',
  category: 'text',
  municipality: 'text',
  made_by_event: 'text',
  status: 'text',
  ended_by_event: 'text',
};

/**
 * notification_referrals for one batch: the rows of the households the batch concerns, and which referral ids are
 * taken anywhere (the table's key is the referral id alone, so a ReferralMade under a taken id adds nothing).
 */
class ReferralMemory {
  private readonly changed = new Set<string>();

  private constructor(
    private readonly byHousehold: Map<string, Map<string, ReferralRow>>,
    private readonly taken: Set<string>,
  ) {}

  static async load(tx: SqlExecutor, events: readonly RecordedEvent[]): Promise<ReferralMemory> {
    const householdIds = [...new Set(events.map((event) => householdIdOf(event.streamId) as string))];
    const madeIds = events.filter((event) => event.type === 'ReferralMade').map((event) => (event.data as ReferralMade['data']).referralId);
    const { rows } = await tx.query<ReferralRow>(
      `SELECT ${Object.keys(REFERRAL_COLUMNS).join(', ')} FROM notification_referrals
        WHERE household_id = ANY($1::text[]) OR referral_id = ANY($2::text[])`,
      [householdIds, madeIds],
    );
    const byHousehold = new Map(householdIds.map((id) => [id, new Map<string, ReferralRow>()]));
    for (const row of rows) byHousehold.get(row.household_id)?.set(row.referral_id, row);
    return new ReferralMemory(byHousehold, new Set(rows.map((row) => row.referral_id)));
  }

  /** The household's referrals, in referral id order. */
  of(householdId: string): ReferralRow[] {
    return [...(this.byHousehold.get(householdId)?.values() ?? [])].sort((a, b) => (a.referral_id < b.referral_id ? -1 : 1));
  }

  /** Adds the row unless its referral id is taken; returns whether it did. */
  add(row: ReferralRow): boolean {
    if (this.taken.has(row.referral_id)) return false;
    this.taken.add(row.referral_id);
    this.byHousehold.get(row.household_id)?.set(row.referral_id, row);
    this.changed.add(row.referral_id);
    return true;
  }

  update(row: ReferralRow, change: Pick<ReferralRow, 'status' | 'ended_by_event'>): ReferralRow {
    Object.assign(row, change);
    this.changed.add(row.referral_id);
    return row;
  }

  delete(row: ReferralRow): void {
    this.taken.delete(row.referral_id);
    this.byHousehold.get(row.household_id)?.delete(row.referral_id);
    this.changed.add(row.referral_id);
  }

  /** Writes the rows changed: those deleted go, the others are written as they now are. */
  async save(tx: SqlExecutor): Promise<void> {
    if (this.changed.size === 0) return;
    const ids = [...this.changed];
    await tx.query('DELETE FROM notification_referrals WHERE referral_id = ANY($1::text[])', [ids]);
    const rows = [...this.byHousehold.values()].flatMap((referrals) => [...referrals.values()]).filter((row) => this.changed.has(row.referral_id));
    await insertRows(tx, 'notification_referrals', rows, REFERRAL_COLUMNS);
  }
}

type Notification = [ReferralRow, NotificationActie, NotificationResource];

/** One event's change to the memory, and whom it notifies of what. */
function applyEvent(memory: ReferralMemory, householdId: string, event: RecordedEvent): Notification[] {
  const send = (rows: readonly ReferralRow[], actie: NotificationActie, resource: NotificationResource): Notification[] =>
    rows.map((row) => [{ ...row }, actie, resource]);
  const running = () => memory.of(householdId).filter((row) => row.status === 'active');
  const ending = (withdrawnEventId: string, status: ReferralRow['status']) =>
    memory.of(householdId).filter((row) => row.ended_by_event === withdrawnEventId && row.status === status);
  switch (event.type) {
    case 'ReferralMade': {
      const data = event.data as ReferralMade['data'];
      const agbCode = data.organisation?.agbCode;
      if (agbCode === undefined || agbCode === '') return [];
      const row: ReferralRow = {
        referral_id: data.referralId,
        household_id: householdId,
        agb_code: agbCode,
        category: data.category,
        municipality: municipalityOf(event),
        made_by_event: event.eventId,
        status: 'active',
        ended_by_event: null,
      };
      return memory.add(row) ? send([row], 'create', 'verwijzing') : [];
    }
    case 'ReferralWithdrawn':
    case 'ReferralDeclined':
    case 'CareEnded': {
      const { referralId } = event.data as (ReferralWithdrawn | ReferralDeclined | CareEnded)['data'];
      const withdrawn = event.type === 'ReferralWithdrawn';
      const rows = running()
        .filter((row) => row.referral_id === referralId)
        .map((row) => memory.update(row, { status: withdrawn ? 'withdrawn' : 'ended', ended_by_event: event.eventId }));
      return withdrawn ? send(rows, 'destroy', 'verwijzing') : [];
    }
    case 'CoordinatorAssigned':
      return send(running(), 'update', 'casusregisseur');
    case 'EventWithdrawn': {
      const { withdrawnEventId, withdrawnType } = event.data as EventWithdrawn['data'];
      switch (withdrawnType) {
        case 'ReferralMade': {
          const rows = memory.of(householdId).filter((row) => row.made_by_event === withdrawnEventId);
          for (const row of rows) memory.delete(row);
          // The provider was told of the referral and not yet that it is gone.
          return send(rows.filter((row) => row.status !== 'withdrawn'), 'destroy', 'verwijzing');
        }
        case 'ReferralWithdrawn':
          return send(ending(withdrawnEventId, 'withdrawn').map((row) => memory.update(row, { status: 'active', ended_by_event: null })), 'create', 'verwijzing');
        case 'ReferralDeclined':
        case 'CareEnded':
          for (const row of ending(withdrawnEventId, 'ended')) memory.update(row, { status: 'active', ended_by_event: null });
          return [];
        case 'CoordinatorAssigned':
          return send(running(), 'update', 'casusregisseur');
        default:
          return [];
      }
    }
    default:
      return [];
  }
}

interface DeliveryRow {
  id: string;
  agb_code: string;
  event_id: string;
  referral_id: string;
  payload: unknown;
}

const DELIVERY_COLUMNS: Columns = { id: 'text', agb_code: 'text', event_id: 'text', referral_id: 'text', payload: 'jsonb' };

function deliveryRow(event: RecordedEvent, referral: ReferralRow, actie: NotificationActie, resource: NotificationResource): DeliveryRow {
  const payload = buildProviderNotification({
    actie,
    resource,
    referralId: referral.referral_id,
    agbCode: referral.agb_code,
    municipality: referral.municipality,
    category: referral.category,
    eventId: event.eventId,
    recordedAt: event.recordedAt,
  });
  return { id: deliveryIdOf(event.eventId, referral.referral_id), agb_code: referral.agb_code, event_id: event.eventId, referral_id: referral.referral_id, payload };
}

function municipalityOf(event: RecordedEvent): string {
  const municipality = (event.metadata as { municipality?: unknown }).municipality;
  return typeof municipality === 'string' ? municipality : '';
}

/** When the outbox started; written by the migration, and again (as now) should anyone have deleted it. */
async function outboxStart(tx: SqlExecutor): Promise<Date> {
  const read = () => tx.query<{ notify_from: Date | string }>('SELECT notify_from FROM notification_outbox_start');
  let { rows } = await read();
  if (rows.length === 0) {
    await tx.query('INSERT INTO notification_outbox_start DEFAULT VALUES ON CONFLICT DO NOTHING');
    ({ rows } = await read());
  }
  return new Date(rows[0].notify_from);
}
