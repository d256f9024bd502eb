import { BeforeApplicationShutdown, Injectable, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '@casusregie/config';
import { Metrics } from '@casusregie/operations';
import { Projection } from '@casusregie/projections';
import { allQueueNames, QueueJobCounts } from '@casusregie/queue';
import { InjectAppConfig, InjectProjections } from '../runtime.tokens';
import { HEALTH_CHECK_TIMEOUT_MS, withTimeout } from './with-timeout';

/**
 * Sets each queue's depth and failed jobs before every scrape of /metrics, and `casusregie_queue_up` to whether Redis
 * answered. Every process reads the same queues, so every process reports the same figures.
 */
@Injectable()
export class QueueDepthMetrics implements OnModuleInit, BeforeApplicationShutdown {
  private counts: QueueJobCounts | undefined;

  constructor(
    private readonly metrics: Metrics,
    @InjectAppConfig() private readonly config: AppConfig,
    @InjectProjections() private readonly projections: readonly Projection[],
  ) {}

  onModuleInit(): void {
    if (this.config.redisUrl === undefined) {
      // Embedded mode: the queue is this process, up while it runs (as health says), and there is nothing to count.
      this.metrics.queueUp.set(1);
      return;
    }
    const counts = new QueueJobCounts({ url: this.config.redisUrl, keyPrefix: this.config.redisKeyPrefix }, allQueueNames(this.projections.map((p) => p.name)));
    this.counts = counts;
    this.metrics.addCollector(() => this.collect(counts));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.counts?.close();
  }

  private async collect(counts: QueueJobCounts): Promise<void> {
    const { queueUp, queueDepth, queueFailedJobs } = this.metrics;
    try {
      for (const { queue, waiting, failed } of await withTimeout(counts.read(), HEALTH_CHECK_TIMEOUT_MS)) {
        queueDepth.set({ queue }, waiting);
        queueFailedJobs.set({ queue }, failed);
      }
      queueUp.set(1);
    } catch (error) {
      queueUp.set(0);
      queueDepth.reset();
      queueFailedJobs.reset();
      throw error;
    }
  }
}
