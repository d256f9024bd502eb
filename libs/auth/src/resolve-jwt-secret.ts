import { randomBytes } from 'node:crypto';
import { AppConfig, ConfigError, MIN_JWT_SECRET_LENGTH, readOrCreateSecretFile } from '@casusregie/config';

export const DEV_JWT_SECRET_FILE = 'dev-jwt-secret';

/**
 * The HS256 secret: AUTH_JWT_SECRET when set. In embedded mode without one (loadConfig allows that only with
 * PGlite), a random secret generated once into `<dataDir>/dev-jwt-secret`, so the API and `npm run token` agree and
 * tokens survive restarts. Throws a {@link ConfigError} when tokens are checked against a JWKS instead. `onCreated`
 * hears the file's path when this call generated the secret.
 */
export function resolveJwtSecret(config: AppConfig, onCreated?: (path: string) => void): string {
  if (config.auth.jwtSecret !== undefined) return config.auth.jwtSecret;
  if (config.auth.jwksUrl !== undefined) {
    throw new ConfigError('AUTH_JWKS_URL', 'is set, so tokens come from the identity provider and there is no shared secret');
  }
  return readOrCreateSecretFile(
    config.dataDir,
    DEV_JWT_SECRET_FILE,
    () => randomBytes(48).toString('base64url'),
    (content) => (content.length < MIN_JWT_SECRET_LENGTH ? `holds a secret shorter than ${MIN_JWT_SECRET_LENGTH} characters` : undefined),
    onCreated,
  );
}
