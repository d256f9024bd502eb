import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig, ConfigError, MIN_JWT_SECRET_LENGTH } from '@casusregie/config';

export const DEV_JWT_SECRET_FILE = 'dev-jwt-secret';

/**
 * The HS256 secret: AUTH_JWT_SECRET when set. In embedded mode without one (loadConfig allows that only with
 * PGlite), a random secret generated once into `<dataDir>/dev-jwt-secret`, so the API and `npm run token` agree and
 * tokens survive restarts. Throws a {@link ConfigError} when tokens are checked against a JWKS instead.
 */
export function resolveJwtSecret(config: AppConfig): string {
  if (config.auth.jwtSecret !== undefined) return config.auth.jwtSecret;
  if (config.auth.jwksUrl !== undefined) {
    throw new ConfigError('AUTH_JWKS_URL', 'is set, so tokens come from the identity provider and there is no shared secret');
  }

  const file = join(config.dataDir, DEV_JWT_SECRET_FILE);
  const existing = readSecret(file);
  if (existing !== undefined) return existing;

  mkdirSync(config.dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  try {
    // 'wx' fails when the file exists: if the API and the token CLI start together, both end up with the first one.
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
    return readSecret(file) ?? secret;
  }
}

function readSecret(file: string): string | undefined {
  let content: string;
  try {
    content = readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
    throw error;
  }
  if (content.length < MIN_JWT_SECRET_LENGTH) {
    throw new ConfigError('DATA_DIR', `${DEV_JWT_SECRET_FILE} holds a secret shorter than ${MIN_JWT_SECRET_LENGTH} characters; delete it to generate a new one`);
  }
  try {
    // A copied or restored file may have lost its mode, and the secret signs tokens for every role.
    chmodSync(file, 0o600);
  } catch {
    // Not ours to change (read-only mount, other owner): still usable.
  }
  return content;
}
