import { Principal } from '@casusregie/auth';
import { addDays } from '@casusregie/domain';
import { HouseholdRepository } from '@casusregie/households';
import { ProjectionTriggerLifecycle } from '@casusregie/runtime';
import { GENERATOR_TODAY, generateHouseholds } from '@casusregie/seeds';
import { ApiHarness, consultant, startApi } from '../support/api-harness';

const ZEVENAAR = 'GM0299';
const admin: Principal = { sub: 'zvn-beheerder-1', roles: ['admin'], municipality: ZEVENAAR };
const otherAdmin: Principal = { sub: 'dvn-beheerder-1', roles: ['admin'], municipality: 'GM0226' };
const supervisor: Principal = { sub: 'zvn-teamleider', roles: ['supervisor'], municipality: ZEVENAAR };
const NORM = 'verkennend-gesprek-4w';
const COMPLIANCE = `/norms/${NORM}/compliance?from=2025-01-01&to=2026-12-31&asOf=${GENERATOR_TODAY}&groupBy=month`;

interface WorklistItem {
  startDate: string;
  deadline: string | null;
}

/**
 * Issue 19, norm settings as versioned data: an admin of GM0299 changes the verkennend gesprek's term with an
 * effective date over generated households; the figures follow in the background, items before the date keep their
 * deadline, and a report known at an instant before the change is the report as it was.
 */
