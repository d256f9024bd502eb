import { Writable } from 'node:stream';
import { Logger } from '@nestjs/common';
import pino from 'pino';
import { PinoLogger } from './pino-logger';

function capture(): { logger: PinoLogger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const logger = new PinoLogger(pino({ base: undefined, timestamp: false, level: 'trace' }, stream));
  return { logger, lines: () => chunks.join('').trim().split('\n').map((line) => JSON.parse(line)) };
}

describe('PinoLogger', () => {
  it('writes Nest log calls as JSON lines with their context', () => {
    const { logger, lines } = capture();
    logger.log('Mapped {/api/v1/health, GET} route', 'RouterExplorer');
    logger.warn('careful');
    expect(lines()).toEqual([
      { level: 30, context: 'RouterExplorer', msg: 'Mapped {/api/v1/health, GET} route' },
      { level: 40, msg: 'careful' },
    ]);
  });

  it('separates the stack from the context of an error', () => {
    const { logger, lines } = capture();
    logger.error('Unexpected TypeError in GET; incident urn:uuid:1', '    at handler (x.ts:1:1)', 'ProblemDetailsFilter');
    expect(lines()).toEqual([
      {
        level: 50,
        context: 'ProblemDetailsFilter',
        stack: '    at handler (x.ts:1:1)',
        msg: 'Unexpected TypeError in GET; incident urn:uuid:1',
      },
    ]);
  });

  it('keeps an object message as data', () => {
    const { logger, lines } = capture();
    logger.error({ queue: { status: 'down' } }, 'HealthCheckService');
    expect(lines()).toEqual([{ level: 50, context: 'HealthCheckService', data: { queue: { status: 'down' } } }]);
  });

  it('serves as the logger behind Nest\'s Logger', () => {
    const { logger, lines } = capture();
    Logger.overrideLogger(logger);
    try {
      new Logger('Probe').log('hello');
    } finally {
      Logger.overrideLogger(false);
    }
    expect(lines()).toEqual([{ level: 30, context: 'Probe', msg: 'hello' }]);
  });
});
