import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
// A type import under its own name: the decorators' metadata then records Object, as tsc's does, and not `express`
// (a package we do not depend on) or the global fetch Response.
import type { Response as ExpressResponse } from 'express';
import { CurrentUser, Principal, Roles } from '@casusregie/auth';
import { ApiProblemResponses } from '@casusregie/http';
import { requestedCsv, sendCsv, toCsv } from './csv';
import { SupervisionService } from './supervision.service';
import { CaseloadQuery, ComplianceQuery, ItemsQuery, WaakvlamDueQuery, WaitingTimesQuery } from './supervision.queries';
import {
  CaseloadsPage,
  COMPLIANCE_CSV_EXAMPLE,
  ComplianceResponse,
  CountComplianceGroup,
  DeadlineComplianceGroup,
  NormItemsPage,
  NormsResponse,
  WaakvlamDuePage,
  WaitingTimesResponse,
} from './supervision.responses';


/**
 * What supervisors and the council see: the configured norms, compliance per cohort, the early-warning worklists and
 * waiting-time distributions. Scoped to the supervisor's municipality; no names, BSNs or free text ever appear here.
 */
@ApiTags('supervision')
@Roles('supervisor')
@ApiProblemResponses(400, 401, 403)
@ApiExtraModels(ComplianceResponse, DeadlineComplianceGroup, CountComplianceGroup)
@Controller()
export class SupervisionController {
  constructor(private readonly supervision: SupervisionService) {}

  @Get('norms')
  @ApiOperation({ operationId: 'listNorms', summary: 'The norms configured for your municipality' })
  @ApiOkResponse({ type: NormsResponse })
  async norms(@CurrentUser() user: Principal) {
    return { municipality: user.municipality, norms: await this.supervision.norms(user.municipality) };
  }

  @Get('norms/:normId/compliance')
  @ApiOperation({
    operationId: 'getNormCompliance',
    summary: 'Compliance of a norm per group: on-time, late, pending, excluded, percentage, target, provisional, median and P90 days',
    description:
      'asOf judges on a business date; knownAt (an instant) reproduces a report as it was produced and flags `restated`. ' +
      '`Accept: text/csv` or `csv=rfc4180` gives CSV (comma-separated); `csv=excel-nl` gives CSV for Dutch Excel ' +
      '(semicolons, decimal comma, UTF-8 byte-order mark). Every CSV line carries the knownAt and restated of the report.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description: 'The report; as CSV (one line per group, with a header line, knownAt and restated on every line) for `Accept: text/csv` or `csv`.',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(ComplianceResponse) } },
      'text/csv': { schema: { type: 'string', example: COMPLIANCE_CSV_EXAMPLE } },
    },
  })
  @ApiProblemResponses(404)
  async compliance(
    @Param('normId') normId: string,
    @Query() query: ComplianceQuery,
    @CurrentUser() user: Principal,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: ExpressResponse,
  ) {
    const report = await this.supervision.compliance(user.municipality, normId, query);
    const dialect = requestedCsv(query.csv, accept);
    if (dialect === undefined) return report;
    // The report's time axes belong on every line: a CSV passed on without them no longer says what it reproduces.
    const lines = report.groups.map((group) => ({ ...group, knownAt: report.knownAt, restated: report.restated ?? null }));
    return sendCsv(res, `${report.norm.id}-${report.asOf}`, toCsv(lines, dialect));
  }

  @Get('norms/:normId/items')
  @ApiOperation({
    operationId: 'listNormItems',
    summary: 'The early-warning worklist of a norm: items by status, soonest deadline first, keyset-paginated',
    description: 'asOf judges on a business date; knownAt (an instant, not in the future) lists the items as they were known then.',
  })
  @ApiOkResponse({ type: NormItemsPage })
  @ApiProblemResponses(404)
  items(@Param('normId') normId: string, @Query() query: ItemsQuery, @CurrentUser() user: Principal) {
    return this.supervision.worklist(user.municipality, normId, query);
  }

  @Get('waiting-times')
  @ApiOperation({ operationId: 'getWaitingTimes', summary: 'Waiting-time distributions per stage: count, median, P90, max (days), and how many are still open' })
  @ApiOkResponse({ type: WaitingTimesResponse })
  waitingTimes(@Query() query: WaitingTimesQuery, @CurrentUser() user: Principal) {
    return this.supervision.waitingTimes(user.municipality, query);
  }

  @Get('caseload')
  @ApiOperation({ operationId: 'listCaseloads', summary: 'Caseload per casusregisseur: households, open trajectories and those in waakvlam; paged' })
  @ApiOkResponse({ type: CaseloadsPage })
  caseload(@Query() query: CaseloadQuery, @CurrentUser() user: Principal) {
    return this.supervision.caseload(user.municipality, query);
  }

  @Get('waakvlam/due')
  @ApiOperation({ operationId: 'listWaakvlamContactsDue', summary: 'Waakvlam contacts due within some days, and those overdue (first); paged' })
  @ApiOkResponse({ type: WaakvlamDuePage })
  waakvlamDue(@Query() query: WaakvlamDueQuery, @CurrentUser() user: Principal) {
    return this.supervision.waakvlamDue(user.municipality, query);
  }
}
