import { Principal } from '@casusregie/auth';
import { ProjectionTriggerLifecycle } from '@casusregie/runtime';
import { ApiHarness, startApi } from '../support/api-harness';
import { HouseholdClient } from '../support/household-client';

const coordinator: Principal = { sub: 'jeugdconsulent-1', roles: ['consultant'], team: 'T1', municipality: 'GM0299' };
const colleague: Principal = { sub: 'consulent-2', roles: ['consultant'], team: 'T1', municipality: 'GM0299' };
const letIn: Principal = { sub: 'schuldhulp-3', roles: ['consultant'], team: 'T1', municipality: 'GM0299' };
const supervisor: Principal = { sub: 'teamleider', roles: ['supervisor'], municipality: 'GM0299' };

describe.each(['postgres'] as const)('restricted trajectories on %s (a rule of the domain: the store does not matter)', (kind) => {
  let api: ApiHarness;
  let householdId: string;
  let debt: string;
  let open: string;

  beforeAll(async () => {
    api = await startApi(kind, '2026-11-23');
    const client = new HouseholdClient(api, coordinator);
    const household = await client.register({
      municipality: 'GM0299',
      team: 'T1',
      registeredOn: '2026-02-13',
      residences: [{ key: 'A' }],
      members: [{ givenName: 'Sanne', familyName: 'Visser', birthDate: '1987-04-01', role: 'parent', residenceKeys: ['A'] }],
    });
    householdId = household.id;
    await client.put(`/households/${householdId}/coordinator`, { coordinatorId: coordinator.sub, name: 'Jeugdconsulent', date: '2026-02-13' });
    const melding = { memberId: household.memberIds.Sanne, source: 'self', channel: 'phone', lifeDomains: ['schulden'], legalBasis: 'wgs' };
    debt = await client.openTrajectory(householdId, { ...melding, date: '2026-03-01', question: 'Betalingsachterstanden en deurwaarder' });
    open = await client.openTrajectory(householdId, { ...melding, date: '2026-03-01', question: 'Dagbesteding', lifeDomains: ['dagbesteding'], legalBasis: 'wmo-2015' });
    await client.post(`/households/${householdId}/trajectories/${debt}/restriction`, { date: '2026-03-01', reason: 'debt' });
    await client.post(`/households/${householdId}/trajectories/${debt}/intake`, { date: '2026-03-10' });
  });
  afterAll(async () => {
    await api.close();
    expect(api.serverErrors).toEqual([]);
  });

  const as = (principal: Principal) => ({
    get: (path: string) => api.http().get(`/api/v1${path}`).set('Authorization', api.bearer(principal)),
    post: (path: string, body: object) => api.http().post(`/api/v1${path}`).set('Authorization', api.bearer(principal)).send(body),
  });

  it('shows the coordinator every detail', async () => {
    const { body } = await as(coordinator).get(`/households/${householdId}/trajectories/${debt}`).expect(200);
    expect(body).toMatchObject({ trajectoryId: debt, restricted: true, question: 'Betalingsachterstanden en deurwaarder', intakeOn: '2026-03-10' });
    expect(body.restriction).toEqual({ reason: 'debt', since: '2026-03-01', grantedTo: [coordinator.sub] });
  });

  it('answers 404 on the details for a consultant of the same team who is not involved, and keeps them out of the household and its history', async () => {
    const details = await as(colleague).get(`/households/${householdId}/trajectories/${debt}`).expect(404);
    expect(details.body.code).toBe('trajectory-not-found');
    await as(colleague).get(`/households/${householdId}/trajectories/${open}`).expect(200);

    const household = await as(colleague).get(`/households/${householdId}`).expect(200);
    expect(household.body.trajectories).toEqual(expect.arrayContaining([{ trajectoryId: debt, restricted: true }]));
    const history = await as(colleague).get(`/households/${householdId}/events`).expect(200);
    const text = JSON.stringify(household.body) + JSON.stringify(history.body);
    for (const detail of ['Betalingsachterstanden', 'schulden', 'IntakeHeld', 'debt']) expect(text).not.toContain(detail);

    const before = await api.eventCount();
    const step = await as(colleague).post(`/households/${householdId}/trajectories/${debt}/triage`, { date: '2026-03-11', level: 'L2' }).expect(404);
    expect(step.body.code).toBe('trajectory-not-found');
    await as(colleague).post(`/households/${householdId}/trajectories/${debt}/access-grants`, { date: '2026-03-11', consultantId: colleague.sub }).expect(404);
    expect(await api.eventCount()).toBe(before);
  });

  it('lets someone involved let another consultant in', async () => {
    await as(letIn).get(`/households/${householdId}/trajectories/${debt}`).expect(404);
    await as(coordinator).post(`/households/${householdId}/trajectories/${debt}/access-grants`, { date: '2026-03-12', consultantId: letIn.sub }).expect(201);
    const { body } = await as(letIn).get(`/households/${householdId}/trajectories/${debt}`).expect(200);
    expect(body.restriction.grantedTo).toEqual([coordinator.sub, letIn.sub]);
    await as(colleague).get(`/households/${householdId}/trajectories/${debt}`).expect(404);
  });

  it('still counts the restricted trajectory in the norm figures', async () => {
    await api.app.get(ProjectionTriggerLifecycle).settle();
    const { body } = await as(supervisor).get('/norms/melding-intake/compliance?asOf=2026-11-23&groupBy=year').expect(200);
    // Both meldingen of 2026-03-01: the restricted one had its intake on day 9 (on time), the other none (late).
    expect(body.groups).toEqual([expect.objectContaining({ group: '2026', onTime: 1, late: 1 })]);
  });
});
