import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { Public } from '@casusregie/auth';
import { Metrics } from './metrics';

/**
 * GET /metrics in Prometheus' text format, without a token, as health: a scraper holds none, and the figures name
 * routes, event types, projections and queues only (see Metrics). Outside the API's `/api/v1` prefix and its
 * OpenAPI document: it is for the platform, not for clients of the API.
 */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  @Header('Cache-Control', 'no-store')
  scrape(): Promise<string> {
    return this.metrics.scrape();
  }
}
