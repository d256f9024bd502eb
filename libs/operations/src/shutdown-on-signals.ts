import { Server } from 'node:http';
import { INestApplication } from '@nestjs/common';
import { describeError, isTransientDatabaseError } from '@casusregie/sql';
import { Log } from './create-log';

export interface ShutdownOptions {
  log: Log;
  /** How long requests under way may take to finish once the server stopped accepting new ones. */
  drainMs: number;
  /** After this the process exits with 1, whatever still hangs; well within an orchestrator's kill timeout. */
  exitWithinMs: number;
}

/**
 * On SIGTERM or SIGINT: stop accepting connections, let the requests under way finish (at most `drainMs`), then close
 * the application — its shutdown hooks stop the workers and close the stores — and exit with 0.
 *
 * The server is closed first because Nest runs the shutdown hooks before it closes the server: requests arriving
 * meanwhile would meet a closed queue or store. A second signal ends the process at once, unless it comes right after
 * the first: a Ctrl-C on `npm start` reaches node twice, from the terminal (the whole process group) and forwarded by
 * npm, and must not cut its own graceful stop short (which left the embedded database's lock behind).
 */
export function shutdownOnSignals(app: INestApplication, { log, drainMs, exitWithinMs }: ShutdownOptions): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    setTimeout(() => {
      log.error({ exitWithinMs }, 'shutdown took too long; exiting');
      process.exit(1);
    }, exitWithinMs).unref();
    try {
      await drain(app.getHttpServer() as Server, drainMs);
      await app.close();
    } catch (error) {
      log.error({ error: error instanceof Error ? error.name : 'error' }, 'shutdown failed');
      process.exit(1);
    }
    log.info('stopped');
    process.exit(0);
  };
  let firstSignalAt: number | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (firstSignalAt === undefined) {
      firstSignalAt = Date.now();
      void stop(signal);
    } else if (Date.now() - firstSignalAt >= SAME_SIGNAL_WITHIN_MS) {
      log.warn({ signal }, 'second signal; exiting at once');
      process.exit(1);
    }
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, onSignal);
}

/** Signals this close together are one person's one Ctrl-C, delivered twice. */
const SAME_SIGNAL_WITHIN_MS = 1_000;

/**
 * Stops listening and waits until every connection is gone. A keep-alive connection between requests is closed at
 * once (and again whenever one becomes idle); one still busy after `drainMs` is cut off.
 */
async function drain(server: Server, drainMs: number): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const idleSweep = setInterval(() => server.closeIdleConnections(), 50);
  let deadline: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timed-out'>((resolve) => (deadline = setTimeout(() => resolve('timed-out'), drainMs)));
  try {
    if ((await Promise.race([closed, timedOut])) === 'timed-out') server.closeAllConnections();
    await closed;
  } finally {
    clearInterval(idleSweep);
    clearTimeout(deadline);
  }
}

/**
 * The last resort for an error nobody handled. Every source is meant to handle its own (a pg client checked out has
 * an 'error' listener, BullMQ queues and workers have theirs); should one slip through anyway, this decides what it
 * costs, and Node's default report — the error's message and stack on stderr, which may quote personal data — is
 * replaced by one log line naming its class and code.
 *
 * - A rejected promise nobody awaited is logged and the process goes on: nothing was left half done by it.
 * - An exception thrown out of an event handler that says a database or Redis connection was lost (an 'error' event
 *   of a connection without a listener) is logged and the process goes on: the connection is gone, and its owner
 *   (the pool, the queue) makes a new one.
 * - Any other exception is a bug whose damage is unknown: it is logged as fatal and the process exits with 1, as Node
 *   would, for the orchestrator to restart it.
 */
export function reportUncaughtErrors(log: Log): void {
  process.on('unhandledRejection', (reason) => {
    log.error({ error: describeError(reason) }, 'unhandled rejection');
  });
  process.on('uncaughtException', (error) => {
    if (isTransientDatabaseError(error)) {
      log.error({ error: describeError(error) }, 'uncaught exception: a lost connection; going on');
      return;
    }
    log.fatal({ error: describeError(error), stack: stackFrames(error) }, 'uncaught exception; exiting');
    process.exit(1);
  });
}

/** The "at …" lines of a stack trace, without the message line(s) above them. */
function stackFrames(error: unknown): string | undefined {
  if (!(error instanceof Error) || error.stack === undefined) return undefined;
  const frames = error.stack.split('\n').filter((line) => /^\s+at /.test(line));
  return frames.length > 0 ? frames.join('\n') : undefined;
}
