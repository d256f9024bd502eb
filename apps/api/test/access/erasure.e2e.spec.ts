import { directoryMembersOf, foldedHousehold } from '@casusregie/test-support';
import { Principal } from '@casusregie/auth';
import { ERASED } from '@casusregie/domain';
import { openPersonalData, sealedSubjectsOf } from '@casusregie/households';
import { ProjectionRunner } from '@casusregie/projections';
import { ProjectionTriggerLifecycle } from '@casusregie/runtime';
import { ApiHarness, startApi, STORE_KINDS } from '../support/api-harness';
import { HouseholdClient } from '../support/household-client';

const ZEVENAAR = 'GM0299';
const consultant: Principal = { sub: 'zvn-consulent-1', roles: ['consultant'], team: 'T1', municipality: ZEVENAAR };
const supervisor: Principal = { sub: 'zvn-teamleider', roles: ['supervisor'], municipality: ZEVENAAR };
const admin: Principal = { sub: 'zvn-beheer', roles: ['admin'], municipality: ZEVENAAR };
const adminElsewhere: Principal = { sub: 'dvn-beheer', roles: ['admin'], municipality: 'GM0226' };

/** Everything personal the scenario records about Yusuf, who asks to be erased, and about Rania, who stays. */
const YUSUF = { givenName: 'Yusuf', familyName: 'Haddad', birthDate: '1996-05-02', bsn: '111222333' };
const YUSUF_FREE_TEXT = [
  'Slaapproblemen en herbelevingen',
  'Wil snel Nederlands leren voor werk als kok',
  'Werkervaring opdoen als kok',
  'Yusuf wil geen groepsbehandeling',
  'Gesprek met Yusuf stond op de verkeerde dag',
  'Schulden bij de woningcorporatie',
  'Melding over Yusuf dubbel ingevoerd',
];
const GGNET = '22334455';
const provider: Principal = { sub: 'ggnet-portaal', roles: ['provider'], org: GGNET, municipality: ZEVENAAR };
const RANIA = { givenName: 'Rania', familyName: 'Khalil', birthDate: '1999-08-19', bsn: '123456782' };
// Values with a space or punctuation: base64 ciphertext can hold a short plain value such as 417b by chance.
const ADDRESS = { postcode: '6901AB', houseNumber: '417 bis' };

/** Figures a supervisor sees, which an erasure must leave as they were. */
const FIGURES = [
  '/norms/verkennend-gesprek-4w/compliance?asOf=2026-12-31',
  '/norms/pip-leerroute-2m/compliance?from=2026-01-01&to=2026-12-31&asOf=2027-03-01&groupBy=year',
  '/norms/verkennend-gesprek-4w/items?asOf=2026-12-31',
  '/waiting-times?stage=melding-intake',
  '/caseload',
];

