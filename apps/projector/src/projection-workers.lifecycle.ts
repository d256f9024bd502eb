import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@casusregie/config';
import { EventStore } from '@casusregie/event-store';
import { ProjectionRunner } from '@casusregie/projections';
import { BullProjectionWorkers } from '@casusregie/queue';
import { ALL_PROJECTIONS, InjectAppConfig, InjectEventStore, InjectReadModels } from '@casusregie/runtime';
import { SqlDatabase } from '@casusregie/sql';

/** Starts a BullMQ worker per projection once the application is up, and stops them before the stores close. */
@Injectable()
export class ProjectionWorkersLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Projector');
  readonly runner: ProjectionRunner;
  private workers: BullProjectionWorkers | undefined;

  constructor(
    @InjectAppConfig() private readonly config: AppConfig,
    @InjectReadModels() readModels: SqlDatabase,
    @InjectEventStore() eventStore: EventStore,
  ) {
    this.runner = new ProjectionRunner(readModels, eventStore);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.prepare(ALL_PROJECTIONS);
    this.workers = new BullProjectionWorkers(this.config.redisUrl as string, this.runner, ALL_PROJECTIONS, {
      onError: (projection, error) =>
        this.logger.warn(`Projection ${projection}: ${error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : 'error'}`),
    });
    await this.workers.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.workers?.close();
  }
}
