import { OpenAPIObject } from '@nestjs/swagger';
import type { HeaderObject, HeadersObject, OperationObject, ParameterObject, ReferenceObject, ResponseObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { API_VERSION_HEADER } from './api-version.middleware';
import { defaultDetail } from './http-status-problem';
import { PROBLEM_CONTENT_TYPE } from './problem-details';
import { PROBLEM_DETAILS_SCHEMA_REF } from './problem-details.openapi';
import { REQUEST_ID_HEADER } from './request-context.middleware';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
const INT32_MAX = 2 ** 31 - 1;
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';

/** The response headers of the API, once, in `components.headers`; operations refer to them. */
export const RESPONSE_HEADERS: Record<string, HeaderObject> = {
  [API_VERSION_HEADER]: {
    description: 'The full version of the API that answered (NL API Design Rules, API-57). On every response, errors included.',
    schema: { type: 'string', maxLength: 32, example: '1.1.0' },
  },
  [REQUEST_ID_HEADER]: {
    description: 'The id of this request: the caller’s own X-Request-Id when it sent a safe one, else a new one. Quote it when reporting a problem.',
    schema: { type: 'string', maxLength: 100, example: '0b6a2c1e-3f4d-4e5a-9b8c-7d6e5f4a3b2c' },
  },
  'Retry-After': {
    description: 'Seconds to wait before trying again.',
    schema: { type: 'integer', minimum: 0, maximum: 86400, example: 2 },
  },
  ETag: {
    description: 'The household version after this request, for `If-Match` on the next change.',
    schema: { type: 'string', example: '"7"' },
  },
  Location: {
    description: 'Where the resource this request created (or changed) can be read.',
    schema: { type: 'string', format: 'uri-reference', example: '/api/v1/households/7d8e2f1c-3b4a-4c5d-8e9f-0a1b2c3d4e5f' },
  },
  'X-RateLimit-Limit': {
    description: 'Requests this client may make per minute (when rate limiting is on).',
    schema: { type: 'integer', minimum: 1, maximum: INT32_MAX, example: 1200 },
  },
  'X-RateLimit-Remaining': {
    description: 'Requests this client has left in the current minute.',
    schema: { type: 'integer', minimum: 0, maximum: INT32_MAX, example: 1187 },
  },
  'X-RateLimit-Reset': {
    description: 'Seconds until the current minute’s count starts again.',
    schema: { type: 'integer', minimum: 0, maximum: 86400, example: 42 },
  },
  'Access-Control-Allow-Origin': {
    description:
      'The calling page’s origin, when it is one of the origins the deployment allows (CORS_ORIGINS); absent otherwise, and `*` on the public OpenAPI document.',
    schema: { type: 'string', maxLength: 2048, example: 'https://casusregie.gemeente.nl' },
  },
  [IDEMPOTENT_REPLAYED_HEADER]: {
    description: 'Present (`true`) when this is the stored answer to an earlier request with the same Idempotency-Key; nothing was recorded again.',
    schema: { type: 'string', enum: ['true'] },
  },
};

/** A reference to one of {@link RESPONSE_HEADERS}, for `@ApiResponse({ headers })`. */
export function responseHeaders(...names: (keyof typeof RESPONSE_HEADERS)[]): HeadersObject {
  return Object.fromEntries(names.map((name) => [name, headerRef(name)]));
}

function headerRef(name: string): ReferenceObject {
  return { $ref: `#/components/headers/${name}` };
}

/** What the app's global wiring adds to every route, beyond what each controller declares. */
export interface HttpConventions {
  /** A rate limit applies to every route: each may answer 429 with Retry-After. */
  rateLimited: boolean;
  /**
   * Every POST takes an Idempotency-Key (the idempotency interceptor is global), except one that declares its own
   * Idempotency-Key header (a read-only POST, where the key is ignored).
   */
  idempotentPosts: boolean;
}

const GENERAL_PROBLEMS: Record<number, string> = {
  400: 'The request is not valid: a parameter, header or body field (see `invalidParams`), or text that cannot be stored.',
  401: 'This request needs a valid bearer access token.',
  403: 'Your token’s roles, municipality, team or organisation do not allow this.',
  406: 'The Accept header allows no representation this operation can give.',
  409: 'This Idempotency-Key was used with another body, or its first request has not finished (then with Retry-After).',
  413: 'The request body is larger than 1 MB (body-too-large), or what it would record is larger than the event store takes in one append (append-too-large).',
  415: 'The request body is not JSON (send `Content-Type: application/json`).',
  429: 'Too many requests from this client in the last minute; try again after Retry-After seconds.',
  500: 'An unexpected error; it was logged under the id in `instance`.',
  503: 'The database, or the identity provider’s keys, could not be reached just now; try again after Retry-After seconds.',
};

/**
 * Completes a generated document with what every route of the API does whatever its controller says: the
 * `API-Version` and `X-Request-Id` headers on every response (set by middleware before any route runs), the
 * rate limiter's `X-RateLimit-*` on the answers to the requests it counted, and the
 * problem+json answers of the global middleware, guards and filter (400 for unstorable text, 401/403 on every
 * secured route, 406, 413/415 for a body, 429, 500, 503), and Idempotency-Key on POSTs.
 */
export function withHttpConventions(document: OpenAPIObject, conventions: HttpConventions): OpenAPIObject {
  document.components = { ...document.components, headers: { ...document.components?.headers, ...RESPONSE_HEADERS } };
  for (const methods of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(methods) as [string, OperationObject][]) {
      if (typeof operation !== 'object' || operation === null || !('responses' in operation)) continue;
      completeOperation(method, operation, conventions);
    }
  }
  return withIntegerFormats(document);
}

