import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Principal, signAccessToken } from '@casusregie/auth';
import { builtEntry, exited, freePort, TEST_MASTER_KEY, waitFor } from '@casusregie/test-support';

/** The token secret of the processes a bench starts; tokens are signed in the bench process. */
const BENCH_SECRET = 'bench-secret-for-casusregie-0123456789abcdef';

/** A running API process, reached over HTTP like any client would. */
export interface ApiProcess {
  url: string;
  bearer(principal: Principal): string;
  stop(): Promise<void>;
}

export const BENCH_CONSULTANT: Principal = { sub: 'bench-consulent', roles: ['consultant'], team: 'T1', municipality: 'GM0299' };
export const BENCH_SUPERVISOR: Principal = { sub: 'bench-teamleider', roles: ['supervisor'], municipality: 'GM0299' };

/** What every process of a bench shares: the master key of the personal data, and the token secret. */
export function serverEnv(env: Record<string, string>): Record<string, string> {
  return { PERSONAL_DATA_MASTER_KEY: TEST_MASTER_KEY, AUTH_JWT_SECRET: BENCH_SECRET, ...env };
}

/**
 * Starts an app's main.ts as `npm run start:*` does (test-support's startProcess, plus one thing it cannot do):
 * with BENCH_PROFILE_DIR=dir the process writes a CPU profile (.cpuprofile) there when it stops.
 */
function startApp(entry: string, env: Record<string, string>, args: readonly string[] = []): ChildProcess & { output: () => string } {
  const profile = process.env.BENCH_PROFILE_DIR === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`];
  const child = spawn(process.execPath, [...profile, '--enable-source-maps', builtEntry(entry), ...args], {
    cwd: join(__dirname, '..', '..'),
    env: { ...process.env, NODE_OPTIONS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
  child.stderr?.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
  return Object.assign(child, { output: () => output });
}

/**
 * Starts `npm run start:api`'s entry as its own process (so the load generator does not share its event loop) and
 * waits until it answers. No rate limit, and warnings only in its log: a bench measures commands, not log lines.
 */
export async function startApiProcess(env: Record<string, string>): Promise<ApiProcess> {
  const port = await freePort();
  const child = startApp('apps/api/src/main.ts', serverEnv({ PORT: String(port), RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn', ...env }));
  const url = `http://127.0.0.1:${port}`;
  let stopping = false;
  // A bench that fails because the API died should say why.
  child.once('exit', (code, signal) => {
    if (!stopping) process.stderr.write(`the API process exited (${code ?? signal}) during the bench:\n${child.output()}\n`);
  });
  const stop = async () => {
    stopping = true;
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited(child);
    clearTimeout(killer);
  };
  try {
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`the API exited: ${child.output()}`);
      return (await fetch(`${url}/api/v1/health`).catch(() => undefined))?.status === 200;
    }, 90_000, 'the API to answer');
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, bearer: (principal) => `Bearer ${signAccessToken(principal, BENCH_SECRET, { expiresIn: '1h' })}`, stop };
}

/** Starts the projector process (BullMQ workers) and waits until it answers; `url` serves its /health and /metrics. */
export async function startProjectorProcess(env: Record<string, string>): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child = startApp('apps/projector/src/main.ts', serverEnv({ PROJECTOR_PORT: String(port), LOG_LEVEL: 'warn', ...env }));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited(child);
    clearTimeout(killer);
  };
  try {
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`the projector exited: ${child.output()}`);
      return (await fetch(`${url}/health/live`).catch(() => undefined))?.status === 200;
    }, 90_000, 'the projector to answer');
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

/**
 * Runs `npm run projections:rebuild -- ...args` as its own process, to its end. Returns the instants (performance.now()
 * of this process) at which its rebuild started and ended, from the duration it reports on its last line, so that the
 * start-up of the process is not counted.
 */
export async function runRebuildProcess(env: Record<string, string>, args: readonly string[]): Promise<{ started: number; ended: number }> {
  const child = startApp('apps/projector/src/cli/rebuild-projections.ts', serverEnv({ LOG_LEVEL: 'warn', ...env }), args);
  let ended = Number.NaN;
  let seconds = Number.NaN;
  child.stdout?.on('data', (chunk: Buffer) => {
    const done = / events in ([\d.]+) s/.exec(chunk.toString());
    if (done !== null) [ended, seconds] = [performance.now(), Number(done[1])];
  });
  const code = await exited(child);
  if (code !== 0 || Number.isNaN(ended)) throw new Error(`projections:rebuild ${args.join(' ')} exited ${code}: ${child.output()}`);
  return { started: ended - seconds * 1000, ended };
}

/**
 * A JSON request to the API as `principal`; fails unless it answers `status`. A connection the server closed just as
 * it was reused (its keep-alive ran out while the bench measured something else) is tried again: POSTs carry an
 * Idempotency-Key, so a retry never records twice.
 */
export async function callApi(api: ApiProcess, principal: Principal, method: 'GET' | 'POST', path: string, body?: object, status = method === 'POST' ? 201 : 200) {
  const headers = { Authorization: api.bearer(principal), 'Content-Type': 'application/json', ...(method === 'POST' ? { 'Idempotency-Key': randomUUID() } : {}) };
  for (let attempt = 1; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(`${api.url}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (error) {
      if (attempt < 3) continue;
      throw error;
    }
    const text = await response.text();
    if (response.status !== status) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as Record<string, unknown>;
  }
}
