import { ApiHarness, consultant, startApi } from '../support/api-harness';

describe('hardening', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('postgres', '2026-11-23', { RATE_LIMIT_PER_MINUTE: '20' });
  });
  afterAll(() => api.close());

  it('sends security headers and a request id on every answer, errors included', async () => {
    for (const response of [
      await api.http().get('/api/v1/health'),
      await api.http().get('/api/v1/households/0b7d1d2e-3f4a-4b5c-8d6e-7f8091a2b3c4'),
      await api.http().get('/api/v1/nothing-here').set('Authorization', api.bearer(consultant)),
    ]) {
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['strict-transport-security']).toMatch(/max-age=/);
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.headers['x-powered-by']).toBeUndefined();
    }
    const echoed = await api.http().get('/api/v1/health').set('X-Request-Id', 'client-req-42');
    expect(echoed.headers['x-request-id']).toBe('client-req-42');
  });

  it('limits each client to its share of requests: 429 problem+json with Retry-After, other clients unaffected', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await api.http().get('/api/v1/me').set('Authorization', api.bearer(consultant))).status);
    expect(statuses.slice(0, 20).every((status) => status === 200)).toBe(true);
    const limited = await api.http().get('/api/v1/me').set('Authorization', api.bearer(consultant));
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    // Another token is another client.
    await api.http().get('/api/v1/me').set('Authorization', api.bearer({ ...consultant, sub: 'someone-else' })).expect(200);
  });
});
