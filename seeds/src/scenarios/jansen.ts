import { Principal } from '@casusregie/auth';
import { Casus } from './casus';
import { NIEUWEGEIN } from './municipalities';
import { ScenarioApi } from './scenario-api';

const geynwijs: Principal = { sub: 'ngn-geynwijs-wmo-1', roles: ['consultant'], team: 'Geynwijs-Noord', municipality: NIEUWEGEIN };

/**
 * §6.2 Nieuwegein – mevrouw Jansen: three referrals to the sociale basis, maatwerk (HO and IB), afschaling of the IB
 * to the voorliggend veld after 177 days, then waakvlam contact every six weeks; the case stays open for the HO.
 */
export const jansen = {
  municipality: NIEUWEGEIN,
  geynwijs,

  async record(api: ScenarioApi) {
    // Mevrouw Jansen lives alone; her daughter Ellen (the mantelzorger) lives elsewhere and is not a member: the referral
    // to the mantelzorgconsulent for Ellen is part of her mother's support. The scenario gives no first name: "Wilhelmina".
    const casus = await Casus.register(api, geynwijs, {
      municipality: NIEUWEGEIN,
      team: 'Geynwijs-Noord',
      registeredOn: '2025-09-08',
      residences: [{ key: 'eengezinswoning', postcode: '3431 AB', houseNumber: '7' }],
      members: [{ givenName: 'Wilhelmina', familyName: 'Jansen', birthDate: '1941-02-03', role: 'other', residenceKeys: ['eengezinswoning'] }],
    });
    const trajectory = await casus.melding('Wilhelmina', {
      date: '2025-09-08',
      source: 'provider', // the wijkverpleegkundige
      channel: 'phone',
      question: 'Huishouden loopt niet meer, gevallen, eenzaam; dochter Ellen (mantelzorger) is overbelast',
      lifeDomains: ['zelfredzaamheid', 'lichamelijke-gezondheid', 'sociaal-netwerk', 'wonen'],
      legalBasis: 'wmo-2015',
    });
    const referrals: Record<string, string> = {};
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

    return { casus, trajectory, referrals };
  },
};
