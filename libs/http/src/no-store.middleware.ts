import { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Puts `Cache-Control: no-store` on every answer (NL API Design Rules; OWASP REST Security): API answers hold personal
 * data and are never to be kept by a browser or a proxy. A route that sets its own Cache-Control replaces it.
 */
export function noStoreMiddleware() {
  return (_request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    response.setHeader('Cache-Control', 'no-store');
    next();
  };
}
