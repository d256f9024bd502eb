import { EventStore } from '@casusregie/event-store';
import { BenchRow } from './bench-table';
import { GeneratedDataset } from './generated-dataset';

const BATCH = 1000;

/**
 * B2: rebuilding each projection from the first event (what `npm run projections:rebuild` does), in events/s,
 * against reading the same log through EventStore.readAll in batches of the same size and applying nothing.
 */
export async function benchProjectionRebuild(dataset: GeneratedDataset, runs: number): Promise<BenchRow[]> {
  const scans: number[] = [];
  const rebuilds = new Map<string, number[]>(dataset.projections.map((p) => [p.name, []]));
  const all: number[] = [];
  for (let run = 0; run < runs; run++) {
    scans.push(await scanRate(dataset.storage.eventStore));
    let seconds = 0;
    for (const projection of dataset.projections) {
      const started = performance.now();
      const { processed } = await dataset.runner.rebuild(projection, undefined, BATCH);
      const took = (performance.now() - started) / 1000;
      seconds += took;
      rebuilds.get(projection.name)?.push(processed / took);
    }
    all.push(dataset.events / seconds);
  }
  const baseline = { figure: 'read-all scan events/s', values: scans };
  const goal = { text: '≥ 0.3 × baseline and ≥ 20,000/s', met: (value: number, ratio: number | undefined) => value >= 20_000 && (ratio ?? 0) >= 0.3 };
  return [
    ...[...rebuilds].map(([name, values]): BenchRow => ({ bench: 'B2', figure: `rebuild ${name}`, unit: 'events/s', values, baseline, goal })),
    { bench: 'B2', figure: 'rebuild of all projections, one after another', unit: 'events/s', values: all, baseline },
  ];
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
