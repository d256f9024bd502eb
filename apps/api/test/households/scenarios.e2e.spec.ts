import { Principal } from '@casusregie/auth';
import { daysBetween, normIdOfStage } from '@casusregie/domain';
import { ProjectionTriggerLifecycle } from '@casusregie/runtime';
import {
  Casus,
  GRONINGEN,
  haddad,
  HARDERWIJK,
  jansen,
  listeningScenarioApi,
  marieke,
  NIEUWEGEIN,
  peters,
  registerScenarioProviders,
  samengesteldGezin,
  SCENARIO_TODAY,
  ScenarioApi,
  sem,
  ZEVENAAR,
} from '@casusregie/seeds/scenarios';
import { HouseholdView } from '../../src/households/household-view';
import { ApiHarness, startApi, STORE_KINDS } from '../support/api-harness';
import { HouseholdClient } from '../support/household-client';

/**
 * The acceptance scenarios §6.1–§6.6 of domain-research.md, recorded step by step through the HTTP API (every step
 * must answer 201, or 200 for a PUT) and then read back with GET /households/{id}. The step lists are the seed
 * fixtures of seeds/src/scenarios, which `npm run seed -- --scenarios` records the same way.
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

type TrajectoryView = HouseholdView['trajectories'][number];
type ReferralView = TrajectoryView['referrals'][number];
type EventView = Awaited<ReturnType<HouseholdClient['events']>>[number];

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
  let scenarios: ScenarioApi;
  /** The household now, and its history, as a consultant of it reads them back. */
  const viewOf = async (casus: Casus, principal: Principal) => (await new HouseholdClient(api, principal).get(casus.id)) as HouseholdView;
  const eventsOf = (casus: Casus, principal: Principal) => new HouseholdClient(api, principal).events(casus.id);

  beforeAll(async () => {
    api = await startApi(kind, SCENARIO_TODAY);
    scenarios = await listeningScenarioApi(api.app, (principal) => api.bearer(principal));
    await registerScenarioProviders(scenarios);
  });
  afterEach(() => {
    expect(api.serverErrors).toEqual([]);
  });
  afterAll(async () => {
    await api?.close();
  });

  // ---------------------------------------------------------------------------------------------------------------
  describe('6.1 Zevenaar – gezin Haddad: statushouders with two PIPs, and Yusuf on the GGZ waiting list', () => {
    const { inburgeringsconsulent } = haddad;
    let casus: Casus;
    let view: HouseholdView;
    let events: EventView[];
    let rania: string; // Rania's inburgering trajectory
    let yusuf: string; // Yusuf's inburgering trajectory
    let yusufGgz: string; // Yusuf's trajectory from the huisarts' signal
    let ggnet: string;
    let caleidoz: string;

    beforeAll(async () => {
      ({ casus, rania, yusuf, yusufGgz, ggnet, caleidoz } = await haddad.record(scenarios));
      view = await viewOf(casus, inburgeringsconsulent);
      events = await eventsOf(casus, inburgeringsconsulent);
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
    let casus: Casus;
    let view: HouseholdView;
    let t: TrajectoryView;
    let trajectory: string;
    let referrals: Record<string, string>;

    beforeAll(async () => {
      ({ casus, trajectory, referrals } = await jansen.record(scenarios));
      view = await viewOf(casus, jansen.geynwijs);
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
    const { jeugd, wmo } = sem;
    let casus: Casus;
    let view: HouseholdView;
    let jeugdTrajectory: string;
    let wmoTrajectory: string;
    let jeugdhulp: string;
    let ibIndividual: string;
    let ibGroup: string;
    let eventsSeen: EventView[];

    beforeAll(async () => {
      ({ casus, jeugdTrajectory, wmoTrajectory, jeugdhulp, ibIndividual, ibGroup } = await sem.record(scenarios));
      view = await viewOf(casus, jeugd);
      eventsSeen = await eventsOf(casus, jeugd);
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
    const { pilotteam } = marieke;
    let casus: Casus;
    let trajectory: string;
    let beforeClosure: HouseholdView;
    let view: HouseholdView;

    beforeAll(async () => {
      ({ casus, trajectory } = await marieke.record(scenarios, {
        beforeClosure: async (open) => {
          beforeClosure = await viewOf(open, pilotteam);
        },
      }));
      view = await viewOf(casus, pilotteam);
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
    const { wijkGgd, consulent } = peters;
    let trajectory: string;
    let bemoeizorg: string;
    let huisartsGgz: { referralId: string; eventId: string };
    let schuldhulp: { referralId: string; eventId: string };
    let duplicate: { referralId: string; eventId: string };
    let acceptingDuplicate: { status: number; code: string; recorded: number };
    let view: HouseholdView;
    let events: EventView[];

    beforeAll(async () => {
      let casus: Casus;
      ({ casus, trajectory, bemoeizorg, huisartsGgz, schuldhulp, duplicate } = await peters.record(scenarios, {
        // The day after the withdrawal, the provider's answer to the duplicate arrives: there is no such referral any more.
        afterWithdrawal: async (withdrawnFrom, trajectoryId, withdrawn) => {
          const eventsBefore = await api.eventCount();
          const answer = await api
            .http()
            .post(`/api/v1/households/${withdrawnFrom.id}/trajectories/${trajectoryId}/referrals/${withdrawn.referralId}/acceptance`)
            .set('Authorization', api.bearer(wijkGgd))
            .send({ date: '2026-04-21' });
          acceptingDuplicate = { status: answer.status, code: answer.body.code, recorded: (await api.eventCount()) - eventsBefore };
        },
      }));
      view = await viewOf(casus, wijkGgd);
      events = await eventsOf(casus, wijkGgd);
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
    const { jeugdconsulent } = samengesteldGezin;
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
      ({ casus, noa, peter, sanne, jeugdhulp, smw, schuldhulp, ggzInDeWijk } = await samengesteldGezin.record(scenarios));
      view = await viewOf(casus, jeugdconsulent);
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

  // ---------------------------------------------------------------------------------------------------------------
  // Reads the households that the describes above recorded (so it runs last, and not on its own: the last test
  // checks that there was something to compare).
  describe('the waiting times of §6.1–§6.6 are the figures of the norms that measure the same span', () => {
    /** The stages served before they were norms, by their old names; each is a norm (see waiting-times.ts). */
    const STAGES = ['melding-intake', 'melding-triage', 'melding-first-support', 'referral-acceptance', 'acceptance-care-start'];
    const SPANS = [
      { from: '2025-01-01', to: '2028-12-31', asOf: SCENARIO_TODAY },
      { from: '2026-01-01', to: '2026-12-31', asOf: '2026-06-30' },
      { from: '2025-01-01', to: '2025-12-31', asOf: '2025-10-01' },
    ];
    type Group = { group: string; count: number; median: number | null; p90: number | null; max: number | null; open: number };
    type Item = { startDate: string; stopDate: string | null; excludedOn: string | null; status: string; waitingDays: number | null };
    const supervisorOf = (municipality: string): Principal => ({ sub: `teamleider-${municipality}`, roles: ['supervisor'], municipality });
    const get = async (municipality: string, path: string) =>
      (await api.http().get(`/api/v1${path}`).set('Authorization', api.bearer(supervisorOf(municipality))).expect(200)).body;
    /** Every item of a norm's worklist as of a date, each judged by judgeItem, page after page. */
    const itemsOf = async (municipality: string, normId: string, asOf: string) => {
      const items: Item[] = [];
      let after: string | null = null;
      do {
        const page: { items: Item[]; next: string | null } = await get(municipality, `/norms/${normId}/items?asOf=${asOf}&limit=500${after === null ? '' : `&after=${after}`}`);
        items.push(...page.items);
        after = page.next;
      } while (after !== null);
      return items;
    };
    const compared = { stopped: 0, open: 0, excluded: 0, endedLate: 0 };

    beforeAll(async () => {
      await api.app.get(ProjectionTriggerLifecycle).settle();
    });

    it.each([ZEVENAAR, NIEUWEGEIN, HARDERWIJK])(
      'in %s /waiting-times gives, per stage and year, the stopped and open items of the norm with its median, P90 and max',
      async (municipality) => {
        for (const stage of STAGES) {
          const normId = normIdOfStage(stage);
          for (const { from, to, asOf } of SPANS) {
            const span = `from=${from}&to=${to}&asOf=${asOf}&groupBy=year`;
            const waits: { norm: { id: string }; groups: Group[] } = await get(municipality, `/waiting-times?stage=${stage}&${span}`);
            expect(waits.norm.id).toBe(normId);

            // The worklist judges each item (judgeItem); count those that started in the span, per year.
            // An item that an exclusion ended after its deadline is late, but no longer open.
            const byYear = new Map<string, { days: number[]; open: number; endedLate: number }>();
            for (const item of await itemsOf(municipality, normId, asOf)) {
              if (item.startDate < from || item.startDate > to) continue;
              const year = byYear.get(item.startDate.slice(0, 4)) ?? { days: [], open: 0, endedLate: 0 };
              byYear.set(item.startDate.slice(0, 4), year);
              const ended = item.stopDate !== null ? 'stopped' : item.status === 'excluded' ? 'excluded' : item.excludedOn !== null ? 'endedLate' : 'open';
              if (ended === 'stopped') year.days.push(item.waitingDays as number);
              else if (ended === 'open') year.open += 1;
              else if (ended === 'endedLate') year.endedLate += 1;
              compared[ended] += 1;
            }
            const fromItems = [...byYear.entries()]
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([group, { days, open }]) => ({ group, count: days.length, max: days.length === 0 ? null : Math.max(...days), open }));
            expect({ stage, span, groups: waits.groups.map(({ group, count, max, open }) => ({ group, count, max, open })) }).toEqual({ stage, span, groups: fromItems });

            // The norm's compliance report counts the same items: its judged, not excluded ones are the stopped and
            // the open ones and those ended late, with the same median and P90.
            const report: { groups: { group: string; onTime: number; late: number; pending: number; medianDays: number | null; p90Days: number | null }[] } =
              await get(municipality, `/norms/${normId}/compliance?${span}`);
            const fromReport = report.groups
              .filter((g) => byYear.has(g.group))
              .map((g) => ({ group: g.group, judged: g.onTime + g.late + g.pending - (byYear.get(g.group)?.endedLate ?? 0), median: g.medianDays, p90: g.p90Days }));
            expect({ stage, span, groups: waits.groups.map((g) => ({ group: g.group, judged: g.count + g.open, median: g.median, p90: g.p90 })) }).toEqual({
              stage,
              span,
              groups: fromReport,
            });
          }
        }
      },
    );

    it('compared stopped, open and excluded items (a trajectory closed, or a referral left unanswered, before the stop)', () => {
      expect(compared.stopped).toBeGreaterThan(0);
      expect(compared.open).toBeGreaterThan(0);
      expect(compared.excluded).toBeGreaterThan(0);
      // Trajectories closed after the 14 days of melding-intake without an intake: counted open for good before issue 19.
      expect(compared.endedLate).toBeGreaterThan(0);
    });
  });
});
