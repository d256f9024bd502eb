import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { EventStore } from '@casusregie/event-store';
import { Projection, ProjectionRunner } from '@casusregie/projections';
import { SqlDatabase } from '@casusregie/sql';
import { InjectEventStore, InjectProjections, InjectReadModels } from '../runtime.tokens';
import { failureReason, HEALTH_CHECK_TIMEOUT_MS, withTimeout } from './with-timeout';

/** Counting further than this per health check would make the check itself slow; beyond it, "at least". */
const COUNT_LAG_UP_TO = 1000;

/**
 * Each projection's lag: events not yet applied and the age of the oldest of them. Lag is information, not an
 * outage: the projections catch up by themselves, so a lagging projection leaves the status up.
 */
@Injectable()
export class ProjectionsHealthIndicator {
  private readonly runner: ProjectionRunner;

  constructor(
    private readonly health: HealthIndicatorService,
    @InjectReadModels() readModels: SqlDatabase,
    @InjectEventStore() eventStore: EventStore,
    @InjectProjections() private readonly projections: readonly Projection[],
  ) {
    this.runner = new ProjectionRunner(readModels, eventStore);
  }

  async check(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    try {
      const lags = await withTimeout(Promise.all(this.projections.map((p) => this.runner.lag(p, COUNT_LAG_UP_TO))), HEALTH_CHECK_TIMEOUT_MS);
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
