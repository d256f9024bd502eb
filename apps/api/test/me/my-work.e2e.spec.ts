import { Principal } from '@casusregie/auth';
import { ApiHarness, startApi } from '../support/api-harness';
import { HouseholdClient } from '../support/household-client';

/**
 * A consultant's own caseload and worklist (GET /me/caseload, GET /me/worklist) on PostgreSQL, over households
 * recorded through the API. Every deadline below is counted by hand from the dates recorded (calendar days): a
 * melding's intake is due 14 days after it (melding-intake), a Wmo onderzoek 6 weeks after it (wmo-onderzoek-6w), a
 * waakvlam contact `contactIntervalDays` after waakvlam started (waakvlam-contact-due). Today is 2026-11-23.
 */
const TODAY = '2026-11-23';
const me: Principal = { sub: 'casusregisseur-1', roles: ['consultant'], team: 'T1', municipality: 'GM0299' };
const teamMate: Principal = { sub: 'consulent-2', roles: ['consultant'], team: 'T1', municipality: 'GM0299' };
const otherTeam: Principal = { sub: 'consulent-3', roles: ['consultant'], team: 'T2', municipality: 'GM0299' };
/** Someone of the same id in another municipality: a household there is never mine here. */
const elsewhere: Principal = { ...me, municipality: 'GM0226' };
const supervisor: Principal = { sub: 'teamleider', roles: ['supervisor'], municipality: 'GM0299' };
const provider: Principal = { sub: 'aanbieder-1', roles: ['provider'], org: '98765432', municipality: 'GM0299' };

const MEMBER = { givenName: 'Sanne', familyName: 'Visser', birthDate: '1987-04-01', bsn: '999993653', role: 'parent', residenceKeys: ['A'] };
const QUESTION = 'Hulp bij de opvoeding gevraagd';

