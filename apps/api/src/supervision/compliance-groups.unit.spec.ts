import fc from 'fast-check';
import { NormDefinition, shippedNorm, StatusTally } from '@casusregie/domain';
import { GROUP_BY } from '@casusregie/projections';
import { deadlineGroups } from './supervision.service';

/**
 * The API's compliance figures follow the norm definition they are given, through the code the endpoint runs
 * (deadlineGroups): change a norm's target, its year or its deadline in libs/domain and the figures change with it.
 * The expectations are read off the generated definition, never written down.
 */
describe('compliance groups follow the norm definition', () => {
  const tally: StatusTally = { onTime: 3, late: 1, pending: 0, excluded: 0, stoppedWaitingDays: [10, 20, 30, 40] };
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
