import { Principal } from '@casusregie/auth';
import { ProjectionTriggerLifecycle } from '@casusregie/runtime';
import { ApiHarness, consultant, startApi } from '../support/api-harness';
import { HouseholdClient } from '../support/household-client';
import { instantBeforeWhatFollows } from '@casusregie/test-support';

const admin: Principal = { sub: 'regio-beheerder', roles: ['admin'], municipality: 'GM0299' };
const supervisor: Principal = { sub: 'zvn-teamleider', roles: ['supervisor'], municipality: 'GM0299' };
const otherSupervisor: Principal = { ...supervisor, sub: 'ngn-teamleider', municipality: 'GM0356' };
const PROVIDER_A = '11110001';
const PROVIDER_B = '22220002';
const PROBLEM_JSON = /^application\/problem\+json/;

/**
 * The management figures (issue 19) over HTTP on PostgreSQL, on eight Zevenaar households written through the API:
 * each a Wmo melding of one inwoner (born 1990, postcode 6901: age band 27-66, wijk Zevenaar) on 2026-12-01 and a
 * maatwerk referral still waiting for care on 2026-12-31: six to provider A (four made 12-21, ten days; two 12-20,
 * eleven days), two to provider B (12-19, twelve days). By hand: 8 waiting, median of 10,10,10,10,11,11,12,12 = 10.5.
 */
