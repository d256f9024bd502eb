import { BusinessDate } from '../calendar/business-date';
import { MemberDetails } from '../household/household-events';
import { ReferralCategory } from '../household/vocabulary';
import { householdHistory } from '../norms/testing/household-history';
import { cmd, R_CALEIDOZ, R_GGNET, REGISTERED_ON, T_RANIA_INBURGERING, T_YUSUF_GGZ, T_YUSUF_INBURGERING } from '../testing/household-fixtures';
import { FigureDimension, FigureGroupBy } from './figure-definition';
import { FigureItem, figureItemsOf, plainPersonalValues } from './figure-items';
import { FigureTable, figureTable } from './figure-table';
import { figureById, itemSetOf } from './shipped-figures';

/**
 * The figures of the scenarios of domain-research §6, each computed by hand from the scenario's dates (the working
 * is in the comments). The histories are built through the decider, as the application builds them; the items come
 * from figureItemsOf (the norm engine over the figure's item set) and the figures from figureTable.
 */

type History = ReturnType<typeof householdHistory>;

function member(memberId: string, birthDate: BusinessDate, residenceIds: string[], role: MemberDetails['role'] = 'parent'): MemberDetails {
  return { memberId, givenName: memberId, familyName: 'Scenario', birthDate, role, residenceIds };
}

/** §6.1 Zevenaar, gezin Haddad (as scenario-haddad.unit.spec builds it): two inburgering trajectories and Yusuf's GGZ question. */
function haddad(): History {
  const h = householdHistory('2026-11-23');
  h.run(cmd.registerHousehold());
  h.run(cmd.assignCoordinator(REGISTERED_ON));
  h.run(cmd.openTrajectory(T_RANIA_INBURGERING, REGISTERED_ON));
  h.run(cmd.openTrajectory(T_YUSUF_INBURGERING, REGISTERED_ON));
  h.run(cmd.establishPip(T_RANIA_INBURGERING, '2026-02-16', 'B1'));
  h.run(cmd.establishPip(T_YUSUF_INBURGERING, '2026-03-31', 'Z'));
  h.run(cmd.startLearningRoute(T_RANIA_INBURGERING, '2026-04-13'));
  h.run(cmd.openTrajectory(T_YUSUF_GGZ, '2026-04-15'));
  h.run(cmd.completeTriage(T_YUSUF_GGZ, '2026-04-20', 'L1'));
  h.run(cmd.requestExploratoryConversation(T_YUSUF_GGZ, '2026-04-24', '2026-04-22'));
  h.run(cmd.recordExploratoryConversationHeld(T_YUSUF_GGZ, '2026-05-06'));
  h.run(cmd.makeReferral(T_YUSUF_GGZ, R_GGNET, '2026-05-15'));
  h.run(cmd.makeReferral(T_YUSUF_GGZ, R_CALEIDOZ, '2026-05-15'));
  h.run(cmd.startLearningRoute(T_YUSUF_INBURGERING, '2026-06-08'));
  return h;
}

const T_JANSEN = 'traj-jansen-wmo';
const HO = { agbCode: '75750101', name: 'Thuiszorg Lekstroom (HO)' };
const IB = { agbCode: '75750202', name: 'Begeleiding Lekstroom (IB)' };