describe('a consultant’s caseload and worklist on PostgreSQL', () => {
  let api: ApiHarness;
  /** Household ids by letter, and trajectory ids by name. */
  const h: Record<string, string> = {};
  const t: Record<string, string> = {};

  const get = (principal: Principal, path: string) => api.http().get(`/api/v1${path}`).set('Authorization', api.bearer(principal));

  /** Registers a household for the principal's team, with a casusregisseur when given, and opens its trajectories. */
  async function household(
    by: Principal,
    coordinatorId: string | undefined,
    trajectories: { name: string; legalBasis: string; openedOn: string; restrict?: string }[],
  ): Promise<{ id: string; client: HouseholdClient; memberId: string }> {
    const client = new HouseholdClient(api, by);
    const { id, memberIds } = await client.register({
      municipality: by.municipality,
      team: by.team,
      registeredOn: '2026-09-01',
      residences: [{ key: 'A' }],
      members: [MEMBER],
    });
    if (coordinatorId !== undefined) await client.put(`/households/${id}/coordinator`, { coordinatorId, name: 'Consulent', date: '2026-09-01' });
    for (const { name, legalBasis, openedOn, restrict } of trajectories) {
      t[name] = await client.openTrajectory(id, { memberId: memberIds.Sanne, source: 'self', channel: 'phone', lifeDomains: ['wonen'], legalBasis, question: QUESTION, date: openedOn });
      if (restrict !== undefined) await client.post(`/households/${id}/trajectories/${t[name]}/restriction`, { date: openedOn, reason: restrict });
    }
    return { id, client, memberId: memberIds.Sanne };
  }

  beforeAll(async () => {
    api = await startApi('postgres', TODAY);
    // A: mine, of my team. Wmo melding of 11-16: intake due 11-30, onderzoek 12-28.
    h.A = (await household(me, me.sub, [{ name: 'A1', legalBasis: 'wmo-2015', openedOn: '2026-11-16' }])).id;
    // B: my team, a colleague coordinates. B1 (11-01): intake due 11-15, late. B2 (10-20, restricted by the
    // colleague): intake due 11-03, sooner, but not mine to see.
    // Triaged: B1 at L1, B2 at L4 (so B's level is L1 to me, L4 to the colleague).
    const b = await household(teamMate, teamMate.sub, [
      { name: 'B1', legalBasis: 'jeugdwet', openedOn: '2026-11-01' },
      { name: 'B2', legalBasis: 'wgs', openedOn: '2026-10-20', restrict: 'debt' },
    ]);
    h.B = b.id;
    await b.client.post(`/households/${h.B}/trajectories/${t.B1}/triage`, { date: '2026-11-02', level: 'L1' });
    await b.client.post(`/households/${h.B}/trajectories/${t.B2}/triage`, { date: '2026-10-21', level: 'L4' });
    // C: another team's, but I coordinate it. Melding of 11-20: intake due 12-04.
    h.C = (await household(otherTeam, me.sub, [{ name: 'C1', legalBasis: 'participatiewet', openedOn: '2026-11-20' }])).id;
    // D: another team's, not mine.
    h.D = (await household(otherTeam, otherTeam.sub, [{ name: 'D1', legalBasis: 'jeugdwet', openedOn: '2026-11-22' }])).id;
    // E: "mine" by id, in another municipality.
    h.E = (await household(elsewhere, me.sub, [{ name: 'E1', legalBasis: 'jeugdwet', openedOn: '2026-11-02' }])).id;
    // F: my team, its one open trajectory restricted by the colleague (intake due 11-19).
    h.F = (await household(teamMate, teamMate.sub, [{ name: 'F1', legalBasis: 'jeugdwet', openedOn: '2026-11-05', restrict: 'safety' }])).id;
    // W: my team, no casusregisseur. Intake held 09-05 (on time: stopped); waakvlam since 11-10 every 14 days: due 11-24.
    const w = await household(teamMate, undefined, [{ name: 'W1', legalBasis: 'none', openedOn: '2026-09-01' }]);
    h.W = w.id;
    await w.client.post(`/households/${h.W}/trajectories/${t.W1}/intake`, { date: '2026-09-05' });
    await w.client.post(`/households/${h.W}/trajectories/${t.W1}/waakvlam`, { date: '2026-11-10', contactIntervalDays: 14 });
    // N: my team, nothing due: the intake was held, and the other norms of a melding without a legal basis have no term.
    const n = await household(teamMate, undefined, [{ name: 'N1', legalBasis: 'none', openedOn: '2026-09-01' }]);
    h.N = n.id;
    await n.client.post(`/households/${h.N}/trajectories/${t.N1}/intake`, { date: '2026-09-03' });
  });
  afterAll(async () => {
    await api.close();
    expect(api.serverErrors).toEqual([]);
  });

  /** Every page of a list, `limit` at a time: the items of all pages, and how many pages it took. */
  async function walk(principal: Principal, path: string, items: 'households' | 'items', limit: number) {
    const all: Record<string, unknown>[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const separator = path.includes('?') ? '&' : '?';
      const { body }: { body: Record<string, unknown> & { next: string | null } } = await get(principal, `${path}${separator}limit=${limit}${after === null ? '' : `&after=${after}`}`).expect(200);
      const page = body[items] as Record<string, unknown>[];
      expect(page.length).toBeLessThanOrEqual(limit);
      all.push(...page);
      after = body.next;
      pages++;
    } while (after !== null && pages < 20);
    return { all, pages };
  }

  const next = (normId: string, trajectory: string, deadline: string, judged: { status: string; daysLeft?: number; daysOverdue?: number }) =>
    expect.objectContaining({ normId, trajectoryId: t[trajectory], deadline, status: judged.status, daysLeft: judged.daysLeft ?? null, daysOverdue: judged.daysOverdue ?? null });

  it('lists my households and my team’s, soonest next deadline first, none last; not another team’s or municipality’s', async () => {
    const { body } = await get(me, '/me/caseload').expect(200);
    expect(body.asOf).toBe(TODAY);
    expect(body.households.map((x: { householdId: string }) => x.householdId)).toEqual([h.B, h.W, h.A, h.C, h.N]);
    const [b, w, a, c, n] = body.households;
    expect(b).toEqual({
      householdId: h.B,
      team: 'T1',
      coordinatorId: teamMate.sub,
      isCoordinator: false,
      level: 'L1',
      trajectories: [{ trajectoryId: t.B1, legalBasis: 'jeugdwet', status: 'open', level: 'L1', waakvlamActive: false }],
      // B1's intake, due 11-01 + 14 = 11-15: 8 days overdue. (B2's, due 11-03, is not mine to see.)
      nextDeadline: {
        householdId: h.B,
        trajectoryId: t.B1,
        normId: 'melding-intake',
        itemKey: t.B1,
        referralId: null,
        startDate: '2026-11-01',
        deadline: '2026-11-15',
        status: 'late',
        daysLeft: null,
        daysOverdue: 8,
      },
    });
    // The waakvlam contact (11-10 + 14), not the intake of 09-15 that was held in time.
    expect(w).toMatchObject({ coordinatorId: null, isCoordinator: false, nextDeadline: next('waakvlam-contact-due', 'W1', '2026-11-24', { status: 'pending', daysLeft: 1 }) });
    expect(w.trajectories).toEqual([expect.objectContaining({ trajectoryId: t.W1, waakvlamActive: true })]);
    expect(a).toMatchObject({ team: 'T1', isCoordinator: true, nextDeadline: next('melding-intake', 'A1', '2026-11-30', { status: 'pending', daysLeft: 7 }) });
    expect(c).toMatchObject({ team: 'T2', isCoordinator: true, nextDeadline: next('melding-intake', 'C1', '2026-12-04', { status: 'pending', daysLeft: 11 }) });
    expect(n).toMatchObject({ householdId: h.N, nextDeadline: null });
    expect(body.next).toBeNull();
  });

  it('leaves out a restricted trajectory I am not let into, its deadlines and a household that has nothing else open', async () => {
    const text = JSON.stringify((await get(me, '/me/caseload').expect(200)).body) + JSON.stringify((await get(me, '/me/worklist?dueWithinDays=365').expect(200)).body);
    for (const hidden of [t.B2, t.F1, h.F, '2026-11-03', '2026-10-20', '2026-11-19', 'wgs', 'L4']) expect(text).not.toContain(hidden);
    // No names, BSN, birth dates or free text either.
    for (const personal of [MEMBER.givenName, MEMBER.familyName, MEMBER.birthDate, MEMBER.bsn, QUESTION]) expect(text).not.toContain(personal);

    // The colleague who restricted them sees them, and B's next deadline is then B2's.
    const theirs = (await get(teamMate, '/me/caseload').expect(200)).body.households;
    expect(theirs.map((x: { householdId: string }) => x.householdId)).toEqual([h.B, h.F, h.W, h.A, h.N]);
    expect(theirs[0].trajectories.map((x: { trajectoryId: string }) => x.trajectoryId).sort()).toEqual([t.B1, t.B2].sort());
    expect(theirs[0].nextDeadline).toEqual(next('melding-intake', 'B2', '2026-11-03', { status: 'late', daysOverdue: 20 }));
    expect(theirs[0].level).toBe('L4');

    // Let in, I see it too.
    await new HouseholdClient(api, teamMate).post(`/households/${h.B}/trajectories/${t.B2}/access-grants`, { date: TODAY, consultantId: me.sub });
    const mine = (await get(me, '/me/caseload').expect(200)).body.households;
    expect(mine[0]).toMatchObject({ householdId: h.B, nextDeadline: next('melding-intake', 'B2', '2026-11-03', { status: 'late', daysOverdue: 20 }) });
  });

  it('filters by scope: the households I coordinate, or those of my team', async () => {
    const coordinated = (await get(me, '/me/caseload?scope=coordinated').expect(200)).body;
    expect(coordinated.households.map((x: { householdId: string }) => x.householdId)).toEqual([h.A, h.C]);
    expect(coordinated.scope).toBe('coordinated');
    const team = (await get(me, '/me/caseload?scope=team').expect(200)).body;
    expect(team.households.map((x: { householdId: string }) => x.householdId)).toEqual([h.B, h.W, h.A, h.N]);
    // Another team's consultant: their team's households (C, D), not mine of T1.
    const other = (await get(otherTeam, '/me/caseload').expect(200)).body;
    expect(other.households.map((x: { householdId: string }) => x.householdId)).toEqual([h.C, h.D]);
  });

  it('pages the caseload: every household once, in order, over several pages', async () => {
    const whole = (await get(me, '/me/caseload').expect(200)).body.households;
    const { all, pages } = await walk(me, '/me/caseload', 'households', 2);
    expect(pages).toBe(3);
    expect(all).toEqual(whole);
  });

  it('lists the deadlines due within 7 days and the overdue ones, soonest first, and pages them', async () => {
    const { body } = await get(me, '/me/worklist').expect(200);
    expect(body).toMatchObject({ asOf: TODAY, dueWithinDays: 7, scope: null, next: null });
    // B2 (let in since the test above) and B1 overdue, the waakvlam contact due tomorrow, A1's intake in 7 days; C1's
    // intake (12-04, 11 days) and A1's onderzoek (12-28) are further off; W1's intake was held.
    expect(body.items).toEqual([
      next('melding-intake', 'B2', '2026-11-03', { status: 'late', daysOverdue: 20 }),
      next('melding-intake', 'B1', '2026-11-15', { status: 'late', daysOverdue: 8 }),
      next('waakvlam-contact-due', 'W1', '2026-11-24', { status: 'pending', daysLeft: 1 }),
      next('melding-intake', 'A1', '2026-11-30', { status: 'pending', daysLeft: 7 }),
    ]);
    const { all, pages } = await walk(me, '/me/worklist', 'items', 3);
    expect(pages).toBe(2);
    expect(all).toEqual(body.items);

    const fortnight = (await get(me, '/me/worklist?dueWithinDays=14').expect(200)).body.items;
    expect(fortnight.map((x: { normId: string; trajectoryId: string }) => `${x.normId} ${x.trajectoryId}`)).toEqual(
      [['melding-intake', 'B2'], ['melding-intake', 'B1'], ['waakvlam-contact-due', 'W1'], ['melding-intake', 'A1'], ['melding-intake', 'C1']].map(([norm, name]) => `${norm} ${t[name]}`),
    );
    const sixDays = (await get(me, '/me/worklist?dueWithinDays=6&scope=coordinated').expect(200)).body.items;
    expect(sixDays).toEqual([]);
    // As of 11-10: B1 (since 11-01) was pending with 5 days left; A1 and the waakvlam had not started yet.
    const earlier = (await get(me, '/me/worklist?asOf=2026-11-10&scope=team').expect(200)).body.items;
    expect(earlier).toEqual([
      next('melding-intake', 'B2', '2026-11-03', { status: 'late', daysOverdue: 7 }),
      next('melding-intake', 'B1', '2026-11-15', { status: 'pending', daysLeft: 5 }),
    ]);
  });

  it('shows a step just recorded: the waakvlam contact moves the next one 14 days on', async () => {
    await new HouseholdClient(api, teamMate).post(`/households/${h.W}/trajectories/${t.W1}/waakvlam/contacts`, { date: TODAY, mode: 'phone', outcome: 'stable' });
    const w = (await get(me, '/me/caseload').expect(200)).body.households.find((x: { householdId: string }) => x.householdId === h.W);
    expect(w.nextDeadline).toEqual(next('waakvlam-contact-due', 'W1', '2026-12-07', { status: 'pending', daysLeft: 14 }));
  });

  it('logs the households shown as processed, under the activities of the register', async () => {
    const { rows } = await api.storage.readModels.query<{ activity: string; subject: string }>(
      `SELECT DISTINCT activity, subject FROM processing_log WHERE activity LIKE 'consultant.%'`,
    );
    const subjects = (activity: string) => rows.filter((row) => row.activity === activity).map((row) => row.subject).sort();
    const households = (...letters: string[]) => letters.map((letter) => `household:${h[letter]}`).sort();
    // Mine (A, B, C, N, W), the colleague's (also F) and the other team's (C, D) caseloads; my worklists.
    expect(subjects('consultant.caseload.read')).toEqual(households('A', 'B', 'C', 'D', 'F', 'N', 'W'));
    expect(subjects('consultant.worklist.read')).toEqual(households('A', 'B', 'C', 'W'));
  });

  it('is for consultants only, and refuses a cursor that is not one of its own', async () => {
    for (const principal of [supervisor, provider]) {
      for (const path of ['/me/caseload', '/me/worklist']) {
        const response = await get(principal, path).expect(403);
        expect(response.body.code).toBe('missing-role');
      }
    }
    const before = await api.eventCount();
    for (const path of ['/me/caseload?after=bm90LWEtY3Vyc29y', '/me/worklist?after=bm90LWEtY3Vyc29y', '/me/caseload?scope=everyone', '/me/worklist?dueWithinDays=-1']) {
      const response = await get(me, path).expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(await api.eventCount()).toBe(before);
  });
});
