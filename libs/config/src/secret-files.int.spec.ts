import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './app-config';

/** loadConfig reads the `_FILE` variants from real files, as Docker mounts secrets under /run/secrets. */
describe('loadConfig with secrets in files', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'casusregie-secrets-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('takes AUTH_JWT_SECRET_FILE, PERSONAL_DATA_MASTER_KEY_FILE and DATABASE_URL_FILE as the values, and checks them as usual', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    writeFileSync(join(dir, 'jwt.txt'), 'a-token-secret-of-at-least-32-characters\n');
    writeFileSync(join(dir, 'key.txt'), `${key}\n`);
    writeFileSync(join(dir, 'db.txt'), 'postgresql://casusregie:s3cret@postgres:5432/casusregie\n');
    const config = loadConfig({
      EVENT_STORE: 'postgres',
      AUTH_JWT_SECRET_FILE: join(dir, 'jwt.txt'),
      PERSONAL_DATA_MASTER_KEY_FILE: join(dir, 'key.txt'),
      DATABASE_URL_FILE: join(dir, 'db.txt'),
    });
    expect(config.auth.jwtSecret).toBe('a-token-secret-of-at-least-32-characters');
    expect(config.personalDataMasterKey).toBe(key);
    expect(config.databaseUrl).toBe('postgresql://casusregie:s3cret@postgres:5432/casusregie');

    writeFileSync(join(dir, 'short.txt'), 'too short\n');
    expect(() => loadConfig({ AUTH_JWT_SECRET_FILE: join(dir, 'short.txt') })).toThrow(/^AUTH_JWT_SECRET: must be at least 32 characters/);
  });

  it('stops on a file it cannot read, naming the variable and the path', () => {
    const path = join(dir, 'absent.txt');
    expect(() => loadConfig({ PERSONAL_DATA_MASTER_KEY_FILE: path })).toThrow(`PERSONAL_DATA_MASTER_KEY_FILE: cannot read ${path} (ENOENT)`);
  });
});
