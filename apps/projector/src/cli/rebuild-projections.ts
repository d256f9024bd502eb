// Only what reads the command line is imported here; the stores and projections load once the flags are good (runCli).
import type { Projection, ProjectionRunner } from '@casusregie/projections';
import { parseCommandLine, UsageError } from '@casusregie/config/command-line';
import { runCli } from '@casusregie/runtime/run-cli';

const USAGE = `Usage: npm run projections:rebuild [-- --projection <name> [--partition <i>/<n>]] [--batch-size <n>]

Builds the projections (or the one named) anew from the whole event log, beside the live tables, and swaps them in
at the end: safe while the API and the projectors run.

  --projection <name>    only this projection (default: every one, from one reading of the log)
  --partition <i>/<n>    only partition i (from 0) of a projection PROJECTION_PARTITIONS splits in n; run n of these
                         side by side, the last to finish swaps them all in
  --batch-size <n>       events per transaction, 1 to 100000 (default 1000)
  --help                 show this text`;

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
async function main(args: readonly string[]): Promise<number | 'help'> {
  const values = parseCommandLine(args, { projection: { type: 'string' }, partition: { type: 'string' }, 'batch-size': { type: 'string' } });
  if (values === 'help') return 'help';
  const batchSize = Number(values['batch-size'] ?? 1000);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) {
    throw new UsageError('--batch-size must be a whole number from 1 to 100000 (events per transaction)');
  }
  const [{ countParked }, { withProjectionRunner }] = await Promise.all([import('@casusregie/projections'), import('./with-projection-runner')]);
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
  return 0;
}

async function rebuild(runner: ProjectionRunner, projections: readonly Projection[], total: number, batchSize: number): Promise<void> {
  const label = projections.length === 1 ? projections[0].name : `${projections.length} projections`;
  const { SingleBar, Presets } = await import('cli-progress');
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

runCli({ name: 'projections:rebuild', usage: USAGE }, main);
