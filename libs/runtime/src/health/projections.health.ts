import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { ProjectionLags } from './projection-lags';
import { failureReason } from './with-timeout';

/**
 * Each projection's lag (events not yet applied and the age of the oldest of them) and its parked events. Lag is
 * information, not an outage: the projections catch up by themselves, so a lagging projection leaves the status up.
 * Parked events are a fault someone must look at: the component stays up (the projection goes on with the other
 * households), and the report's status becomes `degraded` (see HealthController). So does a projection whose tables
 * were built with other settings than the code's (`rebuildNeeded`: e.g. a norm changed since; run a rebuild).
 */
@Injectable()
export class ProjectionsHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly lags: ProjectionLags,
  ) {}

  async check(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    try {
      const [lags, parked, rebuildNeeded] = await Promise.all([this.lags.read(), this.parked(), this.lags.needingRebuild()]);
      return indicator.up({
        parked,
        rebuildNeeded,
        lag: Object.fromEntries(
          lags.map((lag) => [
            lag.projection,
            { eventsBehind: lag.eventsBehindIsLowerBound ? `${lag.eventsBehind}+` : lag.eventsBehind, secondsBehind: Math.round(lag.secondsBehind) },
          ]),
        ),
      });
    } catch (error) {
      // Not prepared yet, or the stores are down (reported by their own indicators): say so without failing health.
      return indicator.up({ lag: 'unknown', reason: failureReason(error) });
    }
  }

  /** Per projection: events parked and events held behind them. Rejects when the read models do not answer. */
  async parked(): Promise<Record<string, { parked: number; held: number }>> {
    const counts = await this.lags.parked();
    return Object.fromEntries(counts.map((count) => [count.projection, { parked: count.parked, held: count.held }]));
  }
}
