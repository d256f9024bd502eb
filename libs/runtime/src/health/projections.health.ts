import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { ProjectionLags } from './projection-lags';
import { failureReason } from './with-timeout';

/**
 * Each projection's lag: events not yet applied and the age of the oldest of them. Lag is information, not an
 * outage: the projections catch up by themselves, so a lagging projection leaves the status up.
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
      const lags = await this.lags.read();
      return indicator.up({
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
}
