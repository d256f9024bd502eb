import { INestApplication } from '@nestjs/common';
import { loadConfig } from '@casusregie/config';
import { openStorage } from '@casusregie/storage';
import { createTempDir, createTestRedis, TempDir, TestRedis } from '@casusregie/test-support';
import request from 'supertest';
import { createApiApp } from '../src/create-api-app';

async function startApi(dataDir: string, redis: Pick<TestRedis, 'env'>): Promise<INestApplication> {
  const config = loadConfig({ DATA_DIR: dataDir, ...redis.env });
  return createApiApp(config, await openStorage(config), { logger: false });
}

describe('health of the queue (REDIS_URL)', () => {
  let dataDir: TempDir;
  beforeAll(() => {
    dataDir = createTempDir();
  });
  afterAll(() => dataDir.remove());

  describe('when Redis answers', () => {
    let app: INestApplication;
    // The API queues its work there (a key prefix of this file's own).
    const redis = createTestRedis();
    beforeAll(async () => {
      app = await startApi(`${dataDir.path}/up`, redis);
    });
    afterAll(async () => {
      await app.close();
      await redis.remove();
    });

    it('reports the queue up on Redis', async () => {
      const response = await request(app.getHttpServer()).get('/api/v1/health').expect(200);
      expect(response.body.details.queue).toEqual({ status: 'up', kind: 'redis' });
    });
  });

  describe('when nothing listens at REDIS_URL', () => {
    let app: INestApplication;
    beforeAll(async () => {
      app = await startApi(`${dataDir.path}/down`, { env: { REDIS_URL: 'redis://127.0.0.1:1', REDIS_KEY_PREFIX: 'casusregie' } });
    });
    afterAll(() => app.close());

    it('answers 503 problem+json with the queue down and the stores up', async () => {
      const response = await request(app.getHttpServer())
        .get('/api/v1/health')
        .expect(503)
        .expect('Content-Type', /^application\/problem\+json/)
        .expect('API-Version', '1.0.0');

      expect(response.body).toMatchObject({
        type: 'about:blank',
        title: 'Service Unavailable',
        status: 503,
        code: 'unhealthy',
        detail: 'Not available: queue.',
        error: { queue: { status: 'down', kind: 'redis', reason: 'ECONNREFUSED' } },
        details: {
          eventStore: { status: 'up', kind: 'pglite' },
          readModels: { status: 'up', kind: 'pglite' },
          queue: { status: 'down', kind: 'redis', reason: 'ECONNREFUSED' },
        },
      });
      expect(response.text).not.toContain('127.0.0.1:1');
    });

    it('keeps serving: the failed connection leaves no error behind to crash the process', async () => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await request(app.getHttpServer()).get('/api/v1/health').expect(503);
      await request(app.getHttpServer()).get('/api/v1/openapi.json').expect(200);
    });
  });
});
