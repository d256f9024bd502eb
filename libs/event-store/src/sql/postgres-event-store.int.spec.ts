import { PostgresDatabase } from '@casusregie/sql';
import { createTestDatabase, TestDatabase } from '@casusregie/test-support';
import { EventStoreUsageError } from '../errors';
import { eventStoreContract } from '../testing/event-store-contract';
import { SqlEventStore } from './sql-event-store';

let testDb: TestDatabase;
let db: PostgresDatabase;

eventStoreContract('PostgreSQL', {
  refusesReusedEventIds: true,
  async open() {
    testDb = await createTestDatabase();
    db = new PostgresDatabase({ connectionString: testDb.url });
    return SqlEventStore.open(db);
  },
  async close() {
    await db.close();
    await testDb.drop();
  },
});

describe('SqlEventStore.readStreamAlongside (PostgreSQL)', () => {
  let ownDb: TestDatabase;
  let database: PostgresDatabase;
  let other: PostgresDatabase;

  beforeAll(async () => {
    ownDb = await createTestDatabase();
    database = new PostgresDatabase({ connectionString: ownDb.url });
    other = new PostgresDatabase({ connectionString: ownDb.url });
  });
  afterAll(async () => {
    await other.close();
    await database.close();
    await ownDb.drop();
  });

  it("reads what readStream reads, with the other query's rows, and declines a query on another database", async () => {
    const store = await SqlEventStore.open(database);
    const appended = await store.appendToStream('household-alongside', [
      { type: 'A', data: { n: 1 } },
      { type: 'B', data: { n: 2 }, metadata: { m: 'x' } },
    ]);
    const alongside = { database, sql: 'SELECT $1::text AS word, n FROM generate_series(1, 2) AS n', params: ['hi'] };

    const together = await store.readStreamAlongside('household-alongside', { fromVersion: 2 }, alongside);
    expect(together).toEqual({ ...(await store.readStream('household-alongside', { fromVersion: 2 })), alongside: [{ word: 'hi', n: 1 }, { word: 'hi', n: 2 }] });
    expect(together?.events).toEqual([appended.events[1]]);
    expect((await store.readStreamAlongside('household-alongside', {}, alongside))?.events).toEqual(appended.events);
    expect(await store.readStreamAlongside('household-none', {}, alongside)).toEqual({ exists: false, currentVersion: 0, events: [], alongside: [{ word: 'hi', n: 1 }, { word: 'hi', n: 2 }] });
    expect(await store.readStreamAlongside('household-alongside', {}, { ...alongside, database: other })).toBeUndefined();
  });
});

describe('SqlEventStore checkpoints of an older installation (PostgreSQL)', () => {
  let ownDb: TestDatabase;
  let database: PostgresDatabase;

  beforeAll(async () => {
    ownDb = await createTestDatabase();
    database = new PostgresDatabase({ connectionString: ownDb.url });
  });
  afterAll(async () => {
    await database.close();
    await ownDb.drop();
  });

  it('reads on from an untagged checkpoint (written before checkpoints named their store) when it names an event of this log', async () => {
    const store = await SqlEventStore.open(database);
    const { events } = await store.appendToStream('household-legacy', [1, 2, 3].map((n) => ({ type: 'A', data: { n } })));
    const untagged = events[0].checkpoint.replace(/^pg:/, '');
    expect(untagged).toMatch(/^\d+:\d+$/);

    const read = await store.readAll({ after: untagged });
    expect(read.events.map((e) => e.data.n)).toEqual([2, 3]);
    // The checkpoint it hands back is tagged, so the projections' tables move to the new form by themselves.
    expect(read.checkpoint).toBe(events[2].checkpoint);
    expect(read.checkpoint).toMatch(/^pg:/);
    // The same numbers one off name no event: refused, not read from a meaningless position.
    const [xid, position] = untagged.split(':');
    await expect(store.readAll({ after: `${xid}:${BigInt(position) + 1000n}` })).rejects.toBeInstanceOf(EventStoreUsageError);
  });
});
