import { Principal } from '@casusregie/auth';
import { ApiHarness, startApi } from '../support/api-harness';
import { HouseholdClient } from '../support/household-client';

const coordinator: Principal = { sub: 'jeugdconsulent-1', roles: ['consultant'], team: 'T1', municipality: 'GM0299' };
const colleague: Principal = { sub: 'consulent-2', roles: ['consultant'], team: 'T1', municipality: 'GM0299' };
const letIn: Principal = { sub: 'schuldhulp-3', roles: ['consultant'], team: 'T1', municipality: 'GM0299' };

const DEBT_QUESTION = 'Betalingsachterstanden en deurwaarder';
const CORRECTION_REASON = 'Intake was bij de schuldhulpmaatje thuis, een dag later';
const DEBT_GOAL = 'Schuldsanering via de gemeentelijke kredietbank';
const GGZ_GOAL = 'Behandeling bij de POH-GGZ afmaken';
const OPEN_GOAL = 'Dagbesteding drie ochtenden per week';

/**
 * Issue 14, finding 1: a consultant of the team who is not let into a restricted trajectory saw the corrections of
 * its events (reason, target) in the household and its history, could withdraw its events, and saw the plan goals
 * that belong to it. Everything that belongs to the trajectory is now kept to the people involved, on every path.
 */
