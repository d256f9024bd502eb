import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { EventStore } from '@casusregie/event-store';
import { InjectEventStore } from '../runtime.tokens';
import { failureReason, HEALTH_CHECK_TIMEOUT_MS, withTimeout } from './with-timeout';

@Injectable()
export class EventStoreHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    @InjectEventStore() private readonly eventStore: EventStore,
  ) {}

  async check(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    const kind = this.eventStore.kind;
    try {
      await withTimeout(this.eventStore.ping(), HEALTH_CHECK_TIMEOUT_MS);
      return indicator.up({ kind });
    } catch (error) {
      return indicator.down({ kind, reason: failureReason(error) });
    }
  }
}
