import { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '@casusregie/config';
import { Principal, signAccessToken } from '@casusregie/auth';
import request from 'supertest';

export interface ApiUnderTest {
  app: INestApplication;
  config: AppConfig;
  /** The HS256 secret the app checks tokens with. */
  secret: string;
}

const consultant: Principal = { sub: 'u-42', roles: ['consultant'], team: 'T1', municipality: 'GM0299' };
const PROBLEM_JSON = /^application\/problem\+json/;

/**
 * What every deployment of the API must do, whatever its stores. Each e2e spec builds the app with createApiApp on
 * its own storage and runs these.
 */
export function itBehavesAsTheApi(
  subject: () => ApiUnderTest,
  expectedKinds: { eventStore: string; readModels: string },
): void {
  const http = () => request(subject().app.getHttpServer());
  const validToken = () => signAccessToken(consultant, subject().secret, { expiresIn: '5m' });

  describe('GET /api/v1/health', () => {
    it('answers 200 with the three components up and each projection’s lag, without a token', async () => {
      const response = await http()
        .get('/api/v1/health')
        .expect(200)
        .expect('Content-Type', /^application\/json/)
        .expect('API-Version', '1.2.0')
        .expect('Cache-Control', /no-store/);

      expect(response.body).toEqual({
        status: 'ok',
        info: expect.any(Object),
        error: {},
        details: {
          eventStore: { status: 'up', kind: expectedKinds.eventStore },
          readModels: { status: 'up', kind: expectedKinds.readModels },
          queue: { status: 'up', kind: 'embedded' },
          projections: {
            status: 'up',
            lag: expect.objectContaining({ 'household-directory': { eventsBehind: 0, secondsBehind: 0 } }),
            parked: expect.objectContaining({ 'household-directory': { parked: 0, held: 0 } }),
            rebuildNeeded: [],
          },
        },
      });
    });

    it('shows no connection string', async () => {
      const response = await http().get('/api/v1/health').expect(200);
      for (const secret of [subject().config.databaseUrl, subject().config.dataDir]) {
        if (secret !== undefined) expect(response.text).not.toContain(secret);
      }
      expect(response.text).not.toMatch(/postgres(ql)?:\/\//);
    });
  });

  describe('OpenAPI', () => {
    it('serves an OpenAPI 3 document at /api/v1/openapi.json without a token', async () => {
      const response = await http()
        .get('/api/v1/openapi.json')
        .expect(200)
        .expect('Content-Type', /^application\/json/)
        .expect('API-Version', '1.2.0')
        .expect('Access-Control-Allow-Origin', '*');
      const document = response.body;

      expect(document.openapi).toMatch(/^3\.\d+\.\d+$/);
      expect(document.info).toMatchObject({ title: 'casusregie API', version: '1.2.0' });
      expect(document.servers).toEqual([expect.objectContaining({ url: '/api/v1' })]);
      expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/health', '/me']));
      expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
      expect(document.security).toEqual([{ bearer: [] }]);
      // Public routes opt out of the document-wide requirement.
      expect(document.paths['/health'].get.security).toEqual([]);
      expect(document.paths['/me'].get.security).toBeUndefined();
    });

    it('documents the problem+json error schema', async () => {
      const { body: document } = await http().get('/api/v1/openapi.json').expect(200);
      expect(document.components.schemas.ProblemDetails.required).toEqual(['type', 'title', 'status', 'detail', 'code']);
      expect(document.components.schemas.InvalidParam).toBeDefined();
      expect(document.paths['/me'].get.responses['401'].content['application/problem+json'].schema).toEqual({
        $ref: '#/components/schemas/ProblemDetails',
      });
      expect(document.paths['/health'].get.responses['503'].content['application/problem+json']).toBeDefined();
    });

    it('serves Swagger UI at /api/v1/docs without a token', async () => {
      const response = await http().get('/api/v1/docs').redirects(1).expect(200).expect('API-Version', '1.2.0');
      expect(response.text).toContain('swagger-ui');
    });
  });

  describe('authentication', () => {
    async function expectUnauthorized(authorization: string | undefined, code: string): Promise<void> {
      const call = http().get('/api/v1/me');
      if (authorization !== undefined) call.set('Authorization', authorization);
      const response = await call
        .expect(401)
        .expect('Content-Type', PROBLEM_JSON)
        .expect('API-Version', '1.2.0')
        .expect('WWW-Authenticate', /^Bearer realm="casusregie"/);
      expect(response.body).toMatchObject({ type: 'about:blank', title: 'Unauthorized', status: 401, code });
      expect(typeof response.body.detail).toBe('string');
    }

    it('answers a request without a token with 401 problem+json', async () => {
      await expectUnauthorized(undefined, 'missing-token');
    });

    it('answers a garbage token with 401 problem+json', async () => {
      await expectUnauthorized('Bearer garbage', 'invalid-token');
    });

    it('answers an expired token with 401 problem+json', async () => {
      const expired = new JwtService().sign(
        { ...consultant, exp: Math.floor(Date.now() / 1000) - 600 },
        { secret: subject().secret, algorithm: 'HS256' },
      );
      await expectUnauthorized(`Bearer ${expired}`, 'expired-token');
    });

    it('answers a token signed with another secret with 401 problem+json', async () => {
      const forged = signAccessToken(consultant, 'a-different-secret-of-32-characters-or-more');
      await expectUnauthorized(`Bearer ${forged}`, 'invalid-token');
    });

    it('answers a validly signed token without roles with 401 problem+json', async () => {
      const { roles: _roles, ...withoutRoles } = consultant;
      const token = new JwtService().sign(withoutRoles, { secret: subject().secret, algorithm: 'HS256', expiresIn: 60 });
      await expectUnauthorized(`Bearer ${token}`, 'invalid-token');
    });

    it('accepts a valid token and shows what the API makes of it', async () => {
      await http()
        .get('/api/v1/me')
        .set('Authorization', `Bearer ${validToken()}`)
        .expect(200)
        .expect('API-Version', '1.2.0')
        .expect({ sub: 'u-42', roles: ['consultant'], team: 'T1', municipality: 'GM0299' });
    });
  });

  describe('errors', () => {
    it('answers an unknown route with 404 problem+json, also with a valid token', async () => {
      const response = await http()
        .get('/api/v1/no-such-resource/999990019')
        .set('Authorization', `Bearer ${validToken()}`)
        .expect(404)
        .expect('Content-Type', PROBLEM_JSON)
        .expect('API-Version', '1.2.0');
      expect(response.body).toEqual({
        type: 'about:blank',
        title: 'Not Found',
        status: 404,
        detail: 'There is no resource at this address.',
        code: 'not-found',
      });
    });

    it('answers malformed JSON with 400 problem+json', async () => {
      const response = await http()
        .post('/api/v1/me')
        .set('Authorization', `Bearer ${validToken()}`)
        .set('Content-Type', 'application/json')
        .send('{"bsn": "999990019",')
        .expect(400)
        .expect('Content-Type', PROBLEM_JSON)
        .expect('API-Version', '1.2.0');
      expect(response.body).toMatchObject({ status: 400, code: 'malformed-body' });
      expect(response.text).not.toContain('999990019');
    });

    it('answers a body over 1mb with 413 problem+json', async () => {
      const response = await http()
        .post('/api/v1/me')
        .set('Authorization', `Bearer ${validToken()}`)
        .send({ padding: 'x'.repeat(1024 * 1024 + 1) })
        .expect(413)
        .expect('Content-Type', PROBLEM_JSON);
      expect(response.body).toMatchObject({ status: 413, code: 'body-too-large' });
    });

    it('does not announce Express', async () => {
      const response = await http().get('/api/v1/health');
      expect(response.headers['x-powered-by']).toBeUndefined();
    });
  });
}
