import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';

/**
 * CORS for the configured browser origins only (CORS_ORIGINS). Another origin's request, preflight included, gets no
 * Access-Control-Allow-Origin, so the browser keeps the answer from it. Tokens travel in the Authorization header,
 * never in cookies, so credentials stay off.
 */
export function corsOptions(origins: readonly string[]): CorsOptions {
  return {
    origin: [...origins],
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    // The request headers the API reads.
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', 'traceparent', 'X-Request-Id'],
    // The response headers a browser client needs to see.
    exposedHeaders: ['ETag', 'Location', 'API-Version', 'X-Request-Id', 'Retry-After'],
    credentials: false,
    maxAge: 600,
    optionsSuccessStatus: 204,
  };
}
