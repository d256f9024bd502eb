import { RecordedEvent } from '@casusregie/event-store';
import { CareEnded, EventWithdrawn, ReferralDeclined, ReferralMade, ReferralWithdrawn } from '@casusregie/domain';
import { householdIdOf } from '@casusregie/households';
import { Projection } from '@casusregie/projections';
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
 *   runs). Emptied by `reset` and rebuilt by the replay.
 * - `notification_deliveries`: the outbox, `seq` numbering the rows in the order of their events. NOT emptied by `reset`: what was sent stays sent, and its delivery state
 *   (delivered, failed, attempts) is no fact of the log that a replay could restore. The replay writes every
 *   delivery again under the same id, which `ON CONFLICT DO NOTHING` turns into nothing.
 * - `notification_outbox_start`: the moment the outbox came into being. Events recorded before it are applied to
 *   the memory but notify nobody, so deploying this projection onto an existing history (or a rebuild into an empty
 *   database) does not send providers years of old notifications.
 */
export const providerNotificationsProjection: Projection = {
  name: PROVIDER_NOTIFICATIONS_PROJECTION,
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
    let notifyFrom: Date | undefined;
    for (const event of events) {
      const householdId = householdIdOf(event.streamId);
      if (householdId === undefined || !RELEVANT_TYPES.has(event.type)) continue;
      notifyFrom ??= await outboxStart(tx);
      await applyEvent(tx, householdId, event, event.recordedAt.getTime() >= notifyFrom.getTime());
    }
  },

  // Only the projection's memory: the outbox and its start stay (see above).
  async reset(tx) {
    await tx.query('DELETE FROM notification_referrals');
  },
};

const RELEVANT_TYPES = new Set(['ReferralMade', 'ReferralWithdrawn', 'ReferralDeclined', 'CareEnded', 'CoordinatorAssigned', 'EventWithdrawn']);

interface ReferralRow {
  referral_id: string;
  agb_code: string;
  category: string;
  municipality: string;
  status: 'active' | 'ended' | 'withdrawn';
}

const RETURNING = 'RETURNING referral_id, agb_code, category, municipality, status';

async function applyEvent(tx: SqlExecutor, householdId: string, event: RecordedEvent, notify: boolean): Promise<void> {
  const send = async (referrals: readonly ReferralRow[], actie: NotificationActie, resource: NotificationResource) => {
    if (notify) for (const referral of referrals) await insertDelivery(tx, event, referral, actie, resource);
  };
  switch (event.type) {
    case 'ReferralMade': {
      const data = event.data as ReferralMade['data'];
      const agbCode = data.organisation?.agbCode;
      if (agbCode === undefined || agbCode === '') return;
      const { rows } = await tx.query<ReferralRow>(
        `INSERT INTO notification_referrals (referral_id, household_id, agb_code, category, municipality, made_by_event, status)
         VALUES ($1, $2, $3, $4, $5, $6, 'active') ON CONFLICT DO NOTHING ${RETURNING}`,
        [data.referralId, householdId, agbCode, data.category, municipalityOf(event), event.eventId],
      );
      return send(rows, 'create', 'verwijzing');
    }
    case 'ReferralWithdrawn': {
      const { referralId } = event.data as ReferralWithdrawn['data'];
      const { rows } = await tx.query<ReferralRow>(
        `UPDATE notification_referrals SET status = 'withdrawn', ended_by_event = $3
          WHERE referral_id = $1 AND household_id = $2 AND status = 'active' ${RETURNING}`,
        [referralId, householdId, event.eventId],
      );
      return send(rows, 'destroy', 'verwijzing');
    }
    case 'ReferralDeclined':
    case 'CareEnded': {
      const { referralId } = event.data as (ReferralDeclined | CareEnded)['data'];
      await tx.query(
        `UPDATE notification_referrals SET status = 'ended', ended_by_event = $3
          WHERE referral_id = $1 AND household_id = $2 AND status = 'active'`,
        [referralId, householdId, event.eventId],
      );
      return;
    }
    case 'CoordinatorAssigned':
      return send(await runningReferrals(tx, householdId), 'update', 'casusregisseur');
    case 'EventWithdrawn': {
      const { withdrawnEventId, withdrawnType } = event.data as EventWithdrawn['data'];
      switch (withdrawnType) {
        case 'ReferralMade': {
          const { rows } = await tx.query<ReferralRow>(
            `DELETE FROM notification_referrals WHERE made_by_event = $1 AND household_id = $2 ${RETURNING}`,
            [withdrawnEventId, householdId],
          );
          // The provider was told of the referral and not yet that it is gone.
          return send(rows.filter((row) => row.status !== 'withdrawn'), 'destroy', 'verwijzing');
        }
        case 'ReferralWithdrawn': {
          const { rows } = await tx.query<ReferralRow>(
            `UPDATE notification_referrals SET status = 'active', ended_by_event = NULL
              WHERE ended_by_event = $1 AND household_id = $2 AND status = 'withdrawn' ${RETURNING}`,
            [withdrawnEventId, householdId],
          );
          return send(rows, 'create', 'verwijzing');
        }
        case 'ReferralDeclined':
        case 'CareEnded':
          await tx.query(
            `UPDATE notification_referrals SET status = 'active', ended_by_event = NULL
              WHERE ended_by_event = $1 AND household_id = $2 AND status = 'ended'`,
            [withdrawnEventId, householdId],
          );
          return;
        case 'CoordinatorAssigned':
          return send(await runningReferrals(tx, householdId), 'update', 'casusregisseur');
        default:
          return;
      }
    }
    default:
      return;
  }
}

async function runningReferrals(tx: SqlExecutor, householdId: string): Promise<ReferralRow[]> {
  const { rows } = await tx.query<ReferralRow>(
    `SELECT referral_id, agb_code, category, municipality, status FROM notification_referrals
      WHERE household_id = $1 AND status = 'active' ORDER BY referral_id`,
    [householdId],
  );
  return rows;
}

async function insertDelivery(
  tx: SqlExecutor,
  event: RecordedEvent,
  referral: ReferralRow,
  actie: NotificationActie,
  resource: NotificationResource,
): Promise<void> {
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
  await tx.query(
    `INSERT INTO notification_deliveries (id, agb_code, event_id, referral_id, payload)
     VALUES ($1, $2, $3, $4, $5::jsonb) ON CONFLICT DO NOTHING`,
    [deliveryIdOf(event.eventId, referral.referral_id), referral.agb_code, event.eventId, referral.referral_id, JSON.stringify(payload)],
  );
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
