import { LocalDate } from '@js-joda/core';
import { BusinessDate } from '../calendar/business-date';
import { NormDefinition } from '../norms/norm-definition';
import { judgeItem, median, nearestRank } from '../norms/norm-status';
import { UNKNOWN } from './age-bands';
import { FIGURE_PERIODS, FigureDefinition, FigureDimension, FigureGroupBy, FigureMeasure, FigurePeriod, figureItemSetNorm } from './figure-definition';
import { FigureItem } from './figure-items';
import { periodKey, periodsWithin } from './periods';
import { itemSetOf } from './shipped-figures';

/**
 * The figure engine: a figure's items (figure-items.ts, as the read model keeps them now or as known at an instant)
 * measured as of a date, per group and breakdown. Items are judged with the norm engine's judgeItem: an item stopped
 * or excluded on a date is no longer open at the end of that date, and one that starts after the as-of date does not
 * exist yet. Pure: the figures of domain-research §6 are computed by hand in figure-scenarios.unit.spec.ts.
 */
export interface FigureQuery {
  from: BusinessDate;
  to: BusinessDate;
  asOf: BusinessDate;
  groupBy: FigureGroupBy;
  /** Dimensions each group is broken down by, in this order; none of them the groupBy. */
  breakdown: readonly FigureDimension[];
}

/** The breakdown a stacking figure always has: how many periods of care a household has at once ('1', '2', '3+'). */
export const OPEN_SUPPORT = 'openSupport';

/** The value columns of each measure, in the order a table shows them. */
export const MEASURE_COLUMNS: Readonly<Record<FigureMeasure, readonly string[]>> = {
  stock: ['count', 'medianDays', 'p90Days'],
  count: ['count'],
  span: ['count', 'medianDays', 'p90Days', 'open'],
  persons: ['persons'],
  stacking: ['households'],
};

/** Columns that count items, persons or households: the cells small-cell suppression is about. */
export const COUNT_COLUMNS: readonly string[] = ['count', 'open', 'persons', 'households'];

/** Statistics, with the count column of the values they are computed over (a median of 3 waits is suppressed too). */
export const STATISTIC_BASES: Readonly<Record<string, string>> = { medianDays: 'count', p90Days: 'count' };

/** The group of a figure without groupBy. */
export const ALL = 'all';

export interface FigureCell {
  group: string;
  /** The value of each breakdown dimension (and of openSupport), in the table's key columns. */
  keys: Record<string, string>;
  values: Record<string, number | null>;
}

export interface FigureTable {
  keyColumns: readonly string[];
  columns: readonly string[];
  /** Per group (in key order) one row per combination of breakdown values that has anything to count. */
  rows: FigureCell[];
  /** Per group, its figures over all its rows; only when the table has key columns (else a row is its group's total). */
  totals: FigureCell[];
}

/** What one item (or, for stacking, one household) adds to a cell. */
interface Contribution {
  group: string;
  keys: string[];
  days?: number;
  open?: boolean;
  who?: string;
}

/** A query parameter that does not fit the figure: its name and why. */
export interface FigureQueryProblem {
  name: 'groupBy' | 'breakdown';
  reason: string;
}

/** What is wrong with grouping and breaking down this figure so; empty when nothing. */
export function figureQueryProblems(figure: FigureDefinition, groupBy: FigureGroupBy, breakdown: readonly FigureDimension[]): FigureQueryProblem[] {
  const problems: FigureQueryProblem[] = [];
  const allowed = figure.breakdowns.join(', ');
  if (groupBy !== 'none' && !isPeriod(groupBy) && !figure.breakdowns.includes(groupBy)) {
    problems.push({ name: 'groupBy', reason: `${figure.id} can be grouped by none, month, quarter, year or ${allowed}` });
  }
  const unknown = breakdown.filter((dimension) => !figure.breakdowns.includes(dimension));
  if (unknown.length > 0) problems.push({ name: 'breakdown', reason: `${figure.id} cannot be broken down by ${unknown.join(', ')}; it can by ${allowed}` });
  if (new Set(breakdown).size !== breakdown.length) problems.push({ name: 'breakdown', reason: 'names a dimension twice' });
  if ((breakdown as readonly string[]).includes(groupBy)) problems.push({ name: 'breakdown', reason: `the groups are ${groupBy} already` });
  return problems;
}

