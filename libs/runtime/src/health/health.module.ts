import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { EventStoreHealthIndicator } from './event-store.health';
import { HealthController } from './health.controller';
import { ProjectionLagMetrics } from './projection-lag.metrics';
import { ProjectionLags } from './projection-lags';
import { ProjectionsHealthIndicator } from './projections.health';
import { QueueDepthMetrics } from './queue-depth.metrics';
import { QueueHealthIndicator } from './queue.health';
import { ReadModelsHealthIndicator } from './read-models.health';

/**
 * The health endpoints, and the gauges of /metrics that are read from the stores (projection lag, queue depth).
 * Needs the application's Metrics (MetricsModule of @casusregie/operations).
 */
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
  controllers: [HealthController],
  providers: [
    EventStoreHealthIndicator,
    ReadModelsHealthIndicator,
    QueueHealthIndicator,
    ProjectionsHealthIndicator,
    ProjectionLags,
    ProjectionLagMetrics,
    QueueDepthMetrics,
  ],
})
export class HealthModule {}