describe('norm settings per municipality, versioned (PostgreSQL)', () => {
  let api: ApiHarness;
  const as = (principal: Principal) => ({
    get: (path: string) => api.http().get(`/api/v1${path}`).set('Authorization', api.bearer(principal)),
    post: (path: string, body: object) => api.http().post(`/api/v1${path}`).set('Authorization', api.bearer(principal)).send(body),
  });
  const settle = () => api.app.get(ProjectionTriggerLifecycle).settle();
  /** Start dates of the norm's generated items, in order: the changes take effect at dates among them. */
  let startDates: string[];
  let EFFECTIVE_FROM: string;

  /** Every item of the norm, as of the generator's today, page by page. */
  async function worklist(): Promise<WorklistItem[]> {
    const items: WorklistItem[] = [];
    let after: string | undefined;
    do {
      const { body } = await as(supervisor).get(`/norms/${NORM}/items?asOf=${GENERATOR_TODAY}&limit=500${after ? `&after=${after}` : ''}`).expect(200);
      items.push(...body.items);
      after = body.next ?? undefined;
    } while (after !== undefined);
    return items;
  }

  beforeAll(async () => {
    api = await startApi('postgres', GENERATOR_TODAY);
    await generateHouseholds(new HouseholdRepository(api.storage.eventStore, api.storage.personalData), { households: 60, seed: 1901 });
    api.app.get(ProjectionTriggerLifecycle).notify();
    await settle();
    startDates = (await worklist()).map((item) => item.startDate).sort();
    EFFECTIVE_FROM = startDates[Math.floor(startDates.length / 2)];
  });
  afterAll(async () => {
    await api.close();
    expect(api.serverErrors).toEqual([]);
  });

  it('a Nieuwegein (GM0356) supervisor has no PIP, wijk-GGD or verkennend-gesprek norm; their admin sees them switched off', async () => {
    const nieuwegein = { ...supervisor, municipality: 'GM0356' };
    const { body } = await as(nieuwegein).get('/norms').expect(200);
    const ids = body.norms.map((norm: { id: string }) => norm.id);
    expect(ids).toContain('wmo-onderzoek-6w');
    for (const zevenaarOnly of ['pip-leerroute-2m', 'wijk-ggd-referrals', NORM]) expect(ids).not.toContain(zevenaarOnly);
    await as(nieuwegein).get('/norms/pip-leerroute-2m/compliance').expect(404);
    const settings = await as({ ...admin, municipality: 'GM0356' }).get('/norm-settings').expect(200);
    const pip = settings.body.norms.find((norm: { id: string }) => norm.id === 'pip-leerroute-2m');
    expect(pip.shipped).toMatchObject({ enabled: false, duration: 'P2M' });
  });

  it('only admins read or change norm settings, and bad settings are refused with nothing recorded', async () => {
    await as(supervisor).get('/norm-settings').expect(403);
    await as(consultant).post(`/norm-settings/${NORM}/changes`, { effectiveFrom: EFFECTIVE_FROM, reason: 'x', duration: 'P21D' }).expect(403);
    const events = await api.eventCount();
    const refused = [
      [{ effectiveFrom: EFFECTIVE_FROM, reason: 'r', duration: 'three weeks' }, 'duration'],
      [{ effectiveFrom: EFFECTIVE_FROM, reason: 'r', calendar: 'working-days', duration: 'P1M' }, 'duration'],
      [{ effectiveFrom: EFFECTIVE_FROM, reason: 'r', anchor: 'birthDate' }, 'anchor'],
      [{ effectiveFrom: EFFECTIVE_FROM, reason: 'r', exclusions: ['CareEnded'] }, 'exclusions'],
      [{ effectiveFrom: EFFECTIVE_FROM, reason: 'r', target: { minimumCount: 3 } }, 'target'],
      [{ effectiveFrom: '2026-02-30', reason: 'r' }, 'effectiveFrom'],
      [{ effectiveFrom: EFFECTIVE_FROM }, 'reason'],
    ] as const;
    for (const [body, field] of refused) {
      const response = await as(admin).post(`/norm-settings/${NORM}/changes`, body).expect(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.invalidParams.map((param: { name: string }) => param.name)).toContain(field);
    }
    await as(admin).post('/norm-settings/no-such-norm/changes', { effectiveFrom: EFFECTIVE_FROM, reason: 'r' }).expect(404);
    expect(await api.eventCount()).toBe(events);
  });

  it('a new term applies to items from its effective date; earlier items keep theirs; knownAt before it gives the report as it was', async () => {
    const before = await worklist();
    expect(before.filter((item) => item.startDate < EFFECTIVE_FROM).length).toBeGreaterThan(2);
    expect(before.filter((item) => item.startDate >= EFFECTIVE_FROM).length).toBeGreaterThan(2);
    for (const item of before) expect(item.deadline).toBe(addDays(item.startDate, 28, 'calendar-days'));
    const reportBefore = (await as(supervisor).get(COMPLIANCE).expect(200)).body;
    const knownAt = new Date().toISOString();

    // Another municipality's admin changes only their own municipality's norm.
    const duiven = await as(otherAdmin).post(`/norm-settings/${NORM}/changes`, { effectiveFrom: '2025-01-01', reason: 'Duiven', duration: 'P7D' }).expect(201);
    expect(duiven.body).toMatchObject({ normId: NORM, settings: { duration: 'P7D' } });

    const { body: change } = await as(admin)
      .post(`/norm-settings/${NORM}/changes`, { effectiveFrom: EFFECTIVE_FROM, reason: 'Raadsbesluit 2026-118: drie weken', duration: 'P21D' })
      .expect(201);
    expect(change).toMatchObject({ normId: NORM, effectiveFrom: EFFECTIVE_FROM, author: admin.sub, settings: { duration: 'P21D', calendar: 'calendar-days', enabled: true } });
    expect(new Date(change.recordedAt).getTime()).toBeGreaterThan(new Date(knownAt).getTime());
    await settle();

    const after = await worklist();
    expect(after.length).toBe(before.length);
    for (const item of after) {
      expect(item.deadline).toBe(addDays(item.startDate, item.startDate >= EFFECTIVE_FROM ? 21 : 28, 'calendar-days'));
    }
    const reportNow = (await as(supervisor).get(COMPLIANCE).expect(200)).body;
    expect(reportNow.groups).not.toEqual(reportBefore.groups);
    const reproduced = (await as(supervisor).get(`${COMPLIANCE}&knownAt=${knownAt}`).expect(200)).body;
    expect(reproduced.groups).toEqual(reportBefore.groups);
    expect(reproduced.restated).toBe(true);

    const settings = (await as(admin).get('/norm-settings').expect(200)).body;
    const norm = settings.norms.find((n: { id: string }) => n.id === NORM);
    expect(norm.changes).toEqual([expect.objectContaining({ effectiveFrom: EFFECTIVE_FROM, reason: 'Raadsbesluit 2026-118: drie weken', applied: true })]);
    expect(norm.shipped.duration).toBe('P28D');
    // Duiven's change is Duiven's: not in Zevenaar's settings, and Duiven's admin does not see Zevenaar's.
    const duivenSettings = (await as(otherAdmin).get('/norm-settings').expect(200)).body;
    expect(duivenSettings.norms.find((n: { id: string }) => n.id === NORM).changes).toEqual([expect.objectContaining({ reason: 'Duiven' })]);
  });

  it('a norm switched off from a date leaves the items before it; fields left out keep the value in force', async () => {
    const off = startDates[Math.floor((startDates.length * 3) / 4)];
    await as(admin).post(`/norm-settings/${NORM}/changes`, { effectiveFrom: off, reason: 'Pilot beëindigd', enabled: false }).expect(201);
    await settle();
    const items = await worklist();
    expect(items.length).toBe(startDates.filter((date) => date < off).length);
    expect(items.every((item) => item.startDate < off)).toBe(true);
    // Switched off today (the generator's today lies after it), the norm is no longer listed, but its report stands.
    const { body } = await as(supervisor).get('/norms').expect(200);
    expect(body.norms.map((norm: { id: string }) => norm.id)).not.toContain(NORM);
    await as(supervisor).get(COMPLIANCE).expect(200);
    // Switched on again later without a duration: the last term in use (21 days) stands.
    const { body: again } = await as(admin).post(`/norm-settings/${NORM}/changes`, { effectiveFrom: GENERATOR_TODAY, reason: 'Hervat', enabled: true }).expect(201);
    expect(again.settings).toMatchObject({ enabled: true, duration: 'P21D' });
  });
});
