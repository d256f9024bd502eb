import { SHIPPED_NORMS, waitingTimeStages } from '@casusregie/domain';
import { GROUP_BY } from '@casusregie/projections';
import { EnumField, InstantField, ReportDateField, TextField, WholeNumberQueryField } from '../validation/fields';
import { CSV_DIALECTS, CsvDialect } from './csv';
import { PageQuery } from '../validation/page-query';

/**
 * Query parameters shared by the figures: the period of starts, the business-date axis, and filters. The other time
 * axis, knownAt, only where a figure honours it (compliance, a norm's worklist): elsewhere it is an unknown
 * parameter, a 400.
 */
export class FiguresQuery {
  @ReportDateField({ optional: true, description: 'First start date counted (cohort); default 1 January of asOf’s year.' })
  from?: string;

  @ReportDateField({ optional: true, description: 'Last start date counted (cohort); default 31 December of asOf’s year.' })
  to?: string;

  @ReportDateField({ optional: true, description: 'Judge as of this business date: only facts on or before it count. Default today.' })
  asOf?: string;

  @TextField(64, { optional: true })
  team?: string;

  @TextField(200, { optional: true, description: 'AGB code (or name) of the provider.' })
  provider?: string;
}

const KNOWN_AT = 'Only facts recorded on or before this instant count: reproduces a report as it was produced. Not in the future.';

export class ComplianceQuery extends FiguresQuery {
  @InstantField({ optional: true, description: KNOWN_AT })
  knownAt?: string;

  @EnumField(GROUP_BY, { optional: true, description: 'Default year.' })
  groupBy?: (typeof GROUP_BY)[number];

  @EnumField(CSV_DIALECTS, { optional: true, description: 'Answer as CSV: rfc4180 (comma-separated) or excel-nl (semicolons, decimal comma, UTF-8 BOM).' })
  csv?: CsvDialect;
}

export const ITEM_STATUSES = ['pending', 'late', 'on-time', 'excluded'] as const;

export class ItemsQuery extends PageQuery {
  @EnumField(ITEM_STATUSES, { optional: true })
  status?: (typeof ITEM_STATUSES)[number];

  @WholeNumberQueryField(0, 3650, { optional: true, description: 'Pending items whose deadline is at most this many days away.' })
  dueWithinDays?: number;

  @ReportDateField({ optional: true, description: 'Default today.' })
  asOf?: string;

  @InstantField({ optional: true, description: KNOWN_AT })
  knownAt?: string;

  @TextField(64, { optional: true })
  team?: string;
}

/** Every shipped norm with a stop is a stage, plus the old names of two of them (see waiting-times.ts in the domain). */
export const WAITING_TIME_STAGES = waitingTimeStages(SHIPPED_NORMS);

export class WaitingTimesQuery extends FiguresQuery {
  @EnumField(WAITING_TIME_STAGES, {
    description: 'The id of a norm with a stop (melding-first-support and acceptance-care-start: the old names of melding-start-support and referral-care-start).',
  })
  stage: string;

  @EnumField(GROUP_BY, { optional: true, description: 'Default year.' })
  groupBy?: (typeof GROUP_BY)[number];
}

export class WaakvlamDueQuery extends PageQuery {
  @ReportDateField({ optional: true, description: 'Default today.' })
  asOf?: string;

  @WholeNumberQueryField(0, 365, { optional: true, description: 'Contacts due within this many days (overdue ones always listed); default 7.' })
  withinDays?: number;

  @TextField(64, { optional: true })
  team?: string;
}


export class CaseloadQuery extends PageQuery {
  @TextField(64, { optional: true })
  team?: string;
}
