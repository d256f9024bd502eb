import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes, randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** What every request carries for logs and the processing log. */
export interface RequestContext {
  /** The caller's X-Request-Id when it is a safe token, else a new UUID; echoed on the response. */
  requestId: string;
  /** The W3C trace id (32 hex): from the caller's `traceparent`, else new, so the request can be traced across systems. */
  traceId: string;
  /** The caller's span id (16 hex) from `traceparent`, when it sent one: the parent of what this request does. */
  parentSpanId?: string;
  /** When the request arrived (ISO 8601): the start of whatever processing it does. */
  startedAt: string;
}

export type RequestWithContext = IncomingMessage & { context?: RequestContext };

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;
const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

/**
 * Gives every request an id and a trace id before anything else runs, and puts the request id on every response
 * (errors and 404s included), so that a user's report, a log line and a processing-log record can be matched.
 */
export function requestContextMiddleware() {
  return (request: RequestWithContext, response: ServerResponse, next: () => void): void => {
    const given = request.headers['x-request-id'];
    const requestId = typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
    const traceparent = request.headers.traceparent;
    const traced = typeof traceparent === 'string' ? TRACEPARENT.exec(traceparent) : null;
    // All zeros is the invalid id of W3C Trace Context: such a header continues nothing.
    const valid = traced !== null && !/^0+$/.test(traced[1]) && !/^0+$/.test(traced[2]);
    const traceId = valid ? traced[1] : randomBytes(16).toString('hex');
    const context: RequestContext = { requestId, traceId, ...(valid ? { parentSpanId: traced[2] } : {}), startedAt: new Date().toISOString() };
    request.context = context;
    response.setHeader(REQUEST_ID_HEADER, requestId);
    // Everything the request sets off runs inside this context, so code deep down (the processing log, log lines)
    // can name the request without it being passed along every call.
    storage.run(context, next);
  };
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The context of the request being handled; a fresh one outside any request (a CLI, a worker). */
export function currentRequestContext(): RequestContext {
  return storage.getStore() ?? { requestId: randomUUID(), traceId: randomBytes(16).toString('hex'), startedAt: new Date().toISOString() };
}

/** The context of the request being handled, or undefined outside any request (for log lines, which invent nothing). */
export function requestContextIfAny(): RequestContext | undefined {
  return storage.getStore();
}
