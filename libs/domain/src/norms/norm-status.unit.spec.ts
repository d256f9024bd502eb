import fc from 'fast-check';
import { NormDefinition, NormItem } from './norm-definition';
import { cohortOfYear, compliance, countOfCohort, countPerYear, judgeCohort, judgeItem, NormJudgement } from './norm-status';
import { shippedNorm } from './shipped-norms';

const PIP = shippedNorm('pip-leerroute-2m');

/** Yusuf's K1 item of §6.1: PIP 2026-03-31, due 2026-05-31. */
const item = (overrides: Partial<NormItem> = {}): NormItem => ({
  normId: 'pip-leerroute-2m',
  itemKey: 'traj-yusuf-inburgering',
  startEventId: 'e-1',
  trajectoryId: 'traj-yusuf-inburgering',
  memberId: 'm-yusuf',
  startDate: '2026-03-31',
  deadline: '2026-05-31',
  ...overrides,
});

const judged = (status: NormJudgement['status'], waitingDays?: number, stopped = waitingDays !== undefined): NormJudgement => ({
  status,
  stopped,
  ...(waitingDays === undefined ? {} : { waitingDays }),
});

describe('judgeItem: the status of an item as of a date (SPEC §3 rule 2)', () => {
  it('gives nothing before the start: the item does not exist yet', () => {
    expect(judgeItem(PIP, item(), '2026-03-30')).toBeUndefined();
    expect(judgeItem(PIP, item(), '2026-03-31')).toEqual({ status: 'pending', daysLeft: 61, waitingDays: 0, stopped: false });
  });

  it('is on time when the stop is on or before the deadline, late when after', () => {
    expect(judgeItem(PIP, item({ stopDate: '2026-05-31' }), '2026-06-30')).toEqual({ status: 'on-time', waitingDays: 61, stopped: true });
    expect(judgeItem(PIP, item({ stopDate: '2026-06-01' }), '2026-06-30')).toEqual({ status: 'late', waitingDays: 62, daysOverdue: 1, stopped: true });
  });

  it('counts a stop only from its date: before it the item is pending or late', () => {
    const stoppedLate = item({ stopDate: '2026-06-08' });
    expect(judgeItem(PIP, stoppedLate, '2026-05-20')).toEqual({ status: 'pending', daysLeft: 11, waitingDays: 50, stopped: false });
    expect(judgeItem(PIP, stoppedLate, '2026-06-01')).toEqual({ status: 'late', daysOverdue: 1, waitingDays: 62, stopped: false });
    expect(judgeItem(PIP, stoppedLate, '2026-06-08')).toEqual({ status: 'late', daysOverdue: 8, waitingDays: 69, stopped: true });
  });

  it('excludes an item from the date of an exclusion on or before the deadline, and not before that date', () => {
    const moved = item({ excludedOn: '2026-05-31' });
    expect(judgeItem(PIP, moved, '2026-05-30')).toMatchObject({ status: 'pending', daysLeft: 1 });
    expect(judgeItem(PIP, moved, '2026-05-31')).toEqual({ status: 'excluded', stopped: false });
    expect(judgeItem(PIP, moved, '2027-01-01')).toEqual({ status: 'excluded', stopped: false });
  });

  it('does not let an exclusion after the deadline rescue a late item, but marks it ended from the exclusion on', () => {
    const closedLate = item({ excludedOn: '2026-06-15' });
    expect(judgeItem(PIP, closedLate, '2026-06-14')).toEqual({ status: 'late', daysOverdue: 14, waitingDays: 75, stopped: false });
    expect(judgeItem(PIP, closedLate, '2026-06-30')).toEqual({ status: 'late', daysOverdue: 30, waitingDays: 91, stopped: false, excludedLate: true });
  });

  it('lets a stop on or before the as-of date win over an exclusion (SPEC order), should an item carry both', () => {
    expect(judgeItem(PIP, item({ stopDate: '2026-05-10', excludedOn: '2026-05-01' }), '2026-05-20')).toMatchObject({ status: 'on-time' });
    expect(judgeItem(PIP, item({ stopDate: '2026-05-10', excludedOn: '2026-05-01' }), '2026-05-05')).toMatchObject({ status: 'excluded' });
  });

  it('judges items without a deadline (distribution-only norms): on time once stopped, excluded, or pending without days left', () => {
    const noDeadline = item({ deadline: undefined });
    expect(judgeItem(PIP, { ...noDeadline, stopDate: '2027-03-31' }, '2027-04-01')).toEqual({ status: 'on-time', waitingDays: 365, stopped: true });
    expect(judgeItem(PIP, { ...noDeadline, excludedOn: '2027-03-31' }, '2027-04-01')).toEqual({ status: 'excluded', stopped: false });
    expect(judgeItem(PIP, noDeadline, '2027-04-01')).toEqual({ status: 'pending', waitingDays: 366, stopped: false });
  });

  it('refuses an as-of date that is no business date', () => {
    expect(() => judgeItem(PIP, item(), '2026-02-30')).toThrow(/asOf must be a business date/);
  });

  it('gives the status and day counts SPEC §3 gives, on calendar days and on working days (property)', () => {
    const norms = [shippedNorm('verkennend-gesprek-4w'), shippedNorm('provider-answer-5wd')];
    expect(norms.map((norm) => norm.calendar)).toEqual(['calendar-days', 'working-days']);
    // Offsets from the start drawn from small ranges, so that a stop, an exclusion and the as-of date often fall on the
    // deadline or on each other. Every date lies in 2026, whose holidays HOLIDAYS_2026 lists.
    const offset = fc.integer({ min: 0, max: 40 });
    const seen = new Map<string, number>();
    const see = (what: string) => seen.set(what, (seen.get(what) ?? 0) + 1);
    fc.assert(
      fc.property(
        fc.constantFrom(...norms),
        fc.integer({ min: 0, max: 240 }),
        fc.option(offset, { nil: undefined, freq: 6 }),
        fc.option(offset, { nil: undefined, freq: 2 }),
        fc.option(offset, { nil: undefined, freq: 2 }),
        fc.integer({ min: -5, max: 60 }),
        (norm, startDay, deadlineAfter, stopAfter, exclusionAfter, asOfAfter) => {
          const start = dayOf2026(startDay);
          const candidate = item({
            startDate: start,
            deadline: deadlineAfter === undefined ? undefined : dayOf2026(startDay + deadlineAfter),
            ...(stopAfter === undefined ? {} : { stopDate: dayOf2026(startDay + stopAfter) }),
            ...(exclusionAfter === undefined ? {} : { excludedOn: dayOf2026(startDay + exclusionAfter) }),
          });
          const asOf = dayOf2026(startDay + asOfAfter);
          const expected = judgementBySpec(norm.calendar, candidate, asOf);
          expect(judgeItem(norm, candidate, asOf)).toEqual(expected);

          see(`${norm.calendar} ${expected?.status ?? 'not yet'}`);
          if (expected?.status === 'on-time' && candidate.stopDate === candidate.deadline) see('stopped on the deadline');
          if (expected?.status === 'pending' && asOf === candidate.deadline) see('pending on the deadline');
          if (expected?.status === 'excluded' && candidate.stopDate !== undefined) see('excluded before its stop');
          if (expected?.status === 'late' && candidate.excludedOn !== undefined && candidate.excludedOn <= asOf) see('late, excluded too late');
          if (expected?.status === 'pending' && candidate.stopDate !== undefined) see('pending before its stop');
          if (norm.calendar === 'working-days' && HOLIDAYS_2026.some((holiday) => start < holiday && holiday <= asOf)) see('working days across a holiday');
        },
      ),
      { numRuns: 2000, seed: 4 }, // fixed, so that a failure replays as it was
    );
    // Not vacuous: every status on both calendars, and the boundaries where a wrong reading of the rules would show.
    const wanted = [
      ...norms.flatMap((norm) => ['not yet', 'on-time', 'late', 'pending', 'excluded'].map((status) => `${norm.calendar} ${status}`)),
      'stopped on the deadline',
      'pending on the deadline',
      'excluded before its stop',
      'late, excluded too late',
      'pending before its stop',
      'working days across a holiday',
    ];
    expect(wanted.filter((what) => (seen.get(what) ?? 0) < 5)).toEqual([]);
  });
});

