import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { EventStoreHealthIndicator } from './event-store.health';
import { HealthController } from './health.controller';
import { ProjectionsHealthIndicator } from './projections.health';
import { QueueHealthIndicator } from './queue.health';
import { ReadModelsHealthIndicator } from './read-models.health';

@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
  controllers: [HealthController],
  providers: [EventStoreHealthIndicator, ReadModelsHealthIndicator, QueueHealthIndicator, ProjectionsHealthIndicator],
})
export class HealthModule {}
