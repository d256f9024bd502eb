import { Principal } from '@casusregie/auth';
import { ProjectionTriggerLifecycle } from '@casusregie/runtime';
import { ApiHarness, consultant, startApi } from '../support/api-harness';
import { HouseholdClient } from '../support/household-client';
import { instantBeforeWhatFollows } from '@casusregie/test-support';

const PROBLEM_JSON = /^application\/problem\+json/;
const supervisor: Principal = { sub: 'zvn-teamleider', roles: ['supervisor'], municipality: 'GM0299' };

/**
 * Suspension of a trajectory's clock (opschorting) through the API, on PostgreSQL: Yusuf's Wmo melding of 2026-04-15
 * is due for its onderzoek on 2026-05-27 (six weeks); the triage of 2026-06-05 is late, until a suspension of 14 days
 * (2026-04-20 to 2026-05-03) moves the deadline to 2026-06-10. The figures follow, the summary of settled items
 * (rm_norm_item_tallies) included: the cohort's month settled before the month of asOf, so it is counted from there.
 */
describe('clock suspension over HTTP on PostgreSQL', () => {
  let api: ApiHarness;
  let client: HouseholdClient;
  let householdId: string;
  let trajectoryId: string;
  const suspensions = () => `/api/v1/households/${householdId}/trajectories/${trajectoryId}/clock-suspensions`;
  const settle = () => api.app.get(ProjectionTriggerLifecycle).settle();
  const supervise = (path: string) => api.http().get(`/api/v1${path}`).set('Authorization', api.bearer(supervisor));

  async function worklistItem() {
    const { body } = await supervise('/norms/wmo-onderzoek-6w/items?asOf=2026-11-23').expect(200);
    expect(body.items).toHaveLength(1);
    return body.items[0];
  }

  async function cohort(asOf: string) {
    const { body } = await supervise(`/norms/wmo-onderzoek-6w/compliance?from=2026-01-01&to=2026-12-31&asOf=${asOf}&groupBy=year`).expect(200);
    return body.groups.map(({ onTime, late, pending }: Record<string, number>) => ({ onTime, late, pending }));
  }

  beforeAll(async () => {
    api = await startApi('postgres', '2026-11-23');
    client = new HouseholdClient(api);
    const household = await client.register({
      municipality: 'GM0299',
      team: 'T1',
      registeredOn: '2026-01-14',
      residences: [{ key: 'A', postcode: '6901 AB', houseNumber: '12' }],
      members: [{ givenName: 'Yusuf', familyName: 'Haddad', birthDate: '1996-05-02', role: 'parent', residenceKeys: ['A'] }],
    });
    householdId = household.id;
    trajectoryId = await client.openTrajectory(householdId, {
      memberId: household.memberIds.Yusuf,
      date: '2026-04-15',
      source: 'self',
      channel: 'phone',
      question: 'Hulp bij het huishouden na een val.',
      lifeDomains: ['zelfredzaamheid'],
      legalBasis: 'wmo-2015',
    });
    await client.post(`/households/${householdId}/trajectories/${trajectoryId}/triage`, { date: '2026-06-05', level: 'L3' });
    await settle();
  });
  afterAll(async () => {
    await api.close();
    expect(api.serverErrors).toEqual([]);
  });

  let knownBeforeSuspension: Date;
  let suspensionEventId: string;

  it('without a suspension: due 2026-05-27, the onderzoek of 51 days is late', async () => {
    expect(await worklistItem()).toMatchObject({ trajectoryId, deadline: '2026-05-27', suspendedDays: 0, status: 'late', daysOverdue: 9, waitingDays: 51 });
    expect(await cohort('2026-11-23')).toEqual([{ onTime: 0, late: 1, pending: 0 }]);
    knownBeforeSuspension = await instantBeforeWhatFollows();
  });

  it('records a suspension of 14 days: 201 with its id; the trajectory shows it', async () => {
    const response = await api
      .http()
      .post(suspensions())
      .set('Authorization', api.bearer())
      .set('Idempotency-Key', 'suspension-1')
      .send({ from: '2026-04-20', to: '2026-05-03', reasonCode: 'awaiting-information-inwoner' })
      .expect(201);
    expect(response.body).toEqual({ suspensionId: expect.stringMatching(/^[0-9a-f-]{36}$/), version: 4, eventIds: [expect.any(String)] });
    expect(response.headers.etag).toBe('"4"');
    suspensionEventId = response.body.eventIds[0];

    // The same request again under the same key is answered as before, and records nothing more.
    const before = await api.eventCount();
    const again = await api
      .http()
      .post(suspensions())
      .set('Authorization', api.bearer())
      .set('Idempotency-Key', 'suspension-1')
      .send({ from: '2026-04-20', to: '2026-05-03', reasonCode: 'awaiting-information-inwoner' })
      .expect(201);
    expect(again.body).toEqual(response.body);
    expect(await api.eventCount()).toBe(before);

    const household = await client.get(householdId);
    const trajectory = household.trajectories.find((t: { trajectoryId: string }) => t.trajectoryId === trajectoryId);
    expect(trajectory.suspensions).toEqual([
      { suspensionId: response.body.suspensionId, from: '2026-04-20', to: '2026-05-03', reasonCode: 'awaiting-information-inwoner' },
    ]);
    const [event] = (await client.events(householdId)).filter((e) => e.type === 'ClockSuspended');
    expect(event).toMatchObject({ eventId: suspensionEventId, occurredOn: '2026-04-20' });
  });

  it('moves the worklist item’s deadline by 14 days, to 2026-06-10: the onderzoek is on time, its waiting days as they were', async () => {
    await settle();
    expect(await worklistItem()).toMatchObject({ deadline: '2026-06-10', suspendedDays: 14, status: 'on-time', daysOverdue: null, waitingDays: 51 });
  });

  it('changes the compliance figure from late to on time, counted from the summary and item by item alike', async () => {
    // As of November the June-settled item comes from rm_norm_item_tallies; as of June it is judged one by one.
    expect(await cohort('2026-11-23')).toEqual([{ onTime: 1, late: 0, pending: 0 }]);
    expect(await cohort('2026-06-30')).toEqual([{ onTime: 1, late: 0, pending: 0 }]);
  });

  it('keeps the figure as it was known before the suspension, flagged restated', async () => {
    const { body } = await supervise(
      `/norms/wmo-onderzoek-6w/compliance?from=2026-01-01&to=2026-12-31&asOf=2026-11-23&groupBy=year&knownAt=${knownBeforeSuspension.toISOString()}`,
    ).expect(200);
    expect(body.groups).toEqual([expect.objectContaining({ onTime: 0, late: 1 })]);
    expect(body.restated).toBe(true);
  });

  describe('bad input: a 4xx problem, and nothing changes', () => {
    const otherMunicipality: Principal = { ...consultant, municipality: 'GM0356' };
    const valid = { from: '2026-06-01', to: '2026-06-07', reasonCode: 'inwoner-request' };

    it.each([
      ['the last day before the first', () => suspensions(), consultant, { ...valid, to: '2026-05-31' }, 400, 'invalid'],
      ['an overlap with the suspension of 04-20 to 05-03', () => suspensions(), consultant, { ...valid, from: '2026-05-03' }, 409, 'suspension-overlaps'],
      ['a first day before the melding', () => suspensions(), consultant, { ...valid, from: '2026-04-14' }, 409, 'date-before-melding'],
      ['a first day after today', () => suspensions(), consultant, { ...valid, from: '2026-11-24', to: '2026-11-30' }, 409, 'date-in-future'],
      ['an unknown reason code', () => suspensions(), consultant, { ...valid, reasonCode: 'vakantie' }, 400, 'invalid'],
      ['free text as the reason', () => suspensions(), consultant, { ...valid, reason: 'Wacht op medisch advies' }, 400, 'invalid'],
      ['a norm whose clock cannot be suspended', () => suspensions(), consultant, { ...valid, normIds: ['melding-intake'] }, 400, 'invalid'],
      ['a date that is no date', () => suspensions(), consultant, { ...valid, to: '2026-02-30' }, 400, 'invalid'],
      [
        'an unknown trajectory',
        () => `/api/v1/households/${householdId}/trajectories/0b7d1d2e-3f4a-4b5c-8d6e-7f8091a2b3c4/clock-suspensions`,
        consultant,
        valid,
        404,
        'trajectory-not-found',
      ],
      ['a household of another municipality', () => suspensions(), otherMunicipality, valid, 404, 'household-not-found'],
    ])('%s', async (_what, path, principal, body, status, code) => {
      const events = await api.eventCount();
      const response = await api.http().post(path()).set('Authorization', api.bearer(principal)).send(body).expect(status);
      expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(response.body.code).toBe(code);
      expect(await api.eventCount()).toBe(events);
    });

    it('left the household, the item and the figure as they were', async () => {
      await settle();
      expect((await client.get(householdId)).version).toBe(4);
      expect(await worklistItem()).toMatchObject({ deadline: '2026-06-10', suspendedDays: 14, status: 'on-time' });
      expect(await cohort('2026-11-23')).toEqual([{ onTime: 1, late: 0, pending: 0 }]);
    });
  });

  it('restores the deadline and the late figure when the suspension is withdrawn', async () => {
    await client.post(`/households/${householdId}/events/${suspensionEventId}/corrections`, { kind: 'withdrawal', reason: 'Bij de verkeerde inwoner ingevoerd' });
    await settle();
    expect(await worklistItem()).toMatchObject({ deadline: '2026-05-27', suspendedDays: 0, status: 'late' });
    expect(await cohort('2026-11-23')).toEqual([{ onTime: 0, late: 1, pending: 0 }]);
    const trajectory = (await client.get(householdId)).trajectories.find((t: { trajectoryId: string }) => t.trajectoryId === trajectoryId);
    expect(trajectory.suspensions).toEqual([]);
  });
});
