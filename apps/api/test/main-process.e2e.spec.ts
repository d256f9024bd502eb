import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { builtEntry, createTempDir, TempDir, TEST_MASTER_KEY } from '@casusregie/test-support';

const ROOT = join(__dirname, '../../..');
const MAIN = 'apps/api/src/main.ts';

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts the real entry point the way `npm start` does (compiled, on node), with only the given environment variables. */
function startMain(env: Record<string, string>): { child: ChildProcess; exited: Promise<Exit>; output: () => string } {
  const child = spawn(process.execPath, ['--enable-source-maps', builtEntry(MAIN)], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (stdout += chunk));
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<Exit>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, exited, output: () => stdout };
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}

async function waitFor<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('apps/api/src/main.ts as a process', () => {
  let dataDir: TempDir;
  beforeAll(() => {
    dataDir = createTempDir();
  });
  afterAll(() => dataDir.remove());

  it('refuses an unknown EVENT_STORE with one line on stderr and a non-zero exit', async () => {
    const { code, stderr } = await startMain({ EVENT_STORE: 'foo', DATA_DIR: dataDir.path }).exited;
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(lines(stderr)).toEqual([expect.stringMatching(/^casusregie: EVENT_STORE: /)]);
  });

  it('reports an unreachable PostgreSQL in one line naming DATABASE_URL, without the URL', async () => {
    const { code, stderr } = await startMain({
      EVENT_STORE: 'postgres',
      DATABASE_URL: 'postgresql://postgres:hunter2@127.0.0.1:1/x',
      AUTH_JWT_SECRET: 'process-test-secret-of-at-least-32-chars',
      PERSONAL_DATA_MASTER_KEY: TEST_MASTER_KEY,
      DATA_DIR: dataDir.path,
    }).exited;
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(lines(stderr)).toEqual(['casusregie: DATABASE_URL: cannot reach PostgreSQL at 127.0.0.1:1 (ECONNREFUSED)']);
    expect(stderr).not.toContain('hunter2');
  });

  it('starts embedded with only DATA_DIR, answers health, and exits cleanly on Ctrl-C, whose SIGINT comes twice under npm', async () => {
    const { child, exited, output } = startMain({ DATA_DIR: join(dataDir.path, 'embedded'), PORT: '0' });
    try {
      const port = await waitFor(
        () => /casusregie api listening on http:\/\/localhost:(\d+)/.exec(output())?.[1],
        45_000,
        'the listening line',
      );
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
      expect(response.status).toBe(200);
      expect(response.headers.get('api-version')).toBe('1.2.0');
      expect(await response.json()).toMatchObject({ status: 'ok' });
    } finally {
      // The terminal signals the process group and npm forwards it: node gets SIGINT twice, at once.
      child.kill('SIGINT');
      child.kill('SIGINT');
    }
    const { code, signal, stderr } = await exited;
    expect({ code, signal, stderr }).toEqual({ code: 0, signal: null, stderr: '' });
    expect(output()).toMatch(/"msg":"stopped"/);
  });
});
