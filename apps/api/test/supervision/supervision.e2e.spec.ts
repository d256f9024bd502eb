import { Principal } from '@casusregie/auth';
import { ProjectionTriggerLifecycle } from '@casusregie/runtime';
import { haddad, listeningScenarioApi } from '@casusregie/seeds/scenarios';
import { ApiHarness, startApi, STORE_KINDS } from '../support/api-harness';
import { HouseholdClient } from '../support/household-client';
import { instantBeforeWhatFollows } from '@casusregie/test-support';

/** Scenario 6.1 (gezin Haddad), the seed fixture: its consultant, and a supervisor of Zevenaar. */
const { municipality: ZEVENAAR, inburgeringsconsulent: consulent } = haddad;
const supervisor: Principal = { sub: 'zvn-teamleider', roles: ['supervisor'], municipality: ZEVENAAR };

describe.each(STORE_KINDS)('supervisor figures over HTTP on %s', (kind) => {
  let api: ApiHarness;
  let recorded: Awaited<ReturnType<typeof haddad.record>>;
  const get = (path: string) => api.http().get(`/api/v1${path}`).set('Authorization', api.bearer(supervisor));
  const settle = () => api.app.get(ProjectionTriggerLifecycle).settle();

  beforeAll(async () => {
    api = await startApi(kind, '2028-12-31');
    recorded = await haddad.record(await listeningScenarioApi(api.app, (principal) => api.bearer(principal)));
    await settle();
  });
  afterAll(async () => {
    await api.close();
    expect(api.serverErrors).toEqual([]);
  });

  it('lists the configured norms of the municipality', async () => {
    const { body } = await get('/norms').expect(200);
    expect(body.municipality).toBe(ZEVENAAR);
    expect(body.norms.map((n: { id: string }) => n.id)).toEqual(
      expect.arrayContaining(['verkennend-gesprek-4w', 'pip-leerroute-2m', 'melding-intake', 'wmo-onderzoek-6w', 'waakvlam-contact-due', 'wijk-ggd-referrals']),
    );
  });

  it('pip-leerroute-2m, 2026 cohort: one on-time (Rania, 56 days) and one late (Yusuf, 69 days) against the 95 % target', async () => {
    const { body } = await get('/norms/pip-leerroute-2m/compliance?from=2026-01-01&to=2026-12-31&asOf=2027-03-01&groupBy=year').expect(200);
    expect(body.groups).toEqual([
      { group: '2026', onTime: 1, late: 1, pending: 0, excluded: 0, percentage: 50, target: 95, provisional: false, medianDays: 62.5, p90Days: 69 },
    ]);
  });

  it('pip-leerroute-2m grouped by team over 2026: the 2026 target applies to the team too (it was null)', async () => {
    const { body } = await get('/norms/pip-leerroute-2m/compliance?from=2026-01-01&to=2026-12-31&asOf=2027-03-01&groupBy=team').expect(200);
    expect(body.groups).toEqual([expect.objectContaining({ onTime: 1, late: 1, percentage: 50, target: body.norm.target.percentage })]);
    expect(body.norm.target).toMatchObject({ percentage: 95, year: 2026 });
    const spanningYears = await get('/norms/pip-leerroute-2m/compliance?from=2025-01-01&to=2026-12-31&asOf=2027-03-01&groupBy=team').expect(200);
    expect(spanningYears.body.groups).toEqual([expect.objectContaining({ target: null })]);
  });

  it('as of 2026-05-20 Yusuf’s PIP item is pending with 11 days left; as of 2026-06-01 it is late', async () => {
    const pending = await get('/norms/pip-leerroute-2m/items?status=pending&asOf=2026-05-20').expect(200);
    expect(pending.body.items).toEqual([
      expect.objectContaining({ trajectoryId: recorded.yusuf, householdId: recorded.casus.id, status: 'pending', daysLeft: 11, deadline: '2026-05-31', stopDate: null }),
    ]);
    const late = await get('/norms/pip-leerroute-2m/items?status=late&asOf=2026-06-01').expect(200);
    expect(late.body.items).toEqual([expect.objectContaining({ trajectoryId: recorded.yusuf, status: 'late', daysOverdue: 1 })]);
    const dueSoon = await get('/norms/pip-leerroute-2m/items?dueWithinDays=10&asOf=2026-05-20').expect(200);
    expect(dueSoon.body.items).toEqual([]);
  });

  it('verkennend-gesprek-4w: one on-time item of 21 days', async () => {
    const { body } = await get('/norms/verkennend-gesprek-4w/compliance?asOf=2026-12-31').expect(200);
    expect(body.groups).toEqual([
      { group: '2026', onTime: 1, late: 0, pending: 0, excluded: 0, percentage: 100, target: null, provisional: false, medianDays: 21, p90Days: 21 },
    ]);
  });

  it('gives the same figures as CSV', async () => {
    const response = await get('/norms/pip-leerroute-2m/compliance?asOf=2027-03-01&from=2026-01-01&to=2026-12-31').set('Accept', 'text/csv').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.text.trim().split('\n')).toEqual([
      'group,onTime,late,pending,excluded,percentage,target,provisional,medianDays,p90Days,knownAt,restated',
      '2026,1,1,0,0,50,95,false,62.5,69,,',
    ]);
  });

  it('shows waiting times per stage', async () => {
    const { body } = await get('/waiting-times?stage=melding-first-support&from=2026-01-01&to=2026-12-31&asOf=2026-12-31').expect(200);
    // The GGZ trajectory has no accepted referral or care start yet; the inburgering ones neither.
    expect(body.groups).toEqual([{ group: '2026', count: 0, median: null, p90: null, max: null, open: 3 }]);
  });

  it('refuses knownAt on the figures that keep no history (waiting times) with a 400, instead of ignoring it', async () => {
    const response = await get(`/waiting-times?stage=melding-intake&knownAt=${new Date().toISOString()}`).expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.invalidParams).toEqual([expect.objectContaining({ name: 'knownAt' })]);
    await get(`/norms/melding-intake/compliance?knownAt=${new Date().toISOString()}`).expect(200);
  });

  it('reproduces a report as known before a backdated fact, and flags it restated', async () => {
    const client = new HouseholdClient(api, consulent);
    const before = await instantBeforeWhatFollows();
    // Recorded now, dated in May: the GGNet referral was accepted and care started.
    const ggnet = `/households/${recorded.casus.id}/trajectories/${recorded.yusufGgz}/referrals/${recorded.ggnet}`;
    await client.post(`${ggnet}/acceptance`, { date: '2026-05-20' });
    await client.post(`${ggnet}/care-start`, { date: '2026-05-28' });
    await settle();

    const now = await get('/norms/referral-care-start/compliance?asOf=2026-12-31').expect(200);
    expect(now.body.groups).toEqual([expect.objectContaining({ group: '2026', onTime: 1, medianDays: 8 })]);
    const asProduced = await get(`/norms/referral-care-start/compliance?asOf=2026-12-31&knownAt=${before.toISOString()}`).expect(200);
    expect(asProduced.body.groups).toEqual([]);
    expect(asProduced.body.restated).toBe(true);
  });

  it('shows the caseload per casusregisseur', async () => {
    const { body } = await get('/caseload').expect(200);
    expect(body.coordinators).toEqual([{ coordinatorId: consulent.sub, team: 'inburgering', households: 1, openTrajectories: 3, inWaakvlam: 0 }]);
  });

  it('never shows a name, BSN or free text to a supervisor', async () => {
    const responses = await Promise.all([
      get('/norms'),
      get('/norms/pip-leerroute-2m/compliance?asOf=2026-12-31'),
      get('/norms/pip-leerroute-2m/items?asOf=2026-12-31'),
      get('/norms/verkennend-gesprek-4w/items?asOf=2026-12-31'),
      get('/waiting-times?stage=melding-intake'),
      get('/waakvlam/due?asOf=2026-12-31'),
      get('/caseload'),
    ]);
    for (const response of responses) {
      expect(response.status).toBe(200);
      const text = JSON.stringify(response.body);
      for (const personal of ['Haddad', 'Yusuf', 'Rania', '111222333', 'Slaapproblemen', 'brede intake', '1996-05-02']) expect(text).not.toContain(personal);
    }
  });

  it('keeps figures to the supervisor role and municipality', async () => {
    await api.http().get('/api/v1/norms').set('Authorization', api.bearer(consulent)).expect(403);
    const other = await api
      .http()
      .get('/api/v1/norms/pip-leerroute-2m/compliance?asOf=2027-03-01&from=2026-01-01&to=2026-12-31')
      .set('Authorization', api.bearer({ ...supervisor, municipality: 'GM0344' }))
      .expect(200);
    expect(other.body.groups).toEqual([]);
    await get('/norms/no-such-norm/compliance').expect(404);
    const bad = await get('/norms/pip-leerroute-2m/compliance?asOf=2026-13-01&groupBy=week').expect(400);
    expect(bad.body.invalidParams.map((p: { name: string }) => p.name).sort()).toEqual(['asOf', 'groupBy']);
  });

  it('no longer counts a withdrawn referral as waiting for an answer: it is excluded, as in the norm referral-acceptance', async () => {
    const waits = async () => (await get('/waiting-times?stage=referral-acceptance&asOf=2026-12-31').expect(200)).body;
    const before = await waits();
    // The Caleidoz referral of 2026-05-15 has no answer: it waits.
    expect(before.groups).toEqual([expect.objectContaining({ group: '2026', open: expect.any(Number) })]);
    const caleidoz = `/households/${recorded.casus.id}/trajectories/${recorded.yusufGgz}/referrals/${recorded.caleidoz}`;
    await new HouseholdClient(api, consulent).post(`${caleidoz}/withdrawal`, { date: '2026-06-01', reason: 'Inwoner ziet ervan af' });
    await settle();
    const after = await waits();
    expect(after.norm).toEqual({ id: 'referral-acceptance', title: expect.any(String), calendar: 'calendar-days' });
    expect(after.groups).toEqual([{ ...before.groups[0], open: before.groups[0].open - 1 }]);
    const items = (await get('/norms/referral-acceptance/items?asOf=2026-12-31').expect(200)).body.items;
    expect(items.find((item: { referralId: string }) => item.referralId === recorded.caleidoz)).toMatchObject({ status: 'excluded' });
  });
});
