import { InvalidTokenError } from './invalid-token.error';
import { principalFromClaims } from './principal-from-claims';

const exp = Math.floor(Date.now() / 1000) + 3600;
const valid = { sub: 'u-1', roles: ['consultant'], org: 'ORG1', team: 'T1', municipality: 'GM0299', exp, iat: exp - 60 };

function rejection(claims: unknown): string {
  try {
    principalFromClaims(claims);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidTokenError);
    return (error as Error).message;
  }
  throw new Error('expected the claims to be rejected');
}

describe('principalFromClaims', () => {
  it('keeps only the claims the API uses', () => {
    expect(principalFromClaims({ ...valid, extra: 'ignored' })).toEqual({
      sub: 'u-1',
      roles: ['consultant'],
      org: 'ORG1',
      team: 'T1',
      municipality: 'GM0299',
    });
  });

  it('allows a token without org and team, and removes duplicate roles', () => {
    const { org: _org, team: _team, ...withoutOrgAndTeam } = valid;
    expect(principalFromClaims({ ...withoutOrgAndTeam, roles: ['auditor', 'auditor', 'admin'] })).toEqual({
      sub: 'u-1',
      roles: ['auditor', 'admin'],
      municipality: 'GM0299',
    });
  });

  it.each([
    ['no roles claim', { ...valid, roles: undefined }, /roles/],
    ['an empty roles array', { ...valid, roles: [] }, /roles/],
    ['roles as a string', { ...valid, roles: 'consultant' }, /roles/],
    ['only roles of other applications', { ...valid, roles: ['offline_access', 'superuser'] }, /roles/],
    ['no municipality', { ...valid, municipality: undefined }, /municipality/],
    ['a municipality that is not a CBS code', { ...valid, municipality: 'Zevenaar' }, /municipality/],
    ['a municipality with too many digits', { ...valid, municipality: 'GM02991' }, /municipality/],
    ['no subject', { ...valid, sub: '' }, /sub/],
    ['no expiry', { ...valid, exp: undefined }, /exp/],
    ['an empty team', { ...valid, team: ' ' }, /team/],
    ['an org that is not a string', { ...valid, org: 42 }, /org/],
  ])('rejects %s', (_case, claims, message) => {
    expect(rejection(claims)).toMatch(message);
  });

  it('ignores roles of other applications, keeping those of this API', () => {
    expect(principalFromClaims({ ...valid, roles: ['consultant', 'superuser', 'offline_access'] }).roles).toEqual(['consultant']);
  });

  it('reads the roles at a configured claim path (Keycloak realm roles), and nowhere else', () => {
    const { roles: _roles, ...withoutRoles } = valid;
    const keycloak = { ...withoutRoles, realm_access: { roles: ['default-roles-zevenaar', 'offline_access', 'supervisor'] } };
    const rolesClaim = ['realm_access', 'roles'];
    expect(principalFromClaims(keycloak, { rolesClaim }).roles).toEqual(['supervisor']);
    // A top-level roles claim does not count when the roles are configured to be elsewhere.
    expect(() => principalFromClaims({ ...valid, realm_access: {} }, { rolesClaim })).toThrow(/realm_access\.roles/);
    expect(() => principalFromClaims(withoutRoles, { rolesClaim })).toThrow(InvalidTokenError);
    // Inherited properties are not claims.
    expect(() => principalFromClaims({ ...withoutRoles, realm_access: 'x' }, { rolesClaim: ['realm_access', 'length'] })).toThrow(InvalidTokenError);
  });

  it('rejects a payload that is not an object', () => {
    expect(rejection('a string payload')).toMatch(/claims/);
    expect(rejection(null)).toMatch(/claims/);
  });
});