export function figureTable(figure: FigureDefinition, items: readonly FigureItem[], query: FigureQuery): FigureTable {
  const counted = items.filter((item) => Object.entries(figure.filter ?? {}).every(([dimension, value]) => item.attributes[dimension as FigureDimension] === value));
  const keyColumns: string[] = [...query.breakdown, ...(figure.measure === 'stacking' ? [OPEN_SUPPORT] : [])];
  const contributions = contributionsOf(figure, counted, query);
  const byCell = new Map<string, { group: string; keys: string[]; contributions: Contribution[] }>();
  const byGroup = new Map<string, Contribution[]>();
  for (const contribution of contributions) {
    const id = JSON.stringify([contribution.group, ...contribution.keys]);
    const cell = byCell.get(id) ?? { group: contribution.group, keys: contribution.keys, contributions: [] };
    cell.contributions.push(contribution);
    byCell.set(id, cell);
    // Pushed, not copied: a copy per contribution made a large figure quadratic.
    const group = byGroup.get(contribution.group);
    if (group === undefined) byGroup.set(contribution.group, [contribution]);
    else group.push(contribution);
  }
  const columns = MEASURE_COLUMNS[figure.measure];
  const keysOf = (keys: string[]) => Object.fromEntries(keyColumns.map((column, i) => [column, keys[i]]));
  const rows = [...byCell.values()]
    .sort((a, b) => compareKeys([a.group, ...a.keys], [b.group, ...b.keys]))
    .map(({ group, keys, contributions: cell }) => ({ group, keys: keysOf(keys), values: measured(figure.measure, cell) }));
  const totals =
    keyColumns.length === 0
      ? []
      : [...byGroup.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([group, cell]) => ({ group, keys: Object.fromEntries(keyColumns.map((column) => [column, TOTAL])), values: measured(figure.measure, cell) }));
  return { keyColumns, columns, rows, totals };
}

/** The key value of a group's total in each key column. */
export const TOTAL = 'totaal';

function contributionsOf(figure: FigureDefinition, items: readonly FigureItem[], query: FigureQuery): Contribution[] {
  const norm = figureItemSetNorm(itemSetOf(figure));
  const { from, to, asOf, groupBy, breakdown } = query;
  const keys = (item: FigureItem) => breakdown.map((dimension) => attribute(item, dimension));
  const groupOf = (item: FigureItem, date: BusinessDate) => (groupBy === 'none' ? ALL : isPeriod(groupBy) ? periodKey(date, groupBy) : attribute(item, groupBy));

  switch (figure.measure) {
    case 'count':
    case 'span':
      return items
        .filter((item) => item.startDate >= from && item.startDate <= to && item.startDate <= asOf)
        .flatMap((item) => {
          const judgement = judgeItem(norm, item, asOf);
          const base = { group: groupOf(item, item.startDate), keys: keys(item) };
          if (figure.measure === 'count') return [base];
          if (judgement?.stopped === true && judgement.waitingDays !== undefined) return [{ ...base, days: judgement.waitingDays + (figure.inclusiveDays === true ? 1 : 0) }];
          return judgement === undefined || judgement.status === 'excluded' ? [] : [{ ...base, open: true }];
        });
    case 'stock':
      return stockDates(query).flatMap(({ date, group }) =>
        openOn(norm, items, date).map(({ item, days }) => ({ group: group ?? groupOf(item, date), keys: keys(item), days })),
      );
    case 'stacking':
      return stockDates(query).flatMap(({ date, group }) => {
        const households = new Map<string, FigureItem[]>();
        for (const { item } of openOn(norm, items, date)) {
          const household = households.get(item.householdId);
          if (household === undefined) households.set(item.householdId, [item]);
          else household.push(item);
        }
        // Team, casusregisseur and wijk are the household's: every item of it has the same.
        return [...households].map(([household, open]) => ({
          group: group ?? groupOf(open[0], date),
          keys: [...keys(open[0]), open.length >= 3 ? '3+' : String(open.length)],
          who: household,
        }));
      });
    case 'persons':
      return personWindows(query).flatMap(({ from: windowFrom, to: windowTo, group }) =>
        items
          .filter((item) => item.startDate <= windowTo && !endedBefore(norm, item, windowFrom))
          .map((item) => ({ group: group ?? groupOf(item, windowFrom), keys: keys(item), who: `${item.householdId}/${item.memberId ?? item.itemKey}` })),
      );
  }
}

