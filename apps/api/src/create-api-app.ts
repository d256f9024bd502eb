import { INestApplication, Module, NestApplicationOptions } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { AppConfig } from '@casusregie/config';
import { businessDateRange } from '@casusregie/domain';
import {
  AcceptableMediaTypesGuard,
  apiVersionMiddleware,
  bodyParserErrorMiddleware,
  createValidationPipe,
  jsonBodyOnlyMiddleware,
  jsonDepthLimitMiddleware,
  noStoreMiddleware,
  ProblemDetailsFilter,
  requestContextMiddleware,
  storableTextMiddleware,
} from '@casusregie/http';
import { Log, meteredEventStore, Metrics, MetricsModule, observeRequestsMiddleware } from '@casusregie/operations';
import { Clock } from '@casusregie/runtime';
import { Storage } from '@casusregie/storage';
import { ApiModule } from './api.module';
import { API_PREFIX, API_VERSION } from './api-version';
import { corsOptions } from './cors';
import { DASHBOARD_PATH, dashboardRouter } from './dashboard/dashboard-router';
import { journalAppends } from './idempotency/append-journal';
import { setupOpenApi } from './setup-open-api';
import { BusinessDateRangePipe } from './validation/business-date-range.pipe';

/** Request bodies are commands and plans, not uploads. */
export const BODY_SIZE_LIMIT = '1mb';

/** No command or plan nests deeper than a few levels; validation and canonical JSON recurse, so deeper is refused. */
export const BODY_DEPTH_LIMIT = 32;

export type CreateApiAppOptions = Pick<NestApplicationOptions, 'logger' | 'bufferLogs' | 'autoFlushLogs'> & {
  /** Pins "today" (tests); the system clock when absent. */
  clock?: Clock;
  /** The figures served at /metrics; a fresh set when absent. */
  metrics?: Metrics;
  /** Where one line per request goes (main.ts: the process's JSON log); no request lines when absent. */
  requestLog?: Log;
  /** The built dashboard (scripts/build.js: <build>/dashboard), served at /dashboard/; not served when absent. */
  dashboardDir?: string;
};

/** The API's modules, and MetricsModule with the instance that createApiApp also hands to the middleware. */
@Module({})
class ApiApplicationModule {}

/**
 * Builds the initialised (not yet listening) API with all its global wiring. main.ts and the e2e tests both use it,
 * so the tests exercise exactly what runs in production.
 *
 * The application owns `storage` from here on: closing the application closes it, and so does a failure here.
 */
export async function createApiApp(
  config: AppConfig,
  storage: Storage,
  { clock, metrics = new Metrics(), requestLog, dashboardDir, ...options }: CreateApiAppOptions = {},
): Promise<INestApplication> {
  // Counted at the port, so every append is, whichever service makes it.
  // Every append a request with an Idempotency-Key makes is written down first, so that a lost answer can be found.
  const ownedStorage = closingOnce({ ...storage, eventStore: meteredEventStore(journalAppends(storage.eventStore), metrics) });
  let app: NestExpressApplication | undefined;
  try {
    const root = {
      module: ApiApplicationModule,
      imports: [ApiModule.forRoot({ config, storage: ownedStorage, clock }), MetricsModule.forRoot(metrics)],
    };
    app = await NestFactory.create<NestExpressApplication>(root, {
      ...options,
      // Our own parser below, with a size limit and problem+json errors.
      bodyParser: false,
      // Nest would otherwise abort the process on a bootstrap error; main.ts reports it in one line instead.
      abortOnError: false,
    });
    // Registered before Nest's routes, so that they also apply to 404s and to the OpenAPI routes.
    app.use(requestContextMiddleware());
    app.use(observeRequestsMiddleware({ metrics, log: requestLog, quietRoutes: ['/metrics', `/${API_PREFIX}/health`] }));
    app.use(apiVersionMiddleware(API_VERSION));
    // Cross-origin calls only from CORS_ORIGINS (none by default: no CORS headers); preflights end here with 204.
    if (config.corsOrigins.length > 0) app.enableCors(corsOptions(config.corsOrigins));
    // Answers hold personal data: never cached (a route may set its own Cache-Control).
    app.use(noStoreMiddleware());
    // Security headers on every answer. The HTML is Swagger UI's and the dashboard's: their own scripts only, and
    // inline styles (the charts set them). The dashboard talks to the identity provider, if there is one, and to
    // nothing else. No page may frame an answer (clickjacking), the docs included.
    const identityProvider = config.dashboard.oidc === undefined ? [] : [new URL(config.dashboard.oidc.issuer).origin];
    app.use(
      helmet({
        contentSecurityPolicy: {
          directives: {
            'script-src': ["'self'"],
            'style-src': ["'self'", "'unsafe-inline'"],
            'img-src': ["'self'", 'data:'],
            'connect-src': ["'self'", ...identityProvider],
            'frame-ancestors': ["'none'"],
          },
        },
      }),
    );
    // Bodies are JSON (else 415), at most BODY_SIZE_LIMIT (else 413) and BODY_DEPTH_LIMIT deep (else 400), and
    // bodies and queries hold only text PostgreSQL can store (else 400), all decided before validation,
    // class-transformer or the idempotency check read them.
    app.use(jsonBodyOnlyMiddleware());
    app.useBodyParser('json', { limit: BODY_SIZE_LIMIT, type: ['application/json', 'application/*+json'] });
    app.use(bodyParserErrorMiddleware);
    app.use(jsonDepthLimitMiddleware(BODY_DEPTH_LIMIT));
    app.use(storableTextMiddleware());
    app.disable('x-powered-by');
    app.use(DASHBOARD_PATH, dashboardRouter(config, dashboardDir));

    // /metrics is where Prometheus looks; it is not part of the versioned API.
    app.setGlobalPrefix(API_PREFIX, { exclude: ['metrics'] });
    app.useGlobalFilters(new ProblemDetailsFilter());
    // 406 for an Accept the route cannot answer: after the modules' guards (401, 403, 429), before any interceptor.
    app.useGlobalGuards(new AcceptableMediaTypesGuard(app.get(Reflector)));
    // In this order: the business dates are checked against the configured range on the request once it is valid.
    app.useGlobalPipes(createValidationPipe(), new BusinessDateRangePipe(businessDateRange(config.businessDatesFrom)));
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
  return { ...storage, close: () => (closing ??= storage.close()) };
}