describe('management figures over HTTP on postgres', () => {
  let api: ApiHarness;
  const as = (principal: Principal) => ({ get: (path: string) => api.http().get(`/api/v1${path}`).set('Authorization', api.bearer(principal)) });
  const get = (path: string) => as(supervisor).get(path);
  const settle = () => api.app.get(ProjectionTriggerLifecycle).settle();
  const firstReferral: { household?: string; trajectory?: string; referral?: string } = {};
  let beforeCare: Date;

  beforeAll(async () => {
    api = await startApi('postgres', '2026-12-31');
    for (const [agbCode, name] of [
      [PROVIDER_A, 'Begeleiding Liemers'],
      [PROVIDER_B, 'Thuiszorg Rijnwaarden'],
    ]) {
      await api.http().post('/api/v1/providers').set('Authorization', api.bearer(admin)).send({ agbCode, name, productCategories: ['maatwerk'] }).expect(201);
    }
    const client = new HouseholdClient(api, consultant);
    const referrals: [string, string][] = [
      [PROVIDER_A, '2026-12-21'],
      [PROVIDER_A, '2026-12-21'],
      [PROVIDER_A, '2026-12-21'],
      [PROVIDER_A, '2026-12-21'],
      [PROVIDER_A, '2026-12-20'],
      [PROVIDER_A, '2026-12-20'],
      [PROVIDER_B, '2026-12-19'],
      [PROVIDER_B, '2026-12-19'],
    ];
    for (const [i, [agbCode, date]] of referrals.entries()) {
      const household = await client.register({
        municipality: 'GM0299',
        team: 'T1',
        registeredOn: '2026-12-01',
        residences: [{ key: 'thuis', postcode: '6901 AB', houseNumber: String(i + 1) }],
        members: [{ givenName: `Inwoner${i}`, familyName: 'Figuur', birthDate: `1990-0${(i % 9) + 1}-15`, role: 'other', residenceKeys: ['thuis'] }],
      });
      const trajectory = await client.openTrajectory(household.id, {
        memberId: household.memberIds[`Inwoner${i}`],
        date: '2026-12-01',
        source: 'self',
        channel: 'phone',
        question: 'Hulp bij het huishouden',
        lifeDomains: ['zelfredzaamheid'],
        legalBasis: 'wmo-2015',
      });
      const referral = await client.refer(household.id, trajectory, { date, organisation: { agbCode, name: 'x' }, category: 'maatwerk', warmHandover: false });
      if (i === 0) Object.assign(firstReferral, { household: household.id, trajectory, referral });
    }
    await settle();
  });
  afterAll(async () => {
    await api.close();
    expect(api.serverErrors).toEqual([]);
  });

  it('lists the figures apart from the norms: with K-number and source, and none of them a norm', async () => {
    const { body } = await get('/figures').expect(200);
    expect(body.figures.map((f: { id: string }) => f.id)).toEqual(
      expect.arrayContaining(['open-trajectories', 'waiting-for-care', 'referrals', 'triage-to-referral', 'care-duration', 'stacked-support', 'wmo-clients']),
    );
    expect(body.figures.find((f: { id: string }) => f.id === 'waiting-for-care')).toMatchObject({ kind: 'figure', kNumber: 'K31', source: expect.stringContaining('003:48') });
    const norms = await get('/norms').expect(200);
    const normIds = norms.body.norms.map((n: { id: string }) => n.id);
    for (const figure of body.figures) expect(normIds).not.toContain(figure.id);
    expect(normIds.some((id: string) => id.startsWith('figure'))).toBe(false);
  });

  it('K31 as JSON: 8 waiting with a median of 10.5 days; per provider 6 and "<5", and then 6 is withheld so "<5" cannot be worked out from the total 8', async () => {
    const all = await get('/figures/waiting-for-care?asOf=2026-12-31&groupBy=none').expect(200);
    expect(all.body.rows).toEqual([{ group: 'all', count: 8, medianDays: 10.5, p90Days: 12 }]);
    expect(all.body.suppression).toEqual({ threshold: 5, below: '<5', withheld: 'x' });

    const perProvider = await get('/figures/waiting-for-care?asOf=2026-12-31&groupBy=none&breakdown=provider').expect(200);
    expect(perProvider.body.rows).toEqual([
      { group: 'all', provider: PROVIDER_A, count: 'x', medianDays: 10, p90Days: 11 },
      { group: 'all', provider: PROVIDER_B, count: '<5', medianDays: 'x', p90Days: 'x' },
    ]);
    expect(perProvider.body.totals).toEqual([{ group: 'all', count: 8, medianDays: 10.5, p90Days: 12 }]);

    // The figure's default grouping is per provider: then each provider is its own group, without a total to subtract from.
    const grouped = await get('/figures/waiting-for-care?asOf=2026-12-31').expect(200);
    expect(grouped.body.rows).toEqual([
      { group: PROVIDER_A, count: 6, medianDays: 10, p90Days: 11 },
      { group: PROVIDER_B, count: '<5', medianDays: 'x', p90Days: 'x' },
    ]);
  });

  it('opens the birth dates and postcodes only to band and place them: all 27-66 in wijk Zevenaar, never a birth date in the answer', async () => {
    const { body, text } = await get('/figures/open-trajectories?asOf=2026-12-31&breakdown=legalBasis,ageBand,wijk').expect(200);
    expect(body.rows).toEqual([{ group: 'all', legalBasis: 'wmo-2015', ageBand: '27-66', wijk: 'Zevenaar', count: 8, medianDays: 30, p90Days: 30 }]);
    for (const personal of ['1990-01-15', '1990-08-15', '6901', 'Figuur', 'Inwoner']) expect(text).not.toContain(personal);
  });

  it('gives CSV for Dutch Excel: byte-order mark, semicolons, decimal comma, "<5" and the totals, knownAt and restated on every line', async () => {
    const response = await get('/figures/waiting-for-care?asOf=2026-12-31&groupBy=none&breakdown=provider&csv=excel-nl').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toBe('attachment; filename="waiting-for-care-2026-12-31.csv"');
    expect(response.text.startsWith('\uFEFF')).toBe(true);
    expect(response.text.slice(1).split('\r\n')).toEqual([
      'group;provider;count;medianDays;p90Days;knownAt;restated',
      `all;${PROVIDER_A};x;10;11;;`,
      `all;${PROVIDER_B};<5;x;x;;`,
      'all;totaal;8;10,5;12;;',
      '',
    ]);
    const plain = await get('/figures/waiting-for-care?asOf=2026-12-31&groupBy=none').set('Accept', 'text/csv').expect(200);
    expect(plain.text).toBe('group,count,medianDays,p90Days,knownAt,restated\nall,8,10.5,12,,\n');
  });

  it('reproduces a figure as known before a later fact (knownAt), flags it restated, and says so on the compliance CSV too', async () => {
    beforeCare = await instantBeforeWhatFollows();
    const client = new HouseholdClient(api, consultant);
    const referral = `/households/${firstReferral.household}/trajectories/${firstReferral.trajectory}/referrals/${firstReferral.referral}`;
    await client.post(`${referral}/acceptance`, { date: '2026-12-28' });
    await client.post(`${referral}/care-start`, { date: '2026-12-29' });
    await settle();

    const now = await get('/figures/waiting-for-care?asOf=2026-12-31&groupBy=none').expect(200);
    expect(now.body.rows).toEqual([expect.objectContaining({ count: 7 })]);
    const asProduced = await get(`/figures/waiting-for-care?asOf=2026-12-31&groupBy=none&knownAt=${beforeCare.toISOString()}`).expect(200);
    expect(asProduced.body.rows).toEqual([{ group: 'all', count: 8, medianDays: 10.5, p90Days: 12 }]);
    expect(asProduced.body).toMatchObject({ knownAt: beforeCare.toISOString(), restated: true });
    const csv = await get(`/figures/waiting-for-care?asOf=2026-12-31&groupBy=none&knownAt=${beforeCare.toISOString()}&csv=rfc4180`).expect(200);
    expect(csv.text).toBe(`group,count,medianDays,p90Days,knownAt,restated\nall,8,10.5,12,${beforeCare.toISOString()},true\n`);

    // The compliance CSV carried only the groups: knownAt and restated were lost on the way to a spreadsheet.
    const compliance = await get(`/norms/referral-acceptance/compliance?asOf=2026-12-31&knownAt=${beforeCare.toISOString()}`).set('Accept', 'text/csv').expect(200);
    const [header, ...lines] = compliance.text.trim().split('\n');
    expect(header).toBe('group,onTime,late,pending,excluded,percentage,target,provisional,medianDays,p90Days,knownAt,restated');
    expect(lines).toEqual([`2026,0,0,8,0,,,true,,,${beforeCare.toISOString()},true`]);
    const json = await get(`/norms/referral-acceptance/compliance?asOf=2026-12-31&knownAt=${beforeCare.toISOString()}`).expect(200);
    expect(json.body).toMatchObject({ knownAt: beforeCare.toISOString(), restated: true, groups: [expect.objectContaining({ pending: 8 })] });
    expect(Object.keys(json.body.groups[0])).not.toContain('knownAt');
  });

  it('keeps the figures to supervisors of the municipality: another municipality’s supervisor sees none of it, a consultant is refused', async () => {
    const other = await as(otherSupervisor).get('/figures/waiting-for-care?asOf=2026-12-31&groupBy=none&breakdown=provider').expect(200);
    expect(other.body).toMatchObject({ municipality: 'GM0356', rows: [], totals: [] });
    const otherOpen = await as(otherSupervisor).get('/figures/open-trajectories?asOf=2026-12-31').expect(200);
    expect(otherOpen.body.rows).toEqual([]);
    const refused = await as(consultant).get('/figures/waiting-for-care').expect(403);
    expect(refused.headers['content-type']).toMatch(PROBLEM_JSON);
    await as(consultant).get('/figures').expect(403);
  });

  it('answers a groupBy or breakdown the figure does not have, or does not know, with a 400 that names it', async () => {
    const notOfThisFigure = await get('/figures/open-trajectories?breakdown=provider').expect(400);
    expect(notOfThisFigure.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(notOfThisFigure.body.invalidParams).toEqual([expect.objectContaining({ name: 'breakdown', reason: expect.stringContaining('cannot be broken down by provider') })]);
    const unknown = await get('/figures/referrals?breakdown=bsn,category&groupBy=week').expect(400);
    expect(unknown.body.invalidParams.map((p: { name: string }) => p.name).sort()).toEqual(['breakdown', 'groupBy']);
    const twice = await get('/figures/referrals?groupBy=category&breakdown=category').expect(400);
    expect(twice.body.invalidParams).toEqual([expect.objectContaining({ name: 'breakdown' })]);
    const stacking = await get('/figures/stacked-support?groupBy=provider').expect(400);
    expect(stacking.body.invalidParams).toEqual([expect.objectContaining({ name: 'groupBy' })]);
    await get('/figures/referrals?csv=excel').expect(400);
    await get('/figures/no-such-figure').expect(404);
  });
});
