import { AddressInfo } from 'node:net';
import { INestApplication } from '@nestjs/common';
import { loadConfig } from '@casusregie/config';
import { openStorage } from '@casusregie/storage';
import { createApiApp } from './create-api-app';
import { describeStartupError } from '@casusregie/runtime';
import { PinoLogger } from './pino-logger';

/** How long a SIGTERM/SIGINT may take to close the stores before the process gives up on a clean exit. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const storage = await openStorage(config);
  // Nest's own logs wait until the server listens: a start-up failure is reported in one line, below.
  const app = await createApiApp(config, storage, { logger: new PinoLogger(), bufferLogs: true, autoFlushLogs: false });
  await listen(app, config.port);
  app.flushLogs();

  const { port } = app.getHttpServer().address() as AddressInfo;
  process.stdout.write(`casusregie api listening on http://localhost:${port}\n`);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, startShutdownTimer);
}

async function listen(app: INestApplication, port: number): Promise<void> {
  try {
    await app.listen(port);
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
}

/** Nest's shutdown hooks close the stores; this only ends a shutdown that hangs on them. */
function startShutdownTimer(): void {
  setTimeout(() => {
    process.stderr.write(`casusregie: shutdown took longer than ${SHUTDOWN_TIMEOUT_MS} ms; exiting\n`);
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS).unref();
}

main().catch((error: unknown) => {
  const port = Number(process.env.PORT ?? 3000);
  process.stderr.write(`casusregie: ${describeStartupError(error, port)}\n`);
  // The stack is for developers; by default the one line above is the whole report.
  if (process.env.DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
