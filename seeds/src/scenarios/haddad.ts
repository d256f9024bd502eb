import { Principal } from '@casusregie/auth';
import { Casus } from './casus';
import { ZEVENAAR } from './municipalities';
import { ScenarioApi } from './scenario-api';

const inburgeringsconsulent: Principal = {
  sub: 'zvn-inburgeringsconsulent-1',
  roles: ['consultant'],
  team: 'inburgering',
  municipality: ZEVENAAR,
};

/**
 * §6.1 Zevenaar – gezin Haddad: statushouders with two PIPs (Rania on time, Yusuf late: the K1 2026 cohort is 1 on
 * time, 1 late), and Yusuf on the GGZ waiting list (K2: referred after 21 days).
 */
export const haddad = {
  municipality: ZEVENAAR,
  inburgeringsconsulent,

  async record(api: ScenarioApi) {
    // 2025-11-03 GekoppeldAanGemeente, 2025-11-10 InburgeringsplichtGestart ×2, 2025-11-17 VoorinburgeringGestart (Rania) and
    // 2026-01-12 Gehuisvest: no counterpart in the API (they happen before the gezin is a case of the sociaal domein).
    const casus = await Casus.register(api, inburgeringsconsulent, {
      municipality: ZEVENAAR,
      team: 'inburgering',
      registeredOn: '2026-01-14',
      residences: [{ key: 'woning', postcode: '6901 AB', houseNumber: '12' }],
      members: [
        // The scenario gives no BSN; this one passes the elfproef and stands for the one a statushouder receives.
        { givenName: 'Yusuf', familyName: 'Haddad', birthDate: '1996-05-02', role: 'parent', bsn: '111222333', residenceKeys: ['woning'] },
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
    const rania = await casus.melding('Rania', inburgering);
    const yusuf = await casus.melding('Yusuf', inburgering);

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
    const yusufGgz = await casus.melding('Yusuf', {
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
    const { referralId: ggnet } = await casus.refer(yusufGgz, {
      date: '2026-05-15',
      organisation: { name: 'GGNet – groepsinterventie voor statushouders' },
      category: 'lichtere-zorg',
      warmHandover: false,
    });
    const { referralId: caleidoz } = await casus.refer(yusufGgz, {
      date: '2026-05-15',
      organisation: { name: 'Caleidoz welzijnscoach' },
      category: 'voorliggend-veld',
      warmHandover: true,
    });

    await casus.setPlan('2026-06-01', [
      { member: 'Rania', lifeDomain: 'taal', description: 'Inburgeren via de B1-route' },
      { member: 'Yusuf', lifeDomain: 'taal', description: 'Inburgeren via de Z-route' },
      { member: 'Omar', lifeDomain: 'onderwijs', description: 'Naar de basisschool in de wijk' },
      { member: 'Yusuf', lifeDomain: 'geestelijke-gezondheid', description: 'Overbrugging van de GGZ-wachttijd; rust, later werken als kok' },
      { member: 'Lina', lifeDomain: 'opvoeding', description: 'Kinderopvang, zodat beide ouders hun leerroute kunnen volgen' },
    ]);
    await casus.step(yusuf, 'learning-route', { languageStartDate: '2026-06-08', participationStartDate: '2026-06-08' });
    // ParticipatieActiviteitGestart (2026-09-01, 2027-02-01) and InburgeringsexamenBehaald (2028-06-15): no counterpart.

    return { casus, rania, yusuf, yusufGgz, ggnet, caleidoz };
  },
};
