import { ApiHarness, startApi } from '../support/api-harness';

const ALLOWED = 'https://app.zevenaar.nl';
const OTHER = 'https://evil.example';

/** Issue 14, finding 8 (CORS): an allowlist from CORS_ORIGINS; no CORS at all without one. */
describe('CORS', () => {
  describe('with CORS_ORIGINS', () => {
    let api: ApiHarness;
    beforeAll(async () => {
      api = await startApi('postgres', '2026-11-23', { CORS_ORIGINS: `${ALLOWED}, http://localhost:5173` });
    });
    afterAll(() => api.close());

    const preflight = (origin: string, method = 'POST', headers = 'authorization,content-type,idempotency-key') =>
      api
        .http()
        .options('/api/v1/households')
        .set('Origin', origin)
        .set('Access-Control-Request-Method', method)
        .set('Access-Control-Request-Headers', headers);

    it('answers a preflight from an allowed origin with 204 and the CORS headers', async () => {
      const answer = await preflight(ALLOWED);
      expect(answer.status).toBe(204);
      expect(answer.headers['access-control-allow-origin']).toBe(ALLOWED);
      expect(answer.headers['access-control-allow-methods']?.split(',')).toEqual(
        expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
      );
      const allowedHeaders = answer.headers['access-control-allow-headers']?.toLowerCase().split(',');
      expect(allowedHeaders).toEqual(
        expect.arrayContaining(['authorization', 'content-type', 'idempotency-key', 'if-match', 'traceparent', 'x-request-id']),
      );
      expect(answer.headers['access-control-allow-credentials']).toBeUndefined();
      expect(answer.headers.vary).toMatch(/Origin/);
    });

    it('exposes the response headers a browser client needs on an actual request', async () => {
      const answer = await api.http().get('/api/v1/health').set('Origin', 'http://localhost:5173');
      expect(answer.status).toBe(200);
      expect(answer.headers['access-control-allow-origin']).toBe('http://localhost:5173');
      expect(answer.headers['access-control-expose-headers']?.split(',')).toEqual(['ETag', 'Location', 'API-Version', 'X-Request-Id', 'Retry-After']);
    });

    it('gives another origin no Access-Control-Allow-Origin, on a preflight or a request', async () => {
      const answer = await preflight(OTHER);
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
      const request = await api.http().get('/api/v1/health').set('Origin', OTHER);
      expect(request.headers['access-control-allow-origin']).toBeUndefined();
      // Not a prefix match either.
      expect((await preflight(`${ALLOWED}.evil.example`)).headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('without CORS_ORIGINS', () => {
    let api: ApiHarness;
    beforeAll(async () => {
      api = await startApi('postgres');
    });
    afterAll(() => api.close());

    it('sends no CORS headers at all', async () => {
      const answer = await api
        .http()
        .options('/api/v1/households')
        .set('Origin', ALLOWED)
        .set('Access-Control-Request-Method', 'POST');
      expect(Object.keys(answer.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
      const request = await api.http().get('/api/v1/health').set('Origin', ALLOWED);
      expect(Object.keys(request.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    });
  });
});
