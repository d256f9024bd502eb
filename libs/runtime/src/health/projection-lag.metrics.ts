import { Injectable, OnModuleInit } from '@nestjs/common';
import { Metrics } from '@casusregie/operations';
import { ProjectionLags } from './projection-lags';

/** Sets each projection's lag gauges (events and seconds behind the log) and parked events before every scrape of /metrics. */
@Injectable()
export class ProjectionLagMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly lags: ProjectionLags,
  ) {}

  onModuleInit(): void {
    this.metrics.addCollector(() => this.collect());
  }

  private async collect(): Promise<void> {
    const { projectionLagEvents, projectionLagSeconds, projectionParkedEvents } = this.metrics;
    try {
      for (const lag of await this.lags.read()) {
        projectionLagEvents.set({ projection: lag.projection }, lag.eventsBehind);
        projectionLagSeconds.set({ projection: lag.projection }, lag.secondsBehind);
      }
      for (const count of await this.lags.parked()) {
        projectionParkedEvents.set({ projection: count.projection, state: 'parked' }, count.parked);
        projectionParkedEvents.set({ projection: count.projection, state: 'held' }, count.held);
      }
    } catch (error) {
      // Not prepared yet, or the stores are away (health says which): no figure rather than a stale one.
      projectionLagEvents.reset();
      projectionLagSeconds.reset();
      projectionParkedEvents.reset();
      throw error;
    }
  }
}
