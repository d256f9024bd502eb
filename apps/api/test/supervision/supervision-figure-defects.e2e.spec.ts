import { Principal } from '@casusregie/auth';
import { ProjectionTriggerLifecycle } from '@casusregie/runtime';
import { ApiHarness, consultant, startApi } from '../support/api-harness';
import { HouseholdClient } from '../support/household-client';
import { instantBeforeWhatFollows } from '@casusregie/test-support';

const MUNICIPALITY = 'GM0299';
const supervisor: Principal = { sub: 'gm0299-teamleider', roles: ['supervisor'], municipality: MUNICIPALITY };
/** The second household's consultant: its figures are asked for with team=T2, apart from the first's. */
const consultantT2: Principal = { ...consultant, sub: 'consultant-2', team: 'T2' };

/**
 * The figure defects of issue 19, each over HTTP on PostgreSQL with households recorded through the API. Team T1
 * holds five waakvlam trajectories (the contacts due); team T2 one household whose melding-intake, referral and
 * provider facts the other figures are worked out from by hand below.
 */
describe('supervisor figures: the defects of issue 19', () => {
  let api: ApiHarness;
  let t2: { household: string; closedLate: string; referred: string; waiting: string; declined: string; accepted: string };
  /** An instant after the T2 facts were recorded and before the acceptance, recorded later, was. */
  let beforeAcceptance: Date;
  const get = (path: string) => api.http().get(`/api/v1${path}`).set('Authorization', api.bearer(supervisor));
  const settle = () => api.app.get(ProjectionTriggerLifecycle).settle();

  beforeAll(async () => {
    api = await startApi('postgres', '2026-12-31');
    await recordWaakvlam(new HouseholdClient(api, consultant));
    t2 = await recordT2(new HouseholdClient(api, consultantT2));
    await settle();
    beforeAcceptance = await instantBeforeWhatFollows();
    const client = new HouseholdClient(api, consultantT2);
    await client.post(`/households/${t2.household}/trajectories/${t2.referred}/referrals/${t2.accepted}/acceptance`, { date: '2026-02-10' });
    await settle();
  });
  afterAll(async () => {
    await api.close();
    expect(api.serverErrors).toEqual([]);
  });

  it('lists as due only the waakvlam contacts still open, overdue ones first, over more than one page', async () => {
    // As of 2026-04-01, within 7 days: W4's first contact (due 01-26, none made), W1's second (due 03-20, none made)
    // and W3's first (due 04-07). Not W1's and W2's first contacts (made late), W2's second (waakvlam ended after it
    // was due) nor W5's (due 05-29).
    const contacts: { dueOn: string; overdue: boolean; daysLeft: number | null; daysOverdue: number | null }[] = [];
    let after = '';
    let pages = 0;
    do {
      const { body } = await get(`/waakvlam/due?asOf=2026-04-01&withinDays=7&team=T1&limit=2${after}`).expect(200);
      contacts.push(...body.contacts);
      pages++;
      after = body.next === null ? '' : `&after=${body.next}`;
    } while (after !== '');
    expect(pages).toBe(2);
    expect(contacts.map(({ dueOn, overdue, daysLeft, daysOverdue }) => ({ dueOn, overdue, daysLeft, daysOverdue }))).toEqual([
      { dueOn: '2026-01-26', overdue: true, daysLeft: null, daysOverdue: 65 },
      { dueOn: '2026-03-20', overdue: true, daysLeft: null, daysOverdue: 12 },
      { dueOn: '2026-04-07', overdue: false, daysLeft: 6, daysOverdue: null },
    ]);
  });

  it('gives the K3 count a year’s minimum and run-rate forecast, and a month neither', async () => {
    // Two wijk-GGD referrals (01-15, 02-01) by 2026-04-01, day 91 of 365: 2 × 365 / 91 = 8.02.
    const year = await get('/norms/wijk-ggd-referrals/compliance?asOf=2026-04-01&groupBy=year').expect(200);
    expect(year.body.groups).toEqual([{ group: '2026', count: 2, distinctPersons: 1, minimumCount: 40, met: false, forecast: 8, provisional: true }]);
    const months = await get('/norms/wijk-ggd-referrals/compliance?asOf=2026-04-01&groupBy=month').expect(200);
    expect(months.body.groups).toEqual([
      { group: '2026-01', count: 1, distinctPersons: 1, minimumCount: null, met: null, forecast: null, provisional: false },
      { group: '2026-02', count: 1, distinctPersons: 1, minimumCount: null, met: null, forecast: null, provisional: false },
    ]);
    const over = await get('/norms/wijk-ggd-referrals/compliance?asOf=2027-01-01&from=2026-01-01&to=2026-12-31').expect(200);
    expect(over.body.groups).toEqual([expect.objectContaining({ group: '2026', minimumCount: 40, forecast: null, provisional: false })]);
  });

  it('no longer counts a wait that an exclusion ended as open: not after the deadline, nor a declined referral', async () => {
    const waits = async (stage: string, asOf: string) =>
      (await get(`/waiting-times?stage=${stage}&team=T2&from=2026-01-01&to=2026-12-31&asOf=${asOf}`).expect(200)).body.groups;
    // melding-intake (14 days): closedLate opened 01-05, due 01-19, closed 02-10 without an intake; referred had its
    // intake after 7 days; waiting opened 03-20. As of 04-01 (closedLate counted in the summary of settled months)
    // only waiting is open; on 02-15 (closedLate judged one by one) none; on 02-09 closedLate still waited.
    expect(await waits('melding-intake', '2026-04-01')).toEqual([{ group: '2026', count: 1, median: 7, p90: 7, max: 7, open: 1 }]);
    expect(await waits('melding-intake', '2026-02-15')).toEqual([{ group: '2026', count: 1, median: 7, p90: 7, max: 7, open: 0 }]);
    expect(await waits('melding-intake', '2026-02-09')).toEqual([{ group: '2026', count: 1, median: 7, p90: 7, max: 7, open: 1 }]);
    // The worklist shows why: late (the closure came too late to excuse it), ended by the closure.
    const { body } = await get('/norms/melding-intake/items?asOf=2026-04-01&team=T2&status=late').expect(200);
    expect(body.items).toEqual([expect.objectContaining({ itemKey: t2.closedLate, status: 'late', stopDate: null, excludedOn: '2026-02-10' })]);
    // The referral declined on 01-20 waits no more; the other was accepted after 9 days.
    expect(await waits('referral-acceptance', '2026-04-01')).toEqual([{ group: '2026', count: 1, median: 9, p90: 9, max: 9, open: 0 }]);
  });

  it('shows as of a date only the provider known then', async () => {
    const item = async (normId: string, asOf: string, key: string) =>
      ((await get(`/norms/${normId}/items?asOf=${asOf}&team=T2`).expect(200)).body.items as { itemKey: string; provider: string | null }[]).find(
        (candidate) => candidate.itemKey === key,
      );
    // melding-start-support stops on the acceptance of 02-10: its provider is known from then on.
    expect(await item('melding-start-support', '2026-02-05', t2.referred)).toMatchObject({ status: 'pending', provider: null });
    expect(await item('melding-start-support', '2026-02-10', t2.referred)).toMatchObject({ status: 'on-time', provider: '12345678' });
    // A referral's own item knows its provider from the referral on.
    expect(await item('referral-acceptance', '2026-02-05', t2.accepted)).toMatchObject({ status: 'pending', provider: '12345678' });
  });

  it('lists a worklist as it was known at an instant, filtered and page by page', async () => {
    const knownAt = `&knownAt=${beforeAcceptance.toISOString()}`;
    const keys = async (query: string) => {
      const listed: [string, string][] = [];
      let after = '';
      do {
        const { body } = await get(`/norms/melding-start-support/items?asOf=2026-04-01&team=T2&limit=1${query}${after}`).expect(200);
        listed.push(...body.items.map((entry: { itemKey: string; status: string }) => [entry.itemKey, entry.status]));
        after = body.next === null ? '' : `&after=${body.next}`;
      } while (after !== '');
      return listed;
    };
    // Without a deadline the worklist is in start order: closedLate and referred (01-05, then by item key, the
    // trajectory id, bytewise), then waiting (03-20).
    const order = [...[t2.closedLate, t2.referred].sort(), t2.waiting];
    const listed = (statuses: Record<string, string>) => order.filter((key) => key in statuses).map((key) => [key, statuses[key]]);
    expect(await keys(knownAt)).toEqual(listed({ [t2.closedLate]: 'excluded', [t2.referred]: 'pending', [t2.waiting]: 'pending' }));
    expect(await keys('')).toEqual(listed({ [t2.closedLate]: 'excluded', [t2.referred]: 'on-time', [t2.waiting]: 'pending' }));
    expect(await keys(`&status=pending${knownAt}`)).toEqual(listed({ [t2.referred]: 'pending', [t2.waiting]: 'pending' }));

    const page = await get(`/norms/melding-start-support/items?asOf=2026-04-01&team=T2${knownAt}`).expect(200);
    expect(page.body.knownAt).toBe(beforeAcceptance.toISOString());
  });

  it('refuses a knownAt in the future or malformed with a 400 problem, on the worklist as on compliance', async () => {
    const future = new Date(Date.now() + 3_600_000).toISOString();
    for (const path of ['/norms/melding-intake/items', '/norms/melding-intake/compliance']) {
      for (const knownAt of [future, '2026-13-01T00:00:00Z', 'yesterday']) {
        const response = await get(`${path}?knownAt=${encodeURIComponent(knownAt)}`);
        expect({ path, knownAt, status: response.status, type: response.headers['content-type'] }).toEqual({
          path,
          knownAt,
          status: 400,
          type: expect.stringMatching(/^application\/problem\+json/),
        });
        expect(response.body.invalidParams).toEqual([expect.objectContaining({ name: 'knownAt' })]);
      }
    }
  });
});

