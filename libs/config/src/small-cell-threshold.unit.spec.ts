import { ConfigError, loadConfig } from './app-config';

describe('loadConfig: FIGURES_SMALL_CELL_THRESHOLD', () => {
  it('is 5 by default', () => {
    expect(loadConfig({}).smallCellThreshold).toBe(5);
    expect(loadConfig({ FIGURES_SMALL_CELL_THRESHOLD: ' ' }).smallCellThreshold).toBe(5);
  });

  it.each(['3', '10', '1000'])('accepts %s', (threshold) => {
    expect(loadConfig({ FIGURES_SMALL_CELL_THRESHOLD: threshold }).smallCellThreshold).toBe(Number(threshold));
  });

  it.each(['0', '1', '2', '1001', '5.5', 'five', '-5'])('refuses %s: below 3 "<n" would name the value', (threshold) => {
    expect(() => loadConfig({ FIGURES_SMALL_CELL_THRESHOLD: threshold })).toThrow(ConfigError);
  });
});
