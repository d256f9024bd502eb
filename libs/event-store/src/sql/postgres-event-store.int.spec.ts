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