describe.each(STORE_KINDS)('erasure by crypto-shredding on %s', (kind) => {
  let api: ApiHarness;
  let householdId: string;
  let yusuf: string;
  let rania: string;
  let ggz: string;
  let inCare: string;
  let awaitingAnswer: string;
  const erasure = (member: string, principal = admin, household = householdId) =>
    api.http().post(`/api/v1/households/${household}/members/${member}/erasure`).set('Authorization', api.bearer(principal));
  const settle = () => api.app.get(ProjectionTriggerLifecycle).settle();
  const figures = async () => {
    await settle();
    const answers = [];
    for (const path of FIGURES) answers.push((await api.http().get(`/api/v1${path}`).set('Authorization', api.bearer(supervisor)).expect(200)).body);
    return answers;
  };
  const rawEvents = async () =>
    (
      await api.storage.readModels.query<{ type: string; data: string }>('SELECT event_type AS type, data::text AS data FROM events ORDER BY global_position')
    ).rows.map((r) => ({ type: r.type, data: JSON.parse(r.data) as unknown }));
  const asProvider = (path: string, body: object) => api.http().post(`/api/v1${path}`).set('Authorization', api.bearer(provider)).send(body);
  const inbox = async () => (await api.http().get('/api/v1/provider/referrals').set('Authorization', api.bearer(provider)).expect(200)).body.referrals;
  const search = async (criteria: object) =>
    (await api.http().post('/api/v1/households/_search').set('Authorization', api.bearer(consultant)).send(criteria).expect(200)).body.results;

  beforeAll(async () => {
    api = await startApi(kind, '2028-12-31');
    const client = new HouseholdClient(api, consultant);
    const household = await client.register({
      municipality: ZEVENAAR,
      team: 'T1',
      registeredOn: '2026-01-14',
      residences: [{ key: 'A', ...ADDRESS }],
      members: [
        { ...YUSUF, role: 'parent', residenceKeys: ['A'] },
        { ...RANIA, role: 'parent', residenceKeys: ['A'] },
      ],
    });
    householdId = household.id;
    ({ Yusuf: yusuf, Rania: rania } = household.memberIds);
    const h = householdId;
    await client.put(`/households/${h}/coordinator`, { coordinatorId: consultant.sub, name: 'Inburgeringsconsulent', date: '2026-01-14' });
    const inburgering = { date: '2026-01-14', source: 'other', channel: 'warm-handover', question: YUSUF_FREE_TEXT[1], lifeDomains: ['taal'], legalBasis: 'wet-inburgering-2021' };
    const raniaInburgering = await client.openTrajectory(h, { ...inburgering, memberId: rania, question: 'Wil de taal leren' });
    const yusufInburgering = await client.openTrajectory(h, { ...inburgering, memberId: yusuf });
    await client.put(`/households/${h}/plan`, {
      date: '2026-01-20',
      goals: [
        { memberId: yusuf, lifeDomain: 'werk', description: YUSUF_FREE_TEXT[2] },
        { memberId: rania, lifeDomain: 'taal', description: 'B1 halen' },
      ],
    });
    await client.post(`/households/${h}/trajectories/${raniaInburgering}/pip`, { date: '2026-02-16', route: 'B1' });
    await client.post(`/households/${h}/trajectories/${yusufInburgering}/pip`, { date: '2026-03-31', route: 'Z' });
    await client.post(`/households/${h}/trajectories/${raniaInburgering}/learning-route`, { languageStartDate: '2026-04-13', participationStartDate: '2026-04-13' });
    ggz = await client.openTrajectory(h, {
      memberId: yusuf,
      date: '2026-04-15',
      source: 'huisarts',
      channel: 'phone',
      question: YUSUF_FREE_TEXT[0],
      lifeDomains: ['geestelijke-gezondheid'],
      legalBasis: 'wmo-2015',
    });
    await client.post(`/households/${h}/trajectories/${ggz}/exploratory-conversations`, { status: 'requested', date: '2026-04-24', ggzWaitlistSince: '2026-04-22' });
    const held = await client.post(`/households/${h}/trajectories/${ggz}/exploratory-conversations`, { status: 'held', date: '2026-05-07' });
    await client.post(`/households/${h}/events/${(held.eventIds as string[])[0]}/corrections`, {
      kind: 'date-correction',
      correctedDate: '2026-05-06',
      reason: YUSUF_FREE_TEXT[4],
    });
    const ggnet = await client.refer(h, ggz, { date: '2026-05-15', organisation: { agbCode: GGNET, name: 'GGNet' }, category: 'lichtere-zorg', warmHandover: true });
    await client.post(`/households/${h}/trajectories/${ggz}/referrals/${ggnet}/decline`, { date: '2026-05-20', reason: YUSUF_FREE_TEXT[3] });
    const doubled = await client.post(`/households/${h}/trajectories`, {
      memberId: yusuf,
      date: '2026-06-01',
      source: 'self',
      channel: 'phone',
      question: YUSUF_FREE_TEXT[5],
      lifeDomains: ['schulden'],
      legalBasis: 'wgs',
    });
    await client.post(`/households/${h}/events/${(doubled.eventIds as string[])[0]}/corrections`, { kind: 'withdrawal', reason: YUSUF_FREE_TEXT[6] });
    await client.post(`/households/${h}/trajectories/${yusufInburgering}/learning-route`, { languageStartDate: '2026-06-08', participationStartDate: '2026-06-08' });
    // Open at the erasure: one referral in care, one awaiting the provider's answer.
    const referral = { organisation: { agbCode: GGNET, name: 'GGNet' }, category: 'lichtere-zorg', warmHandover: false };
    inCare = await client.refer(h, ggz, { ...referral, date: '2026-06-10' });
    await asProvider(`/provider/referrals/${inCare}/acceptance`, { date: '2026-06-11' }).expect(201);
    await asProvider(`/provider/referrals/${inCare}/care-start`, { date: '2026-06-15' }).expect(201);
    awaitingAnswer = await client.refer(h, ggz, { ...referral, date: '2026-06-20' });
  });
  afterAll(async () => {
    await api.close();
    expect(api.serverErrors).toEqual([]);
  });

  it('stores no personal value in the clear, even before an erasure', async () => {
    const raw = JSON.stringify(await rawEvents());
    for (const value of [...Object.values(YUSUF), ...Object.values(RANIA), ...YUSUF_FREE_TEXT, ...Object.values(ADDRESS)]) {
      expect({ value, found: raw.includes(value) }).toEqual({ value, found: false });
    }
    expect(raw).toContain('"pd2:member:');
  });

  it('is for administrators only, within their own municipality', async () => {
    const before = await api.eventCount();
    await erasure(yusuf, consultant).expect(403);
    await erasure(yusuf, supervisor).expect(403);
    await erasure(yusuf, adminElsewhere).expect(404);
    await erasure('00000000-0000-4000-8000-000000000000').expect(404).expect('Content-Type', /application\/problem\+json/);
    await erasure('not-a-uuid').expect(400);
    expect(await api.eventCount()).toBe(before);
    expect((await new HouseholdClient(api, consultant).get(householdId)).members.find((m: { memberId: string }) => m.memberId === yusuf)).toMatchObject({
      givenName: 'Yusuf',
      erased: false,
    });
  });

  describe('after Yusuf is erased', () => {
    let figuresBefore: unknown[];

    beforeAll(async () => {
      figuresBefore = await figures();
      expect((await inbox())[0].client).toMatchObject({ erased: false, givenName: 'Yusuf', familyName: 'Haddad', birthDate: YUSUF.birthDate });
      expect(await search({ bsn: YUSUF.bsn })).toHaveLength(1);
      const { body } = await erasure(yusuf).expect(201);
      expect(body).toMatchObject({ memberId: yusuf, erasedOn: '2028-12-31', version: expect.any(Number) });
    });

    it('GET shows him as erased, without name, birth date or BSN, and his free text as erased', async () => {
      const household = await new HouseholdClient(api, consultant).get(householdId);
      const member = household.members.find((m: { memberId: string }) => m.memberId === yusuf);
      expect(member).toEqual({
        memberId: yusuf,
        erased: true,
        erasedOn: '2028-12-31',
        role: 'parent',
        residenceIds: [expect.any(String)],
        status: 'active',
        joinedOn: '2026-01-14',
      });
      expect(household.trajectories.find((t: { trajectoryId: string }) => t.trajectoryId === ggz)).toMatchObject({
        question: ERASED,
        openedOn: '2026-04-15',
        exploratoryConversation: { requestedOn: '2026-04-24', heldOn: '2026-05-06' },
      });
      expect(household.plan.goals.map((g: { description: string }) => g.description)).toEqual([ERASED, 'B1 halen']);
      expect(household.corrections.map((c: { reason: string }) => c.reason)).toEqual([ERASED, ERASED]);
      // Rania still lives at the address, so it stays.
      expect(household.members.find((m: { memberId: string }) => m.memberId === rania)).toMatchObject({ ...RANIA, erased: false });
      expect(household.residences[0]).toMatchObject(ADDRESS);
      expect(JSON.stringify(household)).not.toMatch(new RegExp([...Object.values(YUSUF), ...YUSUF_FREE_TEXT].join('|')));
    });

    it('the raw events no longer yield his data: his keys are gone, his sealed values open to ERASED', async () => {
      const raw = await rawEvents();
      const keyring = await api.storage.personalData.keyringToRead(sealedSubjectsOf(householdId, raw));
      const opened = JSON.stringify(raw.map((event) => openPersonalData(householdId, event, (sealed, field) => keyring.open(sealed, field))));
      for (const value of [...Object.values(YUSUF), ...YUSUF_FREE_TEXT]) expect({ value, found: opened.includes(value) }).toEqual({ value, found: false });
      expect(opened).toContain(RANIA.bsn);
      expect(opened).toContain(ERASED);
      const { rows } = await api.storage.readModels.query<{ subject: string; wrapped_key: string | null }>(
        'SELECT subject, wrapped_key FROM personal_data_keys WHERE subject = ANY($1::text[])',
        [[`member:${yusuf}`, `trajectory:${ggz}`, `member:${rania}`]],
      );
      expect(Object.fromEntries(rows.map((r) => [r.subject, r.wrapped_key === null]))).toEqual({
        [`member:${yusuf}`]: true,
        [`trajectory:${ggz}`]: true,
        [`member:${rania}`]: false,
      });
    });

    it("the provider's inbox shows its client as erased", async () => {
      const [referral] = await inbox();
      expect(referral.client).toEqual({ erased: true, givenName: null, familyName: null, birthDate: null, address: ADDRESS });
    });

    it('the events endpoint shows the erased values too', async () => {
      const events = await new HouseholdClient(api, consultant).events(householdId);
      expect(events.at(-1)).toMatchObject({ type: 'PersonalDataErased', data: { memberId: yusuf } });
      expect(JSON.stringify(events)).not.toMatch(new RegExp([...Object.values(YUSUF), ...YUSUF_FREE_TEXT].join('|')));
    });

    it('leaves every figure exactly as it was', async () => {
      expect(await figures()).toEqual(figuresBefore);
    });

    it('takes him out of the search directory', async () => {
      expect(await search({ bsn: YUSUF.bsn })).toEqual([]);
      expect(await search({ familyName: 'Haddad', givenName: 'Yusuf' })).toEqual([]);
      expect(await search({ bsn: RANIA.bsn })).toHaveLength(1);
    });

    it('refuses a second erasure and anything new about him', async () => {
      const before = await api.eventCount();
      await erasure(yusuf).expect(409).expect((r) => expect(r.body.code).toBe('personal-data-already-erased'));
      const melding = { memberId: yusuf, date: '2028-12-01', source: 'self', channel: 'phone', question: 'Nieuw', lifeDomains: ['werk'], legalBasis: 'wmo-2015' };
      await api
        .http()
        .post(`/api/v1/households/${householdId}/trajectories`)
        .set('Authorization', api.bearer(consultant))
        .send(melding)
        .expect(409)
        .expect((r) => expect(r.body.code).toBe('member-erased'));
      expect(await api.eventCount()).toBe(before);
    });

    it("refuses every step on his open trajectory, the provider's answers included, and records nothing", async () => {
      const before = await api.eventCount();
      const refused = (response: { status: number; body: { code?: string } }) => expect([response.status, response.body.code]).toEqual([409, 'member-erased']);
      refused(await asProvider(`/provider/referrals/${awaitingAnswer}/acceptance`, { date: '2028-12-30' }));
      refused(await asProvider(`/provider/referrals/${awaitingAnswer}/decline`, { date: '2028-12-30', reason: 'Cliënt niet bereikbaar' }));
      refused(await asProvider(`/provider/referrals/${inCare}/care-end`, { date: '2028-12-30', reasonCode: '19' }));
      const asConsultant = (path: string, body: object) =>
        api.http().post(`/api/v1/households/${householdId}${path}`).set('Authorization', api.bearer(consultant)).send(body);
      refused(await asConsultant(`/trajectories/${ggz}/referrals`, { date: '2028-12-30', organisation: { agbCode: GGNET, name: 'GGNet' }, category: 'lichtere-zorg', warmHandover: false }));
      refused(await asConsultant(`/trajectories/${ggz}/closure`, { date: '2028-12-30', reason: 'other' }));
      expect(await api.eventCount()).toBe(before);
      // The referrals stay as they stood at the erasure.
      const statuses = Object.fromEntries((await inbox()).map((r: { referralId: string; status: string }) => [r.referralId, r.status]));
      expect([statuses[inCare], statuses[awaitingAnswer]]).toEqual(['in-care', 'made']);
    });

    it('survives a rebuild of every projection from zero, with the same figures and no erased row', async () => {
      const lifecycle = api.app.get(ProjectionTriggerLifecycle);
      await settle();
      const runner = new ProjectionRunner(api.storage.readModels, api.storage.eventStore);
      for (const projection of lifecycle.projections) await runner.rebuild(projection);
      expect(await figures()).toEqual(figuresBefore);
      expect(await directoryMembersOf(api.storage.readModels, householdId)).toEqual([rania]);
      const folded = await foldedHousehold(api.storage.readModels, householdId);
      expect(folded?.members.find((m) => m.memberId === yusuf)).toMatchObject({ givenName: ERASED, familyName: ERASED, birthDate: ERASED });
      expect(JSON.stringify(folded)).not.toMatch(new RegExp([...Object.values(YUSUF), ...YUSUF_FREE_TEXT].join('|')));
    });
  });
});
