import { Principal, signAccessToken } from '@casusregie/auth';
import { loadConfig } from '@casusregie/config';
import { HouseholdRepository } from '@casusregie/households';
import { Projection, ProjectionRunner } from '@casusregie/projections';
import { allProjections, fixedClock } from '@casusregie/runtime';
import { generateHouseholds } from '@casusregie/seeds';
import { openStorage, Storage } from '@casusregie/storage';
import { createTestDatabase, dumpReadModels, exited, startProcess, TEST_MASTER_KEY, TestDatabase, waitFor } from '@casusregie/test-support';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/create-api-app';

const SECRET = 'rebuild-without-downtime-secret-0123456789';
const REBUILD_CLI = 'apps/projector/src/cli/rebuild-projections.ts';
const PROJECTION = 'household-read-models';
const supervisor: Principal = { sub: 'supervisor-1', roles: ['supervisor'], municipality: 'GM0299' };
/** The supervisors' questions asked again and again while the rebuild runs. */
const QUERIES = [
  '/api/v1/norms/melding-intake/compliance?groupBy=month&asOf=2026-11-23',
  '/api/v1/norms/verkennend-gesprek-4w/compliance?groupBy=year&asOf=2026-11-23',
  '/api/v1/norms/melding-intake/items?asOf=2026-11-23&limit=50',
  '/api/v1/caseload',
];

/**
 * `npm run projections:rebuild` as an operator runs it, next to a running API: the supervisors' compliance and worklist
 * queries answer with the same figures the whole time; a kill -9 half-way leaves the live read models exactly as they
 * were; a second rebuild completes and swaps in the same rows (the log has not changed).
 */
describe('a rebuild without downtime (PostgreSQL, the CLI as a process)', () => {
  let database: TestDatabase;
  let storage: Storage;
  let app: Awaited<ReturnType<typeof createApiApp>>;
  let env: Record<string, string>;
  let projections: readonly Projection[];
  const bearer = `Bearer ${signAccessToken(supervisor, SECRET, { expiresIn: '10m' })}`;
  const answers = () => Promise.all(QUERIES.map(async (path) => (await request(app.getHttpServer()).get(path).set('Authorization', bearer).expect(200)).body));
  const rebuildCheckpoint = async () =>
    (await storage.readModels.query<{ checkpoint: string | null }>('SELECT checkpoint FROM projection_checkpoints WHERE projection = $1', [`${PROJECTION}@rebuild`]))
      .rows[0]?.checkpoint ?? null;

  beforeAll(async () => {
    database = await createTestDatabase();
    env = { EVENT_STORE: 'postgres', DATABASE_URL: database.url, PERSONAL_DATA_MASTER_KEY: TEST_MASTER_KEY, AUTH_JWT_SECRET: SECRET };
    const config = loadConfig(env);
    storage = await openStorage(config);
    projections = allProjections(storage);
    const runner = new ProjectionRunner(storage.readModels, storage.eventStore);
    await runner.prepare(projections);
    await generateHouseholds(new HouseholdRepository(storage.eventStore, storage.personalData), { households: 120, seed: 13 });
    for (const projection of projections) await runner.catchUp(projection);
    app = await createApiApp(config, storage, { clock: fixedClock('2026-11-23'), logger: false });
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('keeps answering with the previous figures, survives a kill -9 half-way, and swaps in the same rows at the end', async () => {
    const before = await dumpReadModels(storage.readModels, projections);
    expect(before.rm_norm_items.length).toBeGreaterThan(50);
    const figures = await answers();
    expect(JSON.stringify(figures[2])).toContain('itemKey');

    // A rebuild killed once it has written part of its shadow tables.
    const killed = startProcess(REBUILD_CLI, env, ['--projection', PROJECTION, '--batch-size', '10']);
    let asked = 0;
    await waitFor(
      async () => {
        expect(await answers()).toEqual(figures);
        asked++;
        return (await rebuildCheckpoint()) !== null;
      },
      60_000,
      'the rebuild to commit its first batches',
    );
    killed.kill('SIGKILL');
    await exited(killed);
    expect(await dumpReadModels(storage.readModels, projections)).toEqual(before);
    expect(await answers()).toEqual(figures);

    // The next rebuild starts over and completes; the figures stay the same before, during and after the swap.
    const completed = startProcess(REBUILD_CLI, env, ['--projection', PROJECTION, '--batch-size', '25']);
    const done = exited(completed);
    let finished = false;
    void done.then(() => (finished = true));
    while (!finished) {
      expect(await answers()).toEqual(figures);
      asked++;
    }
    expect(await done).toBe(0);
    expect(asked).toBeGreaterThan(2);
    expect(await dumpReadModels(storage.readModels, projections)).toEqual(before);
    expect(await answers()).toEqual(figures);
    const leftovers = await storage.readModels.query(`SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 'rebuild_%'`);
    expect(leftovers.rows).toEqual([]);
  });
});
