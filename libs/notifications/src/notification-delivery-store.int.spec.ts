import { randomUUID } from 'node:crypto';
import { SqlEventStore } from '@casusregie/event-store';
import { ProjectionRunner } from '@casusregie/projections';
import { PostgresDatabase } from '@casusregie/sql';
import { createTestDatabase, TestDatabase } from '@casusregie/test-support';
import { NotificationDeliveryStore } from './notification-delivery-store';
import { providerNotificationsProjection } from './provider-notifications.projection';

// The store's SQL, on PostgreSQL: a PGlite start costs seconds, and both run the same statements.
describe('NotificationDeliveryStore', () => {
  let testDb: TestDatabase;
  let db: PostgresDatabase;
  let store: NotificationDeliveryStore;
  let ids: string[];

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = new PostgresDatabase({ connectionString: testDb.url });
    const events = await SqlEventStore.open(db);
    const runner = new ProjectionRunner(db, events);
    await runner.prepare([providerNotificationsProjection]);
    const metadata = { occurredOn: '2026-05-15', actor: { id: 'c-1', role: 'consultant' }, municipality: 'GM0299', correlationId: 'x' };
    for (let i = 0; i < 3; i++) {
      await events.appendToStream(`household-${randomUUID()}`, [
        {
          type: 'ReferralMade',
          data: { trajectoryId: randomUUID(), referralId: randomUUID(), organisation: { agbCode: '22334455', name: 'GGNet' }, category: 'maatwerk' },
          metadata,
        },
      ]);
    }
    await runner.catchUp(providerNotificationsProjection);
    store = new NotificationDeliveryStore(db);
    ids = (await store.due(10)).map((d) => d.id);
  });
  afterAll(async () => {
    await db.close();
    await testDb.drop();
  });

  it('counts failed attempts, schedules the next one, and makes the last one a dead letter', async () => {
    const [id] = ids;
    expect(await store.recordFailedAttempt(id, 0, 'HTTP 500', { final: false, retryInMs: 60_000 })).toBe(true);
    expect(await store.get(id)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 500' });
    expect((await store.due(10)).map((d) => d.id)).not.toContain(id);
    expect(await store.recordFailedAttempt(id, 0, `HTTP 502 ${'x'.repeat(500)}`, { final: true })).toBe(true);
    const failed = await store.get(id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 2 });
    expect(failed?.lastError?.length).toBeLessThanOrEqual(200);
    // Whoever comes late changes nothing.
    expect(await store.recordDelivered(id, 0)).toBe(false);
    expect(await store.giveUp(id, 0, 'gave up')).toBe(false);
  });

  it('redelivers only a dead letter: a new round, attempts from zero; the old round can no longer touch it', async () => {
    const [id, other] = ids;
    expect(await store.redeliver('no-such-id', 'GM0299')).toEqual({ kind: 'not-found' });
    expect(await store.redeliver(other, 'GM0299')).toEqual({ kind: 'not-failed', status: 'pending' });
    const result = await store.redeliver(id, 'GM0299');
    expect(result).toMatchObject({ kind: 'restarted', delivery: { id, status: 'pending', attempts: 0, redeliveries: 1, lastError: null } });
    expect(await store.recordDelivered(id, 0)).toBe(false);
    expect(await store.recordDelivered(id, 1)).toBe(true);
    expect(await store.get(id)).toMatchObject({ status: 'delivered', attempts: 1, redeliveries: 1 });
    expect(await store.redeliver(id, 'GM0299')).toEqual({ kind: 'not-failed', status: 'delivered' });
  });

  it('lists dead letters in event order, page by page', async () => {
    const [, second, third] = ids;
    await store.recordFailedAttempt(third, 0, 'HTTP 500', { final: true });
    await store.recordFailedAttempt(second, 0, 'HTTP 500', { final: true });
    const first = await store.listFailed('GM0299', 1);
    expect(first).toEqual({ deliveries: [expect.objectContaining({ id: second })], next: second });
    expect(await store.listFailed('GM0299', 1, second)).toEqual({ deliveries: [expect.objectContaining({ id: third })], next: null });
    expect(await store.countByStatus()).toEqual({ pending: 0, delivered: 1, failed: 2, skipped: 0 });
  });

  it('keeps each municipality to the dead letters of its own referrals', async () => {
    const [, second] = ids;
    expect(await store.listFailed('GM0300', 10)).toEqual({ deliveries: [], next: null });
    expect(await store.redeliver(second, 'GM0300')).toEqual({ kind: 'not-found' });
    expect(await store.get(second)).toMatchObject({ status: 'failed', redeliveries: 0 });
  });

  it('hands out pending rows to enqueue once, and again only after the recheck time', async () => {
    await store.redeliver(ids[1], 'GM0299');
    expect(await store.toEnqueue(10, 60_000)).toEqual([{ id: ids[1], redeliveries: 1, enqueuedBefore: false }]);
    await store.markEnqueued([ids[1]]);
    expect(await store.toEnqueue(10, 60_000)).toEqual([]);
    expect(await store.toEnqueue(10, 0)).toEqual([{ id: ids[1], redeliveries: 1, enqueuedBefore: true }]);
  });
});
