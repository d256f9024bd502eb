import { Writable } from 'node:stream';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { signAccessToken } from '@casusregie/auth';
import { loadConfig } from '@casusregie/config';
import { createLog } from '@casusregie/operations';
import { openStorage } from '@casusregie/storage';
import { createTempDir, labelValues, parsePrometheusText, sum, TempDir } from '@casusregie/test-support';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { consultant } from '../../apps/api/test/support/api-harness';

const SECRET = 'metrics-embedded-test-secret-0123456789';
const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';

/**
 * The same /metrics and request log in embedded mode (PGlite, projections in-process), in this process: what the
 * counters and the log line of a request look like, without starting processes.
 */
describe('/metrics and the request log in embedded mode', () => {
  let dataDir: TempDir;
  let app: INestApplication;
  const logged: string[] = [];
  const http = () => request(app.getHttpServer());
  const bearer = `Bearer ${signAccessToken(consultant, SECRET, { expiresIn: '5m' })}`;

  beforeAll(async () => {
    dataDir = createTempDir();
    const config = loadConfig({ DATA_DIR: dataDir.path, AUTH_JWT_SECRET: SECRET });
    const stream = new Writable({
      write(chunk, _encoding, done) {
        logged.push(...String(chunk).split('\n').filter((line) => line !== ''));
        done();
      },
    });
    app = await createApiApp(config, await openStorage(config), { logger: false, requestLog: createLog('casusregie-api', 'debug', stream) });
  });
  afterAll(async () => {
    await app.close();
    dataDir.remove();
  });

  it('counts a registration by route template and event type, and has no queue counts without a queue', async () => {
    const registered = await http()
      .post('/api/v1/households')
      .set('Authorization', bearer)
      .send({
        municipality: 'GM0299',
        team: 'T1',
        registeredOn: '2026-03-01',
        residences: [{ key: 'A' }],
        members: [{ givenName: 'Sanne', familyName: 'Visser', birthDate: '1987-04-01', role: 'parent', residenceKeys: ['A'] }],
      })
      .expect(201);
    await http().post('/api/v1/households').set('Authorization', bearer).set('Content-Type', 'application/json').send('{"broken').expect(400);

    const response = await http().get('/metrics').expect(200).expect('Cache-Control', /no-store/);
    const samples = parsePrometheusText(response.text);
    expect(sum(samples, 'http_request_duration_seconds_count', { method: 'POST', route: '/api/v1/households', status: '201' })).toBe(1);
    // The body could not be read, so no route was chosen: still counted, under no path of the caller's.
    expect(sum(samples, 'http_request_duration_seconds_count', { method: 'POST', route: 'unmatched', status: '400' })).toBe(1);
    expect(sum(samples, 'casusregie_events_appended_total', { type: 'HouseholdRegistered' })).toBe(1);
    expect(labelValues(samples, 'casusregie_projection_lag_events', 'projection')).toEqual([
      'household-directory',
      'household-read-models',
      'provider-notifications',
    ]);
    // The in-process queue is up while the process is, and has no Redis to count jobs in.
    expect(samples.filter((s) => s.name.startsWith('casusregie_queue_'))).toEqual([{ name: 'casusregie_queue_up', labels: {}, value: 1 }]);
    expect(response.text).not.toContain(registered.body.id);
    // Not part of the versioned API.
    await http().get('/api/v1/metrics').expect(404);
  });

  it('logs one line per request, with the caller’s request id and trace id; probes at debug', async () => {
    await http()
      .get('/api/v1/me')
      .set('Authorization', bearer)
      .set('X-Request-Id', 'client-req-7')
      .set('traceparent', `00-${TRACE_ID}-b7ad6b7169203331-01`)
      .expect(200);
    await http().get('/api/v1/health/live').expect(200);

    const lines = logged.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.find((line) => line.requestId === 'client-req-7')).toEqual({
      level: 30,
      time: expect.any(String),
      service: 'casusregie-api',
      requestId: 'client-req-7',
      traceId: TRACE_ID,
      method: 'GET',
      route: '/api/v1/me',
      status: 200,
      durationMs: expect.any(Number),
      msg: 'request',
    });
    expect(lines.find((line) => line.route === '/api/v1/health/live')).toMatchObject({ level: 20, status: 200 });
    expect(logged.join('\n')).not.toMatch(/Sanne|Visser|1987-04-01/);
  });
});
