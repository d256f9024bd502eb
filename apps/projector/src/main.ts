import { ConfigError, loadConfig } from '@casusregie/config';
import { ProblemDetailsFilter } from '@casusregie/http';
import { createLog, Metrics, PinoLogger, reportUncaughtErrors, shutdownOnSignals } from '@casusregie/operations';
import { describeStartupError } from '@casusregie/runtime';
import { checkReadModelsMatchEventStore, openStorage } from '@casusregie/storage';
import { NestFactory } from '@nestjs/core';
import { ProjectorModule } from './projector.module';

/** Its HTTP server only answers probes and scrapes; the bound on the whole shutdown leaves the workers 5 s each. */
const DRAIN_MS = 2_000;
const EXIT_WITHIN_MS = 14_000;

/**
 * Starts the projector: opens the stores (applying migrations) and serves GET /health (/live, /ready) and /metrics on
 * PROJECTOR_PORT, so an orchestrator can tell whether it runs. Start-up errors are one line and exit code 1, as for
 * the API.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (config.redisUrl === undefined) {
    // Embedded mode runs the projections inside the API; a second process would only compete for the same data.
    throw new ConfigError('REDIS_URL', 'is required for the projector; without it the API runs the projections itself');
  }
  const log = createLog('casusregie-projector', config.logLevel);
  reportUncaughtErrors(log);
  const storage = await openStorage(config);
  await checkReadModelsMatchEventStore(storage).catch(async (error: unknown) => {
    await storage.close().catch(() => undefined);
    throw error;
  });
  const metrics = new Metrics({ processMetrics: true });
  const app = await NestFactory.create(ProjectorModule.forRoot({ config, storage, metrics }), {
    logger: new PinoLogger(log),
    bufferLogs: true,
    autoFlushLogs: false,
    abortOnError: false,
  });
  app.useGlobalFilters(new ProblemDetailsFilter());
  await app.listen(config.projectorPort);
  app.flushLogs();
  shutdownOnSignals(app, { log, drainMs: DRAIN_MS, exitWithinMs: EXIT_WITHIN_MS });
  const port = (app.getHttpServer().address() as { port: number }).port;
  log.info({ port }, `casusregie projector running; health on http://localhost:${port}/health`);
}

main().catch((error: unknown) => {
  process.stderr.write(`casusregie projector: ${describeStartupError(error, Number(process.env.PROJECTOR_PORT ?? 3001))}\n`);
  process.exit(1);
});
