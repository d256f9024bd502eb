// Only what reads the command line is imported here; the stores and projections load once the flags are good (runCli).
import { parseCommandLine } from '@casusregie/config/command-line';
import { runCli } from '@casusregie/runtime/run-cli';

const USAGE = `Usage: npm run projections:parked [-- --projection <name>] [--retry]

Lists the events the projections parked (could not apply), and the events of the same households held behind them.

  --projection <name>  only this projection (default: every one)
  --retry              first apply them again, after a fix: what applies is no longer parked
  --help               show this text

Exit 0: nothing is left parked. Exit 2: something is. Exit 1: the stores could not be read.`;

/**
 * Lists the events the projections could not apply and parked, and the events of the same households held behind
 * them (one line each: projection, state, event id, type, stream and version, error class and code). With --retry,
 * first applies them again (after a fix, or once a repaired or correcting event is there): what applies is no longer
 * parked, what still fails stays parked. Exits 0 when nothing is left parked, 2 when something is.
 */
async function main(args: readonly string[]): Promise<number | 'help'> {
  const values = parseCommandLine(args, { projection: { type: 'string' }, retry: { type: 'boolean', default: false } });
  if (values === 'help') return 'help';
  const [{ listParked }, { withProjectionRunner }] = await Promise.all([import('@casusregie/projections'), import('./with-projection-runner')]);
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

runCli({ name: 'projections:parked', usage: USAGE }, main);
