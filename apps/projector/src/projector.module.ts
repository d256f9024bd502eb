import { DynamicModule, Module } from '@nestjs/common';
import { Metrics, MetricsModule } from '@casusregie/operations';
import { HealthModule, RuntimeModule, RuntimeModuleOptions } from '@casusregie/runtime';
import { NotificationWorkersModule } from './notifications/notification-workers.module';
import { ProjectionWorkersLifecycle } from './projection-workers.lifecycle';

export type ProjectorModuleOptions = RuntimeModuleOptions & {
  /** The figures served at /metrics; a fresh set when absent. */
  metrics?: Metrics;
};

/**
 * The projector process: BullMQ workers that turn the event log into the read models supervisors query, plus the
 * stores, the health endpoints and /metrics.
 */
@Module({})
export class ProjectorModule {
  static forRoot({ metrics = new Metrics(), ...options }: ProjectorModuleOptions): DynamicModule {
    return {
      module: ProjectorModule,
      imports: [RuntimeModule.forRoot(options), MetricsModule.forRoot(metrics), HealthModule, NotificationWorkersModule],
      providers: [ProjectionWorkersLifecycle],
    };
  }
}
