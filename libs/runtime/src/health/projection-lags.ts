import { Injectable } from '@nestjs/common';
import { EventStore } from '@casusregie/event-store';
import { countParked, ParkedCount, Projection, ProjectionLag, ProjectionRunner } from '@casusregie/projections';
import { SqlDatabase } from '@casusregie/sql';
import { InjectEventStore, InjectProjections, InjectReadModels } from '../runtime.tokens';
import { HEALTH_CHECK_TIMEOUT_MS, withTimeout } from './with-timeout';

/** Counting further than this per look would make the health check, or the scrape, slow; beyond it, "at least". */
export const COUNT_LAG_UP_TO = 1000;

/** Every projection's lag (events not yet applied, and the age of the oldest) and parked events, for health and /metrics. */
@Injectable()
export class ProjectionLags {
  private readonly runner: ProjectionRunner;

  constructor(
    @InjectReadModels() private readonly readModels: SqlDatabase,
    @InjectEventStore() eventStore: EventStore,
    @InjectProjections() private readonly projections: readonly Projection[],
  ) {
    this.runner = new ProjectionRunner(readModels, eventStore);
  }

  /** Rejects when the stores do not answer in time, or the projections were not prepared yet. */
  read(): Promise<ProjectionLag[]> {
    return withTimeout(Promise.all(this.projections.map((p) => this.runner.lag(p, COUNT_LAG_UP_TO))), HEALTH_CHECK_TIMEOUT_MS);
  }

  /** The projections whose tables were built with other settings than the code's (e.g. another norm): rebuild them. */
  needingRebuild(): Promise<string[]> {
    return withTimeout(this.runner.needingRebuild(this.projections), HEALTH_CHECK_TIMEOUT_MS);
  }

  /** Each projection's parked events and the events held behind them (see libs/projections/src/parking). */
  parked(): Promise<ParkedCount[]> {
    return withTimeout(countParked(this.readModels, this.projections.map((p) => p.name)), HEALTH_CHECK_TIMEOUT_MS);
  }
}
