import { ConfigError, loadConfig } from './app-config';

describe('loadConfig: LOG_LEVEL', () => {
  it('is info by default', () => {
    expect(loadConfig({}).logLevel).toBe('info');
    expect(loadConfig({ LOG_LEVEL: ' ' }).logLevel).toBe('info');
  });

  it.each(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])('accepts %s', (level) => {
    expect(loadConfig({ LOG_LEVEL: level }).logLevel).toBe(level);
  });

  it('ignores case and surrounding spaces', () => {
    expect(loadConfig({ LOG_LEVEL: ' Debug ' }).logLevel).toBe('debug');
  });

  it('refuses anything else, naming the variable and the levels', () => {
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow(
      new ConfigError('LOG_LEVEL', 'must be one of fatal, error, warn, info, debug, trace, silent, got "verbose"'),
    );
  });
});
