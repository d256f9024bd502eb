import { ConcurrencyConflictError, EventStore, SqlEventStore } from '@casusregie/event-store';
import { PostgresDatabase } from '@casusregie/sql';
import { createTestDatabase, TestDatabase } from '@casusregie/test-support';
import { meteredEventStore } from './metered-event-store';
import { Metrics } from './metrics';

// What is tested is the decorator, not the store beneath it: PostgreSQL, since a PGlite start costs seconds.
describe('meteredEventStore', () => {
  let testDb: TestDatabase;
  let db: PostgresDatabase;
  let metrics: Metrics;
  let store: EventStore;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = new PostgresDatabase({ connectionString: testDb.url });
    metrics = new Metrics();
    store = meteredEventStore(await SqlEventStore.open(db), metrics);
  });
  afterAll(async () => {
    await db.close();
    await testDb.drop();
  });

  const value = async (name: string, labels: Record<string, string> = {}) => {
    const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
    return metric?.values.find((v) => Object.entries(labels).every(([key, label]) => v.labels[key] === label))?.value ?? 0;
  };

  it('counts appended events by type', async () => {
    await store.appendToStream('household-a', [{ type: 'HouseholdRegistered', data: {} }, { type: 'MemberAdded', data: {} }]);
    await store.appendToStream('household-a', [{ type: 'MemberAdded', data: {} }], { expectedVersion: 2 });
    expect(await value('casusregie_events_appended_total', { type: 'HouseholdRegistered' })).toBe(1);
    expect(await value('casusregie_events_appended_total', { type: 'MemberAdded' })).toBe(2);
  });

  it('counts an append refused for a stale version as a conflict, and passes the error on', async () => {
    await expect(store.appendToStream('household-a', [{ type: 'MemberAdded', data: {} }], { expectedVersion: 1 })).rejects.toBeInstanceOf(
      ConcurrencyConflictError,
    );
    expect(await value('casusregie_concurrency_conflicts_total')).toBe(1);
    expect(await value('casusregie_events_appended_total', { type: 'MemberAdded' })).toBe(2);
  });

  it('leaves everything else to the store itself', async () => {
    expect(store.kind).toBe('postgres');
    expect((await store.readStream('household-a')).currentVersion).toBe(3);
    expect(await store.countEvents?.()).toBe(3);
  });
});