/** The n-th day of 2026 (0 is 1 January). */
const dayOf2026 = (n: number): string => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10);

/**
 * The Dutch public holidays of 2026 (Algemene termijnenwet art. 3), written out: the list dutch-holidays.unit.spec.ts
 * holds the calendar to. The working days below are counted from this list, not by the production calendar code.
 */
const HOLIDAYS_2026 = ['2026-01-01', '2026-04-06', '2026-04-27', '2026-05-05', '2026-05-14', '2026-05-25', '2026-12-25', '2026-12-26'];

/**
 * Days from `from` to `to` (not before it) on the norm's calendar, as the norm documentation defines them: calendar
 * days, or the working days (Monday to Friday, not a public holiday) after `from` up to and including `to`.
 */
function daysOn(calendar: NormDefinition['calendar'], from: string, to: string): number {
  const days = (Date.parse(to) - Date.parse(from)) / 86400000;
  if (days < 0) throw new Error(`daysOn counts forward only: ${from} → ${to}`);
  if (calendar === 'calendar-days') return days;
  let working = 0;
  for (let n = 1; n <= days; n += 1) {
    const day = new Date(Date.parse(from) + n * 86400000);
    const weekday = day.getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !HOLIDAYS_2026.includes(day.toISOString().slice(0, 10))) working += 1;
  }
  return working;
}

