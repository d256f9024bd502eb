import { UsageError } from '@casusregie/config';
import { parseSeedArgs } from './seed-args';

describe('npm run seed arguments', () => {
  it('reads the generator flags, with defaults for the rest', () => {
    expect(parseSeedArgs(['--households', '100000', '--seed', '1'])).toEqual({
      scenarios: false,
      households: 100000,
      seed: 1,
      municipality: 'GM0299',
      concurrency: 8,
      appendPerCommand: false,
      digest: false,
    });
    expect(parseSeedArgs(['--scenarios', '--households', '5', '--municipality', 'GM0356', '--append-per-command', '--concurrency', '2', '--digest'])).toEqual({
      scenarios: true,
      households: 5,
      seed: 1,
      municipality: 'GM0356',
      concurrency: 2,
      appendPerCommand: true,
      digest: true,
    });
  });

  it('answers --help', () => {
    expect(parseSeedArgs(['--households', '10', '--help'])).toBe('help');
  });

  it.each([
    [[], 'nothing to do'],
    [['--households', 'many'], '--households must be a whole number of at least 0, got "many"'],
    [['--households', '10', '--seed', '1.5'], '--seed must be a whole number of at least 0, got "1.5"'],
    [['--households', '10', '--concurrency', '0'], '--concurrency must be a whole number of at least 1'],
    [['--households', '10', '--municipality', 'Zevenaar'], '--municipality must be a CBS code such as GM0299, got "Zevenaar"'],
    [['--scenario'], "Unknown option '--scenario'"],
    [['--households', '10', 'extra'], "Unexpected argument 'extra'"],
  ])('refuses %j with a line naming the flag', (argv, message) => {
    expect(() => parseSeedArgs(argv)).toThrow(UsageError);
    expect(() => parseSeedArgs(argv)).toThrow(message);
  });
});
