import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@casusregie/config';
import { EventStore } from '@casusregie/event-store';
import { Metrics } from '@casusregie/operations';
import { describeParked, Projection, ProjectionRunner } from '@casusregie/projections';
import { BullProjectionWorkers } from '@casusregie/queue';
import { InjectAppConfig, InjectEventStore, InjectProjections, InjectReadModels } from '@casusregie/runtime';
import { describeError, SqlDatabase } from '@casusregie/sql';

const LAG_REPORT_MS = 30_000;
/** A batch still running when a shutdown has waited this long is cut off; it was never committed and is done again. */
const CLOSE_TIMEOUT_MS = 5_000;

/** Starts a BullMQ worker per projection once the application is up, and stops them before the stores close. */
@Injectable()
export class ProjectionWorkersLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Projector');
  readonly runner: ProjectionRunner;
  private workers: BullProjectionWorkers | undefined;
  private lagReport: NodeJS.Timeout | undefined;

  constructor(
    @InjectAppConfig() private readonly config: AppConfig,
    @InjectReadModels() readModels: SqlDatabase,
    @InjectEventStore() eventStore: EventStore,
    @InjectProjections() private readonly projections: readonly Projection[],
    private readonly metrics: Metrics,
  ) {
    this.runner = new ProjectionRunner(readModels, eventStore, {
      onParked: (projection, failed) => this.logger.warn(describeParked(projection, failed)),
      onBatchApplied: (batch) => this.metrics.observeProjectionBatch(batch),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.prepare(this.projections);
    this.workers = new BullProjectionWorkers({ url: this.config.redisUrl as string, keyPrefix: this.config.redisKeyPrefix }, this.runner, this.projections, {
      metrics: this.metrics,
      closeTimeoutMs: CLOSE_TIMEOUT_MS,
      onError: (projection, error) => this.logger.warn(`Projection ${projection}: ${describeError(error)}`),
    });
    await this.workers.start();
    this.lagReport = setInterval(() => void this.logLag(), LAG_REPORT_MS);
    this.lagReport.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.lagReport) clearInterval(this.lagReport);
    await this.workers?.close();
  }

  /** One log line per projection: events behind and the age of the oldest unapplied event. */
  private async logLag(): Promise<void> {
    for (const projection of this.projections) {
      try {
        const lag = await this.runner.lag(projection, 10_000);
        this.logger.log(
          `Projection ${projection.name} lag: ${lag.eventsBehind}${lag.eventsBehindIsLowerBound ? '+' : ''} events, ${Math.round(lag.secondsBehind)} s`,
        );
      } catch (error) {
        this.logger.warn(`Projection ${projection.name} lag unknown: ${describeError(error)}`);
      }
    }
  }
}
