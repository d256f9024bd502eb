import { Principal } from '@casusregie/auth';
import { ApiHarness, consultant, startApi, STORE_KINDS } from '../support/api-harness';
import { HouseholdClient } from '../support/household-client';

/**
 * Issue 13, item 3: every date the API takes in lies in a range that the domain's arithmetic, the Dutch working-day
 * calendar and PostgreSQL's `date` can all hold. Birth dates from 1900-01-01, business dates from BUSINESS_DATES_FROM
 * (default 2000-01-01), nothing after 2999-12-31. A date outside is a 400 with invalidParams naming the field, and
 * nothing is recorded — before this, `0000-01-01` was appended and broke the read models later (SQLSTATE 22008).
 */
const admin: Principal = { sub: 'regio-beheerder', roles: ['admin'], municipality: 'GM0299' };
const provider: Principal = { sub: 'aanbieder-medewerker', roles: ['provider'], org: '98765432', municipality: 'GM0299' };
const supervisor: Principal = { sub: 'teamleider', roles: ['supervisor'], municipality: 'GM0299' };
const auditor: Principal = { sub: 'auditor-1', roles: ['auditor'], municipality: 'GM0299' };
const PROBLEM_JSON = /^application\/problem\+json/;

function household(overrides: { registeredOn?: string; birthDate?: string } = {}) {
  return {
    municipality: 'GM0299',
    team: 'T1',
    registeredOn: overrides.registeredOn ?? '2026-03-01',
    residences: [{ key: 'A', postcode: '6901 AB', houseNumber: '12' }],
    members: [
      { givenName: 'Anna', familyName: 'Jansen', birthDate: '1970-06-01', role: 'parent', residenceKeys: ['A'] },
      { givenName: 'Bram', familyName: 'Jansen', birthDate: overrides.birthDate ?? '2012-09-30', role: 'child', residenceKeys: ['A'] },
    ],
  };
}

function melding(memberId: string, date: string) {
  return {
    memberId,
    date,
    source: 'huisarts',
    channel: 'phone',
    question: 'Vastgelopen na verhuizing',
    lifeDomains: ['zelfredzaamheid'],
    legalBasis: 'wmo-2015',
  };
}

