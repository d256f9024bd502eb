// The files, not the libs' index (which load NestJS and the domain): the token CLI reads its flags at once.
import { EXPIRES_IN_PATTERN } from '@casusregie/auth/expires-in';
import { isRole, MUNICIPALITY_CODE_PATTERN, Principal, ROLES } from '@casusregie/auth/principal';
import { parseCommandLine, UsageError } from '@casusregie/config/command-line';

export const TOKEN_USAGE = `Usage: npm run token -- --role <role> --municipality <GMxxxx> [--team <team>] [options]

Prints an HS256 access token signed with AUTH_JWT_SECRET or, in embedded mode, the development secret in DATA_DIR.

  --role <role>          ${ROLES.join(' | ')}; repeat for several roles
  --team <team>          the user's sociaal team, e.g. T1 (consultants: required)
  --municipality <code>  CBS municipality code, e.g. GM0299
  --sub <id>             user id (default: dev-user)
  --org <org>            organisation, e.g. a care provider's id
  --expires-in <time>    lifetime: seconds or 30m, 8h, 7d (default: 8h)
  --help                 show this text`;

export interface TokenRequest {
  principal: Principal;
  expiresIn: string;
}

/** Reads the token CLI's flags. Returns 'help' for --help; throws a {@link UsageError} for anything wrong. */
export function parseTokenArgs(args: readonly string[]): TokenRequest | 'help' {
  const values = parseCommandLine(args, {
    role: { type: 'string', multiple: true },
    team: { type: 'string' },
    municipality: { type: 'string' },
    sub: { type: 'string', default: 'dev-user' },
    org: { type: 'string' },
    'expires-in': { type: 'string', default: '8h' },
  });
  if (values === 'help') return 'help';

  const roles = values.role ?? [];
  if (roles.length === 0) throw new UsageError('--role is required');
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0) throw new UsageError(`unknown role "${unknown[0]}"; use one of ${ROLES.join(', ')}`);
  // A consultant works in a team; supervisors, providers, auditors, admins and operators need none.
  if (roles.includes('consultant') && (values.team === undefined || values.team.trim() === '')) {
    throw new UsageError('--team is required for a consultant');
  }
  if (values.team !== undefined && values.team.trim() === '') throw new UsageError('--team must not be empty');
  if (values.municipality === undefined) throw new UsageError('--municipality is required');
  if (!MUNICIPALITY_CODE_PATTERN.test(values.municipality)) {
    throw new UsageError(`--municipality must be a CBS code such as GM0299, got "${values.municipality}"`);
  }
  if (values.sub.trim() === '') throw new UsageError('--sub must not be empty');
  if (values.org !== undefined && values.org.trim() === '') throw new UsageError('--org must not be empty');
  if (!EXPIRES_IN_PATTERN.test(values['expires-in'])) {
    throw new UsageError(`--expires-in must look like 3600, 30m, 8h or 7d, got "${values['expires-in']}"`);
  }

  return {
    principal: {
      sub: values.sub,
      roles: [...new Set(roles.filter(isRole))],
      ...(values.team === undefined ? {} : { team: values.team }),
      municipality: values.municipality,
      ...(values.org === undefined ? {} : { org: values.org }),
    },
    expiresIn: values['expires-in'],
  };
}
