import { ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { ProjectionRunner } from '@casusregie/projections';
import { DEFAULT_REDIS_KEY_PREFIX } from '@casusregie/config';
import { BullProjectionWorkers } from '@casusregie/queue';
import { allProjections } from '@casusregie/runtime';
import { exited, freePort, waitFor } from '@casusregie/test-support';
import { ApiHarness, consultant, startApi } from '../../apps/api/test/support/api-harness';

/**
 * Redis carries the projection work but is not needed to accept a command. With a Redis of its own that the test
 * stops and starts again (without persistence, so it forgets its queues): commands are still accepted and stored,
 * health reports the queue down, and once Redis is back the projections catch up without anyone stepping in.
 */
describe('Redis outage (PostgreSQL + a Redis of the test’s own)', () => {
  let port: number;
  let redis: ChildProcess;
  let api: ApiHarness;
  let workers: BullProjectionWorkers;

  const startRedis = () =>
    spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });

  const register = (familyName: string) =>
    api
      .http()
      .post('/api/v1/households')
      .set('Authorization', api.bearer(consultant))
      .send({
        municipality: 'GM0299',
        team: 'T1',
        registeredOn: '2026-03-01',
        residences: [{ key: 'A' }],
        members: [{ givenName: 'Sanne', familyName, birthDate: '1987-04-01', role: 'parent', residenceKeys: ['A'] }],
      });
  const projectedHouseholds = async () =>
    Number((await api.storage.readModels.query<{ n: string }>('SELECT count(*)::text AS n FROM rm_households')).rows[0].n);

  beforeAll(async () => {
    port = await freePort();
    redis = startRedis();
    const redisUrl = `redis://127.0.0.1:${port}`;
    await waitFor(() => isListening(port), 10_000, 'redis');
    api = await startApi('postgres', '2026-11-23', { REDIS_URL: redisUrl });
    workers = new BullProjectionWorkers({ url: redisUrl, keyPrefix: DEFAULT_REDIS_KEY_PREFIX }, new ProjectionRunner(api.storage.readModels, api.storage.eventStore), allProjections(api.storage), {
      sweepMs: 500,
      ensureEveryMs: 500,
    });
    await workers.start();
  });
  afterAll(async () => {
    await workers?.close();
    await api?.close();
    redis?.kill('SIGKILL');
  });

  it('accepts commands while Redis is down and catches up by itself when it is back', async () => {
    await register('Visser').expect(201);
    await waitFor(async () => (await projectedHouseholds()) === 1, 20_000, 'the first household projected');

    redis.kill('SIGKILL');
    await exited(redis);
    const before = await api.eventCount();
    await register('Bakker').expect(201);
    await register('Smit').expect(201);
    expect(await api.eventCount()).toBe(before + 2);

    const health = await api.http().get('/api/v1/health').expect(503);
    expect(health.body.details.queue).toMatchObject({ status: 'down', kind: 'redis' });
    expect(health.body.details.eventStore.status).toBe('up');
    expect(await projectedHouseholds()).toBe(1);

    redis = startRedis();
    await waitFor(async () => (await projectedHouseholds()) === 3, 60_000, 'the households recorded during the outage projected');
    await api.http().get('/api/v1/health').expect(200);
  }, 120_000);
});

async function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
