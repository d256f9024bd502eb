import { elapsedDays } from '../calendar/add-duration';
import { BusinessDate, isBusinessDate } from '../calendar/business-date';
import { NormDefinition, NormItem, NormStatus } from './norm-definition';
import { distinctMembers } from './norm-items';

/** The status of one item as of a date (SPEC §3 rule 2). Day counts are on the norm's calendar. */
export interface NormJudgement {
  status: NormStatus;
  /** Pending items with a deadline: days from the as-of date to the deadline (0 on the deadline itself). */
  daysLeft?: number;
  /** Late items: days from the deadline to the stop, or to the as-of date while there is no stop. */
  daysOverdue?: number;
  /** Days from the start to the stop, or to the as-of date while the item is open; absent for excluded items. */
  waitingDays?: number;
  /** True when a stop on or before the as-of date ended the item: only these count for the median and P90. */
  stopped: boolean;
  /**
   * Late items only: an exclusion after the deadline, on or before the as-of date, ended the item without a stop. It
   * stays late (an exclusion after the deadline does not rescue it) but no longer runs: it is not open, nor due.
   */
  excludedLate?: true;
}

/**
 * Judges an item as of a business date, exactly as SPEC §3 says:
 * - the item exists only from its start: undefined when `startDate > asOf`;
 * - a stop counts only when `stopDate ≤ asOf`: on-time when `stop ≤ deadline` (or the norm has no deadline), else late;
 * - otherwise an exclusion dated `≤ asOf` and `≤ deadline` makes it excluded (outside the denominator);
 * - otherwise it is late when `asOf > deadline`, and pending (with the days left, when it has a deadline) when not.
 * An exclusion after the deadline does not rescue a late item, but it ends it: the judgement says so (excludedLate).
 *
 * Days are counted on the norm's calendar: on a working-days norm, waiting days and days left and overdue are working
 * days (so the Saturday after a Friday deadline is late by 0 working days).
 */
export function judgeItem(norm: NormDefinition, item: JudgedDates, asOf: BusinessDate): NormJudgement | undefined {
  if (!isBusinessDate(asOf)) throw new Error(`asOf must be a business date (YYYY-MM-DD), not ${JSON.stringify(asOf)}`);
  if (item.startDate > asOf) return undefined;
  const { calendar } = norm;
  const { deadline, startDate } = item;

  if (item.stopDate !== undefined && item.stopDate <= asOf) {
    const waitingDays = elapsedDays(startDate, item.stopDate, calendar);
    if (deadline === undefined || item.stopDate <= deadline) return { status: 'on-time', waitingDays, stopped: true };
    return { status: 'late', waitingDays, daysOverdue: elapsedDays(deadline, item.stopDate, calendar), stopped: true };
  }
  if (item.excludedOn !== undefined && item.excludedOn <= asOf && (deadline === undefined || item.excludedOn <= deadline)) {
    return { status: 'excluded', stopped: false };
  }
  const waitingDays = elapsedDays(startDate, asOf, calendar);
  if (deadline !== undefined && asOf > deadline) {
    const late: NormJudgement = { status: 'late', waitingDays, daysOverdue: elapsedDays(deadline, asOf, calendar), stopped: false };
    if (item.excludedOn !== undefined && item.excludedOn <= asOf) late.excludedLate = true;
    return late;
  }
  return deadline === undefined
    ? { status: 'pending', waitingDays, stopped: false }
    : { status: 'pending', daysLeft: elapsedDays(asOf, deadline, calendar), waitingDays, stopped: false };
}

/** What judgeItem reads of an item: its dates (the figures judge their items too, without an event id). */
export type JudgedDates = Pick<NormItem, 'startDate' | 'deadline' | 'stopDate' | 'excludedOn'>;

/** Compliance of a set of judged items (SPEC §3 rule 3). */
export interface Compliance {
  onTime: number;
  late: number;
  pending: number;
  excluded: number;
  /** 100 × onTime / (onTime + late), unrounded; null when no item is on time or late (or the norm has no deadline). */
  percentage: number | null;
  /** True while any item is pending: the figure can still change. */
  provisional: boolean;
  /** Median waiting days of the stopped items (mean of the two middle values for an even count); null when none. */
  medianWaitingDays: number | null;
  /** P90 of the waiting days of the stopped items, nearest-rank: the ⌈0.9·n⌉-th smallest value; null when none. */
  p90WaitingDays: number | null;
  /** The target percentage that applies, when there is one. */
  targetPercentage?: number;
  /** Whether the percentage reaches the target; null while there is no percentage. */
  targetMet?: boolean | null;
}

