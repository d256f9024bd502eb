import { DynamicModule, Module } from '@nestjs/common';
import { HealthModule, RuntimeModule, RuntimeModuleOptions } from '@casusregie/runtime';
import { NotificationWorkersModule } from './notifications/notification-workers.module';
import { ProjectionWorkersLifecycle } from './projection-workers.lifecycle';

/**
 * The projector process: BullMQ workers that turn the event log into the read models supervisors query, plus the
 * stores and a health endpoint.
 */
@Module({})
export class ProjectorModule {
  static forRoot(options: RuntimeModuleOptions): DynamicModule {
    return {
      module: ProjectorModule,
      imports: [RuntimeModule.forRoot(options), HealthModule, NotificationWorkersModule],
      providers: [ProjectionWorkersLifecycle],
    };
  }
}
