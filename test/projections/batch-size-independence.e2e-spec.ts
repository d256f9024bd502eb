import { SqlEventStore } from '@casusregie/event-store';
import { HouseholdRepository, PersonalDataVault } from '@casusregie/households';
import { ProjectionRunner } from '@casusregie/projections';
import { allProjections } from '@casusregie/runtime';
import { generateHouseholds } from '@casusregie/seeds';
import { PostgresDatabase, SqlDatabase } from '@casusregie/sql';
import { createTestDatabase, dumpReadModels, TEST_MASTER_KEY, TestDatabase } from '@casusregie/test-support';

/**
 * The projections collect a batch's changes in memory and write them with one statement per table, so a batch must
 * come out as its events applied one at a time would. The same generated history (corrections and withdrawals
 * included) is applied one event per batch into one database and in batches of 1,000 into another, both set up
 * before it was written (so that the outbox notifies): every read-model row, the notification memory and the
 * deliveries in `seq` order must be the same.
 */
describe('projections give the same rows whatever the batch size (PostgreSQL, generated history)', () => {
  const databases: TestDatabase[] = [];
  const connections: PostgresDatabase[] = [];
  const open = async () => {
    const database = await createTestDatabase();
    databases.push(database);
    const connection = new PostgresDatabase({ connectionString: database.url });
    connections.push(connection);
    return connection;
  };
  afterAll(async () => {
    for (const connection of connections) await connection.close();
    for (const database of databases) await database.drop();
  });

  it('one event per batch equals batches of 1,000', async () => {
    const events = await open();
    const store = await SqlEventStore.open(events);
    const personalData = await PersonalDataVault.open(events, TEST_MASTER_KEY);
    const projections = allProjections({ personalData });
    const single = new ProjectionRunner(await open(), store);
    const large = new ProjectionRunner(await open(), store);
    await single.prepare(projections);
    await large.prepare(projections);

    await generateHouseholds(new HouseholdRepository(store, personalData), { households: 60, seed: 4242 });
    for (const projection of projections) {
      await single.catchUp(projection, 1);
      await large.catchUp(projection, 1000);
    }

    const expected = await dump(connections[1]);
    const actual = await dump(connections[2]);
    expect(expected.household_directory.length).toBeGreaterThan(60);
    expect(expected.notification_referrals.length).toBeGreaterThan(20);
    expect(expected.notification_deliveries.length).toBeGreaterThanOrEqual(expected.notification_referrals.length);
    for (const table of Object.keys(expected)) expect({ table, rows: actual[table] }).toEqual({ table, rows: expected[table] });
  });
});

async function dump(db: SqlDatabase): Promise<Record<string, string[]>> {
  const rows = async (sql: string) => (await db.query<{ row: string }>(sql)).rows.map((r) => r.row);
  return {
    ...(await dumpReadModels(db)),
    notification_referrals: await rows('SELECT row_to_json(t)::text AS row FROM notification_referrals t ORDER BY referral_id'),
    // seq numbers the deliveries in the order of their events: the order, not the numbers, must agree.
    notification_deliveries: await rows(
      'SELECT json_build_array(id, agb_code, event_id, referral_id, payload, status)::text AS row FROM notification_deliveries ORDER BY seq',
    ),
  };
}
