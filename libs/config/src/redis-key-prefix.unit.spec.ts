import { ConfigError, loadConfig } from './app-config';

describe('loadConfig: REDIS_KEY_PREFIX', () => {
  it('is casusregie by default, the prefix deployments have always had', () => {
    expect(loadConfig({}).redisKeyPrefix).toBe('casusregie');
    expect(loadConfig({ REDIS_KEY_PREFIX: ' ' }).redisKeyPrefix).toBe('casusregie');
  });

  it('takes a prefix of its own, e.g. for a second deployment on the same Redis database', () => {
    expect(loadConfig({ REDIS_KEY_PREFIX: 'casusregie-acceptatie' }).redisKeyPrefix).toBe('casusregie-acceptatie');
    expect(loadConfig({ REDIS_KEY_PREFIX: '{casusregie}' }).redisKeyPrefix).toBe('{casusregie}');
  });

  it.each(['two words', 'star*', 'a'.repeat(65)])('refuses %s, naming the variable', (prefix) => {
    expect(() => loadConfig({ REDIS_KEY_PREFIX: prefix })).toThrow(ConfigError);
    expect(() => loadConfig({ REDIS_KEY_PREFIX: prefix })).toThrow(/^REDIS_KEY_PREFIX: /);
  });
});