/** §6.2 Nieuwegein, mevrouw Jansen (b. 1941-02-03, postcode 3431): sociale basis, maatwerk HO and IB, afschaling. */
function jansen(): History {
  const h = householdHistory('2026-12-31');
  const refer = (referralId: string, on: BusinessDate, category: ReferralCategory, organisation: { agbCode?: string; name: string }) =>
    h.run(cmd.makeReferral(T_JANSEN, referralId, on, { organisation, category, warmHandover: false, productCode: undefined }));
  h.run(
    cmd.registerHousehold('2025-09-08', {
      householdId: '7a0c4f7e-0e5b-4c55-9a3b-2b6f1d9e8c01',
      municipality: 'GM0356',
      team: 'Geynwijs-Noord',
      residences: [{ residenceId: 'res-jansen', postcode: '3431 AB', houseNumber: '7' }],
      members: [member('m-jansen', '1941-02-03', ['res-jansen'], 'other')],
    }),
  );
  h.run(cmd.assignCoordinator('2025-09-08', { coordinatorId: 'u-geynwijs', name: 'Consulent Geynwijs' }));
  h.run(cmd.openTrajectory(T_JANSEN, '2025-09-08', { memberId: 'm-jansen', legalBasis: 'wmo-2015', source: 'provider', channel: 'phone' }));
  h.run(cmd.completeTriage(T_JANSEN, '2025-09-10', 'L1'));
  refer('r-valpreventie', '2025-09-26', 'voorliggend-veld', { name: 'Valpreventie' });
  refer('r-buurtplein', '2025-09-26', 'sociale-basis', { name: 'Buurtplein maaltijden' });
  refer('r-mantelzorg', '2025-09-26', 'voorliggend-veld', { name: 'Mantelzorgconsulent' });
  h.run(cmd.changeSupportLevel(T_JANSEN, '2025-10-01', 'L3'));
  refer('r-ho', '2025-10-01', 'maatwerk', HO);
  refer('r-ib', '2025-10-01', 'maatwerk', IB);
  h.run(cmd.acceptReferral(T_JANSEN, 'r-ib', '2025-10-06'));
  h.run(cmd.startCare(T_JANSEN, 'r-ib', '2025-10-06'));
  h.run(cmd.acceptReferral(T_JANSEN, 'r-ho', '2025-10-13'));
  h.run(cmd.startCare(T_JANSEN, 'r-ho', '2025-10-13'));
  h.run(cmd.changeSupportLevel(T_JANSEN, '2026-03-30', 'L1'));
  refer('r-amw', '2026-03-30', 'voorliggend-veld', { name: 'Algemeen maatschappelijk werk' });
  refer('r-recreatief', '2026-03-30', 'voorliggend-veld', { name: 'Recreatieve Activering' });
  h.run(cmd.endCare(T_JANSEN, 'r-ib', '2026-03-31', '23'));
  h.run(cmd.startWaakvlam(T_JANSEN, '2026-04-01', 42));
  refer('r-huisarts', '2026-06-24', 'eerstelijn', { name: 'Huisarts' });
  return h;
}

const T_PETERS = 'traj-peters';

/** §6.5 Zevenaar, meneer Peters: the wijk-GGD refers twice, a third referral is a duplicate and withdrawn (B10). */
function peters(): History {
  const h = householdHistory('2026-12-31');
  h.run(
    cmd.registerHousehold('2026-02-03', {
      householdId: '7a0c4f7e-0e5b-4c55-9a3b-2b6f1d9e8c05',
      team: 'T2',
      residences: [{ residenceId: 'res-peters', postcode: '6902 CD', houseNumber: '40' }],
      members: [member('m-peters', '1973-06-08', ['res-peters'], 'other')],
    }),
  );
  h.run(cmd.openTrajectory(T_PETERS, '2026-02-03', { memberId: 'm-peters', legalBasis: 'wmo-2015', source: 'wijk-ggd' }));
  h.run(cmd.completeTriage(T_PETERS, '2026-02-05', 'L2', 'outreach'));
  const ggd = { warmHandover: true, referrerRole: 'wijk-ggd' as const, productCode: undefined };
  h.run(cmd.makeReferral(T_PETERS, 'r-huisarts', '2026-04-14', { ...ggd, organisation: { name: 'Huisarts / GGZ' }, category: 'eerstelijn' }));
  h.run(cmd.makeReferral(T_PETERS, 'r-shv', '2026-04-14', { ...ggd, organisation: { name: 'Schuldhulpverlening' }, category: 'schuldhulpverlening' }));
  const [duplicate] = h.run(cmd.makeReferral(T_PETERS, 'r-shv-2', '2026-04-14', { ...ggd, organisation: { name: 'Schuldhulpverlening' }, category: 'schuldhulpverlening' }));
  h.run(cmd.withdrawEvent(duplicate.eventId, '2026-04-20'));
  return h;
}

const T_NOA = 'traj-noa-jeugd';
const T_PETER = 'traj-peter-ggz';
const T_SANNE = 'traj-sanne-schulden';

