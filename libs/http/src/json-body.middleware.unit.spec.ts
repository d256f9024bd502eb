import { IncomingMessage, ServerResponse } from 'node:http';
import { exceedsDepth, isJsonMediaType, jsonBodyOnlyMiddleware, jsonDepthLimitMiddleware } from './json-body.middleware';
import { ProblemHttpException } from './problem-http.exception';

const response = {} as ServerResponse;
const request = (headers: Record<string, string>, body?: unknown) => ({ headers, body }) as unknown as IncomingMessage & { body?: unknown };
const run = (middleware: (req: never, res: ServerResponse, next: (error?: unknown) => void) => void, req: unknown) => {
  let passed: unknown = 'not called';
  middleware(req as never, response, (error) => (passed = error));
  return passed;
};

describe('isJsonMediaType', () => {
  it.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON', 'application/merge-patch+json'])('takes %s', (type) => {
    expect(isJsonMediaType(type)).toBe(true);
  });
  it.each([undefined, 'text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'text/json', 'multipart/form-data'])('refuses %s', (type) => {
    expect(isJsonMediaType(type)).toBe(false);
  });
});

describe('jsonBodyOnlyMiddleware', () => {
  const middleware = jsonBodyOnlyMiddleware();

  it('passes JSON bodies and requests without a body', () => {
    expect(run(middleware, request({ 'content-type': 'application/json', 'content-length': '2' }))).toBeUndefined();
    expect(run(middleware, request({}))).toBeUndefined();
    expect(run(middleware, request({ 'content-type': 'text/plain', 'content-length': '0' }))).toBeUndefined();
  });

  it('answers any other body with 415', () => {
    for (const headers of <Record<string, string>[]>[
      { 'content-type': 'text/plain', 'content-length': '5' },
      { 'content-type': 'application/xml', 'transfer-encoding': 'chunked' },
      { 'content-length': '5' },
    ]) {
      const error = run(middleware, request(headers));
      expect(error).toBeInstanceOf(ProblemHttpException);
      expect((error as ProblemHttpException).problem).toMatchObject({ status: 415, code: 'unsupported-media-type' });
    }
  });
});

describe('jsonDepthLimitMiddleware', () => {
  const nest = (depth: number): unknown => (depth === 1 ? {} : { a: nest(depth - 1) });

  it('measures depth without recursion, objects and arrays alike', () => {
    expect(exceedsDepth('text', 0)).toBe(false);
    expect(exceedsDepth({ a: 1, b: [1, 2] }, 2)).toBe(false);
    expect(exceedsDepth({ a: 1, b: [1, [2]] }, 2)).toBe(true);
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(exceedsDepth(deep, 32)).toBe(true);
  });

  it('passes a body of the limit, and answers a deeper one with 400 body-too-deep', () => {
    const middleware = jsonDepthLimitMiddleware(32);
    expect(run(middleware, request({}, nest(32)))).toBeUndefined();
    expect(run(middleware, request({}))).toBeUndefined();
    const error = run(middleware, request({}, nest(33)));
    expect((error as ProblemHttpException).problem).toMatchObject({ status: 400, code: 'body-too-deep' });
  });
});
