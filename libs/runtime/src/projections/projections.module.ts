import { Global, Module } from '@nestjs/common';
import { PROJECTION_TRIGGER, ProjectionTriggerLifecycle } from './projection-trigger.provider';

/** The API's link to its projections (queues or in-process); inject it with @InjectProjectionTrigger(). */
@Global()
@Module({
  providers: [ProjectionTriggerLifecycle, { provide: PROJECTION_TRIGGER, useExisting: ProjectionTriggerLifecycle }],
  exports: [ProjectionTriggerLifecycle, PROJECTION_TRIGGER],
})
export class ProjectionsModule {}
