import { normsFor } from '@casusregie/domain';
import { SqlEventStore } from '@casusregie/event-store';
import { HouseholdRepository, PersonalDataVault } from '@casusregie/households';
import { GROUP_BY, householdReadModelsProjection, NormItemStore, ProjectionRunner, TallyQuery } from '@casusregie/projections';
import { GENERATOR_TODAY, generateHouseholds } from '@casusregie/seeds';
import { SqlDatabase } from '@casusregie/sql';
import { TEST_MASTER_KEY, ThrowAwayDatabases } from '@casusregie/test-support';

const MUNICIPALITY = 'GM0299';
const deadlineNorms = normsFor(MUNICIPALITY).filter((norm) => norm.kind === 'deadline');

/** As-of dates: before and inside the histories, a month's first and last day, GENERATOR_TODAY, after them. */
const AS_OF_DATES = ['2024-12-31', '2025-06-06', '2026-03-01', '2026-04-30', GENERATOR_TODAY, '2026-12-01', '2027-06-30'];
/** Periods: whole years, partial first and last months, one month, one day, none of whole months, after the data. */
const PERIODS = [
  { from: '2024-01-01', to: '2026-12-31' },
  { from: '2025-01-15', to: '2026-11-10' },
  { from: '2025-03-01', to: '2025-03-31' },
  { from: '2025-07-02', to: '2025-07-30' },
  { from: '2026-11-23', to: '2026-11-23' },
  { from: '2027-01-01', to: '2027-12-31' },
];

/**
 * rm_norm_item_tallies (norm-item-tallies.ts) follows rm_norm_items by triggers, and NormItemStore.tallies takes the
 * settled items of whole months from it. Over generated histories (corrected dates, withdrawn referrals, items
 * removed, providers), applied incrementally in batches of 1, 7 and 1,000 events, then rebuilt through the shadow
 * schema and caught up again, and after direct changes of team, provider and dates: after every step the table must
 * equal a count of rm_norm_items, and tallies must give what judging every item gives (itemByItem), for every deadline
 * norm, grouping, as-of date, period and filter.
 */
describe('compliance counts from rm_norm_item_tallies equal the item-by-item counts (PostgreSQL, generated history)', () => {
  const databases = new ThrowAwayDatabases();
  const open = () => databases.open();
  afterAll(() => databases.dispose());

  it('after incremental batches of any size, a rebuild, more history and direct changes', async () => {
    const events = await open();
    const store = await SqlEventStore.open(events);
    const personalData = await PersonalDataVault.open(events, TEST_MASTER_KEY);
    const repository = new HouseholdRepository(store, personalData);
    const projection = householdReadModelsProjection(personalData);
    const readModels = await Promise.all([1, 7, 1000].map(async (batchSize) => ({ batchSize, db: await open() })));
    const runners = readModels.map(({ batchSize, db }) => ({ batchSize, db, runner: new ProjectionRunner(db, store) }));
    for (const { runner } of runners) await runner.prepare([projection]);

    for (let round = 0; round < 3; round++) {
      await generateHouseholds(repository, { households: 25, seed: 7100 + round, municipality: MUNICIPALITY });
      for (const { runner, batchSize, db } of runners) {
        await runner.catchUp(projection, batchSize);
        await expectSummaryOfItems(db, `round ${round}, batches of ${batchSize}`);
      }
    }
    const [single, , large] = runners;
    await expectTalliesOfItems(single.db, 'batches of 1');
    await expectTalliesOfItems(large.db, 'batches of 1,000');

    // The data had items removed (a withdrawn referral's items, or a corrected date that moves one out) and counts
    // taken out again, so the removal path of the triggers was exercised.
    const { rows: removed } = await large.db.query<{ n: number }>('SELECT count(*)::integer AS n FROM rm_norm_item_history WHERE deleted');
    expect(removed[0].n).toBeGreaterThan(0);

    // A rebuild makes the tables in a shadow schema and swaps them in: the triggers must still count afterwards.
    await large.runner.rebuild(projection, undefined, 1000);
    await expectSummaryOfItems(large.db, 'rebuilt');
    await generateHouseholds(repository, { households: 20, seed: 7200, municipality: MUNICIPALITY });
    await large.runner.catchUp(projection, 50);
    await expectSummaryOfItems(large.db, 'caught up after the rebuild');
    await expectTalliesOfItems(large.db, 'caught up after the rebuild');

    // Whatever else writes rm_norm_items: a team moved, a provider changed, dates changed, items deleted.
    await large.db.query(`UPDATE rm_norm_items SET team = 'T9' WHERE household_id IN (SELECT household_id FROM rm_households ORDER BY household_id LIMIT 10)`);
    await large.db.query(`UPDATE rm_norm_items SET provider = 'other' WHERE provider IS NOT NULL AND item_key LIKE '%1%'`);
    await large.db.query(`UPDATE rm_norm_items SET stop_date = NULL WHERE stop_date IS NOT NULL AND household_id::text LIKE '%a'`);
    await large.db.query(`UPDATE rm_norm_items SET stop_date = start_date + 40 WHERE household_id::text LIKE '%b'`);
    await large.db.query(`DELETE FROM rm_norm_items WHERE household_id::text LIKE '%c'`);
    await expectSummaryOfItems(large.db, 'changed directly');
    await expectTalliesOfItems(large.db, 'changed directly');
  }, 300_000);
});

