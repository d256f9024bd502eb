import { NormDefinition } from './norm-definition';
import { median, nearestRank, StatusTally } from './norm-status';

/**
 * Waiting times are a view of the norms, not a second engine: every norm that measures a span (one with a stop) is a
 * waiting-time stage under its own id, with the norm's items, exclusions and calendar. So a new stage is one more
 * norm definition (shipped-norms.ts), and /waiting-times and /norms/{id}/compliance count the same items.
 *
 * Two stages were served under other names before they were norms; those names stay, for the clients that use them.
 */
export const WAITING_TIME_STAGE_ALIASES: Readonly<Record<string, string>> = {
  'melding-first-support': 'melding-start-support',
  'acceptance-care-start': 'referral-care-start',
};

/** The waiting-time stages of these norms: the id of every norm with a stop, then the aliases of those among them. */
export function waitingTimeStages(norms: readonly NormDefinition[]): string[] {
  const ids = norms.filter((norm) => norm.stop !== undefined).map((norm) => norm.id);
  const aliases = Object.entries(WAITING_TIME_STAGE_ALIASES).filter(([, normId]) => ids.includes(normId));
  return [...ids, ...aliases.map(([alias]) => alias)];
}

/** The id of the norm that a stage is: the stage itself, or the norm its old name stands for. */
export function normIdOfStage(stage: string): string {
  return WAITING_TIME_STAGE_ALIASES[stage] ?? stage;
}

/** The waiting-time figures of a group of items; days on the norm's calendar. */
export interface WaitingTimes {
  /** Items whose stop lies on or before the as-of date. */
  count: number;
  /** Median, nearest-rank P90 and maximum of their waiting days; null when none stopped. */
  median: number | null;
  p90: number | null;
  max: number | null;
  /** Items still running on the as-of date: neither stopped nor excluded (pending, or late with neither). */
  open: number;
}

/**
 * The waiting times of items counted by status as of a date (judgeItem's statuses, as compliance counts them): the
 * stopped items with their days, and the open ones. Excluded items (the trajectory closed, or the referral declined
 * or withdrawn, before the stop) are neither: they no longer wait. Nor does an item excluded only after its deadline:
 * it stays late for compliance, as judgeItem says, but its wait ended with the exclusion (excludedLate), so a
 * referral declined after a norm's term is not open either.
 */
export function waitingTimesOfTally(tally: StatusTally): WaitingTimes {
  const days = [...tally.stoppedWaitingDays].sort((a, b) => a - b);
  return {
    count: days.length,
    median: median(days),
    p90: nearestRank(days, 90),
    max: days.at(-1) ?? null,
    open: tally.onTime + tally.late + tally.pending - days.length - tally.excludedLate,
  };
}
