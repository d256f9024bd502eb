import { LoggerService } from '@nestjs/common';
import { Logger as Pino } from 'pino';

type PinoLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Nest's logger interface over pino (see createLog): one JSON line per message, with Nest's context as `context`.
 * Callers pass messages without personal data (see ProblemDetailsFilter); this class only shapes them.
 */
export class PinoLogger implements LoggerService {
  constructor(private readonly output: Pino) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params, true);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params, true);
  }

  /**
   * Nest calls `log(message, context)` and `error(message, stack, context)`: the last string is the context and,
   * for errors, the string before it the stack.
   */
  private write(level: PinoLevel, message: unknown, params: unknown[], mayHaveStack = false): void {
    const strings = [...params];
    const context = typeof strings.at(-1) === 'string' ? (strings.pop() as string) : undefined;
    const stack = mayHaveStack && typeof strings.at(-1) === 'string' ? (strings.pop() as string) : undefined;
    const fields = {
      ...(context === undefined ? {} : { context }),
      ...(stack === undefined ? {} : { stack }),
    };
    if (typeof message === 'string') this.output[level](fields, message);
    else this.output[level]({ ...fields, data: message });
  }
}
