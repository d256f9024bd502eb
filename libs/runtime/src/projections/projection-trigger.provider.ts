import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '@casusregie/config';
import { EventStore } from '@casusregie/event-store';
import { Metrics } from '@casusregie/operations';
import { describeParked, Projection, ProjectionRunner } from '@casusregie/projections';
import { BullProjectionTrigger, InProcessProjections, ProjectionTrigger } from '@casusregie/queue';
import { describeError, SqlDatabase } from '@casusregie/sql';
import { InjectAppConfig, InjectEventStore, InjectProjections, InjectReadModels } from '../runtime.tokens';

export const PROJECTION_TRIGGER = Symbol('PROJECTION_TRIGGER');
export const InjectProjectionTrigger = (): ParameterDecorator => Inject(PROJECTION_TRIGGER);

/**
 * How the API gets its projections moving after an append: through the BullMQ queues when REDIS_URL is set (the
 * projector processes do the work), or in this process in embedded mode.
 */
@Injectable()
export class ProjectionTriggerLifecycle implements ProjectionTrigger, OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private trigger: ProjectionTrigger & { close?(): Promise<void>; stop?(): Promise<void>; settle?(): Promise<void> };
  readonly runner: ProjectionRunner;

  constructor(
    @InjectAppConfig() private readonly config: AppConfig,
    @InjectReadModels() readModels: SqlDatabase,
    @InjectEventStore() eventStore: EventStore,
    @InjectProjections() readonly projections: readonly Projection[],
    metrics: Metrics,
  ) {
    this.runner = new ProjectionRunner(readModels, eventStore, {
      onParked: (projection, failed) => this.logger.warn(describeParked(projection, failed)),
      // Only embedded mode applies batches here; with Redis the projector does, and observes them itself.
      onBatchApplied: (batch) => metrics.observeProjectionBatch(batch),
    });
  }

  async onModuleInit(): Promise<void> {
    await this.runner.prepare(this.projections);
    // A partition is rebuilt with its whole projection (its swap waits for every partition): advise the whole.
    const wholes = new Set((await this.runner.needingRebuild(this.projections)).map((name) => this.projections.find((p) => p.name === name)?.partition?.of ?? name));
    for (const name of wholes) {
      this.logger.warn(`Projection ${name} was built with other settings than this version's (a norm changed, or its partitions?): run npm run projections:rebuild -- --projection ${name}`);
    }
    if (this.config.redisUrl !== undefined) {
      this.trigger = new BullProjectionTrigger({ url: this.config.redisUrl, keyPrefix: this.config.redisKeyPrefix }, this.projections.map((p) => p.name));
    } else {
      const inProcess = new InProcessProjections(this.runner, this.projections, (projection, error) =>
        this.logger.error(`Projection ${projection} failed: ${describeError(error)}`),
      );
      inProcess.start();
      this.trigger = inProcess;
    }
  }

  notify(): void {
    this.trigger.notify();
  }

  /** In embedded mode: waits until the projections caught up with everything appended so far. */
  async settle(): Promise<void> {
    await this.trigger.settle?.();
  }

  // Before the stores close (StorageLifecycle closes them on application shutdown).
  async beforeApplicationShutdown(): Promise<void> {
    await this.trigger?.stop?.();
    await this.trigger?.close?.();
  }
}
