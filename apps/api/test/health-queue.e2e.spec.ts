import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { Socket } from 'node:net';
import { INestApplication } from '@nestjs/common';
import { loadConfig } from '@casusregie/config';
import { openStorage } from '@casusregie/storage';
import { createTempDir, createTestRedis, TempDir, TestRedis, waitFor } from '@casusregie/test-support';
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
    /** Connection attempts to port 1 refused so far (every client socket of this process is seen as it is made). */
    let refused = 0;
    const countRefused = ({ socket }: { socket: Socket }) =>
      socket.once('error', (error: NodeJS.ErrnoException & { port?: number }) => {
        if (error.code === 'ECONNREFUSED' && error.port === 1) refused++;
      });
    beforeAll(async () => {
      subscribe('net.client.socket', countRefused as (message: unknown) => void);
      app = await startApi(`${dataDir.path}/down`, { env: { REDIS_URL: 'redis://127.0.0.1:1', REDIS_KEY_PREFIX: 'casusregie' } });
      await waitFor(async () => refused > 0, 10_000, 'the first refused connection');
    });
    afterAll(async () => {
      await app.close();
      unsubscribe('net.client.socket', countRefused as (message: unknown) => void);
    });

    it('answers 503 problem+json with the queue down and the stores up', async () => {
      const response = await request(app.getHttpServer())
        .get('/api/v1/health')
        .expect(503)
        .expect('Content-Type', /^application\/problem\+json/)
        .expect('API-Version', '1.2.0');

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

    it('keeps serving: the failed connections leave no error behind to crash the process', async () => {
      // Not a while, but until the API's Redis connections have been refused twice more each (three times as many
      // refusals as so far: ioredis backs every connection off alike): every reconnect that fails is an error event
      // that, without a listener, would end the process.
      const refusedSoFar = refused;
      await waitFor(async () => refused >= 3 * refusedSoFar, 30_000, 'the API to have tried to reconnect twice more');
      await request(app.getHttpServer()).get('/api/v1/health').expect(503);
      await request(app.getHttpServer()).get('/api/v1/openapi.json').expect(200);
    });
  });
});
