import { AppConfig } from '@casusregie/config';
import { HmacTokenVerifier } from './hmac-token-verifier';
import { JwksTokenVerifier } from './jwks-token-verifier';
import { resolveJwtSecret } from './resolve-jwt-secret';
import { TokenVerifier } from './token-verifier';

/**
 * RS256 against the identity provider's JWKS when AUTH_JWKS_URL is set; otherwise HS256 with the shared secret. Either
 * checks AUTH_ISSUER and AUTH_AUDIENCE when set and reads the roles at AUTH_ROLES_CLAIM.
 */
export function createTokenVerifier(config: AppConfig): TokenVerifier {
  const { issuer, audience, rolesClaim } = config.auth;
  const options = { issuer, audience, rolesClaim };
  if (config.auth.jwksUrl !== undefined) return new JwksTokenVerifier(config.auth.jwksUrl, options);
  return new HmacTokenVerifier(resolveJwtSecret(config), options);
}
