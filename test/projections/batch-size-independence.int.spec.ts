import { randomUUID } from 'node:crypto';
import { decide } from '@casusregie/domain';
import { SqlEventStore } from '@casusregie/event-store';
import { HouseholdRepository, PersonalDataVault } from '@casusregie/households';
import { Projection, ProjectionRunner } from '@casusregie/projections';
import { allProjections } from '@casusregie/runtime';
import { GENERATOR_TODAY, generateHouseholds } from '@casusregie/seeds';
import { SqlDatabase } from '@casusregie/sql';
import { allProcessed, dumpReadModels, eventsProcessed, TEST_MASTER_KEY, ThrowAwayDatabases } from '@casusregie/test-support';

/**
 * The projections collect a batch's changes in memory and write them with one statement per table, so a batch must
 * come out as its events applied one at a time would. The same generated history (corrections and withdrawals
 * included) is applied one event per batch into one database and in batches of 1,000 into another, both set up
 * before it was written (so that the outbox notifies): both must have passed every event written, and every row of
 * the tables the projections rebuild, and the deliveries in `seq` order, must be the same.
 */
describe('projections give the same rows whatever the batch size (PostgreSQL, generated history)', () => {
  const databases = new ThrowAwayDatabases();
  const open = () => databases.open();
  afterAll(() => databases.dispose());

  it('one event per batch equals batches of 1,000', async () => {
    const events = await open();
    const store = await SqlEventStore.open(events);
    const personalData = await PersonalDataVault.open(events, TEST_MASTER_KEY);
    const projections = allProjections({ personalData });
    const [singleModels, largeModels] = [await open(), await open()];
    const single = new ProjectionRunner(singleModels, store);
    const large = new ProjectionRunner(largeModels, store);
    await single.prepare(projections);
    await large.prepare(projections);

    const repository = new HouseholdRepository(store, personalData);
    await generateHouseholds(repository, { households: 60, seed: 4242 });
    // The generator never adds a member to a household already registered: the directory takes such a member's
    // municipality, team and casusregisseur from the rows before it.
    const added = await addMembers(repository, events, 5);

    for (const projection of projections) {
      await single.catchUp(projection, 1);
      await large.catchUp(projection, 1000);
    }

    const { rows: logged } = await events.query<{ n: string }>('SELECT count(*)::text AS n FROM events');
    const written = Number(logged[0].n);
    expect(written).toBeGreaterThan(600);
    expect(await eventsProcessed(singleModels, projections)).toEqual(allProcessed(projections, written));
    expect(await eventsProcessed(largeModels, projections)).toEqual(allProcessed(projections, written));

    const expected = await dump(singleModels, projections);
    const actual = await dump(largeModels, projections);
    expect(expected.household_directory.length).toBeGreaterThan(60);
    expect(expected.notification_referrals.length).toBeGreaterThan(20);
    expect(expected.notification_deliveries.length).toBeGreaterThanOrEqual(expected.notification_referrals.length);
    for (const table of Object.keys(expected)) expect({ table, rows: actual[table] }).toEqual({ table, rows: expected[table] });
    const { rows: found } = await largeModels.query<{ member_id: string }>(
      'SELECT member_id::text FROM household_directory WHERE member_id = ANY($1::uuid[])',
      [added],
    );
    expect(found.map((row) => row.member_id).sort()).toEqual([...added].sort());
  });
});

/** Adds a member to each of the first `count` households, through decide and the repository; returns their ids. */
async function addMembers(repository: HouseholdRepository, events: SqlDatabase, count: number): Promise<string[]> {
  const { rows } = await events.query<{ stream_id: string }>(
    `SELECT stream_id FROM streams WHERE stream_id LIKE 'household-%' ORDER BY stream_id LIMIT $1`,
    [count],
  );
  const added: string[] = [];
  for (const { stream_id } of rows) {
    const householdId = stream_id.slice('household-'.length);
    const loaded = await repository.load(householdId);
    const member = {
      memberId: randomUUID(),
      givenName: 'Noor',
      familyName: 'Bakker',
      birthDate: '2001-03-04',
      role: 'other' as const,
      residenceIds: [loaded.state.residences[0].residenceId],
    };
    const decided = decide({ type: 'AddMember', occurredOn: GENERATOR_TODAY, member }, loaded.state, { today: GENERATOR_TODAY });
    const envelope = { actor: { id: 'c-test', role: 'consultant' as const }, municipality: loaded.state.municipality, correlationId: randomUUID() };
    await repository.append(householdId, decided, loaded.version, envelope, loaded);
    added.push(member.memberId);
  }
  return added;
}

/** The rebuilt tables, and the outbox (which a rebuild keeps, but two runners of one log must fill alike). */
async function dump(db: SqlDatabase, projections: readonly Projection[]): Promise<Record<string, string[]>> {
  const rows = async (sql: string) => (await db.query<{ row: string }>(sql)).rows.map((r) => r.row);
  return {
    ...(await dumpReadModels(db, projections)),
    // seq numbers the deliveries in the order of their events: the order, not the numbers, must agree.
    notification_deliveries: await rows(
      'SELECT json_build_array(id, agb_code, event_id, referral_id, payload, status)::text AS row FROM notification_deliveries ORDER BY seq',
    ),
  };
}
