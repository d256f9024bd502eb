import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import createClient, { Client } from 'openapi-fetch';
import { Principal } from '@casusregie/auth';
import type { paths } from '../../../../openapi/casusregie-api';
import { ApiHarness, consultant, startApi } from '../support/api-harness';

/**
 * A care provider's integration, written as an integrator would: openapi-fetch typed by the types generated from the
 * committed document (openapi/casusregie-api.d.ts), against the real API on PostgreSQL. This file is type-checked (by
 * ts-jest, see jest.config.js, and by `npm run typecheck`), so a renamed path, operation, parameter or field in the
 * contract breaks it before it runs; contract-drift.e2e.spec.ts keeps the types equal to what the API serves.
 */
const admin: Principal = { sub: 'regio-beheerder', roles: ['admin'], municipality: 'GM0299' };
const AGB_CODE = '98765432';
const provider: Principal = { sub: 'aanbieder-medewerker', roles: ['provider'], org: AGB_CODE, municipality: 'GM0299' };

describe('a care provider integrating through the typed client', () => {
  let api: ApiHarness;
  let as: (principal: Principal) => Client<paths>;
  let referralId: string;

  beforeAll(async () => {
    api = await startApi('postgres', '2026-11-23');
    await api.app.listen(0, '127.0.0.1');
    const { port } = api.app.getHttpServer().address() as AddressInfo;
    // The document's paths start with /api/v1, so the base URL is the server's origin.
    as = (principal) => createClient<paths>({ baseUrl: `http://127.0.0.1:${port}/api/v1`, headers: { Authorization: api.bearer(principal) } });

    const registered = await as(admin).POST('/providers', {
      body: { agbCode: AGB_CODE, name: 'Begeleiding Plus', productCategories: ['maatwerk'] },
    });
    expect(registered.response.status).toBe(201);
    referralId = await referByConsultant(as(consultant));
  });
  afterAll(async () => {
    await api.close();
    expect(api.serverErrors).toEqual([]);
  });

  it('finds the new referral in its inbox', async () => {
    const { data, error } = await as(provider).GET('/provider/referrals', { params: { query: { status: 'new' } } });
    expect(error).toBeUndefined();
    expect(data?.referrals).toEqual([
      expect.objectContaining({ referralId, status: 'made', category: 'maatwerk', productCode: '02A07', coordinator: { id: 'consulent-7', name: 'J. de Vries' } }),
    ]);
  });

  it('is told, as problem+json with a stable code, that care cannot start before acceptance', async () => {
    const { error, response } = await as(provider).POST('/provider/referrals/{referralId}/care-start', {
      params: { path: { referralId } },
      body: { date: '2026-03-12' },
    });
    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(error).toMatchObject({ status: 409, code: 'referral-not-accepted' });
  });

  it('accepts once with an Idempotency-Key: a retry with the same key is answered from the first, recording nothing', async () => {
    const accept = () =>
      as(provider).POST('/provider/referrals/{referralId}/acceptance', {
        params: { path: { referralId } },
        headers: { 'Idempotency-Key': idempotencyKey },
        body: { date: '2026-03-12' },
      });
    const idempotencyKey = randomUUID();
    const first = await accept();
    expect(first.response.status).toBe(201);
    const events = await api.eventCount();
    const retry = await accept();
    expect(retry.response.status).toBe(201);
    expect(retry.response.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.data).toEqual(first.data);
    expect(await api.eventCount()).toBe(events);
  });

  it('reports the start and the end of care, and reads the referral back as ended', async () => {
    const started = await as(provider).POST('/provider/referrals/{referralId}/care-start', {
      params: { path: { referralId } },
      body: { date: '2026-03-30' },
    });
    expect(started.response.status).toBe(201);
    const ended = await as(provider).POST('/provider/referrals/{referralId}/care-end', {
      params: { path: { referralId } },
      body: { date: '2026-06-30', reasonCode: '19' },
    });
    expect(ended.response.status).toBe(201);

    // Both the inbox and the referral itself show what the provider just recorded.
    const one = await as(provider).GET('/provider/referrals/{referralId}', { params: { path: { referralId } } });
    expect(one.data).toMatchObject({ referralId, status: 'care-ended', careEndReason: '19' });
    const { data } = await as(provider).GET('/provider/referrals', { params: { query: { status: 'ended' } } });
    expect(data?.next).toBeNull();
    expect(data?.referrals).toEqual([
      expect.objectContaining({
        referralId,
        status: 'care-ended',
        careEndReason: '19',
        dates: expect.objectContaining({ madeOn: '2026-03-10', acceptedOn: '2026-03-12', careStartedOn: '2026-03-30', careEndedOn: '2026-06-30' }),
      }),
    ]);
  });
});

/** The consultant's side, through the same typed client: a household, a melding, triage, and a referral to the provider. */
async function referByConsultant(client: Client<paths>): Promise<string> {
  const registered = await client.POST('/households', {
    body: {
      municipality: 'GM0299',
      team: 'T1',
      registeredOn: '2026-03-01',
      residences: [{ key: 'A', postcode: '6901 AB', houseNumber: '12' }],
      members: [{ givenName: 'Anna', familyName: 'Jansen', birthDate: '1941-02-03', role: 'parent', residenceKeys: ['A'] }],
    },
  });
  const householdId = required(registered.data, registered.error).id;
  const household = await client.GET('/households/{householdId}', { params: { path: { householdId } } });
  const memberId = required(household.data, household.error).members[0].memberId;
  const onHousehold = { params: { path: { householdId } } };

  const coordinator = await client.PUT('/households/{householdId}/coordinator', {
    ...onHousehold,
    body: { coordinatorId: 'consulent-7', name: 'J. de Vries', date: '2026-03-01' },
  });
  required(coordinator.data, coordinator.error);
  const opened = await client.POST('/households/{householdId}/trajectories', {
    ...onHousehold,
    body: { memberId, date: '2026-03-02', source: 'self', channel: 'phone', question: 'Hulp in huis', lifeDomains: ['zelfredzaamheid'], legalBasis: 'wmo-2015' },
  });
  const trajectoryId = required(opened.data, opened.error).trajectoryId;
  const onTrajectory = { params: { path: { householdId, trajectoryId } } };
  const triaged = await client.POST('/households/{householdId}/trajectories/{trajectoryId}/triage', {
    ...onTrajectory,
    body: { date: '2026-03-05', level: 'L3' },
  });
  required(triaged.data, triaged.error);
  const referred = await client.POST('/households/{householdId}/trajectories/{trajectoryId}/referrals', {
    ...onTrajectory,
    body: {
      date: '2026-03-10',
      organisation: { agbCode: AGB_CODE, name: 'Begeleiding Plus' },
      category: 'maatwerk',
      productCode: '02A07',
      warmHandover: true,
    },
  });
  return required(referred.data, referred.error).referralId;
}

/** The data of a successful answer; a problem (its status and code, never personal data) fails the test. */
function required<T>(data: T | undefined, error: unknown): T {
  if (data === undefined) throw new Error(`expected success, got ${JSON.stringify(error)}`);
  return data;
}
