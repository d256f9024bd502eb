import { ConfigError, loadConfig } from './app-config';

describe('loadConfig: PROJECTION_PARTITIONS', () => {
  it('splits no projection by default', () => {
    expect(loadConfig({}).projectionPartitions).toEqual({});
  });

  it('reads projection:count pairs', () => {
    expect(loadConfig({ PROJECTION_PARTITIONS: 'household-read-models:2,household-directory:3' }).projectionPartitions).toEqual({
      'household-read-models': 2,
      'household-directory': 3,
    });
  });

  it.each(['household-read-models', 'household-read-models:0', 'household-read-models:two', 'Household:2'])('refuses "%s", naming the variable', (value) => {
    expect(() => loadConfig({ PROJECTION_PARTITIONS: value })).toThrow(ConfigError);
    expect(() => loadConfig({ PROJECTION_PARTITIONS: value })).toThrow(/PROJECTION_PARTITIONS/);
  });
});