/** One household of team T1 with five waakvlam trajectories (see the test of the contacts due). */
async function recordWaakvlam(client: HouseholdClient): Promise<void> {
  const { id, memberIds } = await client.register(household('T1', 'Wessels'));
  const memberId = memberIds.Anna;
  const waakvlam = async (start: string, interval: number, steps: (trajectory: string) => Promise<unknown> = async () => undefined) => {
    const trajectory = await client.openTrajectory(id, melding(memberId, '2026-01-02'));
    await client.post(`/households/${id}/trajectories/${trajectory}/waakvlam`, { date: start, contactIntervalDays: interval });
    await steps(`/households/${id}/trajectories/${trajectory}/waakvlam`);
  };
  const contact = (path: string, date: string) => client.post(`${path}/contacts`, { date, mode: 'phone', outcome: 'stable' });
  // W1: first contact due 02-07, made late on 02-20; the next due 03-20, not made.
  await waakvlam('2026-01-10', 28, (path) => contact(path, '2026-02-20'));
  // W2: as W1, but waakvlam ended on 03-25, after the second contact was due.
  await waakvlam('2026-01-10', 28, async (path) => {
    await contact(path, '2026-02-20');
    await client.post(`${path}/end`, { date: '2026-03-25' });
  });
  // W3: due 04-07. W4: due 01-26. W5: due 05-29.
  await waakvlam('2026-03-10', 28);
  await waakvlam('2026-01-12', 14);
  await waakvlam('2026-03-30', 60);
}

