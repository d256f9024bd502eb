import { Principal } from '@casusregie/auth';
import { Casus } from './casus';
import { HARDERWIJK } from './municipalities';
import { ScenarioApi } from './scenario-api';

const pilotteam: Principal = { sub: 'ehz-pilotteam-1627-1', roles: ['consultant'], team: 'pilotteam-16-27', municipality: HARDERWIJK };

/** §6.4 Harderwijk – Marieke: maatwerk avoided by the pilotteam 16-27, then monthly nazorg after a move; closed as stable. */
export const marieke = {
  municipality: HARDERWIJK,
  pilotteam,

  /** `beforeClosure` runs after the last waakvlam contact, before the nazorg ends: the case is still open then. */
  async record(api: ScenarioApi, { beforeClosure }: { beforeClosure?: (casus: Casus) => Promise<void> } = {}) {
    // 2024-10-01 the existing CJG trajectory is not a case of this system; its closure with a warm handover on 2025-03-01
    // is not recorded either. Marieke's family name is not given: "Visser".
    const casus = await Casus.register(api, pilotteam, {
      municipality: HARDERWIJK,
      team: 'pilotteam-16-27',
      registeredOn: '2025-02-10',
      residences: [{ key: 'ouderlijk-huis', postcode: '3841 AB', houseNumber: '3' }],
      members: [{ givenName: 'Marieke', familyName: 'Visser', birthDate: '2007-11-20', role: 'child', residenceKeys: ['ouderlijk-huis'] }],
    });
    const trajectory = await casus.melding('Marieke', {
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
    await beforeClosure?.(casus);
    // 2026-02-01 CasusAfgesloten (stable): the nazorg ends with it.
    await casus.step(trajectory, 'waakvlam/end', { date: '2026-02-01' });
    await casus.step(trajectory, 'closure', { date: '2026-02-01', reason: 'stable' });

    return { casus, trajectory };
  },
};
