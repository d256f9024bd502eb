import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '@casusregie/config';
import { createTempDir, TempDir } from '@casusregie/test-support';
import { DEV_JWT_SECRET_FILE, resolveJwtSecret } from './resolve-jwt-secret';

describe('resolveJwtSecret', () => {
  let dir: TempDir;
  beforeEach(() => {
    dir = createTempDir();
  });
  afterEach(() => dir.remove());

  it('generates a random secret once into <dataDir>/dev-jwt-secret, readable only by the owner', () => {
    const config = loadConfig({ DATA_DIR: join(dir.path, 'data') });
    const secret = resolveJwtSecret(config);

    const file = join(dir.path, 'data', DEV_JWT_SECRET_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // 48 random bytes, base64url.
    expect(secret).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(resolveJwtSecret(config)).toBe(secret);
    expect(resolveJwtSecret(loadConfig({ DATA_DIR: join(dir.path, 'data') }))).toBe(secret);
  });

  it('tells onCreated the path when it generated the secret, and not when it read one or used AUTH_JWT_SECRET', () => {
    const created: string[] = [];
    const config = loadConfig({ DATA_DIR: dir.path });
    resolveJwtSecret(config, (path) => created.push(path));
    resolveJwtSecret(config, (path) => created.push(path));
    resolveJwtSecret(loadConfig({ DATA_DIR: join(dir.path, 'x'), AUTH_JWT_SECRET: 'configured-secret-of-at-least-32-characters' }), (path) => created.push(path));
    expect(created).toEqual([join(dir.path, DEV_JWT_SECRET_FILE)]);
  });

  it('generates a different secret in another data directory', () => {
    const first = resolveJwtSecret(loadConfig({ DATA_DIR: join(dir.path, 'a') }));
    const second = resolveJwtSecret(loadConfig({ DATA_DIR: join(dir.path, 'b') }));
    expect(first).not.toBe(second);
  });

  it('uses AUTH_JWT_SECRET when set and writes no file', () => {
    const secret = 'configured-secret-of-at-least-32-characters';
    expect(resolveJwtSecret(loadConfig({ DATA_DIR: dir.path, AUTH_JWT_SECRET: secret }))).toBe(secret);
    expect(() => statSync(join(dir.path, DEV_JWT_SECRET_FILE))).toThrow();
  });

  it('refuses when tokens are checked against a JWKS', () => {
    expect(() => resolveJwtSecret(loadConfig({ DATA_DIR: dir.path, AUTH_JWKS_URL: 'https://idp.example/jwks' }))).toThrow(
      ConfigError,
    );
  });

  it('refuses a secret file that is too short instead of using a weak secret', () => {
    writeFileSync(join(dir.path, DEV_JWT_SECRET_FILE), 'short\n');
    expect(() => resolveJwtSecret(loadConfig({ DATA_DIR: dir.path }))).toThrow(/DATA_DIR: dev-jwt-secret/);
  });
});