/**
 * Every integer in the document with its width (OWASP API4: a client must know how big a number can get): `int32`
 * where its maximum fits, else `int64` (counts, versions and positions, which JavaScript holds exactly up to 2^53).
 */
function withIntegerFormats<T>(node: T): T {
  if (Array.isArray(node)) node.forEach(withIntegerFormats);
  else if (typeof node === 'object' && node !== null) {
    const schema = node as { type?: unknown; format?: unknown; maximum?: unknown };
    if (schema.type === 'integer' && schema.format === undefined) {
      schema.format = typeof schema.maximum === 'number' && schema.maximum <= INT32_MAX ? 'int32' : 'int64';
    }
    Object.values(node).forEach(withIntegerFormats);
  }
  return node;
}

function completeOperation(method: string, operation: OperationObject, conventions: HttpConventions): void {
  const secured = !(Array.isArray(operation.security) && operation.security.length === 0);
  const statuses = [400, 406, 500];
  // Retry-After goes with 429, with the 503 of a store or key set that could not answer, and with the 409 of an
  // Idempotency-Key whose first request is still running; not with a health check's 503, which is a report.
  const retryAfter = new Set(['429']);
  if (secured) statuses.push(401, 403, 503);
  if (secured && operation.responses['503'] === undefined) retryAfter.add('503');
  if (operation.requestBody !== undefined) statuses.push(413, 415);
  if (conventions.rateLimited) statuses.push(429);
  if (conventions.idempotentPosts && method === 'post' && !hasHeaderParameter(operation, IDEMPOTENCY_KEY_HEADER)) {
    operation.parameters = [...(operation.parameters ?? []), IDEMPOTENCY_KEY_PARAMETER];
    if (operation.responses['409'] === undefined) statuses.push(409);
    retryAfter.add('409');
    for (const [status, response] of Object.entries(operation.responses)) {
      if (status.startsWith('2')) addHeaders(response as ResponseObject, IDEMPOTENT_REPLAYED_HEADER);
    }
  }
  for (const status of statuses) {
    operation.responses[status] ??= {
      description: GENERAL_PROBLEMS[status] ?? defaultDetail(status),
      content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: PROBLEM_DETAILS_SCHEMA_REF } } },
    };
  }
  for (const [status, response] of Object.entries(operation.responses)) {
    addHeaders(response as ResponseObject, API_VERSION_HEADER, REQUEST_ID_HEADER, CORS_ORIGIN_HEADER, ...(retryAfter.has(status) ? ['Retry-After'] : []));
    if (conventions.rateLimited && !NOT_COUNTED.includes(status)) addHeaders(response as ResponseObject, ...RATE_LIMIT_HEADERS);
  }
  operation.responses = Object.fromEntries(Object.entries(operation.responses).sort(([a], [b]) => a.localeCompare(b)));
}

const RATE_LIMIT_HEADERS = ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'];

/** The CORS middleware runs before everything else, so an allowed origin gets its header on every answer. */
const CORS_ORIGIN_HEADER = 'Access-Control-Allow-Origin';

/** Answers given before the rate limiter counts the request (the body middleware): no X-RateLimit-*. */
const NOT_COUNTED = ['413', '415'];

const IDEMPOTENCY_KEY_PARAMETER: ParameterObject = {
  name: IDEMPOTENCY_KEY_HEADER,
  in: 'header',
  required: false,
  description:
    'A key of your choosing (1 to 200 visible ASCII characters, e.g. a UUID): the same key with the same body gives the same answer ' +
    'and records nothing the second time (`Idempotent-Replayed: true`); the same key with another body is a 409.',
  schema: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7E]{1,200}$', example: '5f0c7a7e-2d1b-4c8e-9a3f-1b2c3d4e5f60' },
};

function hasHeaderParameter(operation: OperationObject, name: string): boolean {
  return (operation.parameters ?? []).some((parameter) => 'in' in parameter && parameter.in === 'header' && parameter.name.toLowerCase() === name.toLowerCase());
}

function addHeaders(response: ResponseObject, ...names: string[]): void {
  response.headers = { ...response.headers };
  for (const name of names) response.headers[name] ??= headerRef(name);
}
