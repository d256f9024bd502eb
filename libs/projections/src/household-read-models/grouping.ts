import { Cohort, periodKey } from '@casusregie/domain';

/** How supervisors slice figures: by the period the item (or stage) started in, or by team or provider. */
export const GROUP_BY = ['month', 'quarter', 'year', 'team', 'provider'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

export interface Groupable {
  startDate: string;
  team: string;
  provider?: string | null;
}

/** The group an item falls in: "2026-04", "2026-Q2", "2026", a team, or a provider ("unknown" when there is none). */
export function groupKey(item: Groupable, groupBy: GroupBy): string {
  switch (groupBy) {
    case 'month':
    case 'quarter':
    case 'year':
      return periodKey(item.startDate, groupBy);
    case 'team':
      return item.team;
    case 'provider':
      return item.provider ?? 'unknown';
  }
}

/**
 * The cohort a group of a report stands for: the start dates of its month, quarter or year within the report's
 * period, or the whole period for a team or provider (whose items may start on any day of it).
 */
export function cohortOfGroup(group: string, groupBy: GroupBy, period: Cohort): Cohort {
  const year = group.slice(0, 4);
  const [from, to] =
    groupBy === 'year'
      ? [`${year}-01-01`, `${year}-12-31`]
      : groupBy === 'quarter'
        ? monthSpan(year, (Number(group.slice(6)) - 1) * 3 + 1, 3)
        : groupBy === 'month'
          ? monthSpan(year, Number(group.slice(5, 7)), 1)
          : [period.from, period.to];
  return { from: from > period.from ? from : period.from, to: to < period.to ? to : period.to };
}

/** The first and last day of `months` months from a month (1–12) of a year, as business dates. */
function monthSpan(year: string, month: number, months: number): [string, string] {
  const last = new Date(Date.UTC(Number(year), month - 1 + months, 0));
  return [`${year}-${String(month).padStart(2, '0')}-01`, last.toISOString().slice(0, 10)];
}

/**
 * What groupKey reads of an item, as SQL columns over a row with start_date, team and provider, for counting in the
 * database per group: period (the start date cut to the first day of its month, quarter or year, which stands for
 * the group's start dates), team and provider. groupKey makes the group's key from a counted row.
 */
export const GROUP_COLUMNS_SQL: Record<GroupBy, string> = {
  month: `date_trunc('month', start_date::timestamp) AS period, NULL::text AS team, NULL::text AS provider`,
  quarter: `date_trunc('quarter', start_date::timestamp) AS period, NULL::text AS team, NULL::text AS provider`,
  year: `date_trunc('year', start_date::timestamp) AS period, NULL::text AS team, NULL::text AS provider`,
  team: `NULL::timestamp AS period, team, NULL::text AS provider`,
  provider: `NULL::timestamp AS period, NULL::text AS team, provider`,
};

/** Items in groups, groups in key order. */
export function groupItems<T extends Groupable>(items: readonly T[], groupBy: GroupBy): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = groupKey(item, groupBy);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return inKeyOrder(groups);
}

/** The entries of a map of groups, in the order supervisors see groups (the JavaScript locale order of their keys). */
export function inKeyOrder<T>(groups: Map<string, T>): [string, T][] {
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}
