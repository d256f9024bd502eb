import { EventSelector, NormDefinition } from '../norms/norm-definition';

/**
 * A management figure (domain-research §3.2: K10, K24, K27, K28, K31, K32, and the stock of open trajectories) is
 * data, as a norm is, and runs on the norm engine: its items are those `normItems` makes of an item set (start, stop
 * and exclusion selectors, one item per trajectory, referral or start event), judged as of a date by `judgeItem`, kept
 * in the same read model (rm_norm_items, and rm_norm_item_history for knownAt). What a figure adds is a measure over
 * those items (a stock, a count, a distribution of spans, distinct persons, households by concurrent support) and the
 * breakdowns a supervisor may ask for. A figure has no deadline and no target: it is a statistic, never a norm, and is
 * listed apart from the norms (GET /figures, never GET /norms).
 */

/** What a figure can be broken down (or grouped) by: attributes of its items, never a person's details. */
export const FIGURE_DIMENSIONS = ['team', 'coordinator', 'wijk', 'legalBasis', 'level', 'category', 'provider', 'ageBand'] as const;
export type FigureDimension = (typeof FIGURE_DIMENSIONS)[number];

/** Periods a figure can be grouped by (see FigureMeasure for what a period means to each measure). */
export const FIGURE_PERIODS = ['month', 'quarter', 'year'] as const;
export type FigurePeriod = (typeof FIGURE_PERIODS)[number];

/** A figure's groups: one (none), per period, or per value of a dimension. */
export const FIGURE_GROUP_BY = ['none', ...FIGURE_PERIODS, ...FIGURE_DIMENSIONS] as const;
export type FigureGroupBy = (typeof FIGURE_GROUP_BY)[number];

/**
 * - `stock`: the items open (started, neither stopped nor excluded) at the end of the as-of date, with the days they
 *   have been open; grouped by a period, the stock at the end of each period from `from` to `to`.
 * - `count`: the items that started within [from, to] (and by asOf); by a period, the period they started in.
 * - `span`: of the items that started within [from, to], those stopped by asOf with the days from start to stop
 *   (count, median, P90), and those still open; by a period, the period they started in.
 * - `persons`: the distinct members with an item open at some time within [from, to] (by asOf); by a period, in
 *   each period.
 * - `stacking`: households by how many of their items are open at the same time (1, 2, 3 or more), as a stock.
 */
export type FigureMeasure = 'stock' | 'count' | 'span' | 'persons' | 'stacking';
export const FIGURE_MEASURES: readonly FigureMeasure[] = ['stock', 'count', 'span', 'persons', 'stacking'];

/** The items a figure counts: a norm's selectors without a deadline or target. Several figures may share a set. */
export interface FigureItemSet {
  /** Kebab-case; its items are kept under the norm id `figure:<id>` (see figureItemSetNorm). */
  id: string;
  itemPer: NormDefinition['itemPer'];
  start: EventSelector;
  /** Absent: an item never stops (it is only counted by its start). */
  stop?: EventSelector;
  exclusions: EventSelector[];
}

export interface FigureDefinition {
  /** Marks a statistic, so that nobody takes it for a norm. */
  kind: 'figure';
  /** Kebab-case, stable: the route GET /figures/{id}. */
  id: string;
  /** The number in domain-research §3.2 (K10 …), or null for a figure without one. */
  kNumber: string | null;
  title: string;
  /** The source wording and reference, as for a norm (domain-research §0.1). */
  source: string;
  measure: FigureMeasure;
  /** The id of the FigureItemSet whose items it measures. */
  itemSet: string;
  /** Only items with these attribute values (K32: legal basis wmo-2015). */
  filter?: Partial<Record<FigureDimension, string>>;
  /** span: count the first and the last day both (a period of care), not the days between (a wait). */
  inclusiveDays?: boolean;
  /** The dimensions this figure's items have, so may be grouped or broken down by. */
  breakdowns: readonly FigureDimension[];
  defaultGroupBy: FigureGroupBy;
}

/** The prefix of the norm ids under which figure items are kept beside the norms' items: no norm id has a colon. */
export const FIGURE_ITEMS_PREFIX = 'figure:';

/** An item set as the norm definition the norm engine runs: no duration, so judgeItem never calls an item late. */
export function figureItemSetNorm(set: FigureItemSet): NormDefinition {
  return {
    id: `${FIGURE_ITEMS_PREFIX}${set.id}`,
    title: `Items of figure set ${set.id}`,
    source: 'figure item set (libs/domain/src/figures/shipped-figures.ts)',
    itemPer: set.itemPer,
    start: set.start,
    ...(set.stop === undefined ? {} : { stop: set.stop }),
    exclusions: set.exclusions,
    calendar: 'calendar-days',
    kind: set.stop === undefined ? 'count' : 'deadline',
  };
}
