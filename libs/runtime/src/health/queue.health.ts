import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { AppConfig } from '@casusregie/config';
import { InjectAppConfig } from '../runtime.tokens';
import { pingRedis } from './ping-redis';
import { failureReason, HEALTH_CHECK_TIMEOUT_MS, withTimeout } from './with-timeout';

/** Redis behind the BullMQ queues; without REDIS_URL the queue runs in-process (`embedded`) and is up with the API. */
@Injectable()
export class QueueHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    @InjectAppConfig() private readonly config: AppConfig,
  ) {}

  async check(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    if (this.config.redisUrl === undefined) return indicator.up({ kind: 'embedded' });
    try {
      await withTimeout(pingRedis(this.config.redisUrl, HEALTH_CHECK_TIMEOUT_MS), HEALTH_CHECK_TIMEOUT_MS + 500);
      return indicator.up({ kind: 'redis' });
    } catch (error) {
      return indicator.down({ kind: 'redis', reason: failureReason(error) });
    }
  }
}
