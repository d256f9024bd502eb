import { parseArgs, ParseArgsConfig } from 'node:util';

/** A wrong command line: the CLI prints the message and its usage text on stderr and exits 2 (see runCli). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;
type Values<O extends Options> = ReturnType<typeof parseArgs<{ options: O; strict: true; allowPositionals: false }>>['values'];

/**
 * How every CLI reads its flags: node's util.parseArgs, strict (an unknown flag or a stray argument is an error), and
 * --help. Returns 'help' when --help is given, otherwise the values; throws a {@link UsageError} naming what is wrong.
 */
export function parseCommandLine<const O extends Options>(args: readonly string[], options: O): Values<O> | 'help' {
  if (args.includes('--help') || args.includes('-h')) return 'help';
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
