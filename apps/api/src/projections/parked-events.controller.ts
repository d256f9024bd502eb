import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@casusregie/auth';
import { ApiProblemResponses } from '@casusregie/http';
import { familyOf, listParked } from '@casusregie/projections';
import { InjectReadModels, ProjectionTriggerLifecycle } from '@casusregie/runtime';
import { SqlDatabase } from '@casusregie/sql';
import { ParkedEventsQuery, ParkedEventsResponse, RetryParkedEventsRequest, RetryParkedEventsResponse } from './parked-events.dto';

/**
 * Events the projections could not apply (SPEC §4: a projection never stops for one event), for operators: to see
 * which households wait in which read model, and to try them again after a fix. Ids, types and error codes only.
 *
 * Role `operator`, not a municipality's admin: a projection serves every municipality and a retry moves all of its
 * parked events at once, the list names households of every municipality, and the cause is fixed by whoever runs
 * the platform (a repair or a deploy), not by a municipality.
 */
@ApiTags('projections')
@Roles('operator')
@ApiProblemResponses(400, 401, 403)
@Controller('projections/parked-events')
export class ParkedEventsController {
  constructor(
    @InjectReadModels() private readonly readModels: SqlDatabase,
    private readonly projections: ProjectionTriggerLifecycle,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'listParkedEvents', summary: 'Parked events, and the events of the same households held behind them' })
  @ApiOkResponse({ type: ParkedEventsResponse })
  async list(@Query() query: ParkedEventsQuery): Promise<ParkedEventsResponse> {
    return { parkedEvents: await listParked(this.readModels, this.selected(query.projection).map((p) => p.name)) };
  }

  @Post('retry')
  @HttpCode(200)
  @ApiOperation({ operationId: 'retryParkedEvents', summary: 'Apply the parked events again, each with the events held behind it; what still fails stays parked' })
  @ApiOkResponse({ type: RetryParkedEventsResponse })
  async retry(@Body() body: RetryParkedEventsRequest): Promise<RetryParkedEventsResponse> {
    const results = [];
    for (const projection of this.selected(body.projection)) {
      results.push({ projection: projection.name, ...(await this.projections.runner.retryParked(projection)) });
    }
    // Events of those households that came after the last catch-up can move now.
    this.projections.notify();
    return { results };
  }

  /** The projection named, or every one; one split by PROJECTION_PARTITIONS as all its partitions. */
  private selected(name: string | undefined) {
    return this.projections.projections.filter((projection) => name === undefined || familyOf(projection) === name);
  }
}