/**
 * Counts judged items by status and computes the percentage, the provisional flag and the waiting-day median and P90
 * (over stopped items only: open and excluded items have no waiting time yet). Undefined judgements (items that did
 * not exist yet on the as-of date) are skipped.
 */
export function compliance(judgements: readonly (NormJudgement | undefined)[], targetPercentage?: number): Compliance {
  return complianceOfTally(tallyOf(judgements), targetPercentage);
}

/** Judged items counted by status, with the waiting days of the stopped ones in ascending order. */
export function tallyOf(judgements: readonly (NormJudgement | undefined)[]): StatusTally {
  const judged = judgements.filter((j): j is NormJudgement => j !== undefined);
  const count = (status: NormStatus) => judged.filter((j) => j.status === status).length;
  return {
    onTime: count('on-time'),
    late: count('late'),
    pending: count('pending'),
    excluded: count('excluded'),
    excludedLate: judged.filter((j) => j.excludedLate === true).length,
    stoppedWaitingDays: judged.flatMap((j) => (j.stopped && j.waitingDays !== undefined ? [j.waitingDays] : [])).sort((a, b) => a - b),
  };
}

/**
 * What compliance needs of a set of judged items: how many have each status, and the waiting days of the stopped ones
 * in ascending order. Lets a caller that counted the statuses elsewhere (the read model's SQL) get the same figures.
 */
export interface StatusTally {
  onTime: number;
  late: number;
  pending: number;
  excluded: number;
  /** Of the late items, those an exclusion after their deadline ended (judgement.excludedLate): late, but not open. */
  excludedLate: number;
  stoppedWaitingDays: readonly number[];
}

/** Compliance (SPEC §3 rule 3) of items already counted by status; see `compliance`. */
export function complianceOfTally(tally: StatusTally, targetPercentage?: number): Compliance {
  const { onTime, late, pending, excluded, stoppedWaitingDays } = tally;
  const percentage = onTime + late === 0 ? null : (100 * onTime) / (onTime + late);
  const result: Compliance = {
    onTime,
    late,
    pending,
    excluded,
    percentage,
    provisional: pending > 0,
    medianWaitingDays: median(stoppedWaitingDays),
    p90WaitingDays: nearestRank(stoppedWaitingDays, 90),
  };
  if (targetPercentage !== undefined) {
    result.targetPercentage = targetPercentage;
    result.targetMet = percentage === null ? null : percentage >= targetPercentage;
  }
  return result;
}

/** A cohort of items by start date, both ends inclusive (domain-research §3.0.5: cohort by start date). */
export interface Cohort {
  from: BusinessDate;
  to: BusinessDate;
}

export function cohortOfYear(year: number): Cohort {
  return { from: `${String(year).padStart(4, '0')}-01-01`, to: `${String(year).padStart(4, '0')}-12-31` };
}

export interface JudgedItem {
  item: NormItem;
  judgement: NormJudgement;
}

export interface CohortReport {
  normId: string;
  cohort: Cohort;
  asOf: BusinessDate;
  /** Every item of the cohort that exists on the as-of date, with its status; excluded ones are listed too. */
  rows: JudgedItem[];
  compliance: Compliance;
}

/**
 * Judges the items of a cohort (start date within it) as of a date: each with judgeItem, counted as
 * {@link cohortCompliance} says — the domain's scenarios and boundary cases are stated with it. The API counts the
 * statuses in SQL instead and hands the counts to cohortCompliance; supervision-sql.e2e.spec holds that SQL to a
 * reference computed in the test from SPEC §3.
 */
export function judgeCohort(norm: NormDefinition, items: readonly NormItem[], asOf: BusinessDate, cohort: Cohort): CohortReport {
  const rows = items
    .filter((item) => item.startDate >= cohort.from && item.startDate <= cohort.to)
    .flatMap((item) => {
      const judgement = judgeItem(norm, item, asOf);
      return judgement === undefined ? [] : [{ item, judgement }];
    });
  return { normId: norm.id, cohort, asOf, rows, compliance: cohortCompliance(norm, tallyOf(rows.map((row) => row.judgement)), cohort) };
}

/**
 * The compliance of a cohort of a norm from its items counted by status: with the norm's target when it applies to
 * the cohort, and no percentage (nor target met) for a norm without any deadline (distribution only).
 */
