// The command line's file, not the config lib's index: `--help` and a wrong flag answer before anything heavy loads.
import { UsageError } from '@casusregie/config/command-line';

export interface Cli {
  /** As in its messages: `seed`, `projections:rebuild`. */
  name: string;
  /** Printed on stdout for --help, and on stderr below a wrong command line. */
  usage: string;
  /** The exit code when `main` throws anything but a UsageError (default 1). */
  failureCode?: number;
  /** What to say of an error this CLI knows better than describeStartupError does (e.g. what to do about it). */
  explain?: (error: unknown) => Promise<string | undefined> | string | undefined;
}

/**
 * Runs a CLI's `main` the way every CLI ends: 'help' prints the usage on stdout and exits 0; a number is the exit
 * code; a {@link UsageError} prints its message and the usage on stderr and exits 2; any other error prints one line
 * (describeStartupError: no values from the error's message) and exits with `failureCode`.
 *
 * A CLI's usage must come at once: its entry point imports only what reads the command line, and `main` loads the
 * stores, the API and the rest with `await import` once the arguments are known to be good.
 */
export function runCli(cli: Cli, main: (args: readonly string[]) => Promise<number | 'help'> | number | 'help'): void {
  const exit = (code: number) => {
    // process.exit rather than exitCode: a store's pool or a timer left open must not keep a finished CLI alive.
    process.exit(code);
  };
  Promise.resolve()
    .then(() => main(process.argv.slice(2)))
    .then(
      (result) => {
        if (result === 'help') process.stdout.write(`${cli.usage}\n`);
        exit(result === 'help' ? 0 : result);
      },
      async (error: unknown) => {
        if (error instanceof UsageError) {
          process.stderr.write(`casusregie ${cli.name}: ${error.message}\n\n${cli.usage}\n`);
          exit(2);
        } else {
          process.stderr.write(`casusregie ${cli.name}: ${await explanation(cli, error)}\n`);
          exit(cli.failureCode ?? 1);
        }
      },
    );
}

async function explanation(cli: Cli, error: unknown): Promise<string> {
  const known = await cli.explain?.(error);
  if (known !== undefined) return known;
  // Loaded for a failure only: it brings the SQL drivers along (describeError).
  const { describeStartupError } = await import('./describe-startup-error');
  return describeStartupError(error);
}
