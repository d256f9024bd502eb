import { INestApplication, NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { AppConfig } from '@casusregie/config';
import {
  apiVersionMiddleware,
  bodyParserErrorMiddleware,
  createValidationPipe,
  ProblemDetailsFilter,
  requestContextMiddleware,
} from '@casusregie/http';
import { Clock } from '@casusregie/runtime';
import { Storage } from '@casusregie/storage';
import { ApiModule } from './api.module';
import { API_PREFIX, API_VERSION } from './api-version';
import { setupOpenApi } from './setup-open-api';

/** Request bodies are commands and plans, not uploads. */
export const BODY_SIZE_LIMIT = '1mb';

export type CreateApiAppOptions = Pick<NestApplicationOptions, 'logger' | 'bufferLogs' | 'autoFlushLogs'> & {
  /** Pins "today" (tests); the system clock when absent. */
  clock?: Clock;
};

/**
 * Builds the initialised (not yet listening) API with all its global wiring. main.ts and the e2e tests both use it,
 * so the tests exercise exactly what runs in production.
 *
 * The application owns `storage` from here on: closing the application closes it, and so does a failure here.
 */
export async function createApiApp(
  config: AppConfig,
  storage: Storage,
  { clock, ...options }: CreateApiAppOptions = {},
): Promise<INestApplication> {
  const ownedStorage = closingOnce(storage);
  let app: NestExpressApplication | undefined;
  try {
    app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot({ config, storage: ownedStorage, clock }), {
      ...options,
      // Our own parser below, with a size limit and problem+json errors.
      bodyParser: false,
      // Nest would otherwise abort the process on a bootstrap error; main.ts reports it in one line instead.
      abortOnError: false,
    });
    // Registered before Nest's routes, so that they also apply to 404s and to the OpenAPI routes.
    app.use(requestContextMiddleware());
    app.use(apiVersionMiddleware(API_VERSION));
    // Security headers on every answer. The only HTML is Swagger UI: its own scripts, and inline styles.
    app.use(
      helmet({
        contentSecurityPolicy: {
          directives: { 'script-src': ["'self'"], 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'] },
        },
      }),
    );
    app.useBodyParser('json', { limit: BODY_SIZE_LIMIT, type: ['application/json', 'application/*+json'] });
    app.use(bodyParserErrorMiddleware);
    app.disable('x-powered-by');

    app.setGlobalPrefix(API_PREFIX);
    app.useGlobalFilters(new ProblemDetailsFilter());
    app.useGlobalPipes(createValidationPipe());
    // process.exit(0) once closed, rather than Nest's default of re-raising the signal: a clean stop exits with 0.
    app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
    setupOpenApi(app);

    await app.init();
    return app;
  } catch (error) {
    await app?.close().catch(() => undefined);
    await ownedStorage.close().catch(() => undefined);
    throw error;
  }
}

/** Shutdown hooks and the error path above may both close the stores; the drivers should see it once. */
function closingOnce(storage: Storage): Storage {
  let closing: Promise<void> | undefined;
  return {
    eventStore: storage.eventStore,
    readModels: storage.readModels,
    close: () => (closing ??= storage.close()),
  };
}
