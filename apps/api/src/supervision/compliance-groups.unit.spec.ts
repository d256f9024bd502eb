import fc from 'fast-check';
import { NormDefinition, shippedNorm, StatusTally } from '@casusregie/domain';
import { GROUP_BY, SupervisedItem } from '@casusregie/projections';
import { countGroups, deadlineGroups } from './supervision.service';

/**
 * The API's compliance figures follow the norm definition they are given, through the code the endpoint runs
 * (deadlineGroups): change a norm's target, its year or its deadline in libs/domain and the figures change with it.
 * The expectations are read off the generated definition, never written down.
 */
describe('compliance groups follow the norm definition', () => {
  const tally: StatusTally = { onTime: 3, late: 1, pending: 0, excluded: 0, excludedLate: 0, stoppedWaitingDays: [10, 20, 30, 40] };
  const period = { from: '2025-01-01', to: '2026-12-31' };
  const groupsOf = (groupBy: (typeof GROUP_BY)[number]) =>
    ({ year: ['2025', '2026'], quarter: ['2025-Q4', '2026-Q1'], month: ['2025-12', '2026-01'], team: ['team-a'], provider: ['unknown'] })[groupBy];

  it('reports the target exactly for the groups whose cohort lies within the target year, and a percentage only with a deadline', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...GROUP_BY),
        fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
        fc.option(fc.constantFrom(2025, 2026), { nil: undefined }),
        fc.boolean(),
        fc.boolean(),
        (groupBy, percentage, year, wholePeriodInYear, withDeadline) => {
          const base = shippedNorm('pip-leerroute-2m');
          const norm: NormDefinition = { ...base, target: percentage === undefined ? undefined : { percentage, year }, duration: withDeadline ? base.duration : undefined };
          const cohort = wholePeriodInYear ? { from: '2026-01-01', to: '2026-12-31' } : period;
          // Only groups the period can have: a report counts items that start within it.
          const inPeriod = groupsOf(groupBy).filter((group) => groupBy === 'team' || groupBy === 'provider' || group.slice(0, 4) >= cohort.from.slice(0, 4));
          const groups = deadlineGroups(norm, inPeriod.map((group) => [group, tally]), groupBy, cohort);
          expect(groups).toHaveLength(inPeriod.length);
          for (const figures of groups) {
            const groupYears = groupBy === 'team' || groupBy === 'provider' ? [cohort.from.slice(0, 4), cohort.to.slice(0, 4)] : [figures.group.slice(0, 4)];
            const applies = percentage !== undefined && (year === undefined || groupYears.every((y) => y === String(year)));
            expect(figures.target).toBe(applies ? percentage : null);
            expect(figures.percentage).toBe(withDeadline ? 75 : null);
          }
        },
      ),
    );
  });

  it('gives pip-leerroute-2m its 2026 target when grouped by team over 2026 (was null: the target year was read off the group key)', () => {
    const [team] = deadlineGroups(shippedNorm('pip-leerroute-2m'), [['team-a', tally]], 'team', { from: '2026-01-01', to: '2026-12-31' });
    expect(team.target).toBe(shippedNorm('pip-leerroute-2m').target?.percentage);
  });
});

/** wijk-ggd-referrals (K3: at least 40 a year) through the code the endpoint runs for a count norm (countGroups). */
describe('count groups: the yearly minimum and the forecast belong to a year (issue 19)', () => {
  const norm = shippedNorm('wijk-ggd-referrals');
  const referral = (startDate: string, team = 'wijk-a'): SupervisedItem => ({
    normId: norm.id,
    itemKey: `r-${startDate}-${team}`,
    startEventId: `e-${startDate}-${team}`,
    trajectoryId: 't-1',
    householdId: 'h-1',
    suspendedDays: 0,
    team,
    coordinatorId: null,
    startDate,
  });
  const items = [referral('2026-01-10'), referral('2026-02-03'), referral('2026-02-20', 'wijk-b'), referral('2026-03-31')];
  const year2026 = { from: '2026-01-01', to: '2026-12-31', asOf: '2026-03-31' };

  it('gives a running year the minimum, met and the run-rate forecast (4 × 365 / 90 days)', () => {
    expect(countGroups(norm, items, 'year', year2026, {})).toEqual([
      { group: '2026', count: 4, distinctPersons: 0, minimumCount: 40, met: false, forecast: 16.2, provisional: true },
    ]);
    // Over: no forecast.
    expect(countGroups(norm, items, 'year', { ...year2026, asOf: '2027-01-05' }, {})).toEqual([expect.objectContaining({ minimumCount: 40, forecast: null, provisional: false })]);
  });

  it('holds no month or quarter to the yearly minimum, and forecasts none (was met: false against 40 for each month)', () => {
    const months = countGroups(norm, items, 'month', year2026, {});
    expect(months.map(({ group, count }) => [group, count])).toEqual([['2026-01', 1], ['2026-02', 2], ['2026-03', 1]]);
    for (const group of [...months, ...countGroups(norm, items, 'quarter', year2026, {})]) {
      expect(group).toMatchObject({ minimumCount: null, met: null, forecast: null });
    }
    expect(months.map((group) => group.provisional)).toEqual([false, false, false]);
  });

  it('holds neither a team group, a filtered count nor part of a year to the municipality’s yearly minimum', () => {
    expect(countGroups(norm, items, 'team', year2026, {})).toEqual([
      expect.objectContaining({ group: 'wijk-a', count: 3, minimumCount: null, met: null, forecast: null }),
      expect.objectContaining({ group: 'wijk-b', count: 1, minimumCount: null, met: null, forecast: null }),
    ]);
    const teamA = items.filter((item) => item.team === 'wijk-a');
    expect(countGroups(norm, teamA, 'year', year2026, { team: 'wijk-a' })).toEqual([expect.objectContaining({ count: 3, minimumCount: null, met: null, forecast: 12.2 })]);
    expect(countGroups(norm, items, 'year', { ...year2026, from: '2026-02-01' }, {})).toEqual([expect.objectContaining({ minimumCount: null, met: null, forecast: null })]);
  });
});
