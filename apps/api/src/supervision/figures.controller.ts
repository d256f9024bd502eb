import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags, getSchemaPath, ApiExtraModels } from '@nestjs/swagger';
// A type import under its own name: the decorators' metadata then records Object, not `express`.
import type { Response as ExpressResponse } from 'express';
import { CurrentUser, Principal, Roles } from '@casusregie/auth';
import { TOTAL } from '@casusregie/domain';
import { ApiProblemResponses } from '@casusregie/http';
import { requestedCsv, sendCsv, toCsv } from './csv';
import { FigureReportQuery } from './figures.queries';
import { FIGURE_CSV_EXAMPLE, FigureReport, FiguresResponse } from './figures.responses';
import { FiguresService } from './figures.service';

/**
 * The management figures (K10, K24, K27, K28, K31, K32, the stock of open trajectories) for supervisors, of their
 * own municipality; apart from the norms (GET /norms), as they are statistics without a target. Small counts are
 * suppressed; no name, address or birth date ever appears, only the age band and the wijk.
 */
@ApiTags('supervision')
@Roles('supervisor')
@ApiProblemResponses(400, 401, 403)
@ApiExtraModels(FigureReport)
@Controller('figures')
export class FiguresController {
  constructor(private readonly figures: FiguresService) {}

  @Get()
  @ApiOperation({ operationId: 'listFigures', summary: 'The management figures: id, K-number, title, source, measure and what each can be broken down by' })
  @ApiOkResponse({ type: FiguresResponse })
  list(@CurrentUser() user: Principal) {
    return { municipality: user.municipality, figures: this.figures.list() };
  }

  @Get(':figureId')
  @ApiOperation({
    operationId: 'getFigure',
    summary: 'One management figure per group and breakdown, as of a date (and as known at an instant), small counts suppressed',
    description:
      'asOf judges on a business date; knownAt (an instant) reproduces a figure as it was produced and flags `restated`. ' +
      'groupBy: none, month, quarter, year or a dimension; breakdown: dimensions, comma-separated. Counts of 1 to ' +
      'threshold − 1 show as "<5", and other cells are withheld ("x") so that none can be worked out from a total. ' +
      '`Accept: text/csv` or `csv=rfc4180` gives CSV; `csv=excel-nl` CSV for Dutch Excel (semicolons, decimal comma, ' +
      'UTF-8 byte-order mark). A CSV has the rows, then each group’s total (key columns `totaal`), with knownAt and restated on every line.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description: 'The figure; as CSV for `Accept: text/csv` or `csv`.',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(FigureReport) } },
      'text/csv': { schema: { type: 'string', example: FIGURE_CSV_EXAMPLE } },
    },
  })
  @ApiProblemResponses(404)
  async figure(
    @Param('figureId') figureId: string,
    @Query() query: FigureReportQuery,
    @CurrentUser() user: Principal,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: ExpressResponse,
  ) {
    const report = await this.figures.report(user.municipality, figureId, query);
    const dialect = requestedCsv(query.csv, accept);
    if (dialect === undefined) return report;
    const total = Object.fromEntries(report.keyColumns.map((column) => [column, TOTAL]));
    const axes = { knownAt: report.knownAt, restated: report.restated ?? null };
    const lines = [...report.rows, ...report.totals.map((row) => ({ ...row, ...total }))].map((row) => ({ ...row, ...axes }));
    const columns = ['group', ...report.keyColumns, ...report.columns, 'knownAt', 'restated'];
    return sendCsv(res, `${report.figure.id}-${report.asOf}`, toCsv(lines, dialect, columns));
  }
}
