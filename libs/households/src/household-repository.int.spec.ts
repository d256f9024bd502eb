import { randomBytes } from 'node:crypto';
import { cmd, HOUSEHOLD_ID, T_YUSUF_GGZ, TODAY } from '@casusregie/domain/testing/household-fixtures';
import { SqlEventStore } from '@casusregie/event-store';
import { PGliteDatabase, PostgresDatabase } from '@casusregie/sql';
import { createTestDatabase, openInMemoryPGlite, TestDatabase } from '@casusregie/test-support';
import { HouseholdCommandHandler } from './household-command-handler';
import { HouseholdRepository } from './household-repository';
import { PersonalDataVault } from './personal-data';

const MASTER_KEY = randomBytes(32).toString('base64');
const options = { actor: { id: 'u-ivanka', role: 'consultant' }, correlationId: 'c-1' };
/** No key kept between commands: what each load reads is what it had to read. */
const NO_KEY_CACHE = { ttlMs: 0, maxEntries: 0 };

describe('HouseholdRepository.load where the events and the keys share a PostgreSQL database', () => {
  let testDb: TestDatabase;
  let db: PostgresDatabase;
  let events: PGliteDatabase;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = new PostgresDatabase({ connectionString: testDb.url });
    events = await openInMemoryPGlite();
  });
  afterAll(async () => {
    await events.close();
    await db.close();
    await testDb?.drop();
  });

  it('reads the stream and its data keys in one statement, and in two where the events are in another database', async () => {
    const vault = await PersonalDataVault.open(db, MASTER_KEY, NO_KEY_CACHE);
    for (const store of [await SqlEventStore.open(db), await SqlEventStore.open(events)]) {
      const repository = new HouseholdRepository(store, vault);
      const handler = new HouseholdCommandHandler({ repository, context: () => ({ today: TODAY }), contracts: async () => undefined });
      await handler.handle(HOUSEHOLD_ID, cmd.registerHousehold(), options);
      await handler.handle(HOUSEHOLD_ID, cmd.openTrajectory(T_YUSUF_GGZ, '2026-04-15'), options);

      const statements = [jest.spyOn(db, 'query'), jest.spyOn(events, 'query')];
      const loaded = await repository.load(HOUSEHOLD_ID);
      const count = statements.reduce((sum, spy) => sum + spy.mock.calls.length, 0);
      statements.forEach((spy) => spy.mockRestore());

      expect(count).toBe(store.kind === 'postgres' ? 1 : 2);
      expect(loaded.version).toBe(2);
      expect(loaded.state.members[0].givenName).toBe(cmd.registerHousehold().members[0].givenName);
    }
  });
});
