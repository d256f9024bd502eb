import { Principal } from '@casusregie/auth';
import { ProjectionTriggerLifecycle } from '@casusregie/runtime';
import { ApiHarness, consultant, startApi } from './support/api-harness';
import { HouseholdClient } from './support/household-client';

/**
 * The lists that used to answer everything at once, now paged with `limit` and `after` (the `next` of the previous
 * page), on PostgreSQL: walking the pages gives every item once, in the order of the unpaged list, and the last page
 * says so (`next: null`). Hostile paging input is a 400 problem naming the parameter, never a 500.
 */
const MUNICIPALITY = 'GM0299';
const admin: Principal = { sub: 'beheerder-1', roles: ['admin'], municipality: MUNICIPALITY };
const supervisor: Principal = { sub: 'teamleider-1', roles: ['supervisor'], municipality: MUNICIPALITY };
const provider: Principal = { sub: 'aanbieder-medewerker-1', roles: ['provider'], org: '90000001', municipality: MUNICIPALITY };
const consultantT2: Principal = { ...consultant, sub: 'consultant-2', team: 'T2' };

/** Households: of two teams, with four casusregisseurs and one without, two referrals on one date (a tie). */
const HOUSEHOLDS = [
  { by: consultant, coordinator: 'coord-a', referredOn: '2026-10-01' },
  { by: consultant, coordinator: 'coord-b', referredOn: '2026-10-02' },
  { by: consultant, coordinator: 'coord-b', referredOn: '2026-10-02' },
  { by: consultant, coordinator: undefined, referredOn: '2026-10-03' },
  { by: consultantT2, coordinator: 'coord-c', referredOn: '2026-10-04' },
  { by: consultantT2, coordinator: 'coord-d', referredOn: '2026-10-05' },
  { by: consultantT2, coordinator: undefined, referredOn: '2026-10-06' },
];

