import { ConfigError } from '@casusregie/config';
import { describeStartupError } from './describe-startup-error';

describe('describeStartupError', () => {
  it('reports a configuration error as VARIABLE: problem', () => {
    expect(describeStartupError(new ConfigError('REDIS_URL', 'is not a valid URL'))).toBe('REDIS_URL: is not a valid URL');
  });

  it('names PORT when the port is taken', () => {
    const error = Object.assign(new Error('listen EADDRINUSE: address already in use :::3000'), { code: 'EADDRINUSE' });
    expect(describeStartupError(error, 3000)).toBe('PORT: port 3000 is already in use (EADDRINUSE)');
  });

  it('keeps anything else to the first line of its message', () => {
    expect(describeStartupError(new TypeError('first line\n    second line'))).toBe('TypeError: first line');
    expect(describeStartupError(new RangeError(''))).toBe('RangeError');
    expect(describeStartupError('just a string')).toBe('just a string');
  });
});