describe.each(STORE_KINDS)('dates a calendar can hold, over HTTP on %s', (kind) => {
  let api: ApiHarness;
  let client: HouseholdClient;
  let householdId: string;
  let annaId: string;
  let trajectoryId: string;
  let referralId: string;

  const as = (principal: Principal) => ({
    get: (path: string) => api.http().get(`/api/v1${path}`).set('Authorization', api.bearer(principal)),
    post: (path: string, body: object) => api.http().post(`/api/v1${path}`).set('Authorization', api.bearer(principal)).send(body),
    put: (path: string, body: object) => api.http().put(`/api/v1${path}`).set('Authorization', api.bearer(principal)).send(body),
  });

  beforeAll(async () => {
    api = await startApi(kind, '2026-11-23');
    client = new HouseholdClient(api);
    await as(admin).post('/providers', { agbCode: provider.org, name: 'Begeleiding Plus', productCategories: ['maatwerk'] }).expect(201);
    const registered = await client.register(household());
    householdId = registered.id;
    annaId = registered.memberIds.Anna;
    trajectoryId = await client.openTrajectory(householdId, melding(annaId, '2026-03-02'));
    await client.post(`/households/${householdId}/trajectories/${trajectoryId}/triage`, { date: '2026-03-05', level: 'L3' });
    referralId = await client.refer(householdId, trajectoryId, {
      date: '2026-03-10',
      organisation: { agbCode: provider.org, name: 'Begeleiding Plus' },
      category: 'maatwerk',
      warmHandover: true,
    });
    await as(provider).post(`/provider/referrals/${referralId}/acceptance`, { date: '2026-03-11' }).expect(201);
  });
  afterAll(async () => {
    // An absurd date must be a 400, never a 500 from the database or the calendar.
    await api.close();
    expect(api.serverErrors).toEqual([]);
  });

  /** Sends a request that must be refused with 400 naming `field`, and checks that nothing was appended. */
  async function expectRefused(send: () => Promise<{ status: number; headers: Record<string, string>; body: Record<string, unknown> }>, field: string) {
    const eventsBefore = await api.eventCount();
    const versionBefore = (await client.get(householdId)).version;
    const response = await send();
    expect({ status: response.status, body: response.body }).toMatchObject({ status: 400, body: { status: 400, code: 'invalid' } });
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(response.body.invalidParams).toEqual([{ name: field, code: 'isDateInRange', reason: expect.stringMatching(/^must be a date from \d{4}-\d{2}-\d{2} to 2999-12-31/) }]);
    expect(await api.eventCount()).toBe(eventsBefore);
    expect((await client.get(householdId)).version).toBe(versionBefore);
    return response.body;
  }

  describe('birth dates: from 1900-01-01', () => {
    it.each(['0000-01-01', '1899-12-31'])('refuses a member born %s at registration, and creates no household', async (birthDate) => {
      const body = await expectRefused(() => as(consultant).post('/households', household({ birthDate })), 'members[1].birthDate');
      // A birth date is personal data: the answer names the field and the range, never the value.
      expect(JSON.stringify(body)).not.toContain(birthDate);
    });

    it('refuses such a birth date for a member who joins later, and in a search', async () => {
      const [residenceId] = (await client.get(householdId)).residences.map((r: { residenceId: string }) => r.residenceId);
      const newMember = { givenName: 'Opa', familyName: 'Jansen', birthDate: '1899-12-31', role: 'other', date: '2026-04-01', residenceIds: [residenceId] };
      await expectRefused(() => as(consultant).post(`/households/${householdId}/members`, newMember), 'birthDate');
      await expectRefused(() => as(consultant).post('/households/_search', { familyName: 'Jansen', birthDate: '0000-01-01' }), 'birthDate');
    });

    it('accepts 1900-01-01 itself', async () => {
      const { id } = await client.register(household({ birthDate: '1900-01-01' }));
      const members = (await client.get(id)).members as { givenName: string; birthDate: string }[];
      expect(members.find((m) => m.givenName === 'Bram')?.birthDate).toBe('1900-01-01');
    });
  });

  describe('business dates: from BUSINESS_DATES_FROM, 2000-01-01 by default', () => {
    it.each(['0000-01-01', '1999-12-31'])('refuses a household registered on %s', async (registeredOn) => {
      await expectRefused(() => as(consultant).post('/households', household({ registeredOn })), 'registeredOn');
    });

    it('refuses a melding on 1999-12-31 and on 0000-01-02', async () => {
      for (const date of ['1999-12-31', '0000-01-02']) {
        await expectRefused(() => as(consultant).post(`/households/${householdId}/trajectories`, melding(annaId, date)), 'date');
      }
    });

    it('refuses every dated step before the range: intake, learning route, GGZ waiting list, plan, coordinator, member leaving', async () => {
      const steps = `/households/${householdId}/trajectories/${trajectoryId}`;
      await expectRefused(() => as(consultant).post(`${steps}/intake`, { date: '1999-12-31' }), 'date');
      await expectRefused(() => as(consultant).post(`${steps}/learning-route`, { languageStartDate: '2026-04-01', participationStartDate: '1999-12-31' }), 'participationStartDate');
      await expectRefused(
        () => as(consultant).post(`${steps}/exploratory-conversations`, { date: '2026-03-20', status: 'requested', ggzWaitlistSince: '0000-01-01' }),
        'ggzWaitlistSince',
      );
      await expectRefused(() => as(consultant).put(`/households/${householdId}/plan`, { date: '1999-12-31', goals: [{ memberId: annaId, lifeDomain: 'zelfredzaamheid', description: 'Zelf boodschappen doen' }] }), 'date');
      await expectRefused(() => as(consultant).put(`/households/${householdId}/coordinator`, { coordinatorId: 'consulent-7', name: 'J. de Vries', date: '0000-01-01' }), 'date');
      await expectRefused(() => as(consultant).post(`/households/${householdId}/members/${annaId}/departure`, { date: '1999-12-31' }), 'date');
    });

    it('refuses a correction that would move an event to 1999-12-31, or that is itself dated then', async () => {
      const events = await client.events(householdId);
      const meldingEvent = events.find((event) => event.type === 'TrajectoryOpened');
      const corrections = `/households/${householdId}/events/${meldingEvent?.eventId}/corrections`;
      await expectRefused(() => as(consultant).post(corrections, { kind: 'date-correction', correctedDate: '1999-12-31', reason: 'Verkeerd overgenomen' }), 'correctedDate');
      await expectRefused(() => as(consultant).post(corrections, { kind: 'date-correction', correctedDate: '0000-01-01', reason: 'Verkeerd overgenomen' }), 'correctedDate');
      await expectRefused(() => as(consultant).post(corrections, { kind: 'withdrawal', reason: 'Dubbel ingevoerd', date: '1999-12-31' }), 'date');
    });

    it('refuses a provider’s care start on 1999-12-31, and answers on such a date', async () => {
      await expectRefused(() => as(provider).post(`/provider/referrals/${referralId}/care-start`, { date: '1999-12-31' }), 'date');
      await expectRefused(() => as(provider).post(`/provider/referrals/${referralId}/care-end`, { date: '0000-01-01', reasonCode: '19' }), 'date');
    });

    it('refuses a date after 2999-12-31 with the same 400, not the 409 of a date in the future', async () => {
      await expectRefused(() => as(consultant).post(`/households/${householdId}/trajectories/${trajectoryId}/intake`, { date: '3000-01-01' }), 'date');
      await expectRefused(() => as(consultant).post('/households', household({ registeredOn: '9999-12-31' })), 'registeredOn');
    });

    it('accepts 2000-01-01 itself: a household registered, a melding and a correction to that day', async () => {
      const { id, memberIds } = await client.register(household({ registeredOn: '2000-01-01' }));
      const opened = await client.openTrajectory(id, melding(memberIds.Anna, '2000-01-01'));
      expect((await client.get(id)).trajectories[0]).toMatchObject({ trajectoryId: opened });
      const intake = await client.post(`/households/${id}/trajectories/${opened}/intake`, { date: '2000-01-03' });
      await client.post(`/households/${id}/events/${(intake.eventIds as string[])[0]}/corrections`, {
        kind: 'date-correction',
        correctedDate: '2000-01-01',
        reason: 'Intake was op de dag van de melding',
      });
      expect((await client.get(id)).trajectories[0]).toMatchObject({ openedOn: '2000-01-01', intakeOn: '2000-01-01' });
    });
  });

  describe('supervisors’ query dates', () => {
    it.each([
      ['/norms/pip-leerroute-2m/compliance?asOf=0000-01-01', 'asOf'],
      ['/norms/pip-leerroute-2m/compliance?from=0001-01-01&to=2026-12-31&asOf=2026-11-23', 'from'],
      ['/norms/pip-leerroute-2m/compliance?from=2026-01-01&to=9999-12-31&asOf=2026-11-23', 'to'],
      ['/norms/pip-leerroute-2m/items?asOf=0000-01-01', 'asOf'],
      ['/norms/referral-care-start/items?asOf=1899-12-31&dueWithinDays=10', 'asOf'],
      ['/waiting-times?stage=melding-intake&asOf=0000-01-01', 'asOf'],
      ['/waakvlam/due?asOf=9999-12-31', 'asOf'],
    ])('GET %s answers 400 naming %s', async (path, field) => {
      const response = await as(supervisor).get(path);
      expect({ status: response.status, body: response.body }).toMatchObject({ status: 400, body: { code: 'invalid' } });
      expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(response.body.invalidParams).toEqual([expect.objectContaining({ name: field, code: 'isDateInRange' })]);
    });

    it.each(['0000-01-01T00:00:00Z', '1899-12-31T23:00:00Z', '3000-01-01T00:00:00Z', '2026-W01'])('refuses knownAt=%s with 400', async (knownAt) => {
      const response = await as(supervisor).get(`/norms/referral-care-start/compliance?asOf=2026-11-23&knownAt=${encodeURIComponent(knownAt)}`);
      expect({ status: response.status, body: response.body }).toMatchObject({ status: 400, body: { code: 'invalid' } });
      expect(response.body.invalidParams).toEqual([expect.objectContaining({ name: 'knownAt' })]);
    });

    it.each(['from', 'to'])('refuses a processing-log %s that is no instant a calendar can hold, with 400', async (field) => {
      for (const value of ['2026-W01', '0000-01-01T00:00:00Z']) {
        const response = await as(auditor).get(`/processing-log?${field}=${encodeURIComponent(value)}`);
        expect({ status: response.status, body: response.body }).toMatchObject({ status: 400, body: { code: 'invalid' } });
        expect(response.body.invalidParams).toEqual([expect.objectContaining({ name: field })]);
      }
    });

    it('answers the bounds themselves: asOf and from on 1900-01-01, knownAt on its first instant, to on 2999-12-31', async () => {
      await as(supervisor).get('/norms/pip-leerroute-2m/compliance?from=1900-01-01&to=2999-12-31&asOf=1900-01-01&knownAt=1900-01-01T00:00:00Z').expect(200);
      await as(supervisor).get('/norms/referral-care-start/items?asOf=1900-01-01&dueWithinDays=3650').expect(200);
      await as(supervisor).get('/norms/referral-care-start/items?asOf=2999-12-31&dueWithinDays=3650').expect(200);
      await as(supervisor).get('/waakvlam/due?asOf=2999-12-31').expect(200);
      await as(supervisor).get('/waiting-times?stage=referral-acceptance&from=1900-01-01&to=2999-12-31&asOf=2026-11-23').expect(200);
    });
  });
});

