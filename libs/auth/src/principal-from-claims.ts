import { InvalidTokenError } from './invalid-token.error';
import { isRole, MUNICIPALITY_CODE_PATTERN, Principal } from './principal';

/**
 * Checks the claims of a token whose signature has been verified and keeps only what the API uses. A token that
 * passes the signature check but lacks what authorisation needs is as unusable as a forged one: 401.
 */
export function principalFromClaims(claims: unknown): Principal {
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) {
    throw new InvalidTokenError('The access token has no claims object.');
  }
  const { exp, sub, roles, org, team, municipality } = claims as Record<string, unknown>;

  // Tokens that never expire cannot be withdrawn; insist on a lifetime.
  if (typeof exp !== 'number') throw new InvalidTokenError('The access token has no expiry (exp) claim.');
  if (!isNonEmptyString(sub)) throw new InvalidTokenError('The access token has no subject (sub) claim.');
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every(isRole)) {
    throw new InvalidTokenError('The access token has no valid roles claim.');
  }
  if (typeof municipality !== 'string' || !MUNICIPALITY_CODE_PATTERN.test(municipality)) {
    throw new InvalidTokenError('The access token has no valid municipality claim (a CBS code such as GM0299).');
  }
  if (org !== undefined && !isNonEmptyString(org)) throw new InvalidTokenError('The access token has an invalid org claim.');
  if (team !== undefined && !isNonEmptyString(team)) throw new InvalidTokenError('The access token has an invalid team claim.');

  return {
    sub,
    roles: [...new Set(roles)],
    municipality,
    ...(org === undefined ? {} : { org }),
    ...(team === undefined ? {} : { team }),
  };
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}
