import { EventStore } from '@casusregie/event-store';
import { runRebuildProcess } from './bench-processes';
import { BenchRow } from './bench-table';
import { GeneratedDataset } from './generated-dataset';

const BATCH = 1000;

/** The projection the partitions row splits: the one with most work per event. */
const SPLIT = 'household-read-models';

/**
 * B2: rebuilding each projection from the first event (what `npm run projections:rebuild` does), in events/s,
 * against reading the same log through EventStore.readAll in batches of the same size and applying nothing; all of
 * them one after another, and all from one reading of the log (rebuildAll, what the CLI does without --projection).
 * And household-read-models rebuilt by the CLI in one process, against two processes rebuilding a partition each
 * (PROJECTION_PARTITIONS=household-read-models:2), from the first rebuild's start to the last one's end.
 */
export async function benchProjectionRebuild(dataset: GeneratedDataset, runs: number): Promise<BenchRow[]> {
  const scans: number[] = [];
  const rebuilds = new Map<string, number[]>(dataset.projections.map((p) => [p.name, []]));
  const all: number[] = [];
  const together: number[] = [];
  const oneProcess: number[] = [];
  const twoPartitions: number[] = [];
  for (let run = 0; run < runs; run++) {
    scans.push(await scanRate(dataset.storage.eventStore));
    // First the partitions: the whole rebuild after it makes the checkpoints the in-process runner's again.
    twoPartitions.push(dataset.events / (await rebuildInProcesses(dataset.env, ['0/2', '1/2'])));
    oneProcess.push(dataset.events / (await rebuildInProcesses(dataset.env, [])));
    let seconds = 0;
    for (const projection of dataset.projections) {
      const started = performance.now();
      const { processed } = await dataset.runner.rebuild(projection, undefined, BATCH);
      const took = (performance.now() - started) / 1000;
      seconds += took;
      rebuilds.get(projection.name)?.push(processed / took);
    }
    all.push(dataset.events / seconds);
    const started = performance.now();
    const { processed } = await dataset.runner.rebuildAll(dataset.projections, undefined, BATCH);
    together.push(processed / ((performance.now() - started) / 1000));
  }
  const baseline = { figure: 'read-all scan events/s', values: scans };
  const goal = { text: '≥ 0.3 × baseline and ≥ 20,000/s', met: (value: number, ratio: number | undefined) => value >= 20_000 && (ratio ?? 0) >= 0.3 };
  return [
    ...[...rebuilds].map(([name, values]): BenchRow => ({ bench: 'B2', figure: `rebuild ${name}`, unit: 'events/s', values, baseline, goal })),
    { bench: 'B2', figure: 'rebuild of all projections, one after another', unit: 'events/s', values: all, baseline },
    {
      bench: 'B2',
      figure: 'rebuild of all projections, one reading of the log',
      unit: 'events/s',
      values: together,
      baseline,
      goal: { text: '≥ 0.2 × baseline', met: (_value, ratio) => (ratio ?? 0) >= 0.2 },
    },
    { bench: 'B2', figure: `rebuild ${SPLIT}, CLI in 1 process`, unit: 'events/s', values: oneProcess },
    {
      bench: 'B2',
      figure: `rebuild ${SPLIT}, 2 partitions in 2 processes`,
      unit: 'events/s',
      values: twoPartitions,
      baseline: { figure: 'CLI in 1 process', values: oneProcess },
      goal: { text: '> 1 × baseline', met: (_value, ratio) => (ratio ?? 0) > 1 },
    },
  ];
}

/**
 * Seconds from the first rebuild's start to the last one's end: `npm run projections:rebuild -- --projection
 * household-read-models`, with `--partition` in one process per partition given (none: the whole, in one process).
 */
async function rebuildInProcesses(env: Record<string, string>, partitions: readonly string[]): Promise<number> {
  const runs =
    partitions.length === 0
      ? [runRebuildProcess(env, ['--projection', SPLIT])]
      : partitions.map((partition) =>
          runRebuildProcess({ ...env, PROJECTION_PARTITIONS: `${SPLIT}:${partitions.length}` }, ['--projection', SPLIT, '--partition', partition]),
        );
  // Every process to its end, even when one fails: one left running would load the machine under the next bench.
  const settled = await Promise.allSettled(runs);
  const failed = settled.find((outcome) => outcome.status === 'rejected');
  if (failed !== undefined) throw failed.reason;
  const done = settled.map((outcome) => (outcome as PromiseFulfilledResult<{ started: number; ended: number }>).value);
  return (Math.max(...done.map((d) => d.ended)) - Math.min(...done.map((d) => d.started))) / 1000;
}

async function scanRate(eventStore: EventStore): Promise<number> {
  const started = performance.now();
  let read = 0;
  let after: string | undefined;
  for (;;) {
    const batch = await eventStore.readAll({ after, limit: BATCH });
    read += batch.events.length;
    after = batch.checkpoint;
    if (batch.isEnd) break;
  }
  return read / ((performance.now() - started) / 1000);
}