/**
 * What SPEC §3 says an item's judgement as of a date is, written out here as the oracle for `judgeItem`:
 * - only what occurred on or before the as-of date counts (rule 4): before its start the item does not exist, and a
 *   stop or an exclusion dated later has not happened yet;
 * - an item stopped by then is on time when the stop is on or before the deadline (rule 1), late when after (rule 2);
 * - an item not stopped by then but excluded (its trajectory closed without the stop) is excluded, if that happened
 *   on or before the deadline: moving away after the deadline does not rescue a late item (domain-research §6.7 B9);
 * - otherwise the clock still runs: late once the as-of date is past the deadline, pending until then.
 * The clock runs from the start to the stop, or to the as-of date while there is none: that is the waiting time, its
 * part after the deadline is how late the item is, and a pending item has the days to the deadline left.
 */
function judgementBySpec(calendar: NormDefinition['calendar'], candidate: NormItem, asOf: string): NormJudgement | undefined {
  const { startDate, deadline, stopDate, excludedOn } = candidate;
  if (startDate > asOf) return undefined;
  const stopped = stopDate !== undefined && stopDate <= asOf;
  if (!stopped && excludedOn !== undefined && excludedOn <= asOf && (deadline === undefined || excludedOn <= deadline)) {
    return { status: 'excluded', stopped: false };
  }
  const clockEnd = stopped ? stopDate : asOf;
  const late = deadline !== undefined && clockEnd > deadline;
  const status = late ? 'late' : stopped ? 'on-time' : 'pending';
  return {
    status,
    waitingDays: daysOn(calendar, startDate, clockEnd),
    stopped,
    ...(late ? { daysOverdue: daysOn(calendar, deadline, clockEnd) } : {}),
    ...(status === 'pending' && deadline !== undefined ? { daysLeft: daysOn(calendar, asOf, deadline) } : {}),
    // Late, and ended since by an exclusion that came too late to excuse it: no longer open.
    ...(late && !stopped && excludedOn !== undefined && excludedOn <= asOf ? { excludedLate: true } : {}),
  };
}

