import { Principal } from '@casusregie/auth';
import { Casus } from './casus';
import { ZEVENAAR } from './municipalities';
import { ScenarioApi } from './scenario-api';

const wijkGgd: Principal = { sub: 'zvn-wijk-ggd-1', roles: ['consultant'], team: 'wijk-ggd', municipality: ZEVENAAR };
const consulent: Principal = { sub: 'zvn-consulent-zv-1', roles: ['consultant'], team: 'zorg-en-veiligheid', municipality: ZEVENAAR };

type Referral = { referralId: string; eventId: string };

/**
 * §6.5 Zevenaar – meneer Peters (onbegrepen gedrag, zorgmijder): wijk-GGD, bemoeizorg, and one duplicate referral
 * withdrawn, so the wijk-GGD's K3 count for 2026 is 2, not 3.
 */
export const peters = {
  municipality: ZEVENAAR,
  wijkGgd,
  consulent,

  /** `afterWithdrawal` runs once the duplicate referral is withdrawn, before any answer to the other referrals. */
  async record(
    api: ScenarioApi,
    { afterWithdrawal }: { afterWithdrawal?: (casus: Casus, trajectory: string, duplicate: Referral) => Promise<void> } = {},
  ) {
    // Meneer Peters' first name is not given: "Henk".
    const casus = await Casus.register(api, wijkGgd, {
      municipality: ZEVENAAR,
      team: 'wijk-ggd',
      registeredOn: '2026-02-03',
      residences: [{ key: 'huurwoning', postcode: '6902 CD', houseNumber: '40' }],
      members: [{ givenName: 'Henk', familyName: 'Peters', birthDate: '1973-06-08', role: 'other', residenceKeys: ['huurwoning'] }],
    });
    const asConsulent = casus.as(consulent);
    const trajectory = await casus.melding('Henk', {
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
    const { referralId: bemoeizorg } = await asConsulent.refer(trajectory, {
      date: '2026-02-12',
      organisation: { name: 'Bemoeizorg GGNet (team Zorg & Veiligheid)' },
      category: 'specialistische-ggz',
      warmHandover: false,
      referrerRole: 'sociaal-team',
    });
    await asConsulent.careStarted(trajectory, bemoeizorg, '2026-03-10');
    // 2026-03-24 CasuistiekBesproken at the Overlegtafel: no counterpart.

    const huisartsGgz = await casus.refer(trajectory, {
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
    const schuldhulp = await casus.refer(trajectory, toSchuldhulp);
    const duplicate = await casus.refer(trajectory, toSchuldhulp); // #3: #2 entered twice
    // 2026-04-20 EventIngetrokken (#3, duplicate).
    await casus.withdrawEvent(duplicate.eventId, '2026-04-20', 'Dubbel ingevoerd: zelfde doorverwijzing als #2');
    await afterWithdrawal?.(casus, trajectory, duplicate);

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

    return { casus, trajectory, bemoeizorg, huisartsGgz, schuldhulp, duplicate };
  },
};