describe('paged lists over HTTP on PostgreSQL', () => {
  let api: ApiHarness;
  const get = (principal: Principal, path: string) => api.http().get(`/api/v1${path}`).set('Authorization', api.bearer(principal));

  /** Every page of a list at `limit` items a page: the pages' items, and how many pages it took. */
  async function walk(principal: Principal, path: string, items: string, limit: number): Promise<{ all: unknown[]; pages: number }> {
    const all: unknown[] = [];
    let after: string | null | undefined;
    let pages = 0;
    do {
      const separator = path.includes('?') ? '&' : '?';
      const { body } = await get(principal, `${path}${separator}limit=${limit}${after ? `&after=${after}` : ''}`).expect(200);
      pages++;
      expect(body[items].length).toBeLessThanOrEqual(limit);
      // A page that says another follows is full; the last one says so itself, rather than leading to an empty page.
      if (body.next !== null) expect(body[items]).toHaveLength(limit);
      else expect(body[items].length).toBeGreaterThan(0);
      all.push(...body[items]);
      after = body.next;
      if (pages > 50) throw new Error(`${path} does not end`);
    } while (after !== null);
    return { all, pages };
  }

  beforeAll(async () => {
    api = await startApi('postgres', '2026-11-23');
    for (let i = 0; i < 5; i++) {
      await api
        .http()
        .post('/api/v1/providers')
        .set('Authorization', api.bearer(admin))
        .send({ agbCode: `9000000${i + 1}`, name: `Zorgaanbieder ${String.fromCharCode(69 - i)}`, productCategories: ['maatwerk'] })
        .expect(201);
    }
    for (const [index, household] of HOUSEHOLDS.entries()) {
      const client = new HouseholdClient(api, household.by);
      const { id, memberIds } = await client.register({
        municipality: MUNICIPALITY,
        team: household.by.team,
        registeredOn: '2026-09-01',
        residences: [{ key: 'A' }],
        members: [{ givenName: 'Test', familyName: `Persoon${index}`, birthDate: '1980-01-01', role: 'parent', residenceKeys: ['A'] }],
      });
      if (household.coordinator !== undefined) {
        await client.put(`/households/${id}/coordinator`, { coordinatorId: household.coordinator, name: 'C. Regisseur', date: '2026-09-01' });
      }
      const trajectoryId = await client.openTrajectory(id, {
        memberId: memberIds.Test,
        date: '2026-09-02',
        source: 'self',
        channel: 'phone',
        question: 'Voorbeeldvraag',
        lifeDomains: ['wonen'],
        legalBasis: 'wmo-2015',
      });
      await client.post(`/households/${id}/trajectories/${trajectoryId}/triage`, { date: '2026-09-03', level: 'L3' });
      await client.refer(id, trajectoryId, {
        date: household.referredOn,
        organisation: { agbCode: provider.org, name: 'Zorgaanbieder E' },
        category: 'maatwerk',
        warmHandover: false,
      });
      // Waakvlam with a contact due every 7 + index days from 2026-11-10: some overdue on 2026-11-23, some due soon.
      await client.post(`/households/${id}/trajectories/${trajectoryId}/waakvlam`, { date: '2026-11-10', contactIntervalDays: 7 + index * 3 });
    }
    await api.app.get(ProjectionTriggerLifecycle).settle();
  });
  afterAll(async () => {
    await api.close();
    expect(api.serverErrors).toEqual([]);
  });

  it.each([
    ['providers', admin, '/providers', 'providers', 5],
    ['provider referrals', provider, '/provider/referrals', 'referrals', HOUSEHOLDS.length],
    ['caseloads', supervisor, '/caseload', 'coordinators', 6],
    ['waakvlam contacts due', supervisor, '/waakvlam/due?withinDays=30', 'contacts', HOUSEHOLDS.length],
  ] as const)('walks the %s page by page: each once, in order, and the last page ends it', async (_name, principal, path, items, expected) => {
    const { body: whole } = await get(principal, `${path}${path.includes('?') ? '&' : '?'}limit=500`).expect(200);
    expect(whole[items]).toHaveLength(expected);
    expect(whole.next).toBeNull();
    for (const limit of [1, 2, 3]) {
      const { all, pages } = await walk(principal, path, items, limit);
      expect(all).toEqual(whole[items]);
      expect(pages).toBe(Math.ceil(expected / limit));
    }
  });

  it('orders the referrals newest first and keeps the two of one date apart', async () => {
    const { body } = await get(provider, '/provider/referrals').expect(200);
    const dates = body.referrals.map((referral: { dates: { madeOn: string } }) => referral.dates.madeOn);
    expect(dates).toEqual([...dates].sort().reverse());
    const { all } = await walk(provider, '/provider/referrals', 'referrals', 1);
    expect(new Set(all.map((referral) => (referral as { referralId: string }).referralId)).size).toBe(HOUSEHOLDS.length);
  });

  it('pages a filtered inbox with the filter', async () => {
    const { all } = await walk(provider, '/provider/referrals?status=new', 'referrals', 2);
    expect(all).toHaveLength(HOUSEHOLDS.length);
    const { body } = await get(provider, '/provider/referrals?status=in-care&limit=2').expect(200);
    expect(body).toEqual({ referrals: [], next: null });
  });

  it('lists the caseloads per team, casusregisseur none last, across pages', async () => {
    const { all } = await walk(supervisor, '/caseload', 'coordinators', 2);
    expect(all.map((row) => { const { team, coordinatorId } = row as { team: string; coordinatorId: string | null }; return `${team}/${coordinatorId}`; })).toEqual([
      'T1/coord-a',
      'T1/coord-b',
      'T1/null',
      'T2/coord-c',
      'T2/coord-d',
      'T2/null',
    ]);
  });

  it('lists overdue waakvlam contacts first, and only those due within the days asked', async () => {
    const { body } = await get(supervisor, '/waakvlam/due?withinDays=0&limit=500').expect(200);
    // Due 2026-11-17 and 2026-11-20 (7 and 10 days after 2026-11-10): overdue on 2026-11-23; one due that day.
    expect(body.contacts.map((contact: { overdue: boolean; dueOn: string }) => [contact.overdue, contact.dueOn])).toEqual([
      [true, '2026-11-17'],
      [true, '2026-11-20'],
      [false, '2026-11-23'],
    ]);
    const { all } = await walk(supervisor, '/waakvlam/due?withinDays=4', 'contacts', 1);
    expect(all.map((contact) => (contact as { dueOn: string }).dueOn)).toEqual(['2026-11-17', '2026-11-20', '2026-11-23', '2026-11-26']);
  });

  const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  it.each([
    ['limit', 'zero', 'limit=0'],
    ['limit', 'negative', 'limit=-1'],
    ['limit', 'over the maximum', 'limit=501'],
    ['limit', 'huge', 'limit=99999999999999999999'],
    ['limit', 'not a number', 'limit=abc'],
    ['limit', 'a fraction', 'limit=1.5'],
    ['after', 'not a cursor', 'after=not%20a%20cursor'],
    ['after', 'longer than any cursor', `after=${'A'.repeat(2001)}`],
    ['after', 'forged, with values of the wrong kind', `after=${forged({ madeOn: '2026-13-01', referralId: 'x' })}`],
    ['after', 'forged, an array', `after=${forged(['an', 'array'])}`],
    ['after', 'not JSON inside', `after=${Buffer.from('not json').toString('base64url')}`],
  ])('refuses %s %s with a 400 problem naming it, on every paged list', async (name, _kind, query) => {
    for (const [principal, path] of [
      [provider, '/provider/referrals'],
      [admin, '/providers'],
      [supervisor, '/caseload'],
      [supervisor, '/waakvlam/due'],
    ] as const) {
      const response = await get(principal, `${path}?${query}`);
      expect([path, response.status]).toEqual([path, 400]);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.invalidParams.map((param: { name: string }) => param.name)).toEqual([name]);
    }
  });

  it('refuses a forged cursor of the right shape holding text PostgreSQL cannot store (U+0000): 400, not 500', async () => {
    for (const [principal, path, position] of [
      [admin, '/providers', { name: 'Zorg\u0000groep', agbCode: '12345678' }],
      [supervisor, '/caseload', { team: 'T\u0000', coordinatorId: null }],
      [supervisor, '/caseload', { team: 'T1', coordinatorId: '\ud800' }],
      [supervisor, '/waakvlam/due', { deadline: '2026-11-17', startDate: '2026-11-01', householdId: '7d8e2f1c-3b4a-4c5d-8e9f-0a1b2c3d4e5f', itemKey: 'k\u0000' }],
      [supervisor, '/norms/verkennend-gesprek-4w/items', { deadline: '2026-11-17', startDate: '2026-11-01', householdId: '7d8e2f1c-3b4a-4c5d-8e9f-0a1b2c3d4e5f', itemKey: 'k\u0000' }],
    ] as const) {
      const response = await get(principal, `${path}?after=${forged(position)}`);
      expect([path, response.status]).toEqual([path, 400]);
      expect(response.body.invalidParams.map((param: { name: string }) => param.name)).toEqual(['after']);
    }
  });

  it('refuses a cursor of another list: a position of the wrong shape is a 400, not a 500', async () => {
    const { body } = await get(provider, '/provider/referrals?limit=1').expect(200);
    for (const [principal, path] of [
      [admin, '/providers'],
      [supervisor, '/caseload'],
      [supervisor, '/waakvlam/due'],
    ] as const) {
      await get(principal, `${path}?after=${body.next}`).expect(400);
    }
  });
});
