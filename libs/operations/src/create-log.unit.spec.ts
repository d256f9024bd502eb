import { IncomingMessage, ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { requestContextMiddleware } from '@casusregie/http';
import { createLog } from './create-log';

function capture() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, lines: () => chunks.join('').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>) };
}

/** Runs `work` inside the context requestContextMiddleware gives a request with these headers. */
function insideRequest(headers: Record<string, string>, work: () => void): void {
  const request = { headers } as unknown as IncomingMessage;
  const response = { setHeader: () => undefined } as unknown as ServerResponse;
  requestContextMiddleware()(request, response, work);
}

describe('createLog', () => {
  it('writes JSON lines with the service, an ISO time and the level', () => {
    const { stream, lines } = capture();
    createLog('casusregie-test', 'info', stream).info({ port: 3000 }, 'listening');
    expect(lines()).toEqual([
      { level: 30, time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), service: 'casusregie-test', port: 3000, msg: 'listening' },
    ]);
  });

  it('leaves out what is below its level', () => {
    const { stream, lines } = capture();
    const log = createLog('casusregie-test', 'warn', stream);
    log.info('not this');
    log.warn('this');
    expect(lines().map((line) => line.msg)).toEqual(['this']);
  });

  it('names the request a line was written for: its id, and the trace id of its traceparent', () => {
    const { stream, lines } = capture();
    const log = createLog('casusregie-test', 'info', stream);
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    insideRequest({ 'x-request-id': 'req-1', traceparent: `00-${traceId}-00f067aa0ba902b7-01` }, () => log.info('inside'));
    log.info('outside');
    const [inside, outside] = lines();
    expect(inside).toMatchObject({ requestId: 'req-1', traceId, msg: 'inside' });
    expect(outside).not.toHaveProperty('requestId');
    expect(outside).not.toHaveProperty('traceId');
  });
});