/** One household of team T2 with three trajectories (see the tests of waiting times, providers and knownAt). */
async function recordT2(client: HouseholdClient) {
  const { id, memberIds } = await client.register(household('T2', 'Bakker'));
  const memberId = memberIds.Anna;
  const path = (trajectory: string) => `/households/${id}/trajectories/${trajectory}`;
  const closedLate = await client.openTrajectory(id, melding(memberId, '2026-01-05'));
  await client.post(`${path(closedLate)}/closure`, { date: '2026-02-10', reason: 'moved-away' });
  const referred = await client.openTrajectory(id, melding(memberId, '2026-01-05'));
  await client.post(`${path(referred)}/intake`, { date: '2026-01-12' });
  const referral = (date: string, organisation: object) => ({ date, organisation, category: 'eerstelijn', warmHandover: false, referrerRole: 'wijk-ggd' });
  const declined = await client.refer(id, referred, referral('2026-01-15', { name: 'Buurtteam Oost' }));
  await client.post(`${path(referred)}/referrals/${declined}/decline`, { date: '2026-01-20', reason: 'Geen plek' });
  // Accepted on 02-10, but recorded only after beforeAcceptance (see beforeAll).
  const accepted = await client.refer(id, referred, referral('2026-02-01', { agbCode: '12345678', name: 'Praktijk De Linde' }));
  const waiting = await client.openTrajectory(id, melding(memberId, '2026-03-20'));
  return { household: id, closedLate, referred, waiting, declined, accepted };
}

function household(team: string, familyName: string) {
  return {
    municipality: MUNICIPALITY,
    team,
    registeredOn: '2026-01-02',
    residences: [{ key: 'thuis' }],
    members: [{ givenName: 'Anna', familyName, birthDate: '1980-03-04', role: 'parent', residenceKeys: ['thuis'] }],
  };
}

function melding(memberId: string, date: string) {
  return { memberId, date, source: 'self', channel: 'phone', question: 'Hulp gevraagd', lifeDomains: ['wonen'], legalBasis: 'wmo-2015' };
}
