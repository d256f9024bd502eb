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

  it('names anything else by class and code, never by its message, which may quote personal data', () => {
    const refused = Object.assign(new Error('date/time field value out of range: "0000-01-01"'), { code: '22008' });
    expect(describeStartupError(refused)).toBe('Error 22008');
    expect(describeStartupError(new TypeError("Cannot read properties of undefined (reading 'Jansen')"))).toBe('TypeError');
    expect(describeStartupError('Jan Jansen')).toBe('string');
  });
});
