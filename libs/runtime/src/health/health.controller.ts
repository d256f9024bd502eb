import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheck, HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@casusregie/auth';
import { PROBLEM_CONTENT_TYPE, ProblemHttpException } from '@casusregie/http';
import { EventStoreHealthIndicator } from './event-store.health';
import { HEALTHY_SCHEMA, UNHEALTHY_SCHEMA } from './health.openapi';
import { ProjectionsHealthIndicator } from './projections.health';
import { QueueHealthIndicator } from './queue.health';
import { ReadModelsHealthIndicator } from './read-models.health';

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
  @ApiOperation({ summary: 'Whether the event store, the read-model database and the queue answer; each projection’s lag' })
  @ApiOkResponse({ description: 'Every component is up.', schema: HEALTHY_SCHEMA })
  @ApiResponse({
    status: 503,
    description: 'At least one component is down; `error` names which.',
    content: { [PROBLEM_CONTENT_TYPE]: { schema: UNHEALTHY_SCHEMA } },
  })
  async check(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.eventStore.check('eventStore'),
        () => this.readModels.check('readModels'),
        () => this.queue.check('queue'),
        () => this.projections.check('projections'),
      ]);
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
