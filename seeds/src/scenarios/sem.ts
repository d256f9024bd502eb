import { Principal } from '@casusregie/auth';
import { Casus } from './casus';
import { NIEUWEGEIN } from './municipalities';
import { ScenarioApi } from './scenario-api';

const jeugd: Principal = { sub: 'ngn-geynwijs-jeugd-1', roles: ['consultant'], team: 'Geynwijs-Jeugd', municipality: NIEUWEGEIN };
const wmo: Principal = { sub: 'ngn-geynwijs-wmo-2', roles: ['consultant'], team: 'Geynwijs-Wmo', municipality: NIEUWEGEIN };

/** §6.3 Nieuwegein – Sem: from the Jeugdwet to the Wmo at 18 without a gap (K30: 0 days), then waakvlam and closure. */
export const sem = {
  municipality: NIEUWEGEIN,
  jeugd,
  wmo,

  async record(api: ScenarioApi) {
    // Sem "has received ambulant jeugdhulp since 2023-05-01": that history is recorded on that one day (registration,
    // melding, triage at L3, the jeugdhulp referral and its start), so that the 2026-09-14 IndicatieBeeindigd has care to end.
    // His mother is not named in the scenario: "Ingrid". Sem's family name is not given either: "de Groot".
    const casus = await Casus.register(api, jeugd, {
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
    const jeugdTrajectory = await casus.melding('Sem', {
      date: '2023-05-01',
      source: 'other',
      channel: 'other',
      question: 'Ambulante jeugdhulp bij een licht verstandelijke beperking',
      lifeDomains: ['zelfredzaamheid', 'onderwijs'],
      legalBasis: 'jeugdwet',
    });
    await casus.step(jeugdTrajectory, 'triage', { date: '2023-05-01', level: 'L3' });
    const { referralId: jeugdhulp } = await casus.refer(jeugdTrajectory, {
      date: '2023-05-01',
      organisation: { agbCode: '41410001', name: 'Jeugdhulpaanbieder ambulant' },
      category: 'maatwerk',
      productCode: '45A53',
      warmHandover: true,
    });
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
    const wmoTrajectory = await asWmo.melding('Sem', {
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
    const { referralId: ibIndividual } = await asWmo.refer(wmoTrajectory, {
      date: '2026-08-05',
      organisation: { agbCode: '75750303', name: 'Begeleiding Lekstroom (IB Wmo)' },
      category: 'maatwerk',
      productCode: '07A01',
      warmHandover: true,
    });
    // 2026-09-14 Jeugdwet IB IndicatieBeeindigd (the last day before he turns 18), volgens plan.
    await casus.onReferral(jeugdTrajectory, jeugdhulp, 'care-end', { date: '2026-09-14', reasonCode: '19' });
    // 2026-09-15 WarmeOverdrachtUitgevoerd (Jeugd → Wmo): the Jeugdwet trajectory is closed as transferred.
    await casus.step(jeugdTrajectory, 'closure', { date: '2026-09-15', reason: 'transferred' });
    await asWmo.careStarted(wmoTrajectory, ibIndividual, '2026-09-15');

    // 2027-03-15 OndersteuningAfgeschaald → IB in a group (004:1252). Group IB is still maatwerk (004:1357–1361), so the
    // level stays L3: the individual IB ends for a change of product (37) and the group IB starts the same day.
    await asWmo.onReferral(wmoTrajectory, ibIndividual, 'care-end', { date: '2027-03-15', reasonCode: '37' });
    const { referralId: ibGroup } = await asWmo.refer(wmoTrajectory, {
      date: '2027-03-15',
      organisation: { agbCode: '75750303', name: 'Begeleiding Lekstroom (IB in groepsvorm)' },
      category: 'maatwerk',
      productCode: '07A05',
      warmHandover: false,
    });
    await asWmo.careStarted(wmoTrajectory, ibGroup, '2027-03-15');
    // 2027-09-15 IB ended; NazorgGestart (cadence not in the scenario: the six weeks of §6.2). Without IB the support is his
    // own network (uncle Karim): afschaling L3→L0.
    await asWmo.onReferral(wmoTrajectory, ibGroup, 'care-end', { date: '2027-09-15', reasonCode: '19' });
    await asWmo.step(wmoTrajectory, 'scale-changes', { date: '2027-09-15', toLevel: 'L0', reason: 'IB afgerond; eigen netwerk met steunfiguur' });
    await asWmo.step(wmoTrajectory, 'waakvlam', { date: '2027-09-15', contactIntervalDays: 42 });
    // 2028-03-15 CasusAfgesloten (stabiele basis).
    await asWmo.step(wmoTrajectory, 'waakvlam/end', { date: '2028-03-15' });
    await asWmo.step(wmoTrajectory, 'closure', { date: '2028-03-15', reason: 'stable' });

    return { casus, jeugdTrajectory, wmoTrajectory, jeugdhulp, ibIndividual, ibGroup };
  },
};