export function cohortCompliance(norm: NormDefinition, tally: StatusTally, cohort: Cohort): Compliance {
  const result = complianceOfTally(tally, targetPercentageFor(norm, cohort));
  if (!hasDeadline(norm)) {
    result.percentage = null;
    if (result.targetMet !== undefined) result.targetMet = null;
  }
  return result;
}

/** The norm's target percentage, when it has one for the cohort: it has no year, or the cohort lies within that year. */
export function targetPercentageFor(norm: NormDefinition, cohort: Cohort): number | undefined {
  const target = norm.target?.percentage;
  return target !== undefined && (norm.target?.year === undefined || sameYear(cohort, norm.target.year)) ? target : undefined;
}

/** The yearly count of a count norm (e.g. ≥ 40 wijk-GGD referrals a year), as of a date. */
export interface YearCount {
  normId: string;
  year: number;
  asOf: BusinessDate;
  /** Items (events) started in the year, on or before the as-of date. */
  count: number;
  /** The distinct persons among them. */
  distinctMembers: number;
  minimumCount?: number;
  /** Whether the count reaches the minimum; it can only rise while the year is running. */
  met?: boolean;
  /** True while the year has not ended on the as-of date. */
  provisional: boolean;
  /** While the year runs: the linear run-rate, count × days in the year / days elapsed (as-of day included), 1 decimal. */
  forecast?: number;
}

export function countPerYear(norm: NormDefinition, items: readonly NormItem[], year: number, asOf: BusinessDate): YearCount {
  const { from, to } = cohortOfYear(year);
  const counted = items.filter((item) => item.startDate >= from && item.startDate <= to && item.startDate <= asOf);
  const result: YearCount = {
    normId: norm.id,
    year,
    asOf,
    ...countOf(counted, to, asOf),
  };
  const minimum = norm.target?.minimumCount;
  if (minimum !== undefined && (norm.target?.year === undefined || norm.target.year === year)) {
    result.minimumCount = minimum;
    result.met = counted.length >= minimum;
  }
  if (asOf >= from && asOf < to) {
    const elapsed = elapsedDays(from, asOf, 'calendar-days') + 1;
    const daysInYear = elapsedDays(from, to, 'calendar-days') + 1;
    result.forecast = Math.round((counted.length * daysInYear * 10) / elapsed) / 10;
  }
  return result;
}

/** What a count norm counts in a cohort as of a date; the minimum, whether it is met and the forecast only for a year. */
export type CohortCount = Pick<YearCount, 'count' | 'distinctMembers' | 'provisional' | 'minimumCount' | 'met' | 'forecast'>;

/**
 * A count norm's count over a cohort (a report's group) as of a date. Its minimum is a number a year (K3: at least 40
 * referrals a year), so only a cohort of one whole calendar year is held to it and given a run-rate forecast
 * (countPerYear). A month or a quarter is not judged against the year's minimum, nor a pro-rata share of it: the
 * source sets none, and referrals do not come evenly through the year, so a share would call ordinary months failed.
 */
export function countOfCohort(norm: NormDefinition, items: readonly NormItem[], cohort: Cohort, asOf: BusinessDate): CohortCount {
  const year = Number(cohort.from.slice(0, 4));
  const whole = cohortOfYear(year);
  if (cohort.from === whole.from && cohort.to === whole.to) {
    const { normId: _normId, year: _year, asOf: _asOf, ...figures } = countPerYear(norm, items, year, asOf);
    return figures;
  }
  const counted = items.filter((item) => item.startDate >= cohort.from && item.startDate <= cohort.to && item.startDate <= asOf);
  return countOf(counted, cohort.to, asOf);
}

/** The items counted, the distinct persons among them, and whether the count can still rise (its cohort runs on). */
function countOf(counted: readonly NormItem[], lastDay: BusinessDate, asOf: BusinessDate) {
  return { count: counted.length, distinctMembers: distinctMembers(counted), provisional: asOf < lastDay };
}

/** Whether the norm's items have a deadline: a norm without one measures a distribution only (no percentage). */
export function hasDeadline(norm: NormDefinition): boolean {
  return norm.duration !== undefined || norm.durationFromField !== undefined;
}

function sameYear(cohort: Cohort, year: number): boolean {
  const { from, to } = cohortOfYear(year);
  return cohort.from >= from && cohort.to <= to;
}

export function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The nearest-rank percentile: the ⌈p/100 · n⌉-th smallest value (integer arithmetic, so 0.9 × 30 is not 27.000…04). */
export function nearestRank(sorted: readonly number[], percent: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(1, Math.ceil((percent * sorted.length) / 100)) - 1];
}
