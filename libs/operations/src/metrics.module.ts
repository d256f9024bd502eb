import { DynamicModule, Module } from '@nestjs/common';
import { Metrics } from './metrics';
import { MetricsController } from './metrics.controller';

/**
 * Serves GET /metrics and provides the application's {@link Metrics} to every module (inject it by its class), so
 * that anything may count or add a collector. The instance is made by the caller, who may also count outside Nest
 * (the HTTP middleware, the event store).
 */
@Module({})
export class MetricsModule {
  static forRoot(metrics: Metrics): DynamicModule {
    return {
      module: MetricsModule,
      global: true,
      controllers: [MetricsController],
      providers: [{ provide: Metrics, useValue: metrics }],
      exports: [Metrics],
    };
  }
}
