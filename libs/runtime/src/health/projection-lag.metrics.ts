import { Injectable, OnModuleInit } from '@nestjs/common';
import { Metrics } from '@casusregie/operations';
import { ProjectionLags } from './projection-lags';

/** Sets each projection's lag gauges (events and seconds behind the log) before every scrape of /metrics. */
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
    const { projectionLagEvents, projectionLagSeconds } = this.metrics;
    try {
      for (const lag of await this.lags.read()) {
        projectionLagEvents.set({ projection: lag.projection }, lag.eventsBehind);
        projectionLagSeconds.set({ projection: lag.projection }, lag.secondsBehind);
      }
    } catch (error) {
      // Not prepared yet, or the stores are away (health says which): no figure rather than a stale one.
      projectionLagEvents.reset();
      projectionLagSeconds.reset();
      throw error;
    }
  }
}
