import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signAccessToken } from '@casusregie/auth';
import { exited, waitFor } from '@casusregie/test-support';
import { ZEVENAAR } from '@casusregie/seeds/scenarios';
import { AppProcess, startApp, terminate } from '../operations/support/app-process';
import { runSeed } from './support/run-seed';

const SECRET = 'seed-while-api-runs-test-secret-0123456789';

/**
 * The newcomer's path in embedded mode: `npm start`, then `npm run seed -- --scenarios` in another terminal. The
 * data directory is the API's while it runs, so the seed stops at once and says what to do; doing that (stop the API,
 * seed, start it again) gives the scenarios' figures.
 */
describe('npm run seed -- --scenarios while the API runs on the embedded data directory', () => {
  let dataDir: string;
  let api: AppProcess | undefined;
  const env = () => ({ DATA_DIR: dataDir, AUTH_JWT_SECRET: SECRET });
  const supervisorGet = (path: string) =>
    fetch(`${api!.baseUrl}/api/v1${path}`, {
      headers: { Authorization: `Bearer ${signAccessToken({ sub: 'teamleider', roles: ['supervisor'], municipality: ZEVENAAR }, SECRET, { expiresIn: '5m' })}` },
    });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'casusregie-seed-while-running-'));
    api = await startApp('api', env());
  }, 180_000);
  afterAll(async () => {
    if (api?.exitCode === null) api.kill('SIGKILL');
    if (api !== undefined) await exited(api);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stops with exit 1 and says what to do, without a stack trace, and leaves the running API as it was', async () => {
    const { code, output } = await runSeed(['--scenarios'], env());
    expect(code).toBe(1);
    expect(output).toContain(`casusregie seed: DATA_DIR: the embedded database in ${dataDir} is already open in another process, most likely the API`);
    expect(output).toMatch(/stop the API \(Ctrl-C\), run the seed again, then start the API/);
    expect(output).toMatch(/EVENT_STORE=postgres, DATABASE_URL and PERSONAL_DATA_MASTER_KEY/);
    expect(output).not.toMatch(/^\s+at /m);

    const health = await fetch(`${api!.baseUrl}/api/v1/health/ready`);
    expect(health.status).toBe(200);
    const households = await supervisorGet('/norms/pip-leerroute-2m/compliance?from=2026-01-01&to=2026-12-31&asOf=2027-03-01');
    expect(households.status).toBe(200);
    expect(((await households.json()) as { groups: unknown[] }).groups).toEqual([]);
  }, 120_000);

  it('doing what it says works: with the API stopped the seed records the scenarios, and the API shows them when it starts again', async () => {
    expect((await terminate(api!)).code).toBe(0);
    const { code, output } = await runSeed(['--scenarios'], env());
    expect({ code, output }).toEqual({ code: 0, output: expect.stringMatching(/scenarios §6\.1–§6\.6 recorded/) });

    api = await startApp('api', env());
    // §6.1: the 2026 PIP cohort of Zevenaar, Rania on time (56 days) and Yusuf late (69 days).
    let groups: unknown[] = [];
    await waitFor(
      async () => {
        groups = ((await (await supervisorGet('/norms/pip-leerroute-2m/compliance?from=2026-01-01&to=2026-12-31&asOf=2027-03-01')).json()) as { groups: unknown[] }).groups;
        return groups.length > 0;
      },
      60_000,
      'the API to take in the seeded events',
    );
    expect(groups).toEqual([expect.objectContaining({ group: '2026', onTime: 1, late: 1, percentage: 50 })]);
  }, 300_000);
});
