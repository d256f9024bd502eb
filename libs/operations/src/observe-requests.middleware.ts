import { IncomingMessage, ServerResponse } from 'node:http';
import { RequestWithContext } from '@casusregie/http';
import { Log } from './create-log';
import { Metrics } from './metrics';

export interface ObserveRequestsOptions {
  metrics: Metrics;
  /** Where the one line per request goes; none in tests that only count. */
  log?: Log;
  /** Route templates starting with one of these are logged at debug: probes would otherwise drown the log. */
  quietRoutes?: readonly string[];
}

/** The route label of a request that matched no route (a 404, Swagger UI's files): never its raw path. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Times every request and, when its connection is done, records it in `http_request_duration_seconds` and writes
 * one log line: request id, trace id, method, route template, status and duration. Registered before the routes
 * with `app.use`, so 401s, 404s and body-parser errors count too. The route is Express's template
 * (`/api/v1/households/:householdId`): a URL may hold ids, and a query string anything a client typed.
 */
export function observeRequestsMiddleware({ metrics, log, quietRoutes = [] }: ObserveRequestsOptions) {
  return (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    const started = process.hrtime.bigint();
    response.once('close', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeTemplate(request);
      // A connection closed before the answer was complete: the client gave up, or the server cut it off (nginx's 499).
      const status = response.writableFinished ? response.statusCode : 499;
      const method = request.method ?? 'UNKNOWN';
      metrics.httpRequestDuration.observe({ method, route, status: String(status) }, seconds);
      if (log === undefined) return;
      const { requestId, traceId } = (request as RequestWithContext).context ?? {};
      const level = quietRoutes.some((quiet) => route.startsWith(quiet)) ? 'debug' : 'info';
      log[level]({ requestId, traceId, method, route, status, durationMs: Math.round(seconds * 1000) }, 'request');
    });
    next();
  };
}

function routeTemplate(request: IncomingMessage): string {
  const path = (request as IncomingMessage & { route?: { path?: unknown } }).route?.path;
  return typeof path === 'string' ? path : UNMATCHED_ROUTE;
}
