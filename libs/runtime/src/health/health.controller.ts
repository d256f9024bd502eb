import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorFunction } from '@nestjs/terminus';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@casusregie/auth';
import { PROBLEM_CONTENT_TYPE, ProblemHttpException } from '@casusregie/http';
import { EventStoreHealthIndicator } from './event-store.health';
import { HEALTHY_SCHEMA, LIVE_SCHEMA, READY_SCHEMA, UNHEALTHY_SCHEMA } from './health.openapi';
import { ProjectionsHealthIndicator } from './projections.health';
import { QueueHealthIndicator } from './queue.health';
import { ReadModelsHealthIndicator } from './read-models.health';

const UNHEALTHY_RESPONSE = {
  status: 503,
  description: 'At least one component it depends on is down; `error` names which.',
  content: { [PROBLEM_CONTENT_TYPE]: { schema: UNHEALTHY_SCHEMA } },
};

/**
 * Three questions an operator or orchestrator asks:
 * - `/health/live`: is the process alive? (no I/O; a restart is the answer to no)
 * - `/health/ready`: can it do its work? The event store and the read models must answer. Redis may be down: the
 *   API still accepts commands and the projections catch up once it is back, so that is `degraded`, not unready.
 *   A projection with parked events is `degraded` too: it goes on, but a household's figures wait for someone.
 * - `/health`: the whole report, every component, each projection's lag and parked events; 503 when any component
 *   is down, `degraded` when an event is parked or a projection needs a rebuild (its settings changed).
 */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly eventStore: EventStoreHealthIndicator,
    private readonly readModels: ReadModelsHealthIndicator,
    private readonly queue: QueueHealthIndicator,
    private readonly projections: ProjectionsHealthIndicator,
  ) {}

  @Get()
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOperation({ operationId: 'getHealth', summary: 'Whether the event store, the read-model database and the queue answer; each projection’s lag' })
  @ApiOkResponse({ description: 'Every component is up; `degraded` when a projection has parked events.', schema: HEALTHY_SCHEMA })
  @ApiResponse(UNHEALTHY_RESPONSE)
  async check(): Promise<Omit<HealthCheckResult, 'status'> & { status: HealthCheckResult['status'] | 'degraded' }> {
    const report = await this.checkOrProblem([
      () => this.eventStore.check('eventStore'),
      () => this.readModels.check('readModels'),
      () => this.queue.check('queue'),
      () => this.projections.check('projections'),
    ]);
    return hasParkedEvents(report.details) || needsRebuild(report.details) ? { ...report, status: 'degraded' } : report;
  }

  @Get('live')
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOperation({ operationId: 'getLiveness', summary: 'The process is running (no component is asked)' })
  @ApiOkResponse({ description: 'Alive.', schema: LIVE_SCHEMA })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOperation({ operationId: 'getReadiness',
    summary: 'Ready for work: the event store and the read models answer; a queue that does not, or a parked event, is `degraded`',
  })
  @ApiOkResponse({ description: 'Ready; `status` is `degraded` while the queue is down or a projection has parked events.', schema: READY_SCHEMA })
  @ApiResponse(UNHEALTHY_RESPONSE)
  async ready(): Promise<{ status: 'ok' | 'degraded'; details: HealthCheckResult['details'] }> {
    const [stores, queue, parked] = await Promise.all([
      this.checkOrProblem([() => this.eventStore.check('eventStore'), () => this.readModels.check('readModels')]),
      this.queue.check('queue'),
      // The stores answered or checkOrProblem says why not; parked events not read in time count as none.
      this.projections.parked().catch(() => undefined),
    ]);
    const details = { ...stores.details, ...queue, ...(parked === undefined ? {} : { projections: { status: 'up' as const, parked } }) };
    return { status: queue.queue.status === 'up' && !hasParkedEvents(details) ? 'ok' : 'degraded', details };
  }

  private async checkOrProblem(indicators: HealthIndicatorFunction[]): Promise<HealthCheckResult> {
    try {
      return await this.health.check(indicators);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      // Terminus answers 503 with its own body; every error of this API is problem+json, so it becomes one.
      const report = error.getResponse() as HealthCheckResult;
      const down = Object.keys(report.error ?? {});
      throw new ProblemHttpException(503, {
        code: 'unhealthy',
        detail: `Not available: ${down.join(', ')}.`,
        extensions: { info: report.info, error: report.error, details: report.details },
      });
    }
  }
}

/** Whether any projection has parked an event: it goes on with the other households, but someone must look. */
function hasParkedEvents(details: HealthCheckResult['details']): boolean {
  const parked = (details.projections as { parked?: Record<string, { parked: number }> } | undefined)?.parked ?? {};
  return Object.values(parked).some((count) => count.parked > 0);
}

/** Whether a projection's tables were built with other settings than the code's (see Projection.settings). */
function needsRebuild(details: HealthCheckResult['details']): boolean {
  return ((details.projections as { rebuildNeeded?: string[] } | undefined)?.rebuildNeeded ?? []).length > 0;
}
