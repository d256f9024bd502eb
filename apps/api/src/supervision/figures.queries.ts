import { Transform } from 'class-transformer';
import { FIGURE_DIMENSIONS, FIGURE_GROUP_BY, FigureDimension, FigureGroupBy } from '@casusregie/domain';
import { EnumField, EnumListField, InstantField, ReportDateField } from '../validation/fields';
import { CSV_DIALECTS, CsvDialect } from './csv';

/** The query of one management figure: its period and time axes (as a norm's compliance report has them), groups and breakdown. */
export class FigureReportQuery {
  @ReportDateField({ optional: true, description: 'First day of the period; default 1 January of asOf’s year. For a stock: the first period of a period groupBy.' })
  from?: string;

  @ReportDateField({ optional: true, description: 'Last day of the period; default 31 December of asOf’s year.' })
  to?: string;

  @ReportDateField({ optional: true, description: 'Judge as of this business date: only facts on or before it count. Default today.' })
  asOf?: string;

  @InstantField({ optional: true, description: 'Only facts recorded on or before this instant count: reproduces a figure as it was produced, and flags `restated`.' })
  knownAt?: string;

  @EnumField(FIGURE_GROUP_BY, { optional: true, description: 'The groups: none, a period, or a dimension the figure has (GET /figures lists them). Default: the figure’s own.' })
  groupBy?: FigureGroupBy;

  // `breakdown=legalBasis,level` or `breakdown=legalBasis&breakdown=level`.
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value.flatMap((v) => (typeof v === 'string' ? v.split(',') : [v])) : value))
  @EnumListField(FIGURE_DIMENSIONS, { optional: true, description: 'Dimensions to break each group down by, comma-separated, in order; only those the figure has.' })
  breakdown?: FigureDimension[];

  @EnumField(CSV_DIALECTS, { optional: true, description: 'Answer as CSV: rfc4180 (comma-separated) or excel-nl (semicolons, decimal comma, UTF-8 BOM). `Accept: text/csv` gives rfc4180.' })
  csv?: CsvDialect;
}
