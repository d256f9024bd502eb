import { IncomingMessage, ServerResponse } from 'node:http';
import { ProblemHttpException } from './problem-http.exception';

/** The media types a request body may have: JSON, or a JSON-based type such as `application/merge-patch+json`. */
export function isJsonMediaType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const mediaType = contentType.split(';')[0].trim().toLowerCase();
  return mediaType === 'application/json' || /^application\/[a-z0-9.!#$&^_-]+\+json$/.test(mediaType);
}

/** Whether the request carries a body: a non-zero Content-Length, or a chunked one. */
function hasBody(request: IncomingMessage): boolean {
  if (request.headers['transfer-encoding'] !== undefined) return true;
  const length = request.headers['content-length'];
  return length !== undefined && length.trim() !== '0';
}

/**
 * Express middleware, registered before the JSON body parser: a request body in anything but JSON (text/plain, a
 * form, XML, or no Content-Type at all) is 415 problem+json. Without it such a body would be skipped by the parser,
 * read as no body at all and answered with a 400 about missing fields.
 */
export function jsonBodyOnlyMiddleware() {
  return (request: IncomingMessage, _response: ServerResponse, next: (error?: unknown) => void): void => {
    if (!hasBody(request) || isJsonMediaType(request.headers['content-type'])) return next();
    next(
      new ProblemHttpException(415, {
        code: 'unsupported-media-type',
        detail: 'A request body must be JSON: send it with Content-Type: application/json.',
      }),
    );
  };
}

/**
 * Express middleware, registered right after the JSON body parser and before anything reads the body (validation,
 * class-transformer, canonical JSON for idempotency): a body nested deeper than `maxDepth` objects and arrays is
 * 400 problem+json. Those steps recurse, and a body nested thousands deep would exhaust their stack (a 500).
 */
export function jsonDepthLimitMiddleware(maxDepth: number) {
  return (request: IncomingMessage & { body?: unknown }, _response: ServerResponse, next: (error?: unknown) => void): void => {
    if (exceedsDepth(request.body, maxDepth)) {
      return next(
        new ProblemHttpException(400, {
          code: 'body-too-deep',
          detail: `The request body is nested deeper than ${maxDepth} levels.`,
        }),
      );
    }
    next();
  };
}

/** Whether `value` nests objects or arrays deeper than `maxDepth`; iterative, so any depth is safe to measure. */
export function exceedsDepth(value: unknown, maxDepth: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth > maxDepth) return true;
    for (const child of Object.values(current)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}
