import { Principal } from '@casusregie/auth';
import { ProjectionTriggerLifecycle } from '@casusregie/runtime';
import { ApiHarness, consultant, startApi, STORE_KINDS } from '../support/api-harness';
import { HouseholdClient } from '../support/household-client';

const admin: Principal = { sub: 'regio-beheerder', roles: ['admin'], municipality: 'GM0299' };
const providerA: Principal = { sub: 'aanbieder-a-medewerker', roles: ['provider'], org: '98765432', municipality: 'GM0299' };
const providerB: Principal = { sub: 'aanbieder-b-medewerker', roles: ['provider'], org: '98765433', municipality: 'GM0299' };
const supervisor: Principal = { sub: 'teamleider', roles: ['supervisor'], municipality: 'GM0299' };
const PROBLEM_JSON = /^application\/problem\+json/;

describe.each(STORE_KINDS)('care providers over HTTP on %s', (kind) => {
  let api: ApiHarness;
  let client: HouseholdClient;
  let householdId: string;
  let trajectoryId: string;
  let referralId: string;

  const as = (principal: Principal) => ({
    get: (path: string) => api.http().get(`/api/v1${path}`).set('Authorization', api.bearer(principal)),
    post: (path: string, body: object) => api.http().post(`/api/v1${path}`).set('Authorization', api.bearer(principal)).send(body),
  });

  beforeAll(async () => {
    api = await startApi(kind, '2026-11-23');
    client = new HouseholdClient(api);
    for (const [agbCode, name] of [
      [providerA.org, 'Begeleiding Plus'],
      [providerB.org, 'Thuiszorg Rivierenland'],
    ]) {
      await as(admin).post('/providers', { agbCode, name, productCategories: ['maatwerk'] }).expect(201);
    }
    const household = await client.register({
      municipality: 'GM0299',
      team: 'T1',
      registeredOn: '2026-03-01',
      residences: [{ key: 'A', postcode: '6901 AB', houseNumber: '12' }],
      members: [
        { givenName: 'Anna', familyName: 'Jansen', birthDate: '1941-02-03', role: 'parent', bsn: '111222333', residenceKeys: ['A'] },
        { givenName: 'Ellen', familyName: 'Jansen', birthDate: '1970-06-01', role: 'other', residenceKeys: ['A'] },
      ],
    });
    householdId = household.id;
    await client.put(`/households/${householdId}/coordinator`, { coordinatorId: 'consulent-7', name: 'J. de Vries', date: '2026-03-01' });
    trajectoryId = await client.openTrajectory(householdId, {
      memberId: household.memberIds.Anna,
      date: '2026-03-02',
      source: 'provider',
      channel: 'phone',
      question: 'Huishouden loopt vast na val; dochter overbelast',
      lifeDomains: ['zelfredzaamheid'],
      legalBasis: 'wmo-2015',
    });
    await client.post(`/households/${householdId}/trajectories/${trajectoryId}/triage`, { date: '2026-03-05', level: 'L3' });
    referralId = await client.refer(householdId, trajectoryId, {
      date: '2026-03-10',
      organisation: { agbCode: providerA.org, name: 'whatever the consultant typed' },
      category: 'maatwerk',
      productCode: '02A07',
      warmHandover: true,
    });
  });
  afterAll(async () => {
    await api.close();
    expect(api.serverErrors).toEqual([]);
  });

  it('shows provider A its new referral with the minimum it needs and nothing else of the household', async () => {
    const { body } = await as(providerA).get('/provider/referrals?status=new').expect(200);
    expect(body.referrals).toEqual([
      {
        referralId,
        municipality: 'GM0299',
        category: 'maatwerk',
        productCode: '02A07',
        status: 'made',
        dates: { madeOn: '2026-03-10', acceptedOn: null, declinedOn: null, withdrawnOn: null, careStartedOn: null, careEndedOn: null },
        careEndReason: null,
        client: { erased: false, givenName: 'Anna', familyName: 'Jansen', birthDate: '1941-02-03', address: { postcode: '6901 AB', houseNumber: '12' } },
        coordinator: { id: 'consulent-7', name: 'J. de Vries' },
      },
    ]);
    const text = JSON.stringify(body);
    for (const other of ['111222333', 'Ellen', 'Huishouden loopt vast', 'zelfredzaamheid']) expect(text).not.toContain(other);
  });

  it('records the registered name of the provider, not what was typed', async () => {
    const household = await client.get(householdId);
    expect(household.trajectories[0].referrals[0].organisation).toEqual({ agbCode: providerA.org, name: 'Begeleiding Plus' });
  });

  it('hides A’s referral from provider B: not in its list, and 404 on every route, as for an unknown id', async () => {
    expect((await as(providerB).get('/provider/referrals').expect(200)).body.referrals).toEqual([]);
    const before = await api.eventCount();
    const unknown = '0b7d1d2e-3f4a-4b5c-8d6e-7f8091a2b3c4';
    for (const id of [referralId, unknown]) {
      const responses = [
        await as(providerB).get(`/provider/referrals/${id}`),
        await as(providerB).post(`/provider/referrals/${id}/acceptance`, { date: '2026-03-11' }),
        await as(providerB).post(`/provider/referrals/${id}/decline`, { date: '2026-03-11', reason: 'vol' }),
        await as(providerB).post(`/provider/referrals/${id}/care-start`, { date: '2026-03-11' }),
        await as(providerB).post(`/provider/referrals/${id}/care-end`, { date: '2026-03-11', reasonCode: '19' }),
      ];
      for (const response of responses) {
        expect(response.status).toBe(404);
        expect(response.body).toMatchObject({ status: 404, code: 'referral-not-found', detail: `No referral ${id}` });
      }
    }
    expect(await api.eventCount()).toBe(before);
  });

  it('keeps a provider token out of consultant, supervisor and admin routes (403)', async () => {
    for (const response of [
      await as(providerA).get(`/households/${householdId}`),
      await as(providerA).post('/households/_search', { bsn: '111222333' }),
      await as(providerA).post(`/households/${householdId}/trajectories/${trajectoryId}/intake`, { date: '2026-03-03' }),
      await as(providerA).get('/norms'),
      await as(providerA).get('/providers'),
    ]) {
      expect(response.status).toBe(403);
      expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    }
    await as(supervisor).get('/provider/referrals').expect(403);
  });

  it('refuses care start before acceptance, an unknown reason code, and care end before the start: 4xx, nothing recorded', async () => {
    const before = await api.eventCount();
    const early = await as(providerA).post(`/provider/referrals/${referralId}/care-start`, { date: '2026-03-12' }).expect(409);
    expect(early.body.code).toBe('referral-not-accepted');
    await as(providerA).post(`/provider/referrals/${referralId}/care-end`, { date: '2026-03-12', reasonCode: '99' }).expect(400);
    expect(await api.eventCount()).toBe(before);
  });

  it('lets A accept and start care; the provider is the actor, and the acceptance→care start wait appears in the figures', async () => {
    await as(providerA).post(`/provider/referrals/${referralId}/acceptance`, { date: '2026-03-12' }).expect(201);
    await as(providerA).post(`/provider/referrals/${referralId}/care-start`, { date: '2026-03-30' }).expect(201);

    const before = await api.eventCount();
    const endBeforeStart = await as(providerA).post(`/provider/referrals/${referralId}/care-end`, { date: '2026-03-29', reasonCode: '19' }).expect(409);
    expect(endBeforeStart.body.code).toBe('date-out-of-order');
    expect(await api.eventCount()).toBe(before);

    const events = await client.events(householdId);
    const started = events.find((e) => e.type === 'CareStarted') as unknown as { actor: { id: string; role: string; organisation: string } };
    expect(started.actor).toEqual({ id: providerA.sub, role: 'provider', organisation: providerA.org });

    const { body } = await as(providerA).get('/provider/referrals?status=in-care').expect(200);
    expect(body.referrals.map((r: { referralId: string }) => r.referralId)).toEqual([referralId]);

    await api.app.get(ProjectionTriggerLifecycle).settle();
    const waits = await as(supervisor).get('/waiting-times?stage=acceptance-care-start&groupBy=provider&asOf=2026-11-23').expect(200);
    expect(waits.body.groups).toEqual([{ group: providerA.org, count: 1, median: 18, p90: 18, max: 18, open: 0 }]);
  });

  it('refuses maatwerk to an unregistered provider (409) or without an AGB code (400), recording nothing', async () => {
    const before = await api.eventCount();
    const path = `/households/${householdId}/trajectories/${trajectoryId}/referrals`;
    const unregistered = await as(consultant).post(path, {
      date: '2026-03-10',
      organisation: { agbCode: '11112222', name: 'Onbekend' },
      category: 'maatwerk',
      warmHandover: false,
    });
    expect(unregistered.status).toBe(409);
    expect(unregistered.body.code).toBe('provider-not-contracted');
    const withoutCode = await as(consultant).post(path, { date: '2026-03-10', organisation: { name: 'Onbekend' }, category: 'maatwerk', warmHandover: false });
    expect(withoutCode.status).toBe(400);
    const badCode = await as(consultant).post(path, { date: '2026-03-10', organisation: { agbCode: '1234', name: 'X' }, category: 'maatwerk', warmHandover: false });
    expect(badCode.status).toBe(400);
    expect(await api.eventCount()).toBe(before);
  });

  it('validates the registry: an invalid AGB code is 400, a second registration 409, an unknown provider 404', async () => {
    const invalid = await as(admin).post('/providers', { agbCode: '1234567', name: 'X', productCategories: ['maatwerk'] }).expect(400);
    expect(invalid.body.invalidParams[0].name).toBe('agbCode');
    await as(admin).post('/providers', { agbCode: providerA.org, name: 'X', productCategories: ['maatwerk'] }).expect(409);
    await as(admin).get('/providers/12345678').expect(404);
    const listed = await as(admin).get('/providers').expect(200);
    expect(listed.body.providers.map((p: { agbCode: string }) => p.agbCode)).toEqual([providerA.org, providerB.org]);
    const patched = await api
      .http()
      .patch(`/api/v1/providers/${providerB.org}`)
      .set('Authorization', api.bearer(admin))
      .send({ webhookUrl: 'https://aanbieder-b.example/notifications', webhookSecret: 'a-secret-of-at-least-thirty-two-characters' })
      .expect(200);
    expect(patched.body).toMatchObject({ webhookUrl: 'https://aanbieder-b.example/notifications', hasWebhookSecret: true });
    expect(JSON.stringify(patched.body)).not.toContain('a-secret-of');
  });
});
