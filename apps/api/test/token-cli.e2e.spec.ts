import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { loadConfig } from '@casusregie/config';
import { openStorage } from '@casusregie/storage';
import { createTempDir, TempDir } from '@casusregie/test-support';
import request from 'supertest';
import { createApiApp } from '../src/create-api-app';

const ROOT = join(__dirname, '../../..');

/** Runs `npm run token -- …` the way package.json does (without npm's own output). */
function runTokenCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/cli/token.ts', ...args],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('npm run token', () => {
  let dataDir: TempDir;
  let app: INestApplication;

  beforeAll(async () => {
    dataDir = createTempDir();
    const config = loadConfig({ DATA_DIR: dataDir.path });
    app = await createApiApp(config, await openStorage(config), { logger: false });
  });

  afterAll(async () => {
    await app?.close();
    dataDir?.remove();
  });

  it('prints a token the embedded API accepts, signed with the generated development secret', async () => {
    const { code, stdout, stderr } = await runTokenCli(
      ['--role', 'consultant', '--role', 'supervisor', '--team', 'T1', '--municipality', 'GM0299', '--sub', 'u-5', '--org', 'ORG1'],
      { DATA_DIR: dataDir.path },
    );
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);

    await request(app.getHttpServer())
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${stdout.trim()}`)
      .expect(200, { sub: 'u-5', roles: ['consultant', 'supervisor'], org: 'ORG1', team: 'T1', municipality: 'GM0299' });
  });

  it('exits with 2 and the usage on bad flags', async () => {
    const { code, stdout, stderr } = await runTokenCli(['--role', 'consultant', '--team', 'T1', '--municipality', 'Zevenaar'], {
      DATA_DIR: dataDir.path,
    });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^token: --municipality must be a CBS code/);
    expect(stderr).toContain('Usage: npm run token');
  });

  it('refuses in one line with exit 1 when AUTH_JWKS_URL is configured', async () => {
    const { code, stdout, stderr } = await runTokenCli(['--role', 'consultant', '--team', 'T1', '--municipality', 'GM0299'], {
      DATA_DIR: dataDir.path,
      AUTH_JWKS_URL: 'https://idp.example.org/.well-known/jwks.json',
    });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^casusregie: AUTH_JWKS_URL: /)]);
  });
});
