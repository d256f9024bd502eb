import { ConfigError } from '@casusregie/config';
import { SqlEventStore } from '@casusregie/event-store';
import { PostgresDatabase } from '@casusregie/sql';
import { createTestDatabase, TestDatabase } from '@casusregie/test-support';
import { checkReadModelsMatchEventStore } from './check-read-models-match-event-store';
import { Storage } from './open-storage';

describe('checkReadModelsMatchEventStore (PostgreSQL)', () => {
  let testDb: TestDatabase;
  let db: PostgresDatabase;
  let storage: Storage;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = new PostgresDatabase({ connectionString: testDb.url });
    // Only the two stores are read.
    storage = { eventStore: await SqlEventStore.open(db), readModels: db } as unknown as Storage;
  });
  afterAll(async () => {
    await db.close();
    await testDb.drop();
  });

  it('lets a first start through: no checkpoints yet', async () => {
    await expect(checkReadModelsMatchEventStore(storage)).resolves.toBeUndefined();
  });

  it("lets read models through whose checkpoints are this store's", async () => {
    const { events } = await storage.eventStore.appendToStream('household-check', [{ type: 'A', data: {} }]);
    await db.query('CREATE TABLE projection_checkpoints (projection text PRIMARY KEY, checkpoint text)');
    await db.query("INSERT INTO projection_checkpoints VALUES ('a', $1), ('b', NULL)", [events[0].checkpoint]);
    await expect(checkReadModelsMatchEventStore(storage)).resolves.toBeUndefined();
  });

  it('refuses read models made from another event store (EventStoreDB checkpoints), naming the way out', async () => {
    await db.query("INSERT INTO projection_checkpoints VALUES ('c', 'esdb:4096:4096')");
    const refused = checkReadModelsMatchEventStore(storage);
    await expect(refused).rejects.toBeInstanceOf(ConfigError);
    await expect(refused).rejects.toThrow(/^EVENT_STORE: the read models were made from another event store .*\(npm run projections:rebuild\)$/);
  });
});
