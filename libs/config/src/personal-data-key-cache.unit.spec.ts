import { ConfigError, loadConfig } from './app-config';

describe('loadConfig: PERSONAL_DATA_KEY_CACHE_SECONDS (how long an erasure may take to reach another process)', () => {
  it('is 5 seconds by default, and 0 turns the cache off', () => {
    expect(loadConfig({}).personalDataKeyCacheSeconds).toBe(5);
    expect(loadConfig({ PERSONAL_DATA_KEY_CACHE_SECONDS: '0' }).personalDataKeyCacheSeconds).toBe(0);
    expect(loadConfig({ PERSONAL_DATA_KEY_CACHE_SECONDS: '30' }).personalDataKeyCacheSeconds).toBe(30);
  });

  it.each(['-1', '1.5', 'five', '1000'])('refuses %s, naming the variable', (raw) => {
    expect(() => loadConfig({ PERSONAL_DATA_KEY_CACHE_SECONDS: raw })).toThrow(
      new ConfigError('PERSONAL_DATA_KEY_CACHE_SECONDS', `must be a whole number of seconds (0 = off), got "${raw}"`),
    );
  });
});