describe('BUSINESS_DATES_FROM moves the start of business dates, not of birth dates', () => {
  let api: ApiHarness;
  let client: HouseholdClient;

  // Earlier than the default, so that a date between the two shows that the configured start reaches both the
  // validation (else 400) and the domain's own check (else 409).
  beforeAll(async () => {
    api = await startApi('postgres', '2026-11-23', { BUSINESS_DATES_FROM: '1990-01-01' });
    client = new HouseholdClient(api);
  });
  afterAll(async () => {
    await api.close();
    expect(api.serverErrors).toEqual([]);
  });

  it('refuses a household registered on 1989-12-31, naming the configured start', async () => {
    const before = await api.eventCount();
    const response = await api.http().post('/api/v1/households').set('Authorization', api.bearer()).send(household({ registeredOn: '1989-12-31' })).expect(400);
    expect(response.body.invalidParams).toEqual([{ name: 'registeredOn', code: 'isDateInRange', reason: 'must be a date from 1990-01-01 to 2999-12-31' }]);
    expect(await api.eventCount()).toBe(before);
  });

  it('records a household registered on 1995-06-01, its melding the next day, and a member born on 1900-01-01', async () => {
    const { id, memberIds } = await client.register(household({ registeredOn: '1995-06-01', birthDate: '1900-01-01' }));
    await client.openTrajectory(id, melding(memberIds.Anna, '1995-06-02'));
    expect(await client.get(id)).toMatchObject({ registeredOn: '1995-06-01', trajectories: [{ openedOn: '1995-06-02' }] });
  });
});
