import { Principal } from '@casusregie/auth';
import { daysBetween } from '@casusregie/domain';
import { HouseholdView } from '../../src/households/household-view';
import { ApiHarness, startApi, STORE_KINDS } from '../support/api-harness';
import { HouseholdClient } from '../support/household-client';

/**
 * The acceptance scenarios §6.1–§6.6 of domain-research.md, recorded step by step through the HTTP API (every step
 * must answer 201, or 200 for a PUT) and then read back with GET /households/{id}.
 *
 * How the scenario tables map onto the API:
 * - `GezinGeregistreerd` → POST /households (on or before the first melding); `CasusregieToegewezen` → PUT coordinator;
 *   `PlanOpgesteld` / `PlanGewijzigd` / `PlanGeevalueerd` → PUT plan (the first is version 1, each later one a revision).
 * - `MeldingOntvangen` → POST trajectories (opens one member's trajectory); `TriageUitgevoerd` → triage; a vraagverheldering
 *   or brede intake → intake; `VerkennendGesprekAangevraagd` (with `GgzWachtlijstGeregistreerd` as ggzWaitlistSince) and
 *   `…Gevoerd` → exploratory-conversations.
 * - `DoorverwijzingGedaan` / `WarmeOverdrachtUitgevoerd` → a referral (warmHandover true for a warm one).
 * - `IndicatieAfgegeven` + `BeschikkingAfgegeven` → opschaling to L3 plus a 'maatwerk' referral to the provider (with an
 *   AGB code); `ZorgGestart` → acceptance + care-start on that referral; `IndicatieBeeindigd` / `ZorgBeeindigd` → care-end
 *   with its iWmo/iJw reason code.
 * - `NazorgGestart` / `WaakvlamcontactGehad` / `NazorgBeeindigd` → waakvlam, waakvlam/contacts, waakvlam/end.
 * - `PipVastgesteld` → pip; `LeerrouteGestart` → learning-route; `CasusAfgesloten` → closure of each open trajectory.
 * - `EventIngetrokken` → POST events/{eventId}/corrections with kind 'withdrawal'.
 * Events the API has no counterpart for (GekoppeldAanGemeente, InburgeringsplichtGestart, Gehuisvest, exam results,
 * CasuistiekBesproken, VeiligheidstaxatieVastgelegd, MaatwerkOverwogenNietIngezet, SteunfiguurVastgelegd, …) are skipped,
 * each with a comment where it would have been.
 */

/** Pinned so that every scenario date (up to the end of 2028) is in the past. */
const TODAY = '2028-12-31';

const ZEVENAAR = 'GM0299';
const NIEUWEGEIN = 'GM0356';
const HARDERWIJK = 'GM0243';
const GRONINGEN = 'GM0014';

type TrajectoryView = HouseholdView['trajectories'][number];
type ReferralView = TrajectoryView['referrals'][number];
type EventView = Awaited<ReturnType<HouseholdClient['events']>>[number];

/** One household as a consultant works on it: each method records one step and fails the test unless it answers 201/200. */
class Casus {
  private constructor(
    private readonly api: ApiHarness,
    private readonly client: HouseholdClient,
    readonly id: string,
    readonly members: Record<string, string>,
    readonly residences: Record<string, string>,
  ) {}

  static async register(api: ApiHarness, principal: Principal, body: object): Promise<Casus> {
    const client = new HouseholdClient(api, principal);
    const { id, memberIds, residenceIds } = await client.register(body);
    return new Casus(api, client, id, memberIds, residenceIds);
  }

  /** The same household, worked on by another professional of the same municipality. */
  as(principal: Principal): Casus {
    return new Casus(this.api, new HouseholdClient(this.api, principal), this.id, this.members, this.residences);
  }

  assignCoordinator(date: string, coordinatorId: string, name: string) {
    return this.client.put(`/households/${this.id}/coordinator`, { date, coordinatorId, name });
  }

  setPlan(date: string, goals: { member: string; lifeDomain: string; description: string }[]) {
    return this.client.put(`/households/${this.id}/plan`, {
      date,
      goals: goals.map(({ member, ...goal }) => ({ memberId: this.members[member], ...goal })),
    });
  }

  /** The melding: opens a trajectory for the member with this given name. */
  melding(member: string, body: { date: string; source: string; channel: string; question: string; lifeDomains: string[]; legalBasis: string }) {
    return this.client.openTrajectory(this.id, { memberId: this.members[member], ...body });
  }

  step(trajectoryId: string, step: string, body: object) {
    return this.client.post(`/households/${this.id}/trajectories/${trajectoryId}/${step}`, body);
  }

  async refer(trajectoryId: string, body: object): Promise<{ referralId: string; eventId: string }> {
    const response = await this.step(trajectoryId, 'referrals', body);
    return { referralId: response.referralId as string, eventId: (response.eventIds as string[])[0] };
  }

  onReferral(trajectoryId: string, referralId: string, step: string, body: object) {
    return this.step(trajectoryId, `referrals/${referralId}/${step}`, body);
  }

  /** `ZorgGestart` has no route of its own: the provider's acceptance and its start of care, both on the day care starts. */
  async careStarted(trajectoryId: string, referralId: string, date: string) {
    await this.onReferral(trajectoryId, referralId, 'acceptance', { date });
    await this.onReferral(trajectoryId, referralId, 'care-start', { date });
  }

  withdrawEvent(eventId: string, date: string, reason: string) {
    return this.client.post(`/households/${this.id}/events/${eventId}/corrections`, { kind: 'withdrawal', reason, date });
  }

  async view(): Promise<HouseholdView> {
    return (await this.client.get(this.id)) as HouseholdView;
  }

  events(): Promise<EventView[]> {
    return this.client.events(this.id);
  }
}

function trajectoryIn(view: HouseholdView, trajectoryId: string): TrajectoryView {
  const found = view.trajectories.find((t) => t.trajectoryId === trajectoryId);
  if (found === undefined) throw new Error(`trajectory ${trajectoryId} is not in the household`);
  return found;
}

function referralIn(trajectory: TrajectoryView, referralId: string): ReferralView {
  const found = trajectory.referrals.find((r) => r.referralId === referralId);
  if (found === undefined) throw new Error(`referral ${referralId} is not in trajectory ${trajectory.trajectoryId}`);
  return found;
}

/** A date plus whole months, clamped to the end of the month (the K1 two-month deadline, §3.0). */
function plusMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