/** The table holds, for every key, the number of items with it, and no key without items. */
async function expectSummaryOfItems(db: SqlDatabase, step: string): Promise<void> {
  const key = `municipality, norm_id, to_char(start_month, 'YYYY-MM-DD') AS start_month, team, provider,
    to_char(settled_month, 'YYYY-MM-DD') AS settled_month, status, waiting_days`;
  const { rows: summary } = await db.query(`SELECT ${key}, n FROM rm_norm_item_tallies ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`);
  const { rows: counted } = await db.query(
    `SELECT ${key}, count(*)::integer AS n
       FROM (SELECT municipality, norm_id, date_trunc('month', start_date)::date AS start_month, team, provider,
                    date_trunc('month', greatest(start_date, deadline + 1, excluded_on, stop_date))::date AS settled_month,
                    CASE WHEN stop_date IS NOT NULL THEN CASE WHEN deadline IS NULL OR stop_date <= deadline THEN 'on-time' ELSE 'late' END
                         WHEN excluded_on IS NOT NULL AND (deadline IS NULL OR excluded_on <= deadline) THEN 'excluded'
                         WHEN deadline IS NOT NULL THEN 'late'
                         ELSE 'pending' END AS status,
                    stop_date - start_date AS waiting_days
               FROM rm_norm_items) AS items
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`,
  );
  expect(counted.length).toBeGreaterThan(100);
  expect({ step, summary }).toEqual({ step, summary: counted });
}

/** tallies from the summary equals tallies judged item by item, over norms, groupings, as-of dates, periods, filters. */
async function expectTalliesOfItems(db: SqlDatabase, step: string): Promise<void> {
  const store = new NormItemStore(db);
  const { rows: filters } = await db.query<{ team: string | null; provider: string | null }>(
    `(SELECT DISTINCT team, NULL AS provider FROM rm_norm_items ORDER BY team LIMIT 2)
     UNION ALL (SELECT DISTINCT NULL, provider FROM rm_norm_items WHERE provider IS NOT NULL ORDER BY provider LIMIT 2)`,
  );
  expect(filters.length).toBe(4);
  let summarised = 0;
  let excludedLate = 0;
  for (const norm of deadlineNorms) {
    for (const asOf of AS_OF_DATES) {
      // Every grouping over the widest period, every period by quarter, every filter over partial months.
      const queries: TallyQuery[] = [
        ...GROUP_BY.map((groupBy) => ({ ...PERIODS[0], asOf, groupBy })),
        ...PERIODS.map((period) => ({ ...period, asOf, groupBy: 'quarter' as const })),
        ...filters.map(({ team, provider }) => ({ ...PERIODS[1], asOf, groupBy: 'month' as const, team: team ?? undefined, provider: provider ?? undefined })),
      ];
      for (const query of queries) {
        const actual = await store.tallies(MUNICIPALITY, norm, query);
        const expected = await store.tallies(MUNICIPALITY, norm, { ...query, itemByItem: true });
        expect({ step, norm: norm.id, query, tallies: actual }).toEqual({ step, norm: norm.id, query, tallies: expected });
        if (norm.calendar === 'calendar-days' && asOf === GENERATOR_TODAY) {
          summarised += expected.length;
          excludedLate += expected.reduce((sum, [, tally]) => sum + tally.excludedLate, 0);
        }
      }
    }
  }
  // Compared were reports with groups in them, and the summary had counts to give (not only items judged one by one).
  expect(summarised).toBeGreaterThan(100);
  // Among them late items that an exclusion after the deadline ended, which the summary counts as plain late.
  expect(excludedLate).toBeGreaterThan(10);
  const { rows: settled } = await db.query<{ n: number }>(
    `SELECT coalesce(sum(n), 0)::integer AS n FROM rm_norm_item_tallies WHERE settled_month < date_trunc('month', $1::date)`,
    [GENERATOR_TODAY],
  );
  expect(settled[0].n).toBeGreaterThan(100);
}
