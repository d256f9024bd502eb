import { ConfigError, loadConfig } from './app-config';

describe('loadConfig: ESDB_CONNECTION_STRING', () => {
  it.each(['esdb://kurrentdb:2113?tls=false', 'esdb+discover://admin:changeit@cluster.example:2113'])('takes %s, a scheme the client parses', (url) => {
    expect(loadConfig({ ESDB_CONNECTION_STRING: url }).esdbConnectionString).toBe(url);
  });

  it.each(['kurrentdb://kurrentdb:2113?tls=false', 'kurrentdb+discover://cluster.example:2113', 'kdb://kurrentdb:2113', 'http://kurrentdb:2113'])(
    'refuses %s at start-up, naming the schemes it takes, rather than failing later as an unreachable server',
    (url) => {
      const load = () => loadConfig({ EVENT_STORE: 'eventstoredb', ESDB_CONNECTION_STRING: url });
      expect(load).toThrow(ConfigError);
      expect(load).toThrow('ESDB_CONNECTION_STRING: must start with esdb:// or esdb+discover://');
    },
  );

  it('does not repeat a password of a malformed value', () => {
    expect(() => loadConfig({ ESDB_CONNECTION_STRING: 'esdb://admin:s3cret@ host' })).toThrow(/^ESDB_CONNECTION_STRING: is not a valid URL$/);
  });
});