/** §6.6 Zevenaar, the samengesteld gezin over addresses A (6901) and B (6902): jeugdhulp for Noa, GGZ for Peter, debts for Sanne. */
function samengesteldGezin(): History {
  const h = householdHistory('2026-12-31');
  h.run(
    cmd.registerHousehold('2026-02-13', {
      householdId: '7a0c4f7e-0e5b-4c55-9a3b-2b6f1d9e8c06',
      team: 'T1',
      residences: [
        { residenceId: 'A', postcode: '6901 EF', houseNumber: '5' },
        { residenceId: 'B', postcode: '6902 GH', houseNumber: '88' },
      ],
      members: [
        member('m-sanne', '1987-04-12', ['A']),
        member('m-mark', '1985-01-30', ['A'], 'partner'),
        member('m-daan', '2013-09-02', ['A'], 'child'),
        member('m-peter', '1984-11-05', ['B']),
        member('m-noa', '2015-05-20', ['A', 'B'], 'child'),
      ],
    }),
  );
  h.run(cmd.assignCoordinator('2026-02-13', { coordinatorId: 'u-jeugdconsulent', name: 'Jeugdconsulent' }));
  h.run(cmd.openTrajectory(T_NOA, '2026-02-13', { memberId: 'm-noa', legalBasis: 'jeugdwet', source: 'school' }));
  h.run(cmd.completeTriage(T_NOA, '2026-02-13', 'L3', 'safety'));
  h.run(cmd.openTrajectory(T_PETER, '2026-02-20', { memberId: 'm-peter', legalBasis: 'wmo-2015', source: 'self' }));
  h.run(cmd.openTrajectory(T_SANNE, '2026-03-05', { memberId: 'm-sanne', legalBasis: 'wgs', source: 'self' }));
  const referral = { warmHandover: false, productCode: undefined };
  h.run(cmd.makeReferral(T_SANNE, 'r-shv', '2026-03-05', { ...referral, organisation: { name: 'Schuldhulpverlening' }, category: 'schuldhulpverlening' }));
  h.run(cmd.requestExploratoryConversation(T_PETER, '2026-03-05'));
  h.run(cmd.recordExploratoryConversationHeld(T_PETER, '2026-03-19'));
  h.run(cmd.makeReferral(T_NOA, 'r-jeugdhulp', '2026-03-20', { ...referral, organisation: { agbCode: '73731234', name: 'Jeugdhulpaanbieder' }, category: 'maatwerk' }));
  h.run(cmd.makeReferral(T_PETER, 'r-ggz-wijk', '2026-04-07', { ...referral, organisation: { name: 'GGZ in de wijk' }, category: 'lichtere-zorg' }));
  h.run(cmd.acceptReferral(T_NOA, 'r-jeugdhulp', '2026-04-14'));
  h.run(cmd.startCare(T_NOA, 'r-jeugdhulp', '2026-04-14'));
  h.run(cmd.endCare(T_NOA, 'r-jeugdhulp', '2026-10-13'));
  h.run(cmd.changeSupportLevel(T_NOA, '2026-10-13', 'L1', 'Jeugdhulp afgerond, terug naar SMW'));
  h.run(cmd.makeReferral(T_NOA, 'r-smw', '2026-10-13', { ...referral, organisation: { name: 'Schoolmaatschappelijk werk' }, category: 'voorliggend-veld', warmHandover: true }));
  return h;
}

/** The figure's items over these households, as the projection keeps them (plain values here: nothing is sealed). */
function itemsOf(figureId: string, ...histories: History[]): FigureItem[] {
  const figure = figureById(figureId);
  if (figure === undefined) throw new Error(`no figure ${figureId}`);
  return histories.flatMap((h) => figureItemsOf(itemSetOf(figure), h.state, h.facts, plainPersonalValues(h.state)));
}

