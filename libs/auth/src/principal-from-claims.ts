import { InvalidTokenError } from './invalid-token.error';
import { isRole, MUNICIPALITY_CODE_PATTERN, Principal, Role } from './principal';

/** Where the roles are when no other path is configured: a top-level `roles` claim. */
export const DEFAULT_ROLES_CLAIM: readonly string[] = ['roles'];

/**
 * Checks the claims of a token whose signature has been verified and keeps only what the API uses. A token that
 * passes the signature check but lacks what authorisation needs is as unusable as a forged one: 401.
 *
 * The roles are read at `rolesClaim` (AUTH_ROLES_CLAIM), e.g. `['realm_access', 'roles']` for Keycloak. An identity
 * provider lists roles of other applications there too (Keycloak's `offline_access`, `default-roles-…`): those are
 * ignored, and at least one of this API's roles must be among them.
 */
export function principalFromClaims(claims: unknown, { rolesClaim = DEFAULT_ROLES_CLAIM }: { rolesClaim?: readonly string[] } = {}): Principal {
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) {
    throw new InvalidTokenError('The access token has no claims object.');
  }
  const { exp, sub, org, team, municipality } = claims as Record<string, unknown>;
  const roles = claimAt(claims, rolesClaim);

  // Tokens that never expire cannot be withdrawn; insist on a lifetime.
  if (typeof exp !== 'number') throw new InvalidTokenError('The access token has no expiry (exp) claim.');
  if (!isNonEmptyString(sub)) throw new InvalidTokenError('The access token has no subject (sub) claim.');
  const known: Role[] = Array.isArray(roles) ? roles.filter(isRole) : [];
  if (known.length === 0) {
    throw new InvalidTokenError(`The access token has no valid roles claim (${rolesClaim.join('.')}) with a role of this API.`);
  }
  if (typeof municipality !== 'string' || !MUNICIPALITY_CODE_PATTERN.test(municipality)) {
    throw new InvalidTokenError('The access token has no valid municipality claim (a CBS code such as GM0299).');
  }
  if (org !== undefined && !isNonEmptyString(org)) throw new InvalidTokenError('The access token has an invalid org claim.');
  if (team !== undefined && !isNonEmptyString(team)) throw new InvalidTokenError('The access token has an invalid team claim.');

  return {
    sub,
    roles: [...new Set(known)],
    municipality,
    ...(org === undefined ? {} : { org }),
    ...(team === undefined ? {} : { team }),
  };
}

/** The value at a path of nested claims, or undefined when any step is missing. Own properties only. */
function claimAt(claims: object, path: readonly string[]): unknown {
  let value: unknown = claims;
  for (const name of path) {
    if (typeof value !== 'object' || value === null || !Object.prototype.hasOwnProperty.call(value, name)) return undefined;
    value = (value as Record<string, unknown>)[name];
  }
  return value;
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}
