import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Principal, signAccessToken } from '@casusregie/auth';
import { loadConfig } from '@casusregie/config';
import { ProjectionTriggerLifecycle } from '@casusregie/runtime';
import { openStorage, Storage } from '@casusregie/storage';
import { createTestDatabase, exited, startProcess, TEST_MASTER_KEY, TestDatabase } from '@casusregie/test-support';
import { NIEUWEGEIN, ZEVENAAR } from '@casusregie/seeds/scenarios';
import { createApiApp } from '../../apps/api/src/create-api-app';

const SECRET = 'seed-scenarios-test-secret-0123456789';

/**
 * The acceptance of the seed issue: `npm run seed -- --scenarios` on an empty PostgreSQL store, then an API started
 * on that store shows the scenarios' figures to a supervisor (domain-research §6.1, §6.5, §6.6 asserts).
 */
describe('npm run seed -- --scenarios, then the supervisor figures (PostgreSQL)', () => {
  let database: TestDatabase;
  let storage: Storage;
  let app: INestApplication;
  let seedOutput: string;

  const asSupervisor = (municipality: string, path: string) => {
    const supervisor: Principal = { sub: 'teamleider', roles: ['supervisor'], municipality };
    return request(app.getHttpServer())
      .get(`/api/v1${path}`)
      .set('Authorization', `Bearer ${signAccessToken(supervisor, SECRET, { expiresIn: '5m' })}`)
      .expect(200);
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = { EVENT_STORE: 'postgres', DATABASE_URL: database.url, PERSONAL_DATA_MASTER_KEY: TEST_MASTER_KEY };
    seedOutput = await runSeed(['--scenarios'], env);

    const config = loadConfig({ ...env, AUTH_JWT_SECRET: SECRET });
    storage = await openStorage(config);
    app = await createApiApp(config, storage, { logger: false });
    await app.get(ProjectionTriggerLifecycle).settle();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('records one household per scenario', async () => {
    expect(seedOutput).toMatch(/scenarios §6\.1–§6\.6 recorded/);
    const { rows } = await storage.readModels.query<{ n: string }>('SELECT count(*)::text AS n FROM rm_households');
    expect(Number(rows[0].n)).toBe(6);
  });

  it('§6.1: pip-leerroute-2m, 2026 cohort — Rania on time (56 days), Yusuf late (69 days)', async () => {
    const { body } = await asSupervisor(ZEVENAAR, '/norms/pip-leerroute-2m/compliance?from=2026-01-01&to=2026-12-31&asOf=2027-03-01&groupBy=year');
    expect(body.groups).toEqual([
      { group: '2026', onTime: 1, late: 1, pending: 0, excluded: 0, percentage: 50, target: 95, provisional: false, medianDays: 62.5, p90Days: 69 },
    ]);
  });

  it('§6.1 and §6.6: verkennend-gesprek-4w in Zevenaar — Yusuf referred after 21 days, Peter after 33 (breach)', async () => {
    const { body } = await asSupervisor(ZEVENAAR, '/norms/verkennend-gesprek-4w/compliance?asOf=2026-12-31');
    expect(body.groups).toEqual([
      { group: '2026', onTime: 1, late: 1, pending: 0, excluded: 0, percentage: 50, target: null, provisional: false, medianDays: 27, p90Days: 33 },
    ]);
  });

  it('§6.5: the wijk-GGD counts 2 referrals in 2026 (the withdrawn duplicate not), for 1 person', async () => {
    const { body } = await asSupervisor(ZEVENAAR, '/norms/wijk-ggd-referrals/compliance?asOf=2026-12-31');
    expect(body.groups).toEqual([expect.objectContaining({ group: '2026', count: 2, distinctPersons: 1 })]);
  });

  it('§6.2: mevrouw Jansen’s three waakvlam contacts came every 42 days; the one due 2026-09-16 was missed before the nazorg ended', async () => {
    const { body } = await asSupervisor(NIEUWEGEIN, '/norms/waakvlam-contact-due/compliance?from=2026-01-01&to=2026-12-31&asOf=2026-12-31');
    expect(body.groups).toEqual([expect.objectContaining({ group: '2026', onTime: 3, late: 1, medianDays: 42 })]);
  });
});

/** Runs `npm run seed -- <args>`'s compiled entry as a user would, and resolves with its output once it exited 0. */
async function runSeed(args: string[], env: Record<string, string>): Promise<string> {
  const child = startProcess('apps/api/src/cli/seed.ts', env, args);
  const code = await exited(child);
  if (code !== 0) throw new Error(`npm run seed exited ${code}: ${child.output()}`);
  return child.output();
}