describe('compliance: counts, percentage, provisional flag, median and P90', () => {
  it('computes on-time / (on-time + late), leaving pending and excluded items out of the denominator', () => {
    expect(compliance([judged('on-time', 10), judged('on-time', 20), judged('late', 40), judged('pending', 5, false), judged('excluded')])).toEqual({
      onTime: 2,
      late: 1,
      pending: 1,
      excluded: 1,
      percentage: (100 * 2) / 3,
      provisional: true,
      medianWaitingDays: 20,
      p90WaitingDays: 40,
    });
  });

  it('has no percentage, median or P90 when nothing was judged on time or late, and skips items that did not exist yet', () => {
    expect(compliance([undefined, judged('excluded')])).toEqual({
      onTime: 0,
      late: 0,
      pending: 0,
      excluded: 1,
      percentage: null,
      provisional: false,
      medianWaitingDays: null,
      p90WaitingDays: null,
    });
    expect(compliance([], 95)).toMatchObject({ percentage: null, targetPercentage: 95, targetMet: null });
  });

  it('uses only stopped items for the waiting days: a late item without a stop is not in the median', () => {
    expect(compliance([judged('on-time', 10), judged('late', 400, false)])).toMatchObject({ medianWaitingDays: 10, p90WaitingDays: 10, percentage: 50 });
  });

  it('takes the mean of the two middle values as the median of an even count', () => {
    expect(compliance([56, 69].map((d) => judged('on-time', d))).medianWaitingDays).toBe(62.5);
    expect(compliance([1, 2, 3, 100].map((d) => judged('on-time', d))).medianWaitingDays).toBe(2.5);
  });

  it('takes the P90 by nearest rank: the ⌈0.9·n⌉-th smallest value', () => {
    const days = (values: number[]) => compliance(values.map((d) => judged('on-time', d))).p90WaitingDays;
    expect(days([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBe(9); // rank 9 of 10
    expect(days([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])).toBe(10); // rank ⌈9.9⌉ = 10 of 11
    expect(days([7])).toBe(7);
    expect(days([30, 10, 20])).toBe(30); // rank ⌈2.7⌉ = 3
    expect(days(Array.from({ length: 30 }, (_, i) => i + 1))).toBe(27); // rank 27 of 30 exactly
  });

  it('compares with the target percentage', () => {
    expect(compliance([...Array(19).fill(judged('on-time', 1)), judged('late', 70)], 95)).toMatchObject({ percentage: 95, targetMet: true });
    expect(compliance([...Array(18).fill(judged('on-time', 1)), judged('late', 70)], 95)).toMatchObject({ targetMet: false });
  });
});

describe('judgeCohort', () => {
  const items = [
    item({ itemKey: 'a', startDate: '2025-12-31', deadline: '2026-02-28', stopDate: '2026-02-28' }),
    item({ itemKey: 'b', startDate: '2026-01-01', deadline: '2026-03-01', stopDate: '2026-03-02' }),
    item({ itemKey: 'c', startDate: '2026-12-31', deadline: '2027-02-28' }),
    item({ itemKey: 'd', startDate: '2027-01-01', deadline: '2027-03-01' }),
  ];

  it('takes the items whose start date lies in the cohort, both ends inclusive, that exist on the as-of date', () => {
    expect(judgeCohort(PIP, items, '2027-03-31', cohortOfYear(2026)).rows.map((row) => [row.item.itemKey, row.judgement.status])).toEqual([
      ['b', 'late'],
      ['c', 'late'],
    ]);
    expect(judgeCohort(PIP, items, '2026-12-30', cohortOfYear(2026)).rows.map((row) => row.item.itemKey)).toEqual(['b']);
  });

  it('applies the 95 % target to the 2026 cohort only, and to a quarter within 2026', () => {
    expect(judgeCohort(PIP, items, '2027-03-31', cohortOfYear(2026)).compliance).toMatchObject({ targetPercentage: 95, targetMet: false });
    expect(judgeCohort(PIP, items, '2027-03-31', cohortOfYear(2025)).compliance.targetPercentage).toBeUndefined();
    expect(judgeCohort(PIP, items, '2027-03-31', { from: '2026-01-01', to: '2026-03-31' }).compliance.targetPercentage).toBe(95);
    expect(judgeCohort(PIP, items, '2027-03-31', { from: '2025-10-01', to: '2026-03-31' }).compliance.targetPercentage).toBeUndefined();
  });

  it('reports no percentage for a distribution-only norm, but does give the waiting days', () => {
    const support = shippedNorm('melding-start-support');
    const report = judgeCohort(support, [item({ deadline: undefined, stopDate: '2026-04-10' })], '2026-12-31', cohortOfYear(2026));
    expect(report.compliance).toMatchObject({ onTime: 1, percentage: null, medianWaitingDays: 10 });
  });
});

describe('countPerYear: count norms (≥ 40 wijk-GGD referrals a year)', () => {
  const WIJK_GGD = shippedNorm('wijk-ggd-referrals');
  const referral = (key: string, startDate: string, memberId: string): NormItem => ({
    normId: 'wijk-ggd-referrals',
    itemKey: key,
    startEventId: key,
    trajectoryId: `traj-${memberId}`,
    memberId,
    startDate,
  });
  const items = [
    referral('r1', '2025-12-31', 'm-a'),
    referral('r2', '2026-01-01', 'm-a'),
    referral('r3', '2026-03-15', 'm-b'),
    referral('r4', '2026-03-15', 'm-b'),
    referral('r5', '2026-06-30', 'm-c'),
    referral('r6', '2027-01-01', 'm-c'),
  ];

  it('counts the referrals of the calendar year up to the as-of date, with distinct persons and a linear forecast', () => {
    expect(countPerYear(WIJK_GGD, items, 2026, '2026-03-31')).toEqual({
      normId: 'wijk-ggd-referrals',
      year: 2026,
      asOf: '2026-03-31',
      count: 3,
      distinctMembers: 2,
      minimumCount: 40,
      met: false,
      provisional: true,
      forecast: 12.2, // 3 × 365 / 90
    });
  });

  it('is final after the year, without a forecast', () => {
    expect(countPerYear(WIJK_GGD, items, 2026, '2027-06-01')).toEqual({
      normId: 'wijk-ggd-referrals',
      year: 2026,
      asOf: '2027-06-01',
      count: 4,
      distinctMembers: 3,
      minimumCount: 40,
      met: false,
      provisional: false,
    });
  });

  it('meets the minimum at 40 referrals', () => {
    const forty = Array.from({ length: 40 }, (_, i) => referral(`r${i}`, '2026-05-01', `m-${i % 7}`));
    expect(countPerYear(WIJK_GGD, forty, 2026, '2026-12-31')).toMatchObject({ count: 40, distinctMembers: 7, met: true, provisional: false });
    expect(countPerYear(WIJK_GGD, forty.slice(1), 2026, '2026-12-31')).toMatchObject({ count: 39, met: false });
  });

  it('applies a minimum with a year only to that year', () => {
    const only2026: NormDefinition = { ...WIJK_GGD, target: { minimumCount: 40, year: 2026 } };
    expect(countPerYear(only2026, items, 2027, '2027-12-31')).not.toHaveProperty('minimumCount');
    expect(countPerYear(only2026, items, 2026, '2026-12-31')).toHaveProperty('minimumCount', 40);
  });

  it('counts nothing and forecasts nothing as of a date before the year', () => {
    expect(countPerYear(WIJK_GGD, items, 2027, '2026-12-31')).toMatchObject({ count: 0, provisional: true });
    expect(countPerYear(WIJK_GGD, items, 2027, '2026-12-31')).not.toHaveProperty('forecast');
  });

  describe('countOfCohort: a report group (issue 19)', () => {
    it('holds a whole calendar year to the minimum, with the run-rate forecast while the year runs', () => {
      expect(countOfCohort(WIJK_GGD, items, cohortOfYear(2026), '2026-03-31')).toEqual({
        count: 3,
        distinctMembers: 2,
        minimumCount: 40,
        met: false,
        provisional: true,
        forecast: 12.2,
      });
      expect(countOfCohort(WIJK_GGD, items, cohortOfYear(2026), '2027-01-01')).toEqual({ count: 4, distinctMembers: 3, minimumCount: 40, met: false, provisional: false });
    });

    it('counts a month, a quarter or part of a year without the yearly minimum or a forecast', () => {
      expect(countOfCohort(WIJK_GGD, items, { from: '2026-03-01', to: '2026-03-31' }, '2026-03-20')).toEqual({ count: 2, distinctMembers: 1, provisional: true });
      expect(countOfCohort(WIJK_GGD, items, { from: '2026-01-01', to: '2026-03-31' }, '2026-06-01')).toEqual({ count: 3, distinctMembers: 2, provisional: false });
      // Forty in a month is still no year: no minimum to meet.
      const forty = Array.from({ length: 40 }, (_, i) => referral(`r${i}`, '2026-05-01', `m-${i % 7}`));
      expect(countOfCohort(WIJK_GGD, forty, { from: '2026-05-01', to: '2026-05-31' }, '2026-12-31')).toEqual({ count: 40, distinctMembers: 7, provisional: false });
    });
  });
});
