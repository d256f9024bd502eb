import { join } from 'node:path';
import { AddressInfo } from 'node:net';
import { INestApplication } from '@nestjs/common';
import { loadConfig } from '@casusregie/config';
import { createLog, Metrics, PinoLogger, reportUncaughtErrors, shutdownOnSignals } from '@casusregie/operations';
import { describeStartupError } from '@casusregie/runtime';
import { checkReadModelsMatchEventStore, openStorage } from '@casusregie/storage';
import { createApiApp } from './create-api-app';

/** How long requests under way may take to finish after SIGTERM, and the bound on the whole shutdown. */
const DRAIN_MS = 8_000;
const EXIT_WITHIN_MS = 14_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLog('casusregie-api', config.logLevel);
  reportUncaughtErrors(log);
  const storage = await openStorage(config);
  await checkReadModelsMatchEventStore(storage).catch(async (error: unknown) => {
    await storage.close().catch(() => undefined);
    throw error;
  });
  // Nest's own logs wait until the server listens: a start-up failure is reported in one line, below.
  const app = await createApiApp(config, storage, {
    logger: new PinoLogger(log),
    bufferLogs: true,
    autoFlushLogs: false,
    metrics: new Metrics({ processMetrics: true }),
    requestLog: log,
    // scripts/build.js bundles the dashboard into dist/dashboard, beside dist/apps.
    dashboardDir: join(__dirname, '..', '..', '..', 'dashboard'),
  });
  await listen(app, config.port);
  app.flushLogs();
  shutdownOnSignals(app, { log, drainMs: DRAIN_MS, exitWithinMs: EXIT_WITHIN_MS });

  const { port } = app.getHttpServer().address() as AddressInfo;
  log.info({ port }, `casusregie api listening on http://localhost:${port}`);
}

async function listen(app: INestApplication, port: number): Promise<void> {
  try {
    await app.listen(port);
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
}

main().catch((error: unknown) => {
  const port = Number(process.env.PORT ?? 3000);
  process.stderr.write(`casusregie: ${describeStartupError(error, port)}\n`);
  // The stack is for developers; by default the one line above is the whole report.
  if (process.env.DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
