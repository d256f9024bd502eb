import { Sample, sum } from '@casusregie/test-support';

/**
 * What B3 reads off the projector's /metrics around a run: where each projection's lag went (see Metrics:
 * casusregie_projection_batch_seconds, _visible_seconds, _trigger_wait_seconds). Histograms only add up, so a run's
 * figures are the difference of two scrapes.
 */

/** One projection's lag in parts over a run: means per batch and per job, and the visible-lag percentile's bucket. */
export interface LagParts {
  projection: string;
  batches: number;
  eventsPerBatch: number;
  jobWaitMs: number;
  readMs: number;
  applyMs: number;
  commitMs: number;
  /** The upper bound of the histogram bucket holding the 99th percentile of append → visible (ms). */
  visibleP99AtMostMs: number;
}

export function lagParts(before: readonly Sample[], after: readonly Sample[], projection: string): LagParts {
  const delta = (name: string, labels: Record<string, string>) => sum(after, name, labels) - sum(before, name, labels);
  const mean = (name: string, labels: Record<string, string>) => {
    const count = delta(`${name}_count`, labels);
    return count === 0 ? 0 : (1000 * delta(`${name}_sum`, labels)) / count;
  };
  const phase = (p: string) => ({ projection, phase: p });
  const own = { projection };
  const batches = delta('casusregie_projection_batch_seconds_count', phase('read'));
  const events = delta('casusregie_projection_visible_seconds_count', own);
  return {
    projection,
    batches,
    eventsPerBatch: batches === 0 ? 0 : events / batches,
    jobWaitMs: mean('casusregie_projection_trigger_wait_seconds', own),
    readMs: mean('casusregie_projection_batch_seconds', phase('read')),
    applyMs: mean('casusregie_projection_batch_seconds', phase('apply')),
    commitMs: mean('casusregie_projection_batch_seconds', phase('commit')),
    visibleP99AtMostMs: bucketOfPercentile(before, after, projection, events, 0.99),
  };
}

function bucketOfPercentile(before: readonly Sample[], after: readonly Sample[], projection: string, count: number, quantile: number): number {
  if (count === 0) return Number.NaN;
  const name = 'casusregie_projection_visible_seconds_bucket';
  const buckets = after
    .filter((sample) => sample.name === name && sample.labels.projection === projection)
    .map((sample): [number, number] => [
      sample.labels.le === '+Inf' ? Number.POSITIVE_INFINITY : Number(sample.labels.le),
      sample.value - sum(before, name, { projection, le: sample.labels.le }),
    ])
    .sort(([a], [b]) => a - b);
  const bound = buckets.find(([, cumulative]) => cumulative >= quantile * count);
  return (bound?.[0] ?? Number.POSITIVE_INFINITY) * 1000;
}

export function describeParts(parts: LagParts): string {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  return (
    `job wait ${ms(parts.jobWaitMs)} · per batch of ${parts.eventsPerBatch.toFixed(1)} events: read ${ms(parts.readMs)}, ` +
    `apply ${ms(parts.applyMs)}, commit ${ms(parts.commitMs)} (${parts.batches} batches)`
  );
}
