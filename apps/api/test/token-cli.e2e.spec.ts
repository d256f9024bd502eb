import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { loadConfig } from '@casusregie/config';
import { openStorage } from '@casusregie/storage';
import { builtEntry, createTempDir, TempDir } from '@casusregie/test-support';
import request from 'supertest';
import { createApiApp } from '../src/create-api-app';

const ROOT = join(__dirname, '../../..');

/** Runs `npm run token -- …` the way package.json does (compiled, on node; without npm's own output). */
function runTokenCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--enable-source-maps', builtEntry('apps/api/src/cli/token.ts'), ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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

  it('warns on stderr, naming the file, when it generates the development secret, and only then', async () => {
    const elsewhere = createTempDir();
    try {
      const args = ['--role', 'supervisor', '--municipality', 'GM0299'];
      const first = await runTokenCli(args, { DATA_DIR: elsewhere.path });
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
      expect(first.stderr).toContain(`${join(elsewhere.path, 'dev-jwt-secret')} did not exist, so a new development secret was generated`);
      expect(first.stderr).toContain('Only an API started with the same DATA_DIR');

      expect(await runTokenCli(args, { DATA_DIR: elsewhere.path })).toEqual({ code: 0, stdout: expect.any(String), stderr: '' });
    } finally {
      elsewhere.remove();
    }
  });

  it('answers --help with the usage on stdout and exit 0', async () => {
    expect(await runTokenCli(['--help'], { DATA_DIR: dataDir.path })).toEqual({ code: 0, stdout: expect.stringMatching(/^Usage: npm run token/), stderr: '' });
  });

  it('exits with 2 and the usage on bad flags', async () => {
    const { code, stdout, stderr } = await runTokenCli(['--role', 'consultant', '--team', 'T1', '--municipality', 'Zevenaar'], {
      DATA_DIR: dataDir.path,
    });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^casusregie token: --municipality must be a CBS code/);
    expect(stderr).toContain('Usage: npm run token');
  });

  it('refuses in one line with exit 1 when AUTH_JWKS_URL is configured', async () => {
    const { code, stdout, stderr } = await runTokenCli(['--role', 'consultant', '--team', 'T1', '--municipality', 'GM0299'], {
      DATA_DIR: dataDir.path,
      AUTH_JWKS_URL: 'https://idp.example.org/.well-known/jwks.json',
    });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^casusregie token: AUTH_JWKS_URL: /)]);
  });
});
