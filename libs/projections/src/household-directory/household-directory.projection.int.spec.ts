import { randomBytes } from 'node:crypto';
import { SqlEventStore } from '@casusregie/event-store';
import { HouseholdRepository, PersonalDataVault } from '@casusregie/households';
import { PostgresDatabase } from '@casusregie/sql';
import { ThrowAwayDatabases } from '@casusregie/test-support';
import { ev, HADDAD_MEMBERS, HOUSEHOLD_ID } from '@casusregie/domain/testing/household-fixtures';
import { ProjectionRunner } from '../projection-runner';
import { householdDirectoryProjection, nameKey } from './household-directory.projection';

/** Gezin Haddad with member ids as the API makes them (the directory keeps them as uuids). */
const MEMBERS = HADDAD_MEMBERS.map((member, i) => ({ ...member, memberId: `0f9b4c1e-0000-4000-8000-00000000000${i}` }));
const YUSUF = MEMBERS[0];

// The projection above the stores, on PostgreSQL (a PGlite start costs seconds); test/projections/parked-events.e2e
// runs it on PGlite, where the keys are read in the projection's own transaction.
describe('household directory: keyed hashes and sealed names, never the values themselves', () => {
  const databases = new ThrowAwayDatabases();
  let db: PostgresDatabase;
  let vault: PersonalDataVault;
  let runner: ProjectionRunner;

  beforeAll(async () => {
    db = await databases.open();
    vault = await PersonalDataVault.open(db, randomBytes(32).toString('base64'));
    const store = await SqlEventStore.open(db);
    runner = new ProjectionRunner(db, store);
    // Sealed on the way in, as the API records it.
    await new HouseholdRepository(store, vault).append(HOUSEHOLD_ID, [ev.householdRegistered(undefined, MEMBERS)], 0, {
      actor: { id: 'u-1', role: 'consultant' },
      municipality: 'GM0299',
      correlationId: 'c-1',
    });
  });
  afterAll(() => databases.dispose());

  it('keeps what a member is found by as keyed hashes, and what a search shows sealed', async () => {
    const directory = householdDirectoryProjection(vault);
    await runner.prepare([directory]);
    await runner.catchUp(directory);
    const { rows } = await db.query<Record<string, string>>('SELECT * FROM household_directory WHERE member_id = $1', [YUSUF.memberId]);
    expect(rows[0]).toMatchObject({
      given_name: expect.stringMatching(/^pd2:member:/),
      family_name: expect.stringMatching(/^pd2:member:/),
      birth_date: expect.stringMatching(/^pd2:member:/),
      family_name_key: vault.searchKey('familyName', nameKey(YUSUF.familyName)),
      bsn_key: vault.searchKey('bsn', YUSUF.bsn as string),
    });
    const { rows: all } = await db.query<{ row: string }>('SELECT t::text AS row FROM household_directory t');
    const text = all.map((r) => r.row).join('\n');
    for (const value of MEMBERS.flatMap((m) => [m.givenName, m.familyName, m.birthDate, m.bsn as string])) expect(text).not.toContain(value);
  });

  it('after an upgrade from the clear-text directory, empties it and says a rebuild is needed until one has run', async () => {
    const directory = householdDirectoryProjection(vault);
    const before = await databases.open();
    // The directory as the version before built it: migrations 1 and 2, no settings, a row in the clear.
    const store = await SqlEventStore.open(before);
    const old = new ProjectionRunner(before, store);
    await old.prepare([{ ...directory, migrations: directory.migrations.filter((m) => m.version <= 2), settings: undefined }]);
    await before.query(
      `INSERT INTO household_directory VALUES ($1, $2, 'GM0299', 'T1', 'Yusuf', 'Haddad', 'yusuf', 'haddad', '1996-05-02', '314159265', 'active', $1, NULL, NULL)`,
      [HOUSEHOLD_ID, YUSUF.memberId],
    );
    const upgraded = new ProjectionRunner(before, store);
    await upgraded.prepare([directory]);
    expect((await before.query('SELECT * FROM household_directory')).rows).toEqual([]);
    expect(await upgraded.needingRebuild([directory])).toEqual(['household-directory']);
    await upgraded.rebuild(directory);
    expect(await upgraded.needingRebuild([directory])).toEqual([]);
    // A fresh database is built with the code's settings from the start.
    expect(await runner.needingRebuild([directory])).toEqual([]);
  });
});