function table(
  figureId: string,
  histories: History[],
  query: { from?: BusinessDate; to?: BusinessDate; asOf: BusinessDate; groupBy?: FigureGroupBy; breakdown?: FigureDimension[] },
): FigureTable {
  const figure = figureById(figureId);
  if (figure === undefined) throw new Error(`no figure ${figureId}`);
  const { asOf } = query;
  return figureTable(figure, itemsOf(figureId, ...histories), {
    from: query.from ?? `${asOf.slice(0, 4)}-01-01`,
    to: query.to ?? `${asOf.slice(0, 4)}-12-31`,
    asOf,
    groupBy: query.groupBy ?? figure.defaultGroupBy,
    breakdown: query.breakdown ?? [],
  });
}

/** A table's rows as `group | key… → values`, for reading the expectations against the scenario. */
function cells(t: FigureTable): Record<string, Record<string, number | null>> {
  return Object.fromEntries(t.rows.map((row) => [[row.group, ...Object.values(row.keys)].join(' | '), row.values]));
}

describe('management figures of the scenarios of domain-research §6 (hand-computed)', () => {
  describe('§6.2 Nieuwegein, mevrouw Jansen', () => {
    const h = jansen();

    it('open trajectories: her Wmo trajectory, open from 2025-09-08 to 2026-12-31 = 365 + 114 = 479 days, at L1, 67+, in Nieuwegein-Noord (3431)', () => {
      expect(cells(table('open-trajectories', [h], { asOf: '2026-12-31', breakdown: ['legalBasis', 'level', 'ageBand', 'wijk'] }))).toEqual({
        'all | wmo-2015 | L1 | 67+ | Nieuwegein-Noord': { count: 1, medianDays: 479, p90Days: 479 },
      });
      expect(cells(table('open-trajectories', [h], { asOf: '2025-09-07' }))).toEqual({});
    });

    it('after her data is erased (AVG art. 17) her trajectory still counts, with age band and wijk onbekend, even where her values could still be read', () => {
      const erased = jansen();
      // The values as they were before the erasure: a data key another process still holds for a few seconds.
      const stillReadable = plainPersonalValues(erased.state);
      erased.run(cmd.erasePersonalData('m-jansen', '2026-12-31'));
      const figure = figureById('open-trajectories');
      if (figure === undefined) throw new Error('no figure');
      const items = figureItemsOf(itemSetOf(figure), erased.state, erased.facts, stillReadable);
      expect(items.map((item) => [item.attributes.ageBand, item.attributes.wijk])).toEqual([[undefined, 'onbekend']]);
      const before = figureItemsOf(itemSetOf(figure), jansen().state, jansen().facts, stillReadable);
      expect(before.map((item) => [item.attributes.ageBand, item.attributes.wijk])).toEqual([['67+', 'Nieuwegein-Noord']]);
    });

    it('K31: on 2025-10-03 HO and IB wait (made 10-01: 2 days each), on 10-08 only HO (7 days), on 10-13 nobody', () => {
      expect(cells(table('waiting-for-care', [h], { asOf: '2025-10-03' }))).toEqual({
        '75750101': { count: 1, medianDays: 2, p90Days: 2 },
        '75750202': { count: 1, medianDays: 2, p90Days: 2 },
      });
      expect(cells(table('waiting-for-care', [h], { asOf: '2025-10-08' }))).toEqual({ '75750101': { count: 1, medianDays: 7, p90Days: 7 } });
      expect(cells(table('waiting-for-care', [h], { asOf: '2025-10-13' }))).toEqual({});
    });

    it('K10: 5 referrals in 2025 (2 voorliggend veld, 1 sociale basis, 2 maatwerk) and 3 in 2026 (2 voorliggend veld, 1 eerstelijn)', () => {
      expect(cells(table('referrals', [h], { from: '2025-01-01', to: '2026-12-31', asOf: '2026-12-31', breakdown: ['category'] }))).toEqual({
        '2025 | maatwerk': { count: 2 },
        '2025 | sociale-basis': { count: 1 },
        '2025 | voorliggend-veld': { count: 2 },
        '2026 | eerstelijn': { count: 1 },
        '2026 | voorliggend-veld': { count: 2 },
      });
    });

    it('K24: triage 2025-09-10 → first referral 2025-09-26 = 16 days', () => {
      expect(cells(table('triage-to-referral', [h], { asOf: '2026-12-31', from: '2025-01-01' }))).toEqual({
        '2025': { count: 1, medianDays: 16, p90Days: 16, open: 0 },
      });
    });

    it('K27: the IB ran 2025-10-06 → 2026-03-31, both days counted: 26 + 30 + 31 + 31 + 28 + 31 = 177 days; the HO is still running', () => {
      expect(cells(table('care-duration', [h], { asOf: '2026-12-31', from: '2025-01-01' }))).toEqual({
        '75750101': { count: 0, medianDays: null, p90Days: null, open: 1 },
        '75750202': { count: 1, medianDays: 177, p90Days: 177, open: 0 },
      });
    });

    it('K28: on 2025-10-10 one period of care (IB), from 10-13 to 2026-03-30 two (IB and HO), from 03-31 one (HO)', () => {
      const stacked = (asOf: BusinessDate) => cells(table('stacked-support', [h], { asOf }));
      expect(stacked('2025-10-10')).toEqual({ 'all | 1': { households: 1 } });
      expect(stacked('2025-12-31')).toEqual({ 'all | 2': { households: 1 } });
      expect(stacked('2026-03-30')).toEqual({ 'all | 2': { households: 1 } });
      expect(stacked('2026-03-31')).toEqual({ 'all | 1': { households: 1 } });
    });

    it('K32: one Wmo client in 2025 and in 2026 (the trajectory stays open), 84 at the melding: 67+', () => {
      expect(cells(table('wmo-clients', [h], { from: '2025-01-01', to: '2026-12-31', asOf: '2026-12-31', breakdown: ['ageBand'] }))).toEqual({
        '2025 | 67+': { persons: 1 },
        '2026 | 67+': { persons: 1 },
      });
      expect(cells(table('wmo-clients', [h], { from: '2025-01-01', to: '2025-09-07', asOf: '2026-12-31', groupBy: 'none' }))).toEqual({});
    });
  });

  describe('§6.1 Zevenaar, gezin Haddad', () => {
    const h = haddad();

    it('open trajectories on 2026-06-30: two inburgering and one Wmo; Rania 26 at the melding (18-26), Yusuf 29 (27-66), all in Zevenaar (6901)', () => {
      expect(cells(table('open-trajectories', [h], { asOf: '2026-06-30', breakdown: ['legalBasis'] }))).toEqual({
        // Opened 2026-01-14: 167 days on 06-30; opened 04-15: 76 days.
        'all | wet-inburgering-2021': { count: 2, medianDays: 167, p90Days: 167 },
        'all | wmo-2015': { count: 1, medianDays: 76, p90Days: 76 },
      });
      expect(cells(table('open-trajectories', [h], { asOf: '2026-06-30', breakdown: ['ageBand', 'wijk'] }))).toEqual({
        'all | 18-26 | Zevenaar': { count: 1, medianDays: 167, p90Days: 167 },
        'all | 27-66 | Zevenaar': { count: 2, medianDays: 121.5, p90Days: 167 },
      });
    });

    it('open trajectories by category: the GGZ trajectory’s latest referral went to the voorliggend veld (Caleidoz, after GGNet); the inburgering ones have none', () => {
      expect(cells(table('open-trajectories', [h], { asOf: '2026-06-30', breakdown: ['category'] }))).toEqual({
        'all | onbekend': expect.objectContaining({ count: 2 }),
        'all | voorliggend-veld': expect.objectContaining({ count: 1 }),
      });
    });

    it('K24: triage 2026-04-20 → referrals 05-15 = 25 days; K10: 2 referrals by the casusregisseur, one lichtere zorg, one voorliggend veld', () => {
      expect(cells(table('triage-to-referral', [h], { asOf: '2026-12-31' }))).toEqual({ '2026': { count: 1, medianDays: 25, p90Days: 25, open: 0 } });
      expect(cells(table('referrals', [h], { asOf: '2026-12-31', groupBy: 'coordinator', breakdown: ['category'] }))).toEqual({
        'u-ivanka | lichtere-zorg': { count: 1 },
        'u-ivanka | voorliggend-veld': { count: 1 },
      });
    });

    it('K32: Yusuf is the one Wmo client of 2026; nobody waits for maatwerk (K31)', () => {
      expect(cells(table('wmo-clients', [h], { asOf: '2026-12-31' }))).toEqual({ '2026': { persons: 1 } });
      expect(cells(table('waiting-for-care', [h], { asOf: '2026-12-31' }))).toEqual({});
    });
  });

  describe('§6.5 Zevenaar, meneer Peters', () => {
    it('K10: the wijk-GGD’s duplicate referral is withdrawn, so 2026 has 2 referrals (one eerstelijn, one schuldhulpverlening), not 3 (B10)', () => {
      expect(cells(table('referrals', [peters()], { asOf: '2026-12-31', breakdown: ['category'] }))).toEqual({
        '2026 | eerstelijn': { count: 1 },
        '2026 | schuldhulpverlening': { count: 1 },
      });
    });

    it('K32 counts a person once: closed 2026-09-15 (§6.5 "afgeschaald") and reopened 10-01, he is one Wmo client with two open periods', () => {
      const h = peters();
      h.run(cmd.closeTrajectory(T_PETERS, '2026-09-15', 'goals-reached'));
      h.run(cmd.reopenTrajectory(T_PETERS, '2026-10-01'));
      expect(cells(table('wmo-clients', [h], { asOf: '2026-12-31', groupBy: 'none' }))).toEqual({ all: { persons: 1 } });
      expect(cells(table('wmo-clients', [h], { asOf: '2026-12-31', groupBy: 'quarter' }))).toEqual({
        '2026-Q1': { persons: 1 },
        '2026-Q2': { persons: 1 },
        '2026-Q3': { persons: 1 },
        '2026-Q4': { persons: 1 },
      });
      // Open on 09-14, closed at the end of 09-15 and 09-30, open again from 10-01 (91 days to 12-31 is 10-01 → 12-31 = 30 + 30 + 31).
      const open = (asOf: BusinessDate) => cells(table('open-trajectories', [h], { asOf }));
      expect(open('2026-09-14')).toEqual({ all: { count: 1, medianDays: 223, p90Days: 223 } });
      expect(open('2026-09-15')).toEqual({});
      expect(open('2026-09-30')).toEqual({});
      expect(open('2026-12-31')).toEqual({ all: { count: 1, medianDays: 91, p90Days: 91 } });
    });

    it('K24: triage 2026-02-05 → referral 04-14 = 23 + 31 + 14 = 68 days', () => {
      expect(cells(table('triage-to-referral', [peters()], { asOf: '2026-12-31' }))).toEqual({ '2026': { count: 1, medianDays: 68, p90Days: 68, open: 0 } });
    });
  });

  describe('§6.6 Zevenaar, the samengesteld gezin', () => {
    const h = samengesteldGezin();

    it('K31: Noa’s jeugdhulp referral (2026-03-20) waits 24 days on 04-13 and no longer on 04-14, when care starts (the 25 days of the scenario)', () => {
      expect(cells(table('waiting-for-care', [h], { asOf: '2026-04-13' }))).toEqual({ '73731234': { count: 1, medianDays: 24, p90Days: 24 } });
      expect(cells(table('waiting-for-care', [h], { asOf: '2026-04-14' }))).toEqual({});
    });

    it('K10: four referrals in 2026, one per category: schuldhulpverlening, maatwerk, lichtere zorg, and back to the voorliggend veld', () => {
      expect(cells(table('referrals', [h], { asOf: '2026-12-31', breakdown: ['category'] }))).toEqual({
        '2026 | lichtere-zorg': { count: 1 },
        '2026 | maatwerk': { count: 1 },
        '2026 | schuldhulpverlening': { count: 1 },
        '2026 | voorliggend-veld': { count: 1 },
      });
    });

    it('K24: Noa’s triage 2026-02-13 → referral 03-20 = 15 + 20 = 35 days; K27: jeugdhulp 04-14 → 10-13 = 17 + 31 + 30 + 31 + 31 + 30 + 13 = 183 days', () => {
      expect(cells(table('triage-to-referral', [h], { asOf: '2026-12-31', breakdown: ['legalBasis'] }))).toEqual({
        '2026 | jeugdwet': { count: 1, medianDays: 35, p90Days: 35, open: 0 },
      });
      expect(cells(table('care-duration', [h], { asOf: '2026-12-31' }))).toEqual({ '73731234': { count: 1, medianDays: 183, p90Days: 183, open: 0 } });
    });

    it('carries a trajectory’s latest level: Noa, triaged to L3, was scaled down to L1 when her jeugdhulp ended; the others had no triage', () => {
      expect(cells(table('open-trajectories', [h], { asOf: '2026-12-31', breakdown: ['level'] }))).toEqual({
        'all | L1': expect.objectContaining({ count: 1 }),
        'all | onbekend': expect.objectContaining({ count: 2 }),
      });
    });

    it('one wijk for the household: that of address A (6901, Zevenaar), also for Peter who lives at B; Noa is 10 at the melding (0-17)', () => {
      expect(cells(table('open-trajectories', [h], { asOf: '2026-06-30', breakdown: ['wijk', 'ageBand'] }))).toEqual({
        // Noa opened 02-13 (137 days on 06-30); Peter 02-20 (130 days); Sanne 03-05 (117 days).
        'all | Zevenaar | 0-17': { count: 1, medianDays: 137, p90Days: 137 },
        'all | Zevenaar | 27-66': { count: 2, medianDays: 123.5, p90Days: 130 },
      });
    });
  });

  describe('across households of one municipality (§6.1, §6.5 and §6.6 in Zevenaar)', () => {
    const zevenaar = [haddad(), peters(), samengesteldGezin()];

    it('K28 on 2026-06-30: only the samengesteld gezin has care running (Noa’s jeugdhulp): one household with one period of care', () => {
      expect(cells(table('stacked-support', zevenaar, { asOf: '2026-06-30', groupBy: 'team' }))).toEqual({ 'T1 | 1': { households: 1 } });
      expect(table('stacked-support', zevenaar, { asOf: '2026-06-30', groupBy: 'team' }).totals).toEqual([
        { group: 'T1', keys: { openSupport: 'totaal' }, values: { households: 1 } },
      ]);
    });

    it('K32 in 2026: Yusuf, Peters and Peter: 3 distinct Wmo clients, per team 2 (T1) and 1 (T2)', () => {
      expect(cells(table('wmo-clients', zevenaar, { asOf: '2026-12-31', groupBy: 'none' }))).toEqual({ all: { persons: 3 } });
      expect(cells(table('wmo-clients', zevenaar, { asOf: '2026-12-31', groupBy: 'team' }))).toEqual({ T1: { persons: 2 }, T2: { persons: 1 } });
    });

    it('K10 in 2026: 2 + 2 + 4 = 8 referrals; per quarter Q2 has Haddad’s 2, Peters’ 2 and Peter’s 1 = 5', () => {
      expect(cells(table('referrals', zevenaar, { asOf: '2026-12-31', groupBy: 'year' }))).toEqual({ '2026': { count: 8 } });
      expect(cells(table('referrals', zevenaar, { asOf: '2026-12-31', groupBy: 'quarter' }))).toEqual({
        '2026-Q1': { count: 2 },
        '2026-Q2': { count: 5 },
        '2026-Q4': { count: 1 },
      });
    });

    it('open trajectories at the end of each quarter of 2026 (a stock per period): 2 + 1 + 3 = 6 in Q1, all 7 from Q2', () => {
      // Haddad: 2 from 01-14, Yusuf's GGZ from 04-15; Peters from 02-03; the samengesteld gezin 3 by 03-05. None closed.
      expect(cells(table('open-trajectories', zevenaar, { asOf: '2026-12-31', groupBy: 'quarter' }))).toEqual({
        '2026-Q1': expect.objectContaining({ count: 6 }),
        '2026-Q2': expect.objectContaining({ count: 7 }),
        '2026-Q3': expect.objectContaining({ count: 7 }),
        '2026-Q4': expect.objectContaining({ count: 7 }),
      });
    });
  });
});
