import { INestApplication } from '@nestjs/common';
import { loadConfig } from '@casusregie/config';
import { openStorage } from '@casusregie/storage';
import { createTempDir, createTestDatabase, TempDir, TEST_MASTER_KEY } from '@casusregie/test-support';
import request from 'supertest';
import { createApiApp } from '../src/create-api-app';

/**
 * The probes an orchestrator uses: /health/live (the process runs) and /health/ready (the stores answer). A queue that
 * is down leaves the API ready — commands are still accepted — but says `degraded`; a store that is down is not ready.
 */
describe('health probes: /health/live and /health/ready', () => {
  let dataDir: TempDir;
  beforeAll(() => {
    dataDir = createTempDir();
  });
  afterAll(() => dataDir.remove());

  async function startApi(env: Record<string, string>): Promise<INestApplication> {
    const config = loadConfig({ DATA_DIR: dataDir.path, ...env });
    return createApiApp(config, await openStorage(config), { logger: false });
  }

  describe('embedded, everything up', () => {
    let app: INestApplication;
    beforeAll(async () => {
      app = await startApi({ DATA_DIR: `${dataDir.path}/embedded` });
    });
    afterAll(() => app.close());

    it('is live without asking anything, and without a token', async () => {
      const response = await request(app.getHttpServer()).get('/api/v1/health/live').expect(200).expect('Cache-Control', /no-store/);
      expect(response.body).toEqual({ status: 'ok' });
    });

    it('is ready with the stores and the in-process queue up', async () => {
      const response = await request(app.getHttpServer()).get('/api/v1/health/ready').expect(200).expect('Cache-Control', /no-store/);
      expect(response.body).toEqual({
        status: 'ok',
        details: {
          eventStore: { status: 'up', kind: 'pglite' },
          readModels: { status: 'up', kind: 'pglite' },
          queue: { status: 'up', kind: 'embedded' },
          projections: {
            status: 'up',
            parked: Object.fromEntries(
              ['household-directory', 'household-read-models', 'provider-notifications'].map((name) => [name, { parked: 0, held: 0 }]),
            ),
          },
        },
      });
    });
  });

  describe('when nothing listens at REDIS_URL', () => {
    let app: INestApplication;
    beforeAll(async () => {
      app = await startApi({ DATA_DIR: `${dataDir.path}/no-redis`, REDIS_URL: 'redis://127.0.0.1:1' });
    });
    afterAll(() => app.close());

    it('is still ready, degraded, with the queue down', async () => {
      const response = await request(app.getHttpServer()).get('/api/v1/health/ready').expect(200);
      expect(response.body).toEqual({
        status: 'degraded',
        details: {
          eventStore: { status: 'up', kind: 'pglite' },
          readModels: { status: 'up', kind: 'pglite' },
          queue: { status: 'down', kind: 'redis', reason: 'ECONNREFUSED' },
          projections: {
            status: 'up',
            parked: Object.fromEntries(
              ['household-directory', 'household-read-models', 'provider-notifications'].map((name) => [name, { parked: 0, held: 0 }]),
            ),
          },
        },
      });
    });

    it('while the full report says 503', async () => {
      await request(app.getHttpServer()).get('/api/v1/health').expect(503);
    });
  });

  describe('when the PostgreSQL database goes away', () => {
    let app: INestApplication;
    let dropped = false;
    const database = createTestDatabase();
    beforeAll(async () => {
      const { url } = await database;
      app = await startApi({
        EVENT_STORE: 'postgres',
        DATABASE_URL: url,
        AUTH_JWT_SECRET: 'health-probes-secret-of-32-characters-x',
        PERSONAL_DATA_MASTER_KEY: TEST_MASTER_KEY,
      });
    });
    afterAll(async () => {
      await app.close();
      if (!dropped) await (await database).drop();
    });

    it('is ready while it answers, not ready (503 problem+json naming both stores) once it is dropped, and still live', async () => {
      await request(app.getHttpServer()).get('/api/v1/health/ready').expect(200);

      await (await database).drop();
      dropped = true;

      const response = await request(app.getHttpServer())
        .get('/api/v1/health/ready')
        .expect(503)
        .expect('Content-Type', /^application\/problem\+json/);
      expect(response.body).toMatchObject({
        status: 503,
        code: 'unhealthy',
        detail: 'Not available: eventStore, readModels.',
        details: { eventStore: { status: 'down', kind: 'postgres' }, readModels: { status: 'down', kind: 'postgres' } },
      });
      expect(response.text).not.toMatch(/postgres(ql)?:\/\//);
      await request(app.getHttpServer()).get('/api/v1/health/live').expect(200);
    });
  });
});
