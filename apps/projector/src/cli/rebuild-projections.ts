import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { ConfigError } from '@casusregie/config';
import { countParked, Projection, ProjectionRunner } from '@casusregie/projections';
import { describeStartupError } from '@casusregie/runtime';
import { withProjectionRunner } from './with-projection-runner';

/**
 * npm run projections:rebuild [-- --projection NAME [--partition I/N]] [--batch-size N]
 *
 * Builds the named projection (or every one) anew from the whole event log, showing progress and events per second;
 * several projections are built from one reading of the log. A projection split into N partitions by
 * PROJECTION_PARTITIONS can be rebuilt by N processes at once, one `--partition I/N` (I from 0) each: they build into
 * one shadow schema, and the last to finish swaps all partitions in.
 * Safe while the API and projectors run, and without downtime: the new tables are built in a schema beside the live
 * ones and swapped in with the checkpoint in one transaction at the end (libs/projections/src/shadow-schema.ts);
 * until then every query reads the old ones, and an interrupted rebuild leaves them as they were. Events the
 * projection cannot apply are parked as in any catch-up (one line each on stderr), and counted at the end.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { projection: { type: 'string' }, partition: { type: 'string' }, 'batch-size': { type: 'string' } },
    strict: true,
  });
  const batchSize = Number(values['batch-size'] ?? 1000);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) {
    throw new ConfigError('--batch-size', 'must be a whole number from 1 to 100000 (events per transaction)');
  }
  await withProjectionRunner(values.projection, async ({ storage, projections, runner }) => {
    // The bar's total is the log's length where the store can count it cheaply; otherwise it grows as events come.
    const total = (await storage.eventStore.countEvents?.()) ?? 0;
    await rebuild(runner, projections, total, batchSize);
    for (const count of await countParked(storage.readModels, projections.map((p) => p.name))) {
      if (count.parked > 0) {
        process.stdout.write(
          `${count.projection}: ${count.parked} events parked, ${count.held} held behind them (npm run projections:parked)\n`,
        );
      }
    }
  }, values.partition);
}

async function rebuild(runner: ProjectionRunner, projections: readonly Projection[], total: number, batchSize: number): Promise<void> {
  const label = projections.length === 1 ? projections[0].name : `${projections.length} projections`;
  const bar = new SingleBar(
    { format: `${label.padEnd(24)} [{bar}] {value}/{total} events | {rate} events/s | {duration_formatted}`, hideCursor: true },
    Presets.shades_classic,
  );
  const started = Date.now();
  bar.start(Math.max(total, 1), 0, { rate: 0 });
  const { processed } = await runner.rebuildAll(projections, (applied) => {
    const seconds = (Date.now() - started) / 1000;
    bar.setTotal(Math.max(total, applied));
    bar.update(applied, { rate: Math.round(applied / Math.max(seconds, 0.001)) });
  }, batchSize);
  bar.stop();
  const seconds = (Date.now() - started) / 1000;
  process.stdout.write(`${label}: ${processed} events in ${seconds.toFixed(1)} s (${Math.round(processed / Math.max(seconds, 0.001))} events/s)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`casusregie projections:rebuild: ${describeStartupError(error)}\n`);
  process.exit(1);
});
