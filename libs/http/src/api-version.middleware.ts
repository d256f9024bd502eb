import { IncomingMessage, ServerResponse } from 'node:http';

export const API_VERSION_HEADER = 'API-Version';

/**
 * Express-style middleware that puts `API-Version` on every response (NL API Design Rules, API-57). Registered with
 * `app.use` before anything else, so 404s, 401s and errors carry it too, which an interceptor would miss.
 */
export function apiVersionMiddleware(version: string) {
  return (_request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    response.setHeader(API_VERSION_HEADER, version);
    next();
  };
}
