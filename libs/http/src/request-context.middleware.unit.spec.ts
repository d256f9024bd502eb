import { IncomingMessage, ServerResponse } from 'node:http';
import { currentRequestContext, RequestContext, requestContextIfAny, requestContextMiddleware } from './request-context.middleware';

/** Runs the middleware for a request with these headers; returns the context seen inside and the X-Request-Id sent. */
function handle(headers: Record<string, string>): { inside: RequestContext | undefined; echoed: unknown } {
  let echoed: unknown;
  let inside: RequestContext | undefined;
  const request = { headers } as unknown as IncomingMessage;
  const response = { setHeader: (_name: string, value: unknown) => (echoed = value) } as unknown as ServerResponse;
  requestContextMiddleware()(request, response, () => (inside = requestContextIfAny()));
  return { inside, echoed };
}

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('requestContextMiddleware', () => {
  it('takes the trace id of a W3C traceparent, and its span as the parent span', () => {
    expect(handle({ traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01` }).inside).toMatchObject({ traceId: TRACE_ID, parentSpanId: '00f067aa0ba902b7' });
    expect(handle({}).inside?.parentSpanId).toBeUndefined();
  });

  it.each([
    ['malformed', 'not-a-traceparent'],
    ['upper case', `00-${TRACE_ID.toUpperCase()}-00f067aa0ba902b7-01`],
    ['all zeros, which W3C declares invalid', `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`],
    ['with a parent id of all zeros, also invalid', `00-${TRACE_ID}-${'0'.repeat(16)}-01`],
  ])('makes a new trace id for a traceparent that is %s', (_why, traceparent) => {
    const { traceId } = handle({ traceparent }).inside as RequestContext;
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(traceId).not.toBe(TRACE_ID);
    expect(traceId).not.toBe('0'.repeat(32));
  });

  it('makes a trace id when there is no traceparent, a new one per request', () => {
    const first = handle({}).inside?.traceId;
    const second = handle({}).inside?.traceId;
    expect(first).toMatch(/^[0-9a-f]{32}$/);
    expect(second).not.toBe(first);
  });

  it('keeps a safe X-Request-Id and echoes it; replaces one that is not', () => {
    expect(handle({ 'x-request-id': 'client-req-42' })).toEqual({ inside: expect.objectContaining({ requestId: 'client-req-42' }), echoed: 'client-req-42' });
    const replaced = handle({ 'x-request-id': 'with spaces and\nnewline' });
    expect(replaced.inside?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(replaced.echoed).toBe(replaced.inside?.requestId);
  });
});

describe('outside any request', () => {
  it('requestContextIfAny gives nothing, currentRequestContext a fresh context', () => {
    expect(requestContextIfAny()).toBeUndefined();
    expect(currentRequestContext().traceId).toMatch(/^[0-9a-f]{32}$/);
  });
});
