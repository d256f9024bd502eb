import { Principal } from '@casusregie/auth';
import { Casus } from './casus';
import { ZEVENAAR } from './municipalities';
import { ScenarioApi } from './scenario-api';

const jeugdconsulent: Principal = { sub: 'zvn-jeugdconsulent-1', roles: ['consultant'], team: 'sterk-lokaal-team', municipality: ZEVENAAR };

/**
 * §6.6 Zevenaar – a samengesteld gezin over two households: safety, debt and GGZ under one plan; Peter's verkennend
 * gesprek breaches K2 (33 days).
 */
export const samengesteldGezin = {
  municipality: ZEVENAAR,
  jeugdconsulent,

  async record(api: ScenarioApi) {
    // 2026-01-15 the SMW trajectory and 2026-02-08 the police report to Veilig Thuis happen outside this system.
    // The scenario registers the gezin on 02-16, after the melding of 02-13; the API needs the household first, so it is
    // registered on the day of the melding. Only birth years are given for the adults: the days are ours.
    const casus = await Casus.register(api, jeugdconsulent, {
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
    const noa = await casus.melding('Noa', {
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
    const peter = await casus.melding('Peter', {
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
    const sanne = await casus.melding('Sanne', {
      date: '2026-03-05',
      source: 'self',
      channel: 'in-person',
      question: 'Schulden',
      lifeDomains: ['schulden', 'inkomen'],
      legalBasis: 'wgs',
    });
    const { referralId: schuldhulp } = await casus.refer(sanne, {
      date: '2026-03-05',
      organisation: { name: 'Schuldhulpverlening Zevenaar' },
      category: 'schuldhulpverlening',
      warmHandover: true,
    });
    await casus.step(peter, 'exploratory-conversations', { status: 'requested', date: '2026-03-05', ggzWaitlistSince: '2026-02-20' });
    await casus.step(peter, 'exploratory-conversations', { status: 'held', date: '2026-03-19' });
    // 2026-03-20 IndicatieAfgegeven (Jeugdwet, ambulant jeugdhulp for Noa, 6 months) + BeschikkingAfgegeven.
    await casus.step(noa, 'scale-changes', { date: '2026-03-20', toLevel: 'L3', reason: 'Indicatie ambulante jeugdhulp (6 maanden)' });
    const { referralId: jeugdhulp } = await casus.refer(noa, {
      date: '2026-03-20',
      organisation: { agbCode: '41420002', name: 'Jeugdhulpaanbieder ambulant' },
      category: 'maatwerk',
      productCode: '45A48',
      warmHandover: true,
    });
    const { referralId: ggzInDeWijk } = await casus.refer(peter, {
      date: '2026-04-07',
      organisation: { name: 'GGZ in de wijk – ervaringsdeskundige' },
      category: 'lichtere-zorg',
      warmHandover: true,
    });
    await casus.careStarted(noa, jeugdhulp, '2026-04-14');
    // 2026-04-22 CasuistiekBesproken: no counterpart.
    // 2026-10-13 OndersteuningAfgeschaald: jeugdhulp ended → back to the SMW with a warm handover.
    await casus.onReferral(noa, jeugdhulp, 'care-end', { date: '2026-10-13', reasonCode: '19' });
    await casus.step(noa, 'scale-changes', { date: '2026-10-13', toLevel: 'L1', reason: 'Jeugdhulp afgerond; terug naar SMW' });
    const { referralId: smw } = await casus.refer(noa, {
      date: '2026-10-13',
      organisation: { name: 'Schoolmaatschappelijk werk' },
      category: 'voorliggend-veld',
      warmHandover: true,
    });
    // 2026-12-15 CasusAfgesloten: every open trajectory of the gezin is closed.
    await casus.step(noa, 'closure', { date: '2026-12-15', reason: 'goals-reached' });
    await casus.step(peter, 'closure', { date: '2026-12-15', reason: 'transferred' });
    await casus.step(sanne, 'closure', { date: '2026-12-15', reason: 'transferred' });

    return { casus, noa, peter, sanne, jeugdhulp, smw, schuldhulp, ggzInDeWijk };
  },
};
