import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '@casusregie/config';
import { describeParked, listParked, ProjectionRunner } from '@casusregie/projections';
import { allProjections, describeStartupError, projectionNamed } from '@casusregie/runtime';
import { openStorage } from '@casusregie/storage';

/**
 * npm run projections:parked [-- --projection NAME] [--retry]
 *
 * Lists the events the projections could not apply and parked, and the events of the same households held behind
 * them (one line each: projection, state, event id, type, stream and version, error class and code). With --retry,
 * first applies them again (after a fix, or once a repaired or correcting event is there): what applies is no longer
 * parked, what still fails stays parked. Exits 0 when nothing is left parked, 2 when something is.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { projection: { type: 'string' }, retry: { type: 'boolean' } }, strict: true });
  const storage = await openStorage(loadConfig());
  try {
    const all = allProjections(storage);
    let projections = all;
    if (values.projection !== undefined) {
      const projection = projectionNamed(all, values.projection);
      if (projection === undefined) throw new ConfigError('--projection', `must be one of ${all.map((p) => p.name).join(', ')}`);
      projections = [projection];
    }
    const runner = new ProjectionRunner(storage.readModels, storage.eventStore, {
      onParked: (projection, failed) => process.stderr.write(`${describeParked(projection, failed)}\n`),
    });
    await runner.prepare(all);
    if (values.retry) {
      for (const projection of projections) {
        const { applied, remaining } = await runner.retryParked(projection);
        process.stdout.write(`${projection.name}: ${applied} events applied, ${remaining} still parked or held\n`);
      }
    }
    const parked = await listParked(storage.readModels, projections.map((p) => p.name));
    for (const event of parked) {
      const error = event.errorClass === null ? '' : ` ${event.errorClass}${event.errorCode === null ? '' : ` ${event.errorCode}`}`;
      process.stdout.write(
        `${event.projection} ${event.state} ${event.eventId} ${event.eventType} ${event.streamId}@${event.streamVersion} ` +
          `attempts ${event.attempts}${error}\n`,
      );
    }
    if (parked.length === 0) process.stdout.write('No parked events.\n');
    return parked.some((event) => event.state === 'parked') ? 2 : 0;
  } finally {
    await storage.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`casusregie projections:parked: ${describeStartupError(error)}\n`);
    process.exit(1);
  },
);
