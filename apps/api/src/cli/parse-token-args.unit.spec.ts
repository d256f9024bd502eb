import { UsageError } from '@casusregie/config';
import { parseTokenArgs } from './parse-token-args';

describe('parseTokenArgs', () => {
  it('needs no team for a supervisor, provider, auditor or admin', () => {
    expect(parseTokenArgs(['--role', 'supervisor', '--municipality', 'GM0299'])).toEqual({
      principal: { sub: 'dev-user', roles: ['supervisor'], municipality: 'GM0299' },
      expiresIn: '8h',
    });
  });

  it('reads the required flags and fills in the defaults', () => {
    expect(parseTokenArgs(['--role', 'consultant', '--team', 'T1', '--municipality', 'GM0299'])).toEqual({
      principal: { sub: 'dev-user', roles: ['consultant'], team: 'T1', municipality: 'GM0299' },
      expiresIn: '8h',
    });
  });

  it('takes repeated roles and the optional flags', () => {
    expect(
      parseTokenArgs([
        '--role=consultant',
        '--role',
        'supervisor',
        '--role',
        'consultant',
        '--team=T2',
        '--municipality=GM0344',
        '--sub',
        'u-9',
        '--org',
        'ORG1',
        '--expires-in',
        '30m',
      ]),
    ).toEqual({
      principal: { sub: 'u-9', roles: ['consultant', 'supervisor'], team: 'T2', municipality: 'GM0344', org: 'ORG1' },
      expiresIn: '30m',
    });
  });

  it('answers --help', () => {
    expect(parseTokenArgs(['--help'])).toBe('help');
  });

  it.each([
    [[], /--role is required/],
    [['--team', 'T1', '--municipality', 'GM0299'], /--role is required/],
    [['--role', 'boss', '--team', 'T1', '--municipality', 'GM0299'], /unknown role "boss"/],
    [['--role', 'consultant', '--municipality', 'GM0299'], /--team is required for a consultant/],
    [['--role', 'consultant', '--team', 'T1'], /--municipality is required/],
    [['--role', 'consultant', '--team', 'T1', '--municipality', '0299'], /CBS code/],
    [['--role', 'consultant', '--team', 'T1', '--municipality', 'GM0299', '--expires-in', 'tomorrow'], /--expires-in/],
    [['--role', 'consultant', '--team', 'T1', '--municipality', 'GM0299', '--colour', 'red'], /colour/],
    [['--role', 'consultant', '--team', 'T1', '--municipality', 'GM0299', 'extra'], /extra/],
    [['--role'], /--role/],
  ])('rejects %j', (args, message) => {
    expect(() => parseTokenArgs(args)).toThrow(UsageError);
    expect(() => parseTokenArgs(args)).toThrow(message);
  });
});