describe('Restriction covers corrections, withdrawals and plan goals (PostgreSQL)', () => {
  let api: ApiHarness;
  let householdId: string;
  let sanne: string;
  let debt: string;
  let dagbesteding: string;
  let intakeEventId: string;

  const as = (principal: Principal) => ({
    get: (path: string) => api.http().get(`/api/v1${path}`).set('Authorization', api.bearer(principal)),
    post: (path: string, body: object) => api.http().post(`/api/v1${path}`).set('Authorization', api.bearer(principal)).send(body),
    put: (path: string, body: object) => api.http().put(`/api/v1${path}`).set('Authorization', api.bearer(principal)).send(body),
  });
  const seenBy = async (principal: Principal) => {
    const household = await as(principal).get(`/households/${householdId}`).expect(200);
    const history = await as(principal).get(`/households/${householdId}/events?limit=500`).expect(200);
    return { household: household.body, history: history.body, text: JSON.stringify(household.body) + JSON.stringify(history.body) };
  };

  beforeAll(async () => {
    api = await startApi('postgres', '2026-11-23');
    const client = new HouseholdClient(api, coordinator);
    const household = await client.register({
      municipality: 'GM0299',
      team: 'T1',
      registeredOn: '2026-02-13',
      residences: [{ key: 'A' }],
      members: [{ givenName: 'Sanne', familyName: 'Visser', birthDate: '1987-04-01', role: 'parent', residenceKeys: ['A'] }],
    });
    householdId = household.id;
    sanne = household.memberIds.Sanne;
    await client.put(`/households/${householdId}/coordinator`, { coordinatorId: coordinator.sub, name: 'Jeugdconsulent', date: '2026-02-13' });
    const melding = { memberId: sanne, source: 'self', channel: 'phone', date: '2026-03-01' };
    debt = await client.openTrajectory(householdId, { ...melding, question: DEBT_QUESTION, lifeDomains: ['schulden'], legalBasis: 'wgs' });
    dagbesteding = await client.openTrajectory(householdId, { ...melding, question: 'Dagbesteding', lifeDomains: ['dagbesteding'], legalBasis: 'wmo-2015' });
    await client.post(`/households/${householdId}/trajectories/${debt}/restriction`, { date: '2026-03-01', reason: 'debt' });
    await client.post(`/households/${householdId}/trajectories/${debt}/intake`, { date: '2026-03-10' });
    await client.post(`/households/${householdId}/trajectories/${debt}/access-grants`, { date: '2026-03-10', consultantId: letIn.sub });
    await client.post(`/households/${householdId}/trajectories/${dagbesteding}/intake`, { date: '2026-03-10' });
    const history = await client.events(householdId);
    intakeEventId = history.find((e: { type: string; data: { trajectoryId?: string } }) => e.type === 'IntakeHeld' && e.data.trajectoryId === debt)!.eventId;
    await client.post(`/households/${householdId}/events/${intakeEventId}/corrections`, { kind: 'date-correction', correctedDate: '2026-03-11', reason: CORRECTION_REASON, date: '2026-03-12' });
    await client.put(`/households/${householdId}/plan`, {
      date: '2026-03-15',
      goals: [
        { memberId: sanne, lifeDomain: 'dagbesteding', description: OPEN_GOAL, trajectoryId: dagbesteding },
        { memberId: sanne, lifeDomain: 'schulden', description: DEBT_GOAL, trajectoryId: debt },
        { memberId: sanne, lifeDomain: 'geestelijke-gezondheid', description: GGZ_GOAL, restrictionCategory: 'ggz' },
      ],
    });
  });
  afterAll(async () => {
    await api?.close();
    expect(api?.serverErrors).toEqual([]);
  });

  it('shows the casusregisseur the correction and every goal', async () => {
    const { household, text } = await seenBy(coordinator);
    expect(household.corrections).toEqual([expect.objectContaining({ targetEventId: intakeEventId, reason: CORRECTION_REASON })]);
    expect(household.plan.goals.map((g: { description: string }) => g.description)).toEqual([OPEN_GOAL, DEBT_GOAL, GGZ_GOAL]);
    for (const detail of [CORRECTION_REASON, DEBT_GOAL, GGZ_GOAL, DEBT_QUESTION]) expect(text).toContain(detail);
  });

  it('keeps the correction, its target and the restricted goals from a colleague, in the household and in its history', async () => {
    const { household, history, text } = await seenBy(colleague);
    expect(household.corrections).toEqual([]);
    expect(household.plan.goals).toEqual([
      expect.objectContaining({ description: OPEN_GOAL }),
      { restricted: true },
      { restricted: true },
    ]);
    for (const detail of [CORRECTION_REASON, intakeEventId, DEBT_GOAL, GGZ_GOAL, DEBT_QUESTION, 'EventCorrected', 'ggz']) expect(text).not.toContain(detail);
    const plan = history.events.find((e: { type: string }) => e.type === 'PlanAgreed');
    expect(plan.data.goals).toEqual([expect.objectContaining({ description: OPEN_GOAL }), { restricted: true }, { restricted: true }]);
  });

  it('shows someone let into the debt trajectory its goal and correction, but not the GGZ goal', async () => {
    const { household } = await seenBy(letIn);
    expect(household.corrections).toHaveLength(1);
    expect(household.plan.goals.map((g: { description?: string }) => g.description)).toEqual([OPEN_GOAL, DEBT_GOAL, undefined]);
  });

  it('does not let a colleague correct or withdraw an event of the trajectory (404, nothing recorded)', async () => {
    const before = await api.eventCount();
    const withdraw = await as(colleague).post(`/households/${householdId}/events/${intakeEventId}/corrections`, { kind: 'withdrawal', reason: 'Niet nodig', date: '2026-03-20' });
    expect(withdraw.status).toBe(404);
    expect(withdraw.body.code).toBe('event-not-found');
    const redate = await as(colleague).post(`/households/${householdId}/events/${intakeEventId}/corrections`, { kind: 'date-correction', correctedDate: '2026-03-09', reason: 'Eerder', date: '2026-03-20' });
    expect(redate.status).toBe(404);
    expect(await api.eventCount()).toBe(before);
  });

  it('does not let a colleague withdraw the plan that holds goals kept from them (409), nor tie a goal to the trajectory (404)', async () => {
    const before = await api.eventCount();
    const { history } = await seenBy(coordinator);
    const planEventId = history.events.find((e: { type: string }) => e.type === 'PlanAgreed').eventId;
    const withdraw = await as(colleague).post(`/households/${householdId}/events/${planEventId}/corrections`, { kind: 'withdrawal', reason: 'Opnieuw', date: '2026-03-20' });
    expect(withdraw.status).toBe(409);
    expect(withdraw.body.code).toBe('plan-has-restricted-goals');
    const tied = await as(colleague).put(`/households/${householdId}/plan`, {
      date: '2026-03-20',
      goals: [{ memberId: sanne, lifeDomain: 'schulden', description: 'Iets anders', trajectoryId: debt }],
    });
    expect(tied.status).toBe(404);
    expect(tied.body.code).toBe('trajectory-not-found');
    expect(await api.eventCount()).toBe(before);
  });

  it("keeps the goals a colleague cannot see when the colleague revises the plan", async () => {
    await as(colleague)
      .put(`/households/${householdId}/plan`, { date: '2026-03-20', goals: [{ memberId: sanne, lifeDomain: 'dagbesteding', description: 'Vier ochtenden' }] })
      .expect(200);
    const { household } = await seenBy(coordinator);
    expect(household.plan).toMatchObject({ version: 2 });
    expect(household.plan.goals.map((g: { description: string }) => g.description)).toEqual(['Vier ochtenden', DEBT_GOAL, GGZ_GOAL]);
  });
});
