import { isDeepStrictEqual } from 'node:util';
import {
  evolve,
  HouseholdState,
  initialHouseholdState,
  MunicipalityNorms,
  NormSettings,
  NormSettingsChange,
  RecordedHouseholdEvent,
  settingsOf,
  shippedNorm,
} from '@casusregie/domain';
import { SqlEventStore } from '@casusregie/event-store';
import { HouseholdRepository, householdEventOf, householdStreamId, PersonalDataVault } from '@casusregie/households';
import { HouseholdItemRows, itemRowId, NormItemRow, normItemRows } from '@casusregie/projections';
import { generatedHouseholdId, generateHouseholds } from '@casusregie/seeds';
import { PostgresDatabase } from '@casusregie/sql';
import { createTestDatabase, TEST_MASTER_KEY, TestDatabase } from '@casusregie/test-support';

/**
 * The projection follows a household's norm items event by event, recomputing only what an event can change
 * (HouseholdItemRows). On generated histories (corrections and withdrawals included, two municipalities' norm
 * settings), after every event its rows must be `normItemRows` of the whole state, and the changes it reports (which
 * become the history rows that "knownAt" queries read) those of comparing the full rows before and after.
 */
describe('HouseholdItemRows equals normItemRows of the full state after every event (generated households)', () => {
  let testDb: TestDatabase;
  let db: PostgresDatabase;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = new PostgresDatabase({ connectionString: testDb.url });
  });
  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  it('keeps the same rows and reports the same changes', async () => {
    const store = await SqlEventStore.open(db);
    const repository = new HouseholdRepository(store, await PersonalDataVault.open(db, TEST_MASTER_KEY));
    await generateHouseholds(repository, { households: 40, seed: 71 });
    // GM0226 starts the verkennend-gesprek clock on a date field of the start event instead of its occurredOn.
    await generateHouseholds(repository, { households: 40, seed: 72, municipality: 'GM0226' });

    // Read stream by stream: readAll holds back events while any older transaction of the cluster is open.
    const streams: RecordedHouseholdEvent[][] = [];
    for (const [seed, count] of [[71, 40], [72, 40]]) {
      for (let index = 0; index < count; index++) {
        const { events } = await store.readStream(householdStreamId(generatedHouseholdId(seed, index)));
        streams.push(events.map(householdEventOf));
      }
    }
    expect(streams.every((stream) => stream.length > 0)).toBe(true);

    let events = 0;
    let corrections = 0;
    let changes = 0;
    for (const stream of streams) {
      let state: HouseholdState = initialHouseholdState();
      const tracked = new HouseholdItemRows(state, normsOf(state.municipality));
      for (const event of stream) {
        const before = state;
        state = evolve(before, event);
        const reported = tracked.apply(before, state, event, normsOf);
        const expected = fullDiff(normItemRows(before, { normsOf }), normItemRows(state, { normsOf }));

        expect(byId(tracked.rows())).toEqual(byId(normItemRows(state, { normsOf })));
        expect({ changed: byId(reported.changed), removed: byId(reported.removed) }).toEqual(expected);
        events++;
        if (event.type === 'EventCorrected' || event.type === 'EventWithdrawn') corrections++;
        changes += reported.changed.length + reported.removed.length;
      }
    }
    // The histories are long enough to mean something, and corrections were among them.
    expect(events).toBeGreaterThan(600);
    expect(corrections).toBeGreaterThan(3);
    expect(changes).toBeGreaterThan(events / 2);
  });
});

/**
 * GM0299 with changed settings, so that items of one norm follow two versions: the verkennend gesprek on 21 days from
 * 2025-07-01, and the PIP norm switched off from 2026-01-01.
 */
function normsOf(municipality: string): MunicipalityNorms {
  if (municipality !== 'GM0299') return new MunicipalityNorms(municipality);
  const change = (normId: string, effectiveFrom: string, position: string, settings: Partial<NormSettings>): NormSettingsChange => ({
    municipality,
    normId,
    effectiveFrom,
    settings: { ...settingsOf(shippedNorm(normId)), ...settings },
    reason: 'test',
    author: 'admin-1',
    recordedAt: '2026-01-01T00:00:00Z',
    version: Number(position),
    position,
  });
  return new MunicipalityNorms(municipality, [
    change('verkennend-gesprek-4w', '2025-07-01', '1', { duration: 'P21D' }),
    change('pip-leerroute-2m', '2026-01-01', '2', { enabled: false }),
  ]);
}

/** Rows sorted by their key, so that lists compare regardless of the order they were made in. */
function byId(rows: readonly NormItemRow[]): NormItemRow[] {
  return [...rows].sort((a, b) => (itemRowId(a) < itemRowId(b) ? -1 : 1));
}

/** The changes as the projection computed them before: every row of the household, before against after. */
function fullDiff(before: NormItemRow[], after: NormItemRow[]): { changed: NormItemRow[]; removed: NormItemRow[] } {
  const previous = new Map(before.map((row) => [itemRowId(row), row]));
  const next = new Set(after.map(itemRowId));
  return {
    changed: byId(after.filter((row) => !isDeepStrictEqual(previous.get(itemRowId(row)), row))),
    removed: byId(before.filter((row) => !next.has(itemRowId(row)))),
  };
}
