import { parseArgs } from 'node:util';
import { listParked } from '@casusregie/projections';
import { describeStartupError } from '@casusregie/runtime';
import { withProjectionRunner } from './with-projection-runner';

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
  return withProjectionRunner(values.projection, async ({ storage, projections, runner }) => {
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
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`casusregie projections:parked: ${describeStartupError(error)}\n`);
    process.exit(1);
  },
);
