import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What one notification attempt came to; `retrying` and `dead-letter` are the failures. */
export type NotificationOutcome = 'delivered' | 'skipped' | 'retrying' | 'dead-letter';

/**
 * Every metric the processes expose at /metrics, on a registry of this instance's own: several applications may run
 * in one process (the tests start many), and prom-client's global registry would mix their figures and refuse a
 * second metric of the same name.
 *
 * Labels hold route templates, event types, projection and queue names only: never an id, a raw path or anything
 * about a person, since /metrics is served without a token.
 *
 * Figures that live in the stores (projection lag, queue depth) are read at scrape time by the collectors added
 * with {@link addCollector}; counters are counted as things happen.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly collectors: (() => Promise<void>)[] = [];

  readonly httpRequestDuration = this.histogram(
    'http_request_duration_seconds',
    'HTTP requests by method, route template and status, and how long they took',
    ['method', 'route', 'status'],
  );

  readonly eventsAppended = this.counter('casusregie_events_appended_total', 'Events appended to the event store, by event type', ['type']);

  readonly concurrencyConflicts = this.counter(
    'casusregie_concurrency_conflicts_total',
    'Appends refused because another writer moved the stream first (the command is then retried, or answered 412)',
  );

  readonly projectionLagEvents = this.gauge(
    'casusregie_projection_lag_events',
    'Events in the log that a projection has not applied yet (counted up to 1000)',
    ['projection'],
  );

  readonly projectionLagSeconds = this.gauge(
    'casusregie_projection_lag_seconds',
    'Age of the oldest event a projection has not applied yet; 0 when it is up to date',
    ['projection'],
  );

  readonly projectionParkedEvents = this.gauge(
    'casusregie_projection_parked_events',
    'Events a projection could not apply and parked (state="parked"), and later events of the same households held behind them (state="held")',
    ['projection', 'state'],
  );

  readonly projectionEventsApplied = this.counter(
    'casusregie_projection_events_applied_total',
    'Events applied to a projection by this process',
    ['projection'],
  );

  readonly projectionBatchSeconds = this.histogram(
    'casusregie_projection_batch_seconds',
    'Where a projection batch spent its time: reading it from the log (read), applying it in its transaction (apply), committing (commit)',
    ['projection', 'phase'],
    [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  );

  readonly projectionVisibleSeconds = this.histogram(
    'casusregie_projection_visible_seconds',
    'Per event applied: from its append (the store\'s clock) to the commit that made it visible in the read model',
    ['projection'],
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  );

  readonly projectionTriggerWaitSeconds = this.histogram(
    'casusregie_projection_trigger_wait_seconds',
    'From a catch-up job being queued (after an append, or by the sweep) to a worker starting it',
    ['projection'],
    [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  );

  readonly queueUp = this.gauge(
    'casusregie_queue_up',
    '1 when the queue answers (Redis answered the counts of this scrape; always, in embedded mode), 0 when it does not',
  );

  readonly queueDepth = this.gauge('casusregie_queue_depth', 'Jobs waiting for a worker, per queue', ['queue']);

  readonly queueFailedJobs = this.gauge('casusregie_queue_failed_jobs', 'Failed jobs kept in Redis, per queue', ['queue']);

  readonly queueJobFailures = this.counter(
    'casusregie_queue_job_failures_total',
    'Job runs that failed in this process, per queue (a failed run is tried again until its attempts are used up)',
    ['queue'],
  );

  readonly notificationDeliveries = this.counter(
    'casusregie_notification_deliveries_total',
    'Notification attempts by outcome: delivered, skipped (no webhook), retrying (failed, tried again later), dead-letter',
    ['outcome'],
  );

  /** `processMetrics`: also Node's own figures (CPU, memory, event-loop delay, GC); for the real processes. */
  constructor({ processMetrics = false }: { processMetrics?: boolean } = {}) {
    if (processMetrics) collectDefaultMetrics({ register: this.registry });
  }

  /** A committed projection batch: its phases, and each event's time from append to visible. */
  observeProjectionBatch(batch: {
    slot: string;
    recordedAt: readonly Date[];
    readSeconds: number;
    applySeconds: number;
    commitSeconds: number;
    visibleAt: number;
  }): void {
    const projection = batch.slot;
    this.projectionBatchSeconds.observe({ projection, phase: 'read' }, batch.readSeconds);
    this.projectionBatchSeconds.observe({ projection, phase: 'apply' }, batch.applySeconds);
    this.projectionBatchSeconds.observe({ projection, phase: 'commit' }, batch.commitSeconds);
    for (const recordedAt of batch.recordedAt) {
      this.projectionVisibleSeconds.observe({ projection }, Math.max(0, (batch.visibleAt - recordedAt.getTime()) / 1000));
    }
  }

  /** Runs before every scrape, to set gauges from what the stores say now. It should give up by itself when they hang. */
  addCollector(collect: () => Promise<void>): void {
    this.collectors.push(collect);
  }

  /** The text a Prometheus server scrapes. A collector that fails leaves its gauges as it reset them, not the scrape. */
  async scrape(): Promise<string> {
    await Promise.all(this.collectors.map((collect) => collect().catch(() => undefined)));
    return this.registry.metrics();
  }

  private counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  private gauge<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Gauge<L> {
    return new Gauge({ name, help, labelNames, registers: [this.registry] });
  }

  private histogram<L extends string>(name: string, help: string, labelNames: readonly L[], buckets?: number[]): Histogram<L> {
    return new Histogram({ name, help, labelNames, registers: [this.registry], ...(buckets === undefined ? {} : { buckets }) });
  }
}
