import { Injectable } from '@nestjs/common';
import {
  belowThreshold,
  FigureDefinition,
  figureById,
  figureQueryProblems,
  FigureTable,
  figureTable,
  itemSetOf,
  SHIPPED_FIGURES,
  ShownCell,
  suppressSmallCells,
  WITHHELD,
} from '@casusregie/domain';
import { AppConfig, DEFAULT_SMALL_CELL_THRESHOLD } from '@casusregie/config';
import { invalidParams, ProblemHttpException } from '@casusregie/http';
import { FigureItemStore } from '@casusregie/projections';
import { Clock, InjectAppConfig, InjectClock } from '@casusregie/runtime';
import { FigureReportQuery } from './figures.queries';
import { reportPeriod } from './report-period';

/**
 * The management figures (libs/domain/src/figures) for supervisors of one municipality: the items of the figure's
 * item set from the read model (now, or as known at an instant), measured by the domain's figure engine, then
 * small-cell suppressed before anyone sees them. Like a norm's compliance report: asOf, knownAt with `restated`,
 * groups, CSV; unlike it: no target, no percentage, and listed apart from the norms.
 */
@Injectable()
export class FiguresService {
  private readonly threshold: number;

  constructor(
    private readonly items: FigureItemStore,
    @InjectClock() private readonly clock: Clock,
    @InjectAppConfig() config: AppConfig,
  ) {
    this.threshold = config.smallCellThreshold ?? DEFAULT_SMALL_CELL_THRESHOLD;
  }

  list() {
    return SHIPPED_FIGURES.map(figureView);
  }

  async report(municipality: string, figureId: string, query: FigureReportQuery) {
    const figure = figureById(figureId);
    if (figure === undefined) throw new ProblemHttpException(404, { code: 'figure-not-found', detail: 'No figure by that id; GET /figures lists them' });
    const period = reportPeriod(query, this.clock.today());
    const groupBy = query.groupBy ?? figure.defaultGroupBy;
    const breakdown = query.breakdown ?? [];
    const problems = figureQueryProblems(figure, groupBy, breakdown);
    if (problems.length > 0) throw invalidParams(problems.map(({ name, reason }) => ({ name, code: 'invalid', reason })));

    const tableAt = async (knownAt?: Date): Promise<FigureTable> =>
      figureTable(figure, await this.items.items(municipality, itemSetOf(figure).id, { startedBy: period.asOf, knownAt }), { ...period, groupBy, breakdown });
    const knownAt = query.knownAt === undefined ? undefined : new Date(query.knownAt);
    const table = await tableAt(knownAt);
    // Compared before suppression: a change hidden in a "<5" cell is a restatement all the same.
    const restated = knownAt === undefined ? undefined : JSON.stringify(table) !== JSON.stringify(await tableAt());
    const shown = suppressSmallCells(table, this.threshold);
    return {
      figure: { id: figure.id, kNumber: figure.kNumber, title: figure.title, measure: figure.measure, kind: figure.kind },
      municipality,
      ...period,
      knownAt: query.knownAt ?? null,
      ...(restated === undefined ? {} : { restated }),
      groupBy,
      breakdown,
      keyColumns: shown.keyColumns,
      columns: shown.columns,
      suppression: { threshold: this.threshold, below: belowThreshold(this.threshold), withheld: WITHHELD },
      rows: shown.rows.map(flat),
      totals: shown.totals.map(({ group, values }) => ({ group, ...values })),
    };
  }
}

/** A figure as GET /figures lists it. */
export function figureView(figure: FigureDefinition) {
  return {
    id: figure.id,
    kind: figure.kind,
    kNumber: figure.kNumber,
    title: figure.title,
    source: figure.source,
    measure: figure.measure,
    breakdowns: [...figure.breakdowns],
    defaultGroupBy: figure.defaultGroupBy,
  };
}

/** A row as JSON and CSV show it: its group, its breakdown values, then its figures. */
function flat({ group, keys, values }: ShownCell) {
  return { group, ...keys, ...values };
}
