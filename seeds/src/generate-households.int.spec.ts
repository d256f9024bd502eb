import { randomBytes } from 'node:crypto';
import { loadConfig } from '@casusregie/config';
import { HouseholdRepository } from '@casusregie/households';
import { ProjectionRunner } from '@casusregie/projections';
import { allProjections } from '@casusregie/runtime';
import { openStorage, Storage } from '@casusregie/storage';
import { createTestDatabase, TEST_MASTER_KEY, TestDatabase } from '@casusregie/test-support';
import { ComparableEvent, readComparableHistory } from './comparable-history';
import { generatedHouseholdId, generateHouseholds } from './generate-households';

/**
 * The generator through the real command path on PostgreSQL: the same seed gives the same events as read back
 * through the repository (stored bytes differ: personal data is sealed with random IVs, here even under another
 * master key), the history mixes the trajectory kinds of the sources, and its delays make some norm items late.
 */
describe('generated households (PostgreSQL)', () => {
  const databases: TestDatabase[] = [];
  const opened: Storage[] = [];

  async function freshStore(masterKey: string): Promise<{ storage: Storage; repository: HouseholdRepository }> {
    const database = await createTestDatabase();
    databases.push(database);
    const config = loadConfig({
      EVENT_STORE: 'postgres',
      DATABASE_URL: database.url,
      AUTH_JWT_SECRET: 'generator-test-secret-0123456789abcdef',
      PERSONAL_DATA_MASTER_KEY: masterKey,
    });
    const storage = await openStorage(config);
    opened.push(storage);
    return { storage, repository: new HouseholdRepository(storage.eventStore, storage.personalData) };
  }
  const idsOf = (seed: number, households: number) => Array.from({ length: households }, (_, index) => generatedHouseholdId(seed, index));

  afterAll(async () => {
    for (const storage of opened) await storage.close();
    for (const database of databases) await database.drop();
  });

  it('writes the same events for the same seed, side by side or one command per append', async () => {
    const first = await freshStore(TEST_MASTER_KEY);
    const second = await freshStore(randomBytes(32).toString('base64'));
    const batched = await generateHouseholds(first.repository, { households: 40, seed: 7, concurrency: 8 });
    const perCommand = await generateHouseholds(second.repository, { households: 40, seed: 7, concurrency: 1, appendPerCommand: true });

    expect(perCommand).toEqual(batched);
    expect(batched.events).toBeGreaterThan(300);
    const expected = await readComparableHistory(first.repository, idsOf(7, 40));
    const actual = await readComparableHistory(second.repository, idsOf(7, 40));
    expect(actual.flat()).toHaveLength(batched.events);
    expect(actual).toEqual(expected);

    // Another seed is other households with other histories.
    await generateHouseholds(second.repository, { households: 5, seed: 8 });
    const other = await readComparableHistory(second.repository, idsOf(8, 5));
    expect(other.map(withoutIds)).not.toEqual(expected.slice(0, 5).map(withoutIds));
  });

  it('mixes the trajectory kinds of the sources, with some items of every norm on time and some late', async () => {
    const { storage, repository } = await freshStore(TEST_MASTER_KEY);
    await generateHouseholds(repository, { households: 250, seed: 11 });
    const events = (await readComparableHistory(repository, idsOf(11, 250))).flat();

    const legalBases = new Set(events.filter((e) => e.type === 'TrajectoryOpened').map((e) => (e.data as { legalBasis: string }).legalBasis));
    expect([...legalBases].sort()).toEqual(['jeugdwet', 'wet-inburgering-2021', 'wmo-2015']);
    const types = new Set(events.map((e) => e.type));
    const kinds = {
      wmo: ['TriageCompleted', 'ReferralMade', 'ReferralAccepted', 'ReferralDeclined', 'CareStarted'],
      ggz: ['ExploratoryConversationRequested', 'ExploratoryConversationHeld', 'TrajectoryRestricted'],
      inburgering: ['PipEstablished', 'PipAmended', 'LearningRouteStarted'],
      waakvlam: ['SupportScaledUp', 'CareEnded', 'SupportScaledDown', 'WaakvlamStarted', 'WaakvlamContactRecorded', 'WaakvlamEnded'],
      corrections: ['EventWithdrawn', 'EventCorrected', 'PlanAgreed', 'PlanRevised'],
    };
    for (const [kind, expected] of Object.entries(kinds)) expect({ kind, missing: expected.filter((type) => !types.has(type)) }).toEqual({ kind, missing: [] });
    // Youth to adult support: a Jeugdwet trajectory closed as transferred while a Wmo one goes on for the same member.
    const transferred = events.filter((e) => e.type === 'TrajectoryClosed' && (e.data as { reason: string }).reason === 'transferred');
    expect(transferred.length).toBeGreaterThan(0);
    // Maatwerk goes to the regional registry's providers.
    const maatwerk = events.filter((e) => e.type === 'ReferralMade' && (e.data as { category: string }).category === 'maatwerk');
    expect(new Set(maatwerk.map((e) => (e.data as { organisation: { agbCode: string } }).organisation.agbCode)).size).toBe(5);

    const projections = allProjections(storage);
    const runner = new ProjectionRunner(storage.readModels, storage.eventStore);
    await runner.prepare(projections);
    for (const projection of projections) await runner.catchUp(projection);
    const { rows } = await storage.readModels.query<{ norm_id: string; on_time: string; late: string }>(
      `SELECT norm_id, count(*) FILTER (WHERE stop_date <= deadline)::text AS on_time, count(*) FILTER (WHERE stop_date > deadline)::text AS late
         FROM rm_norm_items WHERE deadline IS NOT NULL GROUP BY norm_id ORDER BY norm_id`,
    );
    const withDeadlines = ['melding-intake', 'pip-leerroute-2m', 'provider-answer-5wd', 'verkennend-gesprek-4w', 'waakvlam-contact-due', 'wmo-onderzoek-6w'];
    for (const norm of withDeadlines) {
      const row = rows.find((r) => r.norm_id === norm);
      expect({ norm, onTime: Number(row?.on_time ?? 0) > 0, late: Number(row?.late ?? 0) > 0 }).toEqual({ norm, onTime: true, late: true });
    }
  });
});

function withoutIds(history: ComparableEvent[]) {
  return history.map(({ type, occurredOn }) => ({ type, occurredOn }));
}