describe.each(STORE_KINDS)('acceptance scenarios §6.1–§6.6 on %s', (kind) => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi(kind, TODAY);
    // Maatwerk goes to registered, contracted providers: the region's registry as the scenarios need it.
    const admin: Principal = { sub: 'regio-beheerder', roles: ['admin'], municipality: ZEVENAAR };
    const providers = [
      { agbCode: '75750101', name: 'Thuiszorg Lekstroom (HO)', municipalities: [NIEUWEGEIN] },
      { agbCode: '75750202', name: 'Begeleiding Lekstroom (IB)', municipalities: [NIEUWEGEIN] },
      { agbCode: '75750303', name: 'Begeleiding Lekstroom (IB Wmo)', municipalities: [NIEUWEGEIN] },
      { agbCode: '41410001', name: 'Jeugdhulpaanbieder ambulant', municipalities: [NIEUWEGEIN] },
      { agbCode: '41420002', name: 'Jeugdhulpaanbieder ambulant', municipalities: [ZEVENAAR] },
    ];
    for (const provider of providers) {
      await api
        .http()
        .post('/api/v1/providers')
        .set('Authorization', api.bearer(admin))
        .send({ ...provider, productCategories: ['maatwerk'] })
        .expect(201);
    }
  });
  afterEach(() => {
    expect(api.serverErrors).toEqual([]);
  });
  afterAll(async () => {
    await api?.close();
  });

  // ---------------------------------------------------------------------------------------------------------------
  describe('6.1 Zevenaar – gezin Haddad: statushouders with two PIPs, and Yusuf on the GGZ waiting list', () => {
    const inburgeringsconsulent: Principal = {
      sub: 'zvn-inburgeringsconsulent-1',
      roles: ['consultant'],
      team: 'inburgering',
      municipality: ZEVENAAR,
    };
    let casus: Casus;
    let view: HouseholdView;
    let events: EventView[];
    let rania: string; // Rania's inburgering trajectory
    let yusuf: string; // Yusuf's inburgering trajectory
    let yusufGgz: string; // Yusuf's trajectory from the huisarts' signal
    let ggnet: string;
    let caleidoz: string;

    beforeAll(async () => {
      // 2025-11-03 GekoppeldAanGemeente, 2025-11-10 InburgeringsplichtGestart ×2, 2025-11-17 VoorinburgeringGestart (Rania) and
      // 2026-01-12 Gehuisvest: no counterpart in the API (they happen before the gezin is a case of the sociaal domein).
      casus = await Casus.register(api, inburgeringsconsulent, {
        municipality: ZEVENAAR,
        team: 'inburgering',
        registeredOn: '2026-01-14',
        residences: [{ key: 'woning', postcode: '6901 AB', houseNumber: '12' }],
        members: [
          { givenName: 'Yusuf', familyName: 'Haddad', birthDate: '1996-05-02', role: 'parent', residenceKeys: ['woning'] },
          { givenName: 'Rania', familyName: 'Haddad', birthDate: '1999-08-19', role: 'parent', residenceKeys: ['woning'] },
          { givenName: 'Omar', familyName: 'Haddad', birthDate: '2018-03-11', role: 'child', residenceKeys: ['woning'] },
          { givenName: 'Lina', familyName: 'Haddad', birthDate: '2021-10-30', role: 'child', residenceKeys: ['woning'] },
        ],
      });
      await casus.assignCoordinator('2026-01-14', inburgeringsconsulent.sub, 'A. el Amrani (inburgeringsconsulent)');

      // The inburgering track of each adult is a trajectory under the Wet inburgering 2021, opened when the gezin is registered.
      const inburgering = {
        date: '2026-01-14',
        source: 'other',
        channel: 'other',
        question: 'Inburgeringsplichtige statushouder: brede intake en PIP (Wet inburgering 2021)',
        lifeDomains: ['taal', 'participatie', 'werk'],
        legalBasis: 'wet-inburgering-2021',
      };
      rania = await casus.melding('Rania', inburgering);
      yusuf = await casus.melding('Yusuf', inburgering);

      // 2026-01-21 [EXT] brede intake (Wi2021) ×2 → the intake of both trajectories.
      await casus.step(rania, 'intake', { date: '2026-01-21' });
      await casus.step(yusuf, 'intake', { date: '2026-01-21' });
      // The table revises the plan on 2026-06-01 (PlanGewijzigd) without saying when it was drawn up: agreed after the brede intake.
      await casus.setPlan('2026-01-21', [
        { member: 'Rania', lifeDomain: 'taal', description: 'Inburgeren via de B1-route' },
        { member: 'Yusuf', lifeDomain: 'taal', description: 'Inburgeren via de Z-route' },
        { member: 'Omar', lifeDomain: 'onderwijs', description: 'Naar de basisschool in de wijk' },
      ]);

      await casus.step(rania, 'pip', { date: '2026-02-16', route: 'B1' });
      await casus.step(yusuf, 'pip', { date: '2026-03-31', route: 'Z' });
      await casus.step(rania, 'learning-route', { languageStartDate: '2026-04-13', participationStartDate: '2026-04-13' });

      // 2026-04-15: the huisarts refers Yusuf to the GGZ (sleep problems, flashbacks): a melding of its own, outside the inburgering.
      yusufGgz = await casus.melding('Yusuf', {
        date: '2026-04-15',
        source: 'huisarts',
        channel: 'phone',
        question: 'Slaapproblemen en herbelevingen; verwezen naar de GGZ',
        lifeDomains: ['geestelijke-gezondheid'],
        legalBasis: 'wmo-2015',
      });
      // 2026-04-22 GgzWachtlijstGeregistreerd + 2026-04-24 VerkennendGesprekAangevraagd → one request with ggzWaitlistSince.
      await casus.step(yusufGgz, 'exploratory-conversations', { status: 'requested', date: '2026-04-24', ggzWaitlistSince: '2026-04-22' });
      await casus.step(yusufGgz, 'exploratory-conversations', { status: 'held', date: '2026-05-06', outcome: 'referral-follows' });
      ({ referralId: ggnet } = await casus.refer(yusufGgz, {
        date: '2026-05-15',
        organisation: { name: 'GGNet – groepsinterventie voor statushouders' },
        category: 'lichtere-zorg',
        warmHandover: false,
      }));
      ({ referralId: caleidoz } = await casus.refer(yusufGgz, {
        date: '2026-05-15',
        organisation: { name: 'Caleidoz welzijnscoach' },
        category: 'voorliggend-veld',
        warmHandover: true,
      }));

      await casus.setPlan('2026-06-01', [
        { member: 'Rania', lifeDomain: 'taal', description: 'Inburgeren via de B1-route' },
        { member: 'Yusuf', lifeDomain: 'taal', description: 'Inburgeren via de Z-route' },
        { member: 'Omar', lifeDomain: 'onderwijs', description: 'Naar de basisschool in de wijk' },
        { member: 'Yusuf', lifeDomain: 'geestelijke-gezondheid', description: 'Overbrugging van de GGZ-wachttijd; rust, later werken als kok' },
        { member: 'Lina', lifeDomain: 'opvoeding', description: 'Kinderopvang, zodat beide ouders hun leerroute kunnen volgen' },
      ]);
      await casus.step(yusuf, 'learning-route', { languageStartDate: '2026-06-08', participationStartDate: '2026-06-08' });
      // ParticipatieActiviteitGestart (2026-09-01, 2027-02-01) and InburgeringsexamenBehaald (2028-06-15): no counterpart.

      view = await casus.view();
      events = await casus.events();
    });

    it('6.1 one gezin, one huishouden: Yusuf, Rania, Omar and Lina, with the inburgeringsconsulent as casusregisseur', () => {
      expect(view).toMatchObject({ municipality: ZEVENAAR, team: 'inburgering', registeredOn: '2026-01-14' });
      expect(view.residences).toEqual([{ residenceId: casus.residences.woning, label: 'woning', postcode: '6901 AB', houseNumber: '12' }]);
      expect(view.members).toMatchObject([
        { givenName: 'Yusuf', birthDate: '1996-05-02', role: 'parent' },
        { givenName: 'Rania', birthDate: '1999-08-19', role: 'parent' },
        { givenName: 'Omar', birthDate: '2018-03-11', role: 'child' },
        { givenName: 'Lina', birthDate: '2021-10-30', role: 'child' },
      ]);
      for (const member of view.members) {
        expect(member).toMatchObject({ familyName: 'Haddad', status: 'active', joinedOn: '2026-01-14', residenceIds: [casus.residences.woning] });
      }
      expect(view.coordinator).toEqual({
        coordinatorId: inburgeringsconsulent.sub,
        name: 'A. el Amrani (inburgeringsconsulent)',
        since: '2026-01-14',
      });
    });

    it("6.1 gezin Haddad: Rania's PIP on 2026-02-16, learning route 2026-04-13 (56 days, within the K1 deadline 2026-04-16)", () => {
      const t = trajectoryIn(view, rania);
      expect(t).toMatchObject({
        memberId: casus.members.Rania,
        legalBasis: 'wet-inburgering-2021',
        status: 'open',
        openedOn: '2026-01-14',
        intakeOn: '2026-01-21',
        level: null,
        pip: { establishedOn: '2026-02-16', route: 'B1' },
        learningRoute: { startedOn: '2026-04-13', languageStartDate: '2026-04-13', participationStartDate: '2026-04-13' },
        referrals: [],
        levelChanges: [],
        waakvlam: { active: false, periods: [] },
      });
      expect(t.pip).not.toHaveProperty('amendedOn');
      expect(daysBetween(t.pip!.establishedOn, t.learningRoute!.startedOn)).toBe(56);
      expect(plusMonths(t.pip!.establishedOn, 2)).toBe('2026-04-16');
      expect(t.learningRoute!.startedOn <= plusMonths(t.pip!.establishedOn, 2)).toBe(true);
    });

    it("6.1 gezin Haddad: Yusuf's PIP on 2026-03-31 (route Z), learning route 2026-06-08 (69 days, after the K1 deadline 2026-05-31)", () => {
      const t = trajectoryIn(view, yusuf);
      expect(t).toMatchObject({
        memberId: casus.members.Yusuf,
        legalBasis: 'wet-inburgering-2021',
        status: 'open',
        openedOn: '2026-01-14',
        intakeOn: '2026-01-21',
        pip: { establishedOn: '2026-03-31', route: 'Z' },
        learningRoute: { startedOn: '2026-06-08', languageStartDate: '2026-06-08', participationStartDate: '2026-06-08' },
      });
      expect(daysBetween(t.pip!.establishedOn, t.learningRoute!.startedOn)).toBe(69);
      expect(plusMonths(t.pip!.establishedOn, 2)).toBe('2026-05-31');
      expect(t.learningRoute!.startedOn > plusMonths(t.pip!.establishedOn, 2)).toBe(true);
    });

    it('6.1 gezin Haddad: verkennend gesprek for Yusuf requested 2026-04-24 (GGZ waiting list since 04-22), held 05-06, referred on 05-15 (K2: 21 days, 23 from the waiting list)', () => {
      const t = trajectoryIn(view, yusufGgz);
      expect(t).toMatchObject({
        memberId: casus.members.Yusuf,
        source: 'huisarts',
        channel: 'phone',
        legalBasis: 'wmo-2015',
        lifeDomains: ['geestelijke-gezondheid'],
        status: 'open',
        openedOn: '2026-04-15',
        level: null,
        exploratoryConversation: {
          requestedOn: '2026-04-24',
          ggzWaitlistSince: '2026-04-22',
          heldOn: '2026-05-06',
          outcome: 'referral-follows',
        },
      });
      expect(t.referrals).toEqual([
        {
          referralId: ggnet,
          madeOn: '2026-05-15',
          organisation: { name: 'GGNet – groepsinterventie voor statushouders' },
          category: 'lichtere-zorg',
          warmHandover: false,
          referrerRole: 'sociaal-team',
          status: 'made',
        },
        {
          referralId: caleidoz,
          madeOn: '2026-05-15',
          organisation: { name: 'Caleidoz welzijnscoach' },
          category: 'voorliggend-veld',
          warmHandover: true,
          referrerRole: 'sociaal-team',
          status: 'made',
        },
      ]);
      const conversation = t.exploratoryConversation!;
      expect(daysBetween(conversation.requestedOn, t.referrals[0].madeOn)).toBe(21);
      expect(daysBetween(conversation.ggzWaitlistSince!, t.referrals[0].madeOn)).toBe(23);
    });

    it('6.1 gezin Haddad: the plan revised on 2026-06-01 (version 2) adds GGZ bridging for Yusuf and childcare for Lina', () => {
      expect(view.plan).toMatchObject({ version: 2, agreedOn: '2026-01-21', revisedOn: '2026-06-01' });
      expect(view.plan!.goals).toHaveLength(5);
      expect(view.plan!.goals).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ memberId: casus.members.Yusuf, lifeDomain: 'geestelijke-gezondheid' }),
          expect.objectContaining({ memberId: casus.members.Lina, lifeDomain: 'opvoeding' }),
        ]),
      );
      expect(view.corrections).toEqual([]);
    });

    it('6.1 gezin Haddad: the history holds every step in the order recorded, each on its business date', () => {
      expect(events.map((e) => [e.type, e.occurredOn])).toEqual([
        ['HouseholdRegistered', '2026-01-14'],
        ['CoordinatorAssigned', '2026-01-14'],
        ['TrajectoryOpened', '2026-01-14'],
        ['TrajectoryOpened', '2026-01-14'],
        ['IntakeHeld', '2026-01-21'],
        ['IntakeHeld', '2026-01-21'],
        ['PlanAgreed', '2026-01-21'],
        ['PipEstablished', '2026-02-16'],
        ['PipEstablished', '2026-03-31'],
        ['LearningRouteStarted', '2026-04-13'],
        ['TrajectoryOpened', '2026-04-15'],
        ['ExploratoryConversationRequested', '2026-04-24'],
        ['ExploratoryConversationHeld', '2026-05-06'],
        ['ReferralMade', '2026-05-15'],
        ['ReferralMade', '2026-05-15'],
        ['PlanRevised', '2026-06-01'],
        ['LearningRouteStarted', '2026-06-08'],
      ]);
      expect(events.every((e) => e.eventId.length > 0)).toBe(true);
      expect(events[16].data).toEqual({ trajectoryId: yusuf, languageStartDate: '2026-06-08', participationStartDate: '2026-06-08' });
      expect(view.version).toBe(events.length);
    });
  });

  // ---------------------------------------------------------------------------------------------------------------
  describe('6.2 Nieuwegein – mevrouw Jansen: maatwerk, then afschaling to the voorliggend veld with waakvlamcontact', () => {
    const geynwijs: Principal = { sub: 'ngn-geynwijs-wmo-1', roles: ['consultant'], team: 'Geynwijs-Noord', municipality: NIEUWEGEIN };
    let casus: Casus;
    let view: HouseholdView;
    let t: TrajectoryView;
    let trajectory: string;
    const referrals: Record<string, string> = {};

    beforeAll(async () => {
      // Mevrouw Jansen lives alone; her daughter Ellen (the mantelzorger) lives elsewhere and is not a member: the referral
      // to the mantelzorgconsulent for Ellen is part of her mother's support. The scenario gives no first name: "Wilhelmina".
      casus = await Casus.register(api, geynwijs, {
        municipality: NIEUWEGEIN,
        team: 'Geynwijs-Noord',
        registeredOn: '2025-09-08',
        residences: [{ key: 'eengezinswoning', postcode: '3431 AB', houseNumber: '7' }],
        members: [{ givenName: 'Wilhelmina', familyName: 'Jansen', birthDate: '1941-02-03', role: 'other', residenceKeys: ['eengezinswoning'] }],
      });
      trajectory = await casus.melding('Wilhelmina', {
        date: '2025-09-08',
        source: 'provider', // the wijkverpleegkundige
        channel: 'phone',
        question: 'Huishouden loopt niet meer, gevallen, eenzaam; dochter Ellen (mantelzorger) is overbelast',
        lifeDomains: ['zelfredzaamheid', 'lichamelijke-gezondheid', 'sociaal-netwerk', 'wonen'],
        legalBasis: 'wmo-2015',
      });
      // Route "explore maatwerk + sociale basis": the sociale basis first (the table gives level L1 on 09-26).
      await casus.step(trajectory, 'triage', { date: '2025-09-10', level: 'L1', route: 'regular' });
      // The conversation at home (vraagverheldering, reablement, the mantelzorger's situation) → intake.
      await casus.step(trajectory, 'intake', { date: '2025-09-17' });
      // 2025-09-24 CasuistiekBesproken (integrale casuïstiekbespreking): no counterpart.
      ({ referralId: referrals.valpreventie } = await casus.refer(trajectory, {
        date: '2025-09-26',
        organisation: { name: 'Valpreventie (algemene voorziening)' },
        category: 'voorliggend-veld',
        warmHandover: false,
      }));
      ({ referralId: referrals.buurtplein } = await casus.refer(trajectory, {
        date: '2025-09-26',
        organisation: { name: 'Buurtplein – maaltijden' },
        category: 'sociale-basis',
        warmHandover: false,
      }));
      ({ referralId: referrals.mantelzorg } = await casus.refer(trajectory, {
        date: '2025-09-26',
        organisation: { name: 'Mantelzorgconsulent (voor Ellen)' },
        category: 'voorliggend-veld',
        warmHandover: true,
      }));

      // 2025-10-01 IndicatieAfgegeven + BeschikkingAfgegeven for HO and IB → opschaling to L3 and two maatwerk referrals.
      await casus.step(trajectory, 'scale-changes', { date: '2025-10-01', toLevel: 'L3', reason: 'Indicatie HO (wekelijks) en IB (natura)' });
      ({ referralId: referrals.ho } = await casus.refer(trajectory, {
        date: '2025-10-01',
        organisation: { agbCode: '75750101', name: 'Thuiszorg Lekstroom (HO)' },
        category: 'maatwerk',
        productCode: 'HO01',
        warmHandover: false,
      }));
      ({ referralId: referrals.ib } = await casus.refer(trajectory, {
        date: '2025-10-01',
        organisation: { agbCode: '75750202', name: 'Begeleiding Lekstroom (IB)' },
        category: 'maatwerk',
        productCode: 'IB01',
        warmHandover: true,
      }));
      // The indicatie rests on a plan; the table evaluates it on 2026-01-12 without saying when it was drawn up.
      await casus.setPlan('2025-10-01', [
        { member: 'Wilhelmina', lifeDomain: 'zelfredzaamheid', description: 'Huishouden op orde met HO; zelf weer dagstructuur met IB' },
        { member: 'Wilhelmina', lifeDomain: 'lichamelijke-gezondheid', description: 'Niet meer vallen (valpreventie)' },
        { member: 'Wilhelmina', lifeDomain: 'sociaal-netwerk', description: 'Minder eenzaam; Ellen ontlast' },
      ]);
      await casus.careStarted(trajectory, referrals.ib, '2025-10-06');
      await casus.careStarted(trajectory, referrals.ho, '2025-10-13');

      // 2026-01-12 PlanGeevalueerd: goals partly met, afschaling planned → a revision of the plan.
      await casus.setPlan('2026-01-12', [
        { member: 'Wilhelmina', lifeDomain: 'zelfredzaamheid', description: 'Huishouden op orde met HO; IB afschalen naar het voorliggend veld' },
        { member: 'Wilhelmina', lifeDomain: 'lichamelijke-gezondheid', description: 'Niet meer vallen (valpreventie)' },
        { member: 'Wilhelmina', lifeDomain: 'sociaal-netwerk', description: 'Recreatieve Activering en AMW' },
      ]);

      // 2026-03-30 OndersteuningAfgeschaald L3→L1: warm handover to AMW, referral to Recreatieve Activering; IB ends 03-31.
      await casus.step(trajectory, 'scale-changes', { date: '2026-03-30', toLevel: 'L1', reason: 'Tijdige afschaling IB; HO loopt door' });
      ({ referralId: referrals.amw } = await casus.refer(trajectory, {
        date: '2026-03-30',
        organisation: { name: 'Algemeen maatschappelijk werk' },
        category: 'voorliggend-veld',
        warmHandover: true,
      }));
      ({ referralId: referrals.recreatief } = await casus.refer(trajectory, {
        date: '2026-03-30',
        organisation: { name: 'Recreatieve Activering' },
        category: 'voorliggend-veld',
        warmHandover: false,
      }));
      // IndicatieBeeindigd before the indicated end date (2026-04-05), by agreement: RedenBeeindiging 23.
      await casus.onReferral(trajectory, referrals.ib, 'care-end', { date: '2026-03-31', reasonCode: '23' });

      // NazorgGestart with a six-week cadence [DESIGN], then three waakvlamcontacten.
      await casus.step(trajectory, 'waakvlam', { date: '2026-04-01', contactIntervalDays: 42 });
      await casus.step(trajectory, 'waakvlam/contacts', { date: '2026-05-13', mode: 'phone', outcome: 'stable' });
      await casus.step(trajectory, 'waakvlam/contacts', { date: '2026-06-24', mode: 'home-visit', outcome: 'concern' });
      ({ referralId: referrals.huisarts } = await casus.refer(trajectory, {
        date: '2026-06-24',
        organisation: { name: 'Huisarts (dementiediagnostiek, Zvw)' },
        category: 'eerstelijn',
        warmHandover: false,
      }));
      await casus.step(trajectory, 'waakvlam/contacts', { date: '2026-08-05', mode: 'phone', outcome: 'stable' });
      // 2026-09-30 NazorgBeeindigd; CasusregieBeeindigd. The HO indicatie is still active, so the trajectory is not closed.
      await casus.step(trajectory, 'waakvlam/end', { date: '2026-09-30' });

      view = await casus.view();
      t = trajectoryIn(view, trajectory);
    });

    it('6.2 mevrouw Jansen: melding 2025-09-08 from the wijkverpleegkundige, triage 09-10 at L1, vraagverheldering at home 09-17', () => {
      expect(view.members).toMatchObject([
        { givenName: 'Wilhelmina', familyName: 'Jansen', birthDate: '1941-02-03', status: 'active', residenceIds: [casus.residences.eengezinswoning] },
      ]);
      expect(view.municipality).toBe(NIEUWEGEIN);
      expect(t).toMatchObject({
        source: 'provider',
        legalBasis: 'wmo-2015',
        openedOn: '2025-09-08',
        intakeOn: '2025-09-17',
        triage: { completedOn: '2025-09-10', level: 'L1', route: 'regular' },
      });
    });

    it('6.2 mevrouw Jansen: three referrals to the sociale basis and voorliggend veld on 2025-09-26, then opschaling L1→L3 on 10-01 and afschaling L3→L1 on 2026-03-30', () => {
      expect(t.levelChanges).toEqual([
        { changedOn: '2025-10-01', direction: 'up', fromLevel: 'L1', toLevel: 'L3', reason: 'Indicatie HO (wekelijks) en IB (natura)' },
        { changedOn: '2026-03-30', direction: 'down', fromLevel: 'L3', toLevel: 'L1', reason: 'Tijdige afschaling IB; HO loopt door' },
      ]);
      expect(t.level).toBe('L1');
      for (const name of ['valpreventie', 'buurtplein', 'mantelzorg']) {
        expect(referralIn(t, referrals[name])).toMatchObject({ madeOn: '2025-09-26', status: 'made' });
      }
      expect(referralIn(t, referrals.buurtplein).category).toBe('sociale-basis');
      expect(referralIn(t, referrals.mantelzorg)).toMatchObject({ category: 'voorliggend-veld', warmHandover: true });
      expect(referralIn(t, referrals.amw)).toMatchObject({ madeOn: '2026-03-30', category: 'voorliggend-veld', warmHandover: true, status: 'made' });
      expect(referralIn(t, referrals.recreatief)).toMatchObject({ madeOn: '2026-03-30', category: 'voorliggend-veld', status: 'made' });
      expect(t.referrals).toHaveLength(8);
      // K26: two indicaties (maatwerk referrals).
      expect(t.referrals.filter((r) => r.category === 'maatwerk')).toHaveLength(2);
    });

    it('6.2 mevrouw Jansen: IB started 2025-10-06 (K25: 28 days after the melding) and ended early on 2026-03-31 (K27: 177 days inclusive); HO started 10-13 and continues', () => {
      const ib = referralIn(t, referrals.ib);
      expect(ib).toEqual({
        referralId: referrals.ib,
        madeOn: '2025-10-01',
        organisation: { agbCode: '75750202', name: 'Begeleiding Lekstroom (IB)' },
        category: 'maatwerk',
        productCode: 'IB01',
        warmHandover: true,
        referrerRole: 'sociaal-team',
        status: 'care-ended',
        acceptedOn: '2025-10-06',
        careStartedOn: '2025-10-06',
        careEndedOn: '2026-03-31',
        careEndReason: '23',
      });
      expect(daysBetween(t.openedOn, ib.careStartedOn!)).toBe(28);
      expect(daysBetween(ib.careStartedOn!, ib.careEndedOn!) + 1).toBe(177);
      expect(ib.careEndedOn! < '2026-04-05').toBe(true);

      const ho = referralIn(t, referrals.ho);
      expect(ho).toMatchObject({
        organisation: { agbCode: '75750101' },
        productCode: 'HO01',
        status: 'in-care',
        acceptedOn: '2025-10-13',
        careStartedOn: '2025-10-13',
      });
      expect(ho).not.toHaveProperty('careEndedOn');
    });

    it('6.2 mevrouw Jansen: waakvlam from 2026-04-01 every 42 days, contacts 05-13, 06-24 (concern → huisarts) and 08-05, ended 09-30; the case stays open for the HO', () => {
      expect(t.waakvlam).toEqual({
        active: false,
        periods: [
          {
            startedOn: '2026-04-01',
            contactIntervalDays: 42,
            endedOn: '2026-09-30',
            contacts: [
              { contactOn: '2026-05-13', mode: 'phone', outcome: 'stable' },
              { contactOn: '2026-06-24', mode: 'home-visit', outcome: 'concern' },
              { contactOn: '2026-08-05', mode: 'phone', outcome: 'stable' },
            ],
          },
        ],
      });
      // Every contact within the cadence: none is overdue.
      const dates = ['2026-04-01', ...t.waakvlam.periods[0].contacts.map((c) => c.contactOn)];
      expect(dates.slice(1).map((d, i) => daysBetween(dates[i], d))).toEqual([42, 42, 42]);
      expect(referralIn(t, referrals.huisarts)).toMatchObject({ madeOn: '2026-06-24', category: 'eerstelijn', status: 'made' });
      // No Wmo opschaling after the signal.
      expect(t.levelChanges).toHaveLength(2);
      expect(t.status).toBe('open');
      expect(t).not.toHaveProperty('closedOn');
      expect(view.plan).toMatchObject({ version: 2, agreedOn: '2025-10-01', revisedOn: '2026-01-12' });
      expect(view.plan!.goals).toHaveLength(3);
    });
  });

  // ---------------------------------------------------------------------------------------------------------------
  describe('6.3 Nieuwegein – Sem: from the Jeugdwet to the Wmo at 18 without a gap', () => {
    const jeugd: Principal = { sub: 'ngn-geynwijs-jeugd-1', roles: ['consultant'], team: 'Geynwijs-Jeugd', municipality: NIEUWEGEIN };
    const wmo: Principal = { sub: 'ngn-geynwijs-wmo-2', roles: ['consultant'], team: 'Geynwijs-Wmo', municipality: NIEUWEGEIN };
    let casus: Casus;
    let view: HouseholdView;
    let jeugdTrajectory: string;
    let wmoTrajectory: string;
    let jeugdhulp: string;
    let ibIndividual: string;
    let ibGroup: string;
    let eventsSeen: EventView[];

    beforeAll(async () => {
      // Sem "has received ambulant jeugdhulp since 2023-05-01": that history is recorded on that one day (registration,
      // melding, triage at L3, the jeugdhulp referral and its start), so that the 2026-09-14 IndicatieBeeindigd has care to end.
      // His mother is not named in the scenario: "Ingrid". Sem's family name is not given either: "de Groot".
      casus = await Casus.register(api, jeugd, {
        municipality: NIEUWEGEIN,
        team: 'Geynwijs-Jeugd',
        registeredOn: '2023-05-01',
        residences: [{ key: 'thuis', postcode: '3437 CD', houseNumber: '21' }],
        members: [
          { givenName: 'Ingrid', familyName: 'de Groot', birthDate: '1979-04-12', role: 'parent', residenceKeys: ['thuis'] },
          { givenName: 'Sem', familyName: 'de Groot', birthDate: '2008-09-15', role: 'child', residenceKeys: ['thuis'] },
        ],
      });
      await casus.assignCoordinator('2023-05-01', jeugd.sub, 'Geynwijs Jeugd-professional');
      jeugdTrajectory = await casus.melding('Sem', {
        date: '2023-05-01',
        source: 'other',
        channel: 'other',
        question: 'Ambulante jeugdhulp bij een licht verstandelijke beperking',
        lifeDomains: ['zelfredzaamheid', 'onderwijs'],
        legalBasis: 'jeugdwet',
      });
      await casus.step(jeugdTrajectory, 'triage', { date: '2023-05-01', level: 'L3' });
      ({ referralId: jeugdhulp } = await casus.refer(jeugdTrajectory, {
        date: '2023-05-01',
        organisation: { agbCode: '41410001', name: 'Jeugdhulpaanbieder ambulant' },
        category: 'maatwerk',
        productCode: '45A53',
        warmHandover: true,
      }));
      await casus.careStarted(jeugdTrajectory, jeugdhulp, '2023-05-01');

      // 2025-03-10 ToekomstplanOpgesteld (Big 5) → the plan.
      await casus.setPlan('2025-03-10', [
        { member: 'Sem', lifeDomain: 'wonen', description: 'Big 5 wonen: thuis blijven wonen, later begeleid zelfstandig' },
        { member: 'Sem', lifeDomain: 'inkomen', description: 'Big 5 inkomen: Wajong/uitkering geregeld op 18' },
        { member: 'Sem', lifeDomain: 'onderwijs', description: 'Big 5 werk/school: entreeopleiding afronden' },
        { member: 'Sem', lifeDomain: 'geestelijke-gezondheid', description: 'Big 5 welzijn' },
        { member: 'Sem', lifeDomain: 'sociaal-netwerk', description: 'Big 5 support: een duurzame steunfiguur' },
      ]);
      // 2026-03-16 CasusregieToegewezen (co-regisseur, Geynwijs Wmo): the API holds one casusregisseur, so the Wmo professional takes over.
      await casus.assignCoordinator('2026-03-16', wmo.sub, 'Geynwijs Wmo-professional');
      // 2026-04-20 MaatwerkOverwogenNietIngezet (BW/BT considered, not needed), 2026-05-12 SteunfiguurVastgelegd (uncle Karim)
      // and 2026-06-15 CasuistiekBesproken: no counterpart.

      const asWmo = casus.as(wmo);
      wmoTrajectory = await asWmo.melding('Sem', {
        date: '2026-07-01',
        source: 'other',
        channel: 'warm-handover',
        question: 'Overgang 18-/18+: Wmo-ondersteuning vanaf de 18e verjaardag',
        lifeDomains: ['zelfredzaamheid', 'wonen', 'werk'],
        legalBasis: 'wmo-2015',
      });
      // 2026-08-05 IndicatieAfgegeven Wmo IB from 2026-09-15 + BeschikkingAfgegeven: the onderzoek ends in maatwerk. On this new
      // trajectory the triage sets the level (a scale change needs one), together with the maatwerk referral.
      await asWmo.step(wmoTrajectory, 'triage', { date: '2026-08-05', level: 'L3' });
      ({ referralId: ibIndividual } = await asWmo.refer(wmoTrajectory, {
        date: '2026-08-05',
        organisation: { agbCode: '75750303', name: 'Begeleiding Lekstroom (IB Wmo)' },
        category: 'maatwerk',
        productCode: '07A01',
        warmHandover: true,
      }));
      // 2026-09-14 Jeugdwet IB IndicatieBeeindigd (the last day before he turns 18), volgens plan.
      await casus.onReferral(jeugdTrajectory, jeugdhulp, 'care-end', { date: '2026-09-14', reasonCode: '19' });
      // 2026-09-15 WarmeOverdrachtUitgevoerd (Jeugd → Wmo): the Jeugdwet trajectory is closed as transferred.
      await casus.step(jeugdTrajectory, 'closure', { date: '2026-09-15', reason: 'transferred' });
      await asWmo.careStarted(wmoTrajectory, ibIndividual, '2026-09-15');

      // 2027-03-15 OndersteuningAfgeschaald → IB in a group (004:1252). Group IB is still maatwerk (004:1357–1361), so the
      // level stays L3: the individual IB ends for a change of product (37) and the group IB starts the same day.
      await asWmo.onReferral(wmoTrajectory, ibIndividual, 'care-end', { date: '2027-03-15', reasonCode: '37' });
      ({ referralId: ibGroup } = await asWmo.refer(wmoTrajectory, {
        date: '2027-03-15',
        organisation: { agbCode: '75750303', name: 'Begeleiding Lekstroom (IB in groepsvorm)' },
        category: 'maatwerk',
        productCode: '07A05',
        warmHandover: false,
      }));
      await asWmo.careStarted(wmoTrajectory, ibGroup, '2027-03-15');
      // 2027-09-15 IB ended; NazorgGestart (cadence not in the scenario: the six weeks of §6.2). Without IB the support is his
      // own network (uncle Karim): afschaling L3→L0.
      await asWmo.onReferral(wmoTrajectory, ibGroup, 'care-end', { date: '2027-09-15', reasonCode: '19' });
      await asWmo.step(wmoTrajectory, 'scale-changes', { date: '2027-09-15', toLevel: 'L0', reason: 'IB afgerond; eigen netwerk met steunfiguur' });
      await asWmo.step(wmoTrajectory, 'waakvlam', { date: '2027-09-15', contactIntervalDays: 42 });
      // 2028-03-15 CasusAfgesloten (stabiele basis).
      await asWmo.step(wmoTrajectory, 'waakvlam/end', { date: '2028-03-15' });
      await asWmo.step(wmoTrajectory, 'closure', { date: '2028-03-15', reason: 'stable' });

      view = await casus.view();
      eventsSeen = await casus.events();
    });

    it('6.3 Sem and his mother; the toekomstplan (Big 5) agreed 2025-03-10, before he was 16½ (2025-03-15)', () => {
      expect(view.members).toMatchObject([
        { givenName: 'Ingrid', role: 'parent', status: 'active' },
        { givenName: 'Sem', birthDate: '2008-09-15', role: 'child', status: 'active' },
      ]);
      expect(view.plan).toMatchObject({ version: 1, agreedOn: '2025-03-10' });
      expect(view.plan).not.toHaveProperty('revisedOn');
      expect(view.plan!.goals.map((g) => g.lifeDomain)).toEqual(['wonen', 'inkomen', 'onderwijs', 'geestelijke-gezondheid', 'sociaal-netwerk']);
      expect(view.plan!.goals.every((g) => g.memberId === casus.members.Sem)).toBe(true);
      expect(plusMonths('2008-09-15', 16 * 12 + 6)).toBe('2025-03-15');
      expect(view.plan!.agreedOn <= plusMonths('2008-09-15', 16 * 12 + 6)).toBe(true);
    });

    it('6.3 Sem: the Wmo professional is casusregisseur since 2026-03-16, the day after he turned 17½', () => {
      expect(view.coordinator).toEqual({ coordinatorId: wmo.sub, name: 'Geynwijs Wmo-professional', since: '2026-03-16' });
      expect(plusMonths('2008-09-15', 17 * 12 + 6)).toBe('2026-03-15');
      const assignments = eventsSeen.filter((e) => e.type === 'CoordinatorAssigned');
      expect(assignments.map((e) => [e.occurredOn, e.data.coordinatorId])).toEqual([
        ['2023-05-01', jeugd.sub],
        ['2026-03-16', wmo.sub],
      ]);
    });

    it('6.3 Sem: Jeugdwet IB ended 2026-09-14, Wmo IB started 2026-09-15 (K30 gap 0 days); the Jeugdwet trajectory closed as transferred', () => {
      const jeugdView = trajectoryIn(view, jeugdTrajectory);
      expect(jeugdView).toMatchObject({
        legalBasis: 'jeugdwet',
        status: 'closed',
        closedOn: '2026-09-15',
        closureReason: 'transferred',
        level: 'L3',
        triage: { completedOn: '2023-05-01', level: 'L3', route: 'regular' },
      });
      expect(jeugdView.referrals).toMatchObject([
        {
          referralId: jeugdhulp,
          category: 'maatwerk',
          organisation: { agbCode: '41410001' },
          status: 'care-ended',
          acceptedOn: '2023-05-01',
          careStartedOn: '2023-05-01',
          careEndedOn: '2026-09-14',
          careEndReason: '19',
        },
      ]);
      const wmoView = trajectoryIn(view, wmoTrajectory);
      const wmoIb = referralIn(wmoView, ibIndividual);
      expect(wmoIb).toMatchObject({ madeOn: '2026-08-05', acceptedOn: '2026-09-15', careStartedOn: '2026-09-15' });
      expect(daysBetween(jeugdView.referrals[0].careEndedOn!, wmoIb.careStartedOn!) - 1).toBe(0);
      // The Wmo IB starts on his 18th birthday.
      expect(wmoIb.careStartedOn).toBe(plusMonths('2008-09-15', 18 * 12));
    });

    it('6.3 Sem: Wmo trajectory from the melding of 2026-07-01: IB individually, in a group from 2027-03-15, ended 2027-09-15, waakvlam, closed 2028-03-15 (stabiele basis)', () => {
      const t = trajectoryIn(view, wmoTrajectory);
      expect(t).toMatchObject({
        memberId: casus.members.Sem,
        legalBasis: 'wmo-2015',
        channel: 'warm-handover',
        openedOn: '2026-07-01',
        triage: { completedOn: '2026-08-05', level: 'L3', route: 'regular' },
        level: 'L0',
        status: 'closed',
        closedOn: '2028-03-15',
        closureReason: 'stable',
        reopenings: [],
      });
      expect(t.referrals).toMatchObject([
        { referralId: ibIndividual, productCode: '07A01', status: 'care-ended', careStartedOn: '2026-09-15', careEndedOn: '2027-03-15', careEndReason: '37' },
        { referralId: ibGroup, productCode: '07A05', status: 'care-ended', madeOn: '2027-03-15', careStartedOn: '2027-03-15', careEndedOn: '2027-09-15', careEndReason: '19' },
      ]);
      expect(t.levelChanges).toEqual([
        { changedOn: '2027-09-15', direction: 'down', fromLevel: 'L3', toLevel: 'L0', reason: 'IB afgerond; eigen netwerk met steunfiguur' },
      ]);
      expect(t.waakvlam).toEqual({
        active: false,
        periods: [{ startedOn: '2027-09-15', contactIntervalDays: 42, endedOn: '2028-03-15', contacts: [] }],
      });
      // Each professional's steps carry their own id.
      const wmoSteps = eventsSeen.filter((e) => e.data.trajectoryId === wmoTrajectory);
      expect(new Set(wmoSteps.map((e) => (e as unknown as { actor: { id: string } }).actor.id))).toEqual(new Set([wmo.sub]));
    });
  });

  // ---------------------------------------------------------------------------------------------------------------
  describe('6.4 Harderwijk – Marieke: maatwerk avoided by the pilotteam 16-27, then monthly nazorg after a move', () => {
    const pilotteam: Principal = { sub: 'ehz-pilotteam-1627-1', roles: ['consultant'], team: 'pilotteam-16-27', municipality: HARDERWIJK };
    let casus: Casus;
    let trajectory: string;
    let beforeClosure: HouseholdView;
    let view: HouseholdView;

    beforeAll(async () => {
      // 2024-10-01 the existing CJG trajectory is not a case of this system; its closure with a warm handover on 2025-03-01
      // is not recorded either. Marieke's family name is not given: "Visser".
      casus = await Casus.register(api, pilotteam, {
        municipality: HARDERWIJK,
        team: 'pilotteam-16-27',
        registeredOn: '2025-02-10',
        residences: [{ key: 'ouderlijk-huis', postcode: '3841 AB', houseNumber: '3' }],
        members: [{ givenName: 'Marieke', familyName: 'Visser', birthDate: '2007-11-20', role: 'child', residenceKeys: ['ouderlijk-huis'] }],
      });
      trajectory = await casus.melding('Marieke', {
        date: '2025-02-10',
        source: 'other', // the nachtopvang
        channel: 'in-person',
        question: 'Ruzie thuis, weggelopen, dreigt dakloos te raken; geen eigen hulpvraag',
        lifeDomains: ['wonen', 'relaties', 'onderwijs'],
        legalBasis: 'jeugdwet',
      });
      // 2025-02-20 MaatwerkOverwogenNietIngezet (an indicatie beschermd wonen was considered) has no event: the triage records
      // the decision instead, on the outreach route at L2 (the regelvrij pilotteam itself), not L4.
      await casus.step(trajectory, 'triage', { date: '2025-02-20', level: 'L2', route: 'outreach' });
      await casus.assignCoordinator('2025-03-01', pilotteam.sub, 'Pilotteam 16-27 (regelvrij mandaat)');
      // 2025-03 to 06 conversations (no single date) and 2025-07-04 the vwo diploma: no counterpart.
      // 2025-09-01 she moves to Groningen, no support needed: NazorgGestart, monthly. The move itself has no counterpart.
      await casus.step(trajectory, 'waakvlam', { date: '2025-09-01', contactIntervalDays: 30 });
      // "2025-10-01 … 2026-01-05 WaakvlamcontactGehad monthly (phone)": the first and last dates are the scenario's, the two between are ours.
      for (const date of ['2025-10-01', '2025-11-03', '2025-12-01', '2026-01-05']) {
        await casus.step(trajectory, 'waakvlam/contacts', { date, mode: 'phone', outcome: 'stable' });
      }
      beforeClosure = await casus.view();
      // 2026-02-01 CasusAfgesloten (stable): the nazorg ends with it.
      await casus.step(trajectory, 'waakvlam/end', { date: '2026-02-01' });
      await casus.step(trajectory, 'closure', { date: '2026-02-01', reason: 'stable' });
      view = await casus.view();
    });

    it('6.4 Marieke: melding via the nachtopvang 2025-02-10; the triage of 02-20 routes her to outreach by the pilotteam (L2), casusregie with the pilotteam from 03-01', () => {
      const t = trajectoryIn(view, trajectory);
      expect(view.municipality).toBe(HARDERWIJK);
      expect(t).toMatchObject({
        memberId: casus.members.Marieke,
        legalBasis: 'jeugdwet',
        openedOn: '2025-02-10',
        triage: { completedOn: '2025-02-20', level: 'L2', route: 'outreach' },
        level: 'L2',
      });
      expect(view.coordinator).toEqual({ coordinatorId: pilotteam.sub, name: 'Pilotteam 16-27 (regelvrij mandaat)', since: '2025-03-01' });
    });

    it('6.4 Marieke: maatwerk overwogen, niet ingezet — no indicatie beschermd wonen, no referral, never above L2', () => {
      const t = trajectoryIn(view, trajectory);
      expect(t.referrals).toEqual([]);
      expect(t.levelChanges).toEqual([]);
      // So on her 18th birthday (2025-11-20) there is no Jeugdwet indicatie to hand over.
      expect(plusMonths('2007-11-20', 18 * 12)).toBe('2025-11-20');
    });

    it('6.4 Marieke: the move of 2025-09-01 does not close the case: still open with monthly waakvlam on 2026-01-05', () => {
      const t = trajectoryIn(beforeClosure, trajectory);
      expect(t.status).toBe('open');
      expect(t.waakvlam.active).toBe(true);
      expect(beforeClosure.members[0].status).toBe('active');
    });

    it('6.4 Marieke: monthly waakvlam contacts from 2025-09-01 (each within a month plus a week), ended and closed as stable on 2026-02-01', () => {
      const t = trajectoryIn(view, trajectory);
      expect(t).toMatchObject({ status: 'closed', closedOn: '2026-02-01', closureReason: 'stable' });
      expect(t.waakvlam).toEqual({
        active: false,
        periods: [
          {
            startedOn: '2025-09-01',
            contactIntervalDays: 30,
            endedOn: '2026-02-01',
            contacts: ['2025-10-01', '2025-11-03', '2025-12-01', '2026-01-05'].map((contactOn) => ({ contactOn, mode: 'phone', outcome: 'stable' })),
          },
        ],
      });
      const period = t.waakvlam.periods[0];
      const dates = [period.startedOn, ...period.contacts.map((c) => c.contactOn), period.endedOn!];
      const gaps = dates.slice(1).map((d, i) => daysBetween(dates[i], d));
      expect(gaps).toEqual([30, 33, 28, 35, 27]);
      expect(gaps.every((gap) => gap <= period.contactIntervalDays + 7)).toBe(true);
    });

    it('6.4 Marieke: no data is shared with Groningen (another municipality gets 404)', async () => {
      const groningen: Principal = { sub: 'gro-consulent-1', roles: ['consultant'], team: 'T1', municipality: GRONINGEN };
      const response = await api.http().get(`/api/v1/households/${casus.id}`).set('Authorization', api.bearer(groningen)).expect(404);
      expect(response.body.code).toBe('household-not-found');
      await api.http().get(`/api/v1/households/${casus.id}/events`).set('Authorization', api.bearer(groningen)).expect(404);
    });
  });

  // ---------------------------------------------------------------------------------------------------------------
  describe('6.5 Zevenaar – meneer Peters (onbegrepen gedrag, zorgmijder): wijk-GGD, bemoeizorg, one duplicate referral withdrawn', () => {
    const wijkGgd: Principal = { sub: 'zvn-wijk-ggd-1', roles: ['consultant'], team: 'wijk-ggd', municipality: ZEVENAAR };
    const consulent: Principal = { sub: 'zvn-consulent-zv-1', roles: ['consultant'], team: 'zorg-en-veiligheid', municipality: ZEVENAAR };
    let casus: Casus;
    let asConsulent: Casus;
    let trajectory: string;
    let bemoeizorg: string;
    let huisartsGgz: { referralId: string; eventId: string };
    let schuldhulp: { referralId: string; eventId: string };
    let duplicate: { referralId: string; eventId: string };
    let acceptingDuplicate: { status: number; code: string; recorded: number };
    let view: HouseholdView;
    let events: EventView[];

    beforeAll(async () => {
      // Meneer Peters' first name is not given: "Henk".
      casus = await Casus.register(api, wijkGgd, {
        municipality: ZEVENAAR,
        team: 'wijk-ggd',
        registeredOn: '2026-02-03',
        residences: [{ key: 'huurwoning', postcode: '6902 CD', houseNumber: '40' }],
        members: [{ givenName: 'Henk', familyName: 'Peters', birthDate: '1973-06-08', role: 'other', residenceKeys: ['huurwoning'] }],
      });
      asConsulent = casus.as(consulent);
      trajectory = await casus.melding('Henk', {
        date: '2026-02-03',
        source: 'other', // the woningcorporatie, to the wijk-GGD
        channel: 'phone',
        question: 'Onbegrepen gedrag: overlast en verwaarlozing, buren klagen; geen hulpvraag',
        lifeDomains: ['wonen', 'geestelijke-gezondheid', 'zelfredzaamheid'],
        legalBasis: 'wmo-2015',
      });
      // 2026-02-05 home visit, no request for help, level S → the triage on the outreach route.
      await casus.step(trajectory, 'triage', { date: '2026-02-05', level: 'L2', route: 'outreach' });
      // The consulent of Zorg & Veiligheid, from another team, works on the case as its casusregisseur.
      await casus.assignCoordinator('2026-02-05', consulent.sub, 'Consulent Zorg & Veiligheid');
      // 2026-02-12 BemoeizorgAangevraagd (waiting list) and 2026-03-10 BemoeizorgGestart → a referral by team Zorg & Veiligheid,
      // accepted when it starts. Not a wijk-GGD referral, so it does not count for K3.
      ({ referralId: bemoeizorg } = await asConsulent.refer(trajectory, {
        date: '2026-02-12',
        organisation: { name: 'Bemoeizorg GGNet (team Zorg & Veiligheid)' },
        category: 'specialistische-ggz',
        warmHandover: false,
        referrerRole: 'sociaal-team',
      }));
      await asConsulent.careStarted(trajectory, bemoeizorg, '2026-03-10');
      // 2026-03-24 CasuistiekBesproken at the Overlegtafel: no counterpart.

      huisartsGgz = await casus.refer(trajectory, {
        date: '2026-04-14',
        organisation: { name: 'Huisarts / GGZ (passende hulp)' },
        category: 'eerstelijn',
        warmHandover: true,
        referrerRole: 'wijk-ggd',
      });
      const toSchuldhulp = {
        date: '2026-04-14',
        organisation: { name: 'Team schuldhulpverlening Zevenaar' },
        category: 'schuldhulpverlening',
        warmHandover: false,
        referrerRole: 'wijk-ggd',
      };
      schuldhulp = await casus.refer(trajectory, toSchuldhulp);
      duplicate = await casus.refer(trajectory, toSchuldhulp); // #3: #2 entered twice
      // 2026-04-20 EventIngetrokken (#3, duplicate).
      await casus.withdrawEvent(duplicate.eventId, '2026-04-20', 'Dubbel ingevoerd: zelfde doorverwijzing als #2');
      // The next day, the provider's answer to the duplicate arrives: there is no such referral any more.
      const eventsBefore = await api.eventCount();
      const answer = await api
        .http()
        .post(`/api/v1/households/${casus.id}/trajectories/${trajectory}/referrals/${duplicate.referralId}/acceptance`)
        .set('Authorization', api.bearer(wijkGgd))
        .send({ date: '2026-04-21' });
      acceptingDuplicate = { status: answer.status, code: answer.body.code, recorded: (await api.eventCount()) - eventsBefore };

      // 2026-05-04 the first debt-help conversation (Wgs): the schuldhulpverlening accepted and started.
      await casus.careStarted(trajectory, schuldhulp.referralId, '2026-05-04');
      // 2026-06-01 ZorgGestart (ambulant GGZ).
      await casus.careStarted(trajectory, huisartsGgz.referralId, '2026-06-01');
      // 2026-09-15 OndersteuningAfgeschaald → GGZ in de wijk / GGNet ervaringsdeskundige; BemoeizorgGestopt.
      await asConsulent.step(trajectory, 'scale-changes', { date: '2026-09-15', toLevel: 'L1', reason: 'Naar GGZ in de wijk en ervaringsdeskundige GGNet' });
      await asConsulent.onReferral(trajectory, bemoeizorg, 'care-end', { date: '2026-09-15', reasonCode: '19' });
      // 2026-12-15 CasusAfgesloten. Casusregie does not end while care runs (§2.3), so the debt help and the GGZ
      // report their end of care first.
      await casus.onReferral(trajectory, schuldhulp.referralId, 'care-end', { date: '2026-12-15', reasonCode: '19' });
      await casus.onReferral(trajectory, huisartsGgz.referralId, 'care-end', { date: '2026-12-15', reasonCode: '19' });
      await asConsulent.step(trajectory, 'closure', { date: '2026-12-15', reason: 'transferred' });

      view = await casus.view();
      events = await casus.events();
    });

    it('6.5 meneer Peters: melding 2026-02-03, outreach triage 02-05, bemoeizorg requested 02-12 and started 03-10 (26 days waiting), stopped 09-15', () => {
      const t = trajectoryIn(view, trajectory);
      expect(t).toMatchObject({
        openedOn: '2026-02-03',
        triage: { completedOn: '2026-02-05', level: 'L2', route: 'outreach' },
      });
      const b = referralIn(t, bemoeizorg);
      expect(b).toMatchObject({
        madeOn: '2026-02-12',
        category: 'specialistische-ggz',
        referrerRole: 'sociaal-team',
        status: 'care-ended',
        acceptedOn: '2026-03-10',
        careStartedOn: '2026-03-10',
        careEndedOn: '2026-09-15',
        careEndReason: '19',
      });
      expect(daysBetween(b.madeOn, b.careStartedOn!)).toBe(26);
    });

    it('6.5 meneer Peters: the duplicate referral #3 is withdrawn on 2026-04-20: only #1 and #2 remain, so K3 counts 2 wijk-GGD referrals (1 person)', () => {
      const t = trajectoryIn(view, trajectory);
      expect(t.referrals.map((r) => r.referralId)).toEqual([bemoeizorg, huisartsGgz.referralId, schuldhulp.referralId]);
      expect(t.referrals.some((r) => r.referralId === duplicate.referralId)).toBe(false);
      const wijkGgdReferrals2026 = t.referrals.filter((r) => r.referrerRole === 'wijk-ggd' && r.madeOn.startsWith('2026') && r.status !== 'withdrawn');
      expect(wijkGgdReferrals2026.map((r) => r.referralId)).toEqual([huisartsGgz.referralId, schuldhulp.referralId]);
      expect(new Set(wijkGgdReferrals2026.map(() => t.memberId)).size).toBe(1);
      expect(view.corrections).toEqual([
        {
          eventId: expect.any(String),
          kind: 'withdrawn',
          targetEventId: duplicate.eventId,
          targetType: 'ReferralMade',
          recordedOn: '2026-04-20',
          reason: 'Dubbel ingevoerd: zelfde doorverwijzing als #2',
        },
      ]);
    });

    it('6.5 meneer Peters: schuldhulpverlening accepted and started 2026-05-04, ambulant GGZ 2026-06-01; afschaling L2→L1 on 09-15; closed 12-15', () => {
      const t = trajectoryIn(view, trajectory);
      expect(referralIn(t, schuldhulp.referralId)).toMatchObject({
        madeOn: '2026-04-14',
        category: 'schuldhulpverlening',
        status: 'care-ended',
        acceptedOn: '2026-05-04',
        careStartedOn: '2026-05-04',
        careEndedOn: '2026-12-15',
      });
      expect(referralIn(t, huisartsGgz.referralId)).toMatchObject({
        madeOn: '2026-04-14',
        category: 'eerstelijn',
        status: 'care-ended',
        acceptedOn: '2026-06-01',
        careStartedOn: '2026-06-01',
        careEndedOn: '2026-12-15',
      });
      expect(t.levelChanges).toEqual([
        { changedOn: '2026-09-15', direction: 'down', fromLevel: 'L2', toLevel: 'L1', reason: 'Naar GGZ in de wijk en ervaringsdeskundige GGNet' },
      ]);
      expect(t).toMatchObject({ level: 'L1', status: 'closed', closedOn: '2026-12-15', closureReason: 'transferred' });
    });

    it('6.5 meneer Peters: the history keeps the duplicate and its withdrawal, in order, each by who recorded it', () => {
      expect(events.map((e) => e.type)).toEqual([
        'HouseholdRegistered',
        'TrajectoryOpened',
        'TriageCompleted',
        'CoordinatorAssigned',
        'ReferralMade',
        'ReferralAccepted',
        'CareStarted',
        'ReferralMade',
        'ReferralMade',
        'ReferralMade',
        'EventWithdrawn',
        'ReferralAccepted',
        'CareStarted',
        'ReferralAccepted',
        'CareStarted',
        'SupportScaledDown',
        'CareEnded',
        'CareEnded',
        'CareEnded',
        'TrajectoryClosed',
      ]);
      const withdrawal = events[10];
      expect(withdrawal).toMatchObject({
        occurredOn: '2026-04-20',
        data: { withdrawnEventId: duplicate.eventId, withdrawnType: 'ReferralMade', reason: 'Dubbel ingevoerd: zelfde doorverwijzing als #2' },
      });
      expect(events[9]).toMatchObject({ eventId: duplicate.eventId, data: { referralId: duplicate.referralId, referrerRole: 'wijk-ggd' } });
      const actorOf = (e: EventView) => (e as unknown as { actor: { id: string } }).actor.id;
      expect(events.filter((e) => e.type === 'ReferralMade').map(actorOf)).toEqual([consulent.sub, wijkGgd.sub, wijkGgd.sub, wijkGgd.sub]);
    });

    it('6.5 meneer Peters: after its withdrawal the duplicate cannot be accepted (404 referral-not-found, nothing recorded)', () => {
      expect(acceptingDuplicate).toEqual({ status: 404, code: 'referral-not-found', recorded: 0 });
    });
  });

  // ---------------------------------------------------------------------------------------------------------------
  describe('6.6 Zevenaar – samengesteld gezin over two households: safety, debt and GGZ under one plan', () => {
    const jeugdconsulent: Principal = { sub: 'zvn-jeugdconsulent-1', roles: ['consultant'], team: 'sterk-lokaal-team', municipality: ZEVENAAR };
    let casus: Casus;
    let view: HouseholdView;
    let noa: string;
    let peter: string;
    let sanne: string;
    let jeugdhulp: string;
    let smw: string;
    let schuldhulp: string;
    let ggzInDeWijk: string;

    beforeAll(async () => {
      // 2026-01-15 the SMW trajectory and 2026-02-08 the police report to Veilig Thuis happen outside this system.
      // The scenario registers the gezin on 02-16, after the melding of 02-13; the API needs the household first, so it is
      // registered on the day of the melding. Only birth years are given for the adults: the days are ours.
      casus = await Casus.register(api, jeugdconsulent, {
        municipality: ZEVENAAR,
        team: 'sterk-lokaal-team',
        registeredOn: '2026-02-13',
        residences: [
          { key: 'A', postcode: '6901 EF', houseNumber: '5' },
          { key: 'B', postcode: '6902 GH', houseNumber: '88' },
        ],
        members: [
          { givenName: 'Sanne', familyName: 'de Vries', birthDate: '1987-06-14', role: 'parent', residenceKeys: ['A'] },
          { givenName: 'Mark', familyName: 'Bakker', birthDate: '1985-02-27', role: 'partner', residenceKeys: ['A'] },
          { givenName: 'Daan', familyName: 'Bakker', birthDate: '2013-09-02', role: 'step-child', residenceKeys: ['A'] },
          { givenName: 'Peter', familyName: 'Mulder', birthDate: '1984-10-03', role: 'parent', residenceKeys: ['B'] },
          { givenName: 'Noa', familyName: 'Mulder', birthDate: '2015-05-20', role: 'child', residenceKeys: ['A', 'B'] },
        ],
      });
      // 2026-02-10 OndersteuningOpgeschaald L1→consultant: the SMW's warm handover is the channel of the melding of 02-13.
      noa = await casus.melding('Noa', {
        date: '2026-02-13',
        source: 'school',
        channel: 'warm-handover',
        question: 'Noa is angstig en verzuimt school; huiselijk incident op adres B',
        lifeDomains: ['veiligheid', 'onderwijs', 'geestelijke-gezondheid'],
        legalBasis: 'jeugdwet',
      });
      await casus.step(noa, 'triage', { date: '2026-02-13', level: 'L2', route: 'safety' });
      // 2026-02-16 VeiligheidstaxatieVastgelegd (TOP-3) + safety plan: no counterpart (the triage's safety route stands for it).
      await casus.assignCoordinator('2026-02-16', jeugdconsulent.sub, 'Jeugdconsulent sterk lokaal team');
      // 2026-02-20 GgzWachtlijstGeregistreerd (Peter) → Peter's melding, and the date given with the request of 03-05.
      peter = await casus.melding('Peter', {
        date: '2026-02-20',
        source: 'self',
        channel: 'in-person',
        question: 'Staat op de GGZ-wachtlijst',
        lifeDomains: ['geestelijke-gezondheid'],
        legalBasis: 'wmo-2015',
      });
      // 2026-03-02 PlanOpgesteld: één gezin, één plan, safety first, then wonen, relaties, inkomen, dagbesteding.
      await casus.setPlan('2026-03-02', [
        { member: 'Noa', lifeDomain: 'veiligheid', description: 'Veilig bij beide ouders: TOP-3 en veiligheidsplan' },
        { member: 'Sanne', lifeDomain: 'wonen', description: 'Een rustige plek voor Noa in huishouden A' },
        { member: 'Mark', lifeDomain: 'relaties', description: 'Afspraken over de opvoeding in het samengestelde gezin' },
        { member: 'Daan', lifeDomain: 'relaties', description: 'Daan houdt zijn eigen plek en steun' },
        { member: 'Sanne', lifeDomain: 'inkomen', description: 'Schulden in beeld en geregeld' },
        { member: 'Peter', lifeDomain: 'geestelijke-gezondheid', description: 'Overbrugging van de GGZ-wachttijd' },
        { member: 'Noa', lifeDomain: 'dagbesteding', description: 'Noa gaat weer elke dag naar school' },
      ]);
      // 2026-03-05 DoorverwijzingGedaan Sanne → schuldhulpverlening (Wgs): on a melding of her own, the same day.
      sanne = await casus.melding('Sanne', {
        date: '2026-03-05',
        source: 'self',
        channel: 'in-person',
        question: 'Schulden',
        lifeDomains: ['schulden', 'inkomen'],
        legalBasis: 'wgs',
      });
      ({ referralId: schuldhulp } = await casus.refer(sanne, {
        date: '2026-03-05',
        organisation: { name: 'Schuldhulpverlening Zevenaar' },
        category: 'schuldhulpverlening',
        warmHandover: true,
      }));
      await casus.step(peter, 'exploratory-conversations', { status: 'requested', date: '2026-03-05', ggzWaitlistSince: '2026-02-20' });
      await casus.step(peter, 'exploratory-conversations', { status: 'held', date: '2026-03-19' });
      // 2026-03-20 IndicatieAfgegeven (Jeugdwet, ambulant jeugdhulp for Noa, 6 months) + BeschikkingAfgegeven.
      await casus.step(noa, 'scale-changes', { date: '2026-03-20', toLevel: 'L3', reason: 'Indicatie ambulante jeugdhulp (6 maanden)' });
      ({ referralId: jeugdhulp } = await casus.refer(noa, {
        date: '2026-03-20',
        organisation: { agbCode: '41420002', name: 'Jeugdhulpaanbieder ambulant' },
        category: 'maatwerk',
        productCode: '45A48',
        warmHandover: true,
      }));
      ({ referralId: ggzInDeWijk } = await casus.refer(peter, {
        date: '2026-04-07',
        organisation: { name: 'GGZ in de wijk – ervaringsdeskundige' },
        category: 'lichtere-zorg',
        warmHandover: true,
      }));
      await casus.careStarted(noa, jeugdhulp, '2026-04-14');
      // 2026-04-22 CasuistiekBesproken: no counterpart.
      // 2026-10-13 OndersteuningAfgeschaald: jeugdhulp ended → back to the SMW with a warm handover.
      await casus.onReferral(noa, jeugdhulp, 'care-end', { date: '2026-10-13', reasonCode: '19' });
      await casus.step(noa, 'scale-changes', { date: '2026-10-13', toLevel: 'L1', reason: 'Jeugdhulp afgerond; terug naar SMW' });
      ({ referralId: smw } = await casus.refer(noa, {
        date: '2026-10-13',
        organisation: { name: 'Schoolmaatschappelijk werk' },
        category: 'voorliggend-veld',
        warmHandover: true,
      }));
      // 2026-12-15 CasusAfgesloten: every open trajectory of the gezin is closed.
      await casus.step(noa, 'closure', { date: '2026-12-15', reason: 'goals-reached' });
      await casus.step(peter, 'closure', { date: '2026-12-15', reason: 'transferred' });
      await casus.step(sanne, 'closure', { date: '2026-12-15', reason: 'transferred' });

      view = await casus.view();
    });

    it('6.6 samengesteld gezin: 5 persons in 2 huishoudens, Noa in both A and B; the jeugdconsulent casusregisseur since 2026-02-16', () => {
      expect(view.residences.map((r) => r.label)).toEqual(['A', 'B']);
      expect(view.members.map((m) => [m.givenName, m.role])).toEqual([
        ['Sanne', 'parent'],
        ['Mark', 'partner'],
        ['Daan', 'step-child'],
        ['Peter', 'parent'],
        ['Noa', 'child'],
      ]);
      const { A, B } = casus.residences;
      const livingIn = (residenceId: string) => view.members.filter((m) => m.residenceIds.includes(residenceId)).map((m) => m.givenName);
      expect(livingIn(A)).toEqual(['Sanne', 'Mark', 'Daan', 'Noa']);
      expect(livingIn(B)).toEqual(['Peter', 'Noa']);
      expect(view.members.find((m) => m.givenName === 'Noa')).toMatchObject({ birthDate: '2015-05-20', residenceIds: [A, B], status: 'active' });
      expect(view.members.every((m) => m.joinedOn === '2026-02-13' && m.status === 'active')).toBe(true);
      expect(view.coordinator).toEqual({ coordinatorId: jeugdconsulent.sub, name: 'Jeugdconsulent sterk lokaal team', since: '2026-02-16' });
    });

    it('6.6 samengesteld gezin: one plan (2026-03-02, version 1) with goals per person, safety first', () => {
      expect(view.plan).toMatchObject({ version: 1, agreedOn: '2026-03-02' });
      const goals = view.plan!.goals;
      expect(goals).toHaveLength(7);
      expect(goals[0]).toEqual({ memberId: casus.members.Noa, lifeDomain: 'veiligheid', description: 'Veilig bij beide ouders: TOP-3 en veiligheidsplan' });
      expect(new Set(goals.map((g) => g.memberId))).toEqual(new Set(Object.values(casus.members)));
    });

    it("6.6 Noa: safety triage 2026-02-13 (L2), indicatie jeugdhulp 03-20 (L3), care from 04-14 (25 days after the decision) to 10-13, back to the SMW (L1)", () => {
      const t = trajectoryIn(view, noa);
      expect(t).toMatchObject({
        legalBasis: 'jeugdwet',
        source: 'school',
        channel: 'warm-handover',
        openedOn: '2026-02-13',
        triage: { completedOn: '2026-02-13', level: 'L2', route: 'safety' },
        level: 'L1',
        status: 'closed',
        closedOn: '2026-12-15',
        closureReason: 'goals-reached',
      });
      expect(t.levelChanges).toEqual([
        { changedOn: '2026-03-20', direction: 'up', fromLevel: 'L2', toLevel: 'L3', reason: 'Indicatie ambulante jeugdhulp (6 maanden)' },
        { changedOn: '2026-10-13', direction: 'down', fromLevel: 'L3', toLevel: 'L1', reason: 'Jeugdhulp afgerond; terug naar SMW' },
      ]);
      const care = referralIn(t, jeugdhulp);
      expect(care).toMatchObject({
        madeOn: '2026-03-20',
        organisation: { agbCode: '41420002' },
        category: 'maatwerk',
        productCode: '45A48',
        status: 'care-ended',
        acceptedOn: '2026-04-14',
        careStartedOn: '2026-04-14',
        careEndedOn: '2026-10-13',
        careEndReason: '19',
      });
      expect(daysBetween(care.madeOn, care.careStartedOn!)).toBe(25);
      // K10: +1 referral to the voorliggend veld.
      expect(referralIn(t, smw)).toMatchObject({ madeOn: '2026-10-13', category: 'voorliggend-veld', warmHandover: true, status: 'made' });
      expect(t.referrals).toHaveLength(2);
    });

    it('6.6 Peter: verkennend gesprek requested 2026-03-05 (GGZ waiting list since 02-20), held 03-19, referred 04-07 — K2: 33 days, te laat', () => {
      const t = trajectoryIn(view, peter);
      expect(t).toMatchObject({
        memberId: casus.members.Peter,
        openedOn: '2026-02-20',
        level: null,
        exploratoryConversation: { requestedOn: '2026-03-05', ggzWaitlistSince: '2026-02-20', heldOn: '2026-03-19', outcome: 'referral-follows' },
        status: 'closed',
        closedOn: '2026-12-15',
        closureReason: 'transferred',
      });
      expect(t.referrals).toMatchObject([{ referralId: ggzInDeWijk, madeOn: '2026-04-07', category: 'lichtere-zorg', status: 'made' }]);
      const days = daysBetween(t.exploratoryConversation!.requestedOn, t.referrals[0].madeOn);
      expect(days).toBe(33);
      expect(days > 28).toBe(true);
    });

    it('6.6 Sanne: referred to schuldhulpverlening on 2026-03-05 — category schuldhulpverlening, not voorliggend veld', () => {
      const t = trajectoryIn(view, sanne);
      expect(t).toMatchObject({ legalBasis: 'wgs', openedOn: '2026-03-05', status: 'closed', closedOn: '2026-12-15' });
      expect(t.referrals).toEqual([
        {
          referralId: schuldhulp,
          madeOn: '2026-03-05',
          organisation: { name: 'Schuldhulpverlening Zevenaar' },
          category: 'schuldhulpverlening',
          warmHandover: true,
          referrerRole: 'sociaal-team',
          status: 'made',
        },
      ]);
      expect(view.trajectories).toHaveLength(3);
      expect(view.trajectories.every((tr) => tr.status === 'closed')).toBe(true);
      expect(view.corrections).toEqual([]);
    });
  });
});
