import { PostgresDatabase } from '@casusregie/sql';
import { createTestDatabase, TestDatabase } from '@casusregie/test-support';
import { eventStoreContract } from '../testing/event-store-contract';
import { SqlEventStore } from './sql-event-store';

let testDb: TestDatabase;
let db: PostgresDatabase;

eventStoreContract('PostgreSQL', {
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
