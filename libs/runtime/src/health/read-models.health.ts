import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { SqlDatabase } from '@casusregie/sql';
import { InjectReadModels } from '../runtime.tokens';
import { failureReason, HEALTH_CHECK_TIMEOUT_MS, withTimeout } from './with-timeout';

@Injectable()
export class ReadModelsHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    @InjectReadModels() private readonly readModels: SqlDatabase,
  ) {}

  async check(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    const kind = this.readModels.kind;
    try {
      await withTimeout(this.readModels.query('SELECT 1'), HEALTH_CHECK_TIMEOUT_MS);
      return indicator.up({ kind });
    } catch (error) {
      return indicator.down({ kind, reason: failureReason(error) });
    }
  }
}
