import { ConfigError, loadConfig } from '@casusregie/config';
import { ProblemDetailsFilter } from '@casusregie/http';
import { describeStartupError } from '@casusregie/runtime';
import { openStorage } from '@casusregie/storage';
import { NestFactory } from '@nestjs/core';
import { ProjectorModule } from './projector.module';

/**
 * Starts the projector: opens the stores (applying migrations) and serves GET /health on PROJECTOR_PORT, so an
 * orchestrator can tell whether it runs. Start-up errors are one line and exit code 1, as for the API.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (config.redisUrl === undefined) {
    // Embedded mode runs the projections inside the API; a second process would only compete for the same data.
    throw new ConfigError('REDIS_URL', 'is required for the projector; without it the API runs the projections itself');
  }
  const storage = await openStorage(config);
  const app = await NestFactory.create(ProjectorModule.forRoot({ config, storage }), { logger: ['error', 'warn'], abortOnError: false });
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  await app.listen(config.projectorPort);
  process.stdout.write(`casusregie projector running; health on http://localhost:${config.projectorPort}/health\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`casusregie projector: ${describeStartupError(error, Number(process.env.PROJECTOR_PORT ?? 3001))}\n`);
  process.exit(1);
});
