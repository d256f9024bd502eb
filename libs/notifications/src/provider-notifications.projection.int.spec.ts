import { randomUUID } from 'node:crypto';
import { SqlEventStore } from '@casusregie/event-store';
import { ProjectionRunner } from '@casusregie/projections';
import { PostgresDatabase, SqlDatabase } from '@casusregie/sql';
import { createTestDatabase, TestDatabase } from '@casusregie/test-support';
import { NotificationDeliveryStore } from './notification-delivery-store';
import { deliveryIdOf, providerNotificationsProjection } from './provider-notifications.projection';

const AGB = '22334455';
const OTHER_AGB = '99887766';

/** A database of its own for each test, on the PostgreSQL server: a fresh PGlite costs seconds to start. */
async function freshDatabase(): Promise<{ db: SqlDatabase; close(): Promise<void> }> {
  const database: TestDatabase = await createTestDatabase();
  const db = new PostgresDatabase({ connectionString: database.url });
  return { db, close: async () => (await db.close(), await database.drop()) };
}

describe('provider-notifications projection (the outbox, PostgreSQL)', () => {
  let db: SqlDatabase;
  let closeDb: () => Promise<void>;
  let store: SqlEventStore;
  let runner: ProjectionRunner;
  let deliveries: NotificationDeliveryStore;
  const householdId = randomUUID();
  const trajectoryId = randomUUID();

  const append = async (type: string, data: Record<string, unknown>, household = householdId) => {
    const eventId = randomUUID();
    await store.appendToStream(`household-${household}`, [
      {
        eventId,
        type,
        data,
        metadata: { occurredOn: '2026-05-15', actor: { id: 'c-1', role: 'consultant' }, municipality: 'GM0299', correlationId: randomUUID() },
      },
    ]);
    return eventId;
  };
  const refer = async (agbCode: string | undefined, category = 'lichtere-zorg') => {
    const referralId = randomUUID();
    const eventId = await append('ReferralMade', {
      trajectoryId,
      referralId,
      organisation: agbCode === undefined ? { name: 'Buurtteam' } : { agbCode, name: 'GGNet' },
      category,
      warmHandover: true,
      referrerRole: 'sociaal-team',
    });
    return { referralId, eventId };
  };
  const catchUp = () => runner.catchUp(providerNotificationsProjection);
  const rows = async () =>
    (
      await db.query<{ id: string; agb_code: string; referral_id: string; actie: string; resource: string; status: string }>(
        `SELECT id, agb_code, referral_id, payload->>'actie' AS actie, payload->>'resource' AS resource, status
           FROM notification_deliveries ORDER BY seq`,
      )
    ).rows;
  const actionsFor = async (referralId: string) =>
    (await rows()).filter((row) => row.referral_id === referralId).map((row) => `${row.resource}:${row.actie}`);

  beforeEach(async () => {
    ({ db, close: closeDb } = await freshDatabase());
    store = await SqlEventStore.open(db);
    runner = new ProjectionRunner(db, store);
    await runner.prepare([providerNotificationsProjection]);
    deliveries = new NotificationDeliveryStore(db);
  });
  afterEach(async () => {
    await closeDb();
  });

  it('a referral to a provider with an AGB code is one pending `create`; one without a code notifies nobody', async () => {
    const { referralId, eventId } = await refer(AGB);
    await refer(undefined, 'sociale-basis');
    await catchUp();

    expect(await rows()).toEqual([
      { id: deliveryIdOf(eventId, referralId), agb_code: AGB, referral_id: referralId, actie: 'create', resource: 'verwijzing', status: 'pending' },
    ]);
    const delivery = await deliveries.get(deliveryIdOf(eventId, referralId));
    expect(delivery?.payload).toMatchObject({
      kanaal: 'verwijzingen',
      hoofdObject: `/api/v1/provider/referrals/${referralId}`,
      kenmerken: { gemeente: 'GM0299', categorie: 'lichtere-zorg', zorgaanbieder: AGB, eventId },
    });
  });

  it('a withdrawn referral is a `destroy`; taking the withdrawal back is a `create` again', async () => {
    const { referralId } = await refer(AGB);
    const withdrawal = await append('ReferralWithdrawn', { trajectoryId, referralId, reason: 'Andere aanbieder gekozen' });
    await append('EventWithdrawn', { withdrawnEventId: withdrawal, withdrawnType: 'ReferralWithdrawn', reason: 'Vergissing' });
    await catchUp();
    expect(await actionsFor(referralId)).toEqual(['verwijzing:create', 'verwijzing:destroy', 'verwijzing:create']);
  });

  it('a ReferralMade withdrawn as a correction is a `destroy`', async () => {
    const { referralId, eventId } = await refer(AGB);
    await append('EventWithdrawn', { withdrawnEventId: eventId, withdrawnType: 'ReferralMade', reason: 'Dubbel ingevoerd' });
    await catchUp();
    expect(await actionsFor(referralId)).toEqual(['verwijzing:create', 'verwijzing:destroy']);
    // Gone from the projection's memory: a coordinator change no longer reaches it.
    await append('CoordinatorAssigned', { coordinatorId: 'c-2', name: 'Nieuwe regisseur' });
    await catchUp();
    expect(await actionsFor(referralId)).toEqual(['verwijzing:create', 'verwijzing:destroy']);
  });

  it('a coordinator change is an `update` for every running referral of the household, and only those', async () => {
    const running = await refer(AGB);
    const secondAtSameProvider = await refer(AGB, 'maatwerk');
    const atOther = await refer(OTHER_AGB);
    const declined = await refer(AGB);
    const withdrawn = await refer(AGB);
    const ended = await refer(AGB);
    const elsewhere = randomUUID();
    await append('ReferralDeclined', { trajectoryId, referralId: declined.referralId, reason: 'Geen plek' });
    await append('ReferralWithdrawn', { trajectoryId, referralId: withdrawn.referralId, reason: 'Niet meer nodig' });
    await append('CareStarted', { trajectoryId, referralId: ended.referralId });
    await append('CareEnded', { trajectoryId, referralId: ended.referralId, reasonCode: '01' });
    await append('CoordinatorAssigned', { coordinatorId: 'c-9', name: 'Regisseur elders' }, elsewhere);
    const assigned = await append('CoordinatorAssigned', { coordinatorId: 'c-2', name: 'Nieuwe regisseur' });
    await catchUp();

    const updates = (await rows()).filter((row) => row.resource === 'casusregisseur');
    expect(updates.map((row) => row.id).sort()).toEqual(
      [running, secondAtSameProvider, atOther].map((r) => deliveryIdOf(assigned, r.referralId)).sort(),
    );
    expect(updates.every((row) => row.actie === 'update')).toBe(true);

    // Taking the decline back makes the referral run again; taking the assignment back is a coordinator change too.
    const declineEvent = (await store.readAll({ limit: 100 })).events.find((e) => e.type === 'ReferralDeclined')?.eventId as string;
    await append('EventWithdrawn', { withdrawnEventId: declineEvent, withdrawnType: 'ReferralDeclined', reason: 'Vergissing' });
    const unassigned = await append('EventWithdrawn', { withdrawnEventId: assigned, withdrawnType: 'CoordinatorAssigned', reason: 'Vergissing' });
    await catchUp();
    expect((await rows()).filter((row) => row.id.startsWith(unassigned)).map((row) => row.referral_id).sort()).toEqual(
      [running, secondAtSameProvider, atOther, declined].map((r) => r.referralId).sort(),
    );
  });

  it('a rebuild keeps every delivery with its state and adds none', async () => {
    const { referralId } = await refer(AGB);
    await append('CoordinatorAssigned', { coordinatorId: 'c-2', name: 'Nieuwe regisseur' });
    await append('ReferralWithdrawn', { trajectoryId, referralId, reason: 'Niet meer nodig' });
    await catchUp();
    const [first] = await rows();
    expect(await deliveries.recordDelivered(first.id, 0)).toBe(true);
    const before = await rows();
    const memory = await db.query('SELECT * FROM notification_referrals ORDER BY referral_id');

    await runner.rebuild(providerNotificationsProjection);

    expect(await rows()).toEqual(before);
    expect((await deliveries.get(first.id))?.status).toBe('delivered');
    expect((await db.query('SELECT * FROM notification_referrals ORDER BY referral_id')).rows).toEqual(memory.rows);
  });

  it('events recorded before the outbox existed notify nobody, but are remembered', async () => {
    const { db: fresh, close } = await freshDatabase();
    try {
      const freshStore = await SqlEventStore.open(fresh);
      const household = `household-${randomUUID()}`;
      const metadata = { occurredOn: '2026-05-15', actor: { id: 'c-1', role: 'consultant' }, municipality: 'GM0299', correlationId: 'x' };
      const referralId = randomUUID();
      await freshStore.appendToStream(household, [
        {
          type: 'ReferralMade',
          data: { trajectoryId, referralId, organisation: { agbCode: AGB, name: 'GGNet' }, category: 'maatwerk', warmHandover: false },
          metadata,
        },
      ]);
      const freshRunner = new ProjectionRunner(fresh, freshStore);
      await freshRunner.prepare([providerNotificationsProjection]);
      const assigned = randomUUID();
      await freshStore.appendToStream(household, [{ eventId: assigned, type: 'CoordinatorAssigned', data: { coordinatorId: 'c-2', name: 'X' }, metadata }]);
      await freshRunner.catchUp(providerNotificationsProjection);

      const { rows: sent } = await fresh.query<{ id: string }>('SELECT id FROM notification_deliveries');
      expect(sent).toEqual([{ id: deliveryIdOf(assigned, referralId) }]);
    } finally {
      await close();
    }
  });
});