/** The dates a stock is taken on: asOf, or with a period groupBy the end of each period from `from` to `to` up to asOf. */
function stockDates({ from, to, asOf, groupBy }: FigureQuery): { date: BusinessDate; group?: string }[] {
  if (!isPeriod(groupBy)) return [{ date: asOf }];
  return periodsWithin(from, to, groupBy)
    .filter((period) => period.from <= asOf)
    .map((period) => ({ date: period.to < asOf ? period.to : asOf, group: period.key }));
}

/** The spans persons are counted in: [from, to] up to asOf, or each period of it. */
function personWindows({ from, to, asOf, groupBy }: FigureQuery): { from: BusinessDate; to: BusinessDate; group?: string }[] {
  const until = to < asOf ? to : asOf;
  if (from > until) return [];
  if (!isPeriod(groupBy)) return [{ from, to: until }];
  return periodsWithin(from, until, groupBy).map((period) => ({ from: period.from, to: period.to, group: period.key }));
}

/** The items open at the end of a date, with the days since they started. */
function openOn(norm: NormDefinition, items: readonly FigureItem[], date: BusinessDate): { item: FigureItem; days: number }[] {
  return items.flatMap((item) => {
    const judgement = judgeItem(norm, item, date);
    return judgement === undefined || judgement.stopped || judgement.status === 'excluded' ? [] : [{ item, days: judgement.waitingDays ?? 0 }];
  });
}

/** Whether an item had stopped or was excluded by the end of the day before `day` (so was not open on it). */
function endedBefore(norm: NormDefinition, item: FigureItem, day: BusinessDate): boolean {
  const judgement = judgeItem(norm, item, LocalDate.parse(day).minusDays(1).toString());
  return judgement !== undefined && (judgement.stopped || judgement.status === 'excluded');
}

function measured(measure: FigureMeasure, contributions: readonly Contribution[]): Record<string, number | null> {
  const days = contributions.flatMap((c) => (c.days === undefined ? [] : [c.days])).sort((a, b) => a - b);
  switch (measure) {
    case 'count':
      return { count: contributions.length };
    case 'stock':
      return { count: days.length, medianDays: median(days), p90Days: nearestRank(days, 90) };
    case 'span':
      return { count: days.length, medianDays: median(days), p90Days: nearestRank(days, 90), open: contributions.filter((c) => c.open === true).length };
    case 'persons':
      return { persons: new Set(contributions.map((c) => c.who)).size };
    case 'stacking':
      return { households: new Set(contributions.map((c) => c.who)).size };
  }
}

function attribute(item: FigureItem, dimension: FigureDimension): string {
  return item.attributes[dimension] ?? UNKNOWN;
}

function isPeriod(groupBy: FigureGroupBy): groupBy is FigurePeriod {
  return (FIGURE_PERIODS as readonly string[]).includes(groupBy);
}

function compareKeys(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) {
    const order = a[i].localeCompare(b[i]);
    if (order !== 0) return order;
  }
  return 0;
}
