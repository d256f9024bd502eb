import { DynamicModule, Module } from '@nestjs/common';
import { HealthModule, RuntimeModule, RuntimeModuleOptions } from '@casusregie/runtime';

/**
 * The projector process: it turns the event log into the read models supervisors query. This module is its
 * skeleton (stores, migrations, health); the projections and their BullMQ workers plug in here.
 */
@Module({})
export class ProjectorModule {
  static forRoot(options: RuntimeModuleOptions): DynamicModule {
    return { module: ProjectorModule, imports: [RuntimeModule.forRoot(options), HealthModule] };
  }
}
