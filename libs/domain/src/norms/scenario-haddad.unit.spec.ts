import {
  cmd,
  R_CALEIDOZ,
  R_GGNET,
  REGISTERED_ON,
  REVISED_GOALS,
  T_RANIA_INBURGERING,
  T_YUSUF_GGZ,
  T_YUSUF_INBURGERING,
} from '../testing/household-fixtures';
import { NormDefinition } from './norm-definition';
import { normItems } from './norm-items';
import { cohortOfYear, judgeCohort, judgeItem } from './norm-status';
import { normsFor, shippedNorm } from './shipped-norms';
import { householdHistory } from './testing/household-history';

/**
 * Scenario §6.1 of domain-research.md (Zevenaar, gezin Haddad) at norm level: the history is built through the
 * decider, then the shipped norms are computed from the facts.
 */
function haddadHistory() {
  const h = householdHistory('2026-11-23');
  h.run(cmd.registerHousehold());
  h.run(cmd.assignCoordinator(REGISTERED_ON));
  h.run(cmd.openTrajectory(T_RANIA_INBURGERING, REGISTERED_ON));
  h.run(cmd.openTrajectory(T_YUSUF_INBURGERING, REGISTERED_ON));
  h.run(cmd.recordIntake(T_RANIA_INBURGERING, '2026-01-21'));
  h.run(cmd.recordIntake(T_YUSUF_INBURGERING, '2026-01-21'));
  h.run(cmd.setPlan('2026-01-21'));
  const [raniaPip] = h.run(cmd.establishPip(T_RANIA_INBURGERING, '2026-02-16', 'B1'));
  const [yusufPip] = h.run(cmd.establishPip(T_YUSUF_INBURGERING, '2026-03-31', 'Z'));
  const [raniaRoute] = h.run(cmd.startLearningRoute(T_RANIA_INBURGERING, '2026-04-13', '2026-04-13', '2026-04-14'));
  const [ggzOpened] = h.run(cmd.openTrajectory(T_YUSUF_GGZ, '2026-04-15'));
  const [triage] = h.run(cmd.completeTriage(T_YUSUF_GGZ, '2026-04-20', 'L1'));
  const [requested] = h.run(cmd.requestExploratoryConversation(T_YUSUF_GGZ, '2026-04-24', '2026-04-22'));
  h.run(cmd.recordExploratoryConversationHeld(T_YUSUF_GGZ, '2026-05-06'));
  const [ggnetReferral] = h.run(cmd.makeReferral(T_YUSUF_GGZ, R_GGNET, '2026-05-15'));
  h.run(cmd.makeReferral(T_YUSUF_GGZ, R_CALEIDOZ, '2026-05-15'));
  h.run(cmd.setPlan('2026-06-01', REVISED_GOALS));
  const [yusufRoute] = h.run(cmd.startLearningRoute(T_YUSUF_INBURGERING, '2026-06-08', '2026-06-08', '2026-06-09'));
  return { h, ids: { raniaPip, yusufPip, raniaRoute, yusufRoute, ggzOpened, triage, requested, ggnetReferral } };
}

const norm = (id: string, municipality = 'GM0299'): NormDefinition => {
  const found = normsFor(municipality).find((n) => n.id === id);
  if (found === undefined) throw new Error(`no norm ${id}`);
  return found;
};

describe('scenario 6.1 (gezin Haddad, Zevenaar) at norm level', () => {
  const { h, ids } = haddadHistory();

  describe('pip-leerroute-2m (K1)', () => {
    const pip = norm('pip-leerroute-2m');
    const items = normItems(pip, h.facts);

    it('has one item per PIP, with the deadline two months after it', () => {
      expect(items).toEqual([
        {
          normId: 'pip-leerroute-2m',
          itemKey: T_RANIA_INBURGERING,
          startEventId: ids.raniaPip.eventId,
          trajectoryId: T_RANIA_INBURGERING,
          memberId: 'm-rania',
          startDate: '2026-02-16',
          deadline: '2026-04-16',
          stopDate: '2026-04-13',
          stoppedBy: { eventId: ids.raniaRoute.eventId, type: 'LearningRouteStarted' },
        },
        {
          normId: 'pip-leerroute-2m',
          itemKey: T_YUSUF_INBURGERING,
          startEventId: ids.yusufPip.eventId,
          trajectoryId: T_YUSUF_INBURGERING,
          memberId: 'm-yusuf',
          startDate: '2026-03-31',
          deadline: '2026-05-31',
          stopDate: '2026-06-08',
          stoppedBy: { eventId: ids.yusufRoute.eventId, type: 'LearningRouteStarted' },
        },
      ]);
    });

    it('judges Rania on time (56 days) and Yusuf late (69 days, 8 past the deadline)', () => {
      expect(items.map((item) => judgeItem(pip, item, '2026-11-23'))).toEqual([
        { status: 'on-time', waitingDays: 56, stopped: true },
        { status: 'late', waitingDays: 69, daysOverdue: 8, stopped: true },
      ]);
    });

    it('gives the 2026 cohort 1 on time and 1 late: 50 % against the 95 % target, final', () => {
      const report = judgeCohort(pip, items, '2026-11-23', cohortOfYear(2026));
      expect(report.compliance).toEqual({
        onTime: 1,
        late: 1,
        pending: 0,
        excluded: 0,
        percentage: 50,
        provisional: false,
        medianWaitingDays: 62.5,
        p90WaitingDays: 69,
        targetPercentage: 95,
        targetMet: false,
      });
    });

    it('as of 2026-05-20 shows Yusuf pending with 11 days left, and the cohort provisional', () => {
      expect(judgeItem(pip, items[1], '2026-05-20')).toEqual({ status: 'pending', daysLeft: 11, waitingDays: 50, stopped: false });
      const report = judgeCohort(pip, items, '2026-05-20', cohortOfYear(2026));
      expect(report.compliance).toMatchObject({ onTime: 1, late: 0, pending: 1, percentage: 100, provisional: true, targetMet: true });
    });

    it('as of 2026-06-01, before the 06-08 start, shows Yusuf late', () => {
      expect(judgeItem(pip, items[1], '2026-06-01')).toEqual({ status: 'late', daysOverdue: 1, waitingDays: 62, stopped: false });
    });

    it('as of 2026-05-31, the deadline itself, still shows him pending with 0 days left', () => {
      expect(judgeItem(pip, items[1], '2026-05-31')).toEqual({ status: 'pending', daysLeft: 0, waitingDays: 61, stopped: false });
    });

    it('has no Yusuf item as of 2026-03-30, the day before his PIP', () => {
      expect(judgeItem(pip, items[1], '2026-03-30')).toBeUndefined();
    });
  });

  describe('verkennend-gesprek-4w (K2)', () => {
    it('has one item, stopped on time by the GGNet referral after 21 days (default anchor: the request)', () => {
      const k2 = norm('verkennend-gesprek-4w');
      const items = normItems(k2, h.facts);
      expect(items).toEqual([
        {
          normId: 'verkennend-gesprek-4w',
          itemKey: T_YUSUF_GGZ,
          startEventId: ids.requested.eventId,
          trajectoryId: T_YUSUF_GGZ,
          memberId: 'm-yusuf',
          startDate: '2026-04-24',
          deadline: '2026-05-22',
          stopDate: '2026-05-15',
          stoppedBy: { eventId: ids.ggnetReferral.eventId, type: 'ReferralMade' },
          provider: '73730001',
        },
      ]);
      expect(judgeItem(k2, items[0], '2026-11-23')).toEqual({ status: 'on-time', waitingDays: 21, stopped: true });
    });

    it('counts 23 days under the waiting-list anchor (GM0226 setting), still on time', () => {
      const k2 = norm('verkennend-gesprek-4w', 'GM0226');
      const [item] = normItems(k2, h.facts);
      expect(item).toMatchObject({ startDate: '2026-04-22', deadline: '2026-05-20', stopDate: '2026-05-15' });
      expect(judgeItem(k2, item, '2026-11-23')).toEqual({ status: 'on-time', waitingDays: 23, stopped: true });
    });

    it('is pending on 2026-05-06, the day of the conversation, with 16 days left', () => {
      const k2 = norm('verkennend-gesprek-4w');
      expect(judgeItem(k2, normItems(k2, h.facts)[0], '2026-05-06')).toEqual({ status: 'pending', daysLeft: 16, waitingDays: 12, stopped: false });
    });
  });

  describe('the melding norms', () => {
    it('wmo-onderzoek-6w: only Yusuf’s Wmo melding has an item, triaged after 5 days', () => {
      const wmo = norm('wmo-onderzoek-6w');
      const items = normItems(wmo, h.facts);
      expect(items).toEqual([
        {
          normId: 'wmo-onderzoek-6w',
          itemKey: T_YUSUF_GGZ,
          startEventId: ids.ggzOpened.eventId,
          trajectoryId: T_YUSUF_GGZ,
          memberId: 'm-yusuf',
          startDate: '2026-04-15',
          deadline: '2026-05-27',
          stopDate: '2026-04-20',
          stoppedBy: { eventId: ids.triage.eventId, type: 'TriageCompleted' },
        },
      ]);
      expect(judgeItem(wmo, items[0], '2026-11-23')).toEqual({ status: 'on-time', waitingDays: 5, stopped: true });
    });

    it('melding-intake: both inburgering intakes after 7 days; Yusuf’s GGZ melding never had one and is late', () => {
      const intake = norm('melding-intake');
      const items = normItems(intake, h.facts);
      expect(items.map((item) => [item.trajectoryId, item.deadline, item.stopDate])).toEqual([
        [T_RANIA_INBURGERING, '2026-01-28', '2026-01-21'],
        [T_YUSUF_INBURGERING, '2026-01-28', '2026-01-21'],
        [T_YUSUF_GGZ, '2026-04-29', undefined],
      ]);
      expect(items.map((item) => judgeItem(intake, item, '2026-11-23'))).toEqual([
        { status: 'on-time', waitingDays: 7, stopped: true },
        { status: 'on-time', waitingDays: 7, stopped: true },
        { status: 'late', waitingDays: 222, daysOverdue: 208, stopped: false },
      ]);
    });

    it('melding-start-support: no referral was accepted, so all three are pending, without a deadline or a percentage', () => {
      const support = norm('melding-start-support');
      const items = normItems(support, h.facts);
      expect(items.every((item) => item.deadline === undefined && item.stopDate === undefined)).toBe(true);
      const report = judgeCohort(support, items, '2026-11-23', cohortOfYear(2026));
      expect(report.rows.map((row) => row.judgement)).toEqual([
        { status: 'pending', waitingDays: 313, stopped: false },
        { status: 'pending', waitingDays: 313, stopped: false },
        { status: 'pending', waitingDays: 222, stopped: false },
      ]);
      expect(report.compliance).toMatchObject({ pending: 3, percentage: null, provisional: true, medianWaitingDays: null });
    });
  });

  it('uses the shipped default anchor for GM0299 Zevenaar', () => {
    expect(norm('verkennend-gesprek-4w').start).toEqual(shippedNorm('verkennend-gesprek-4w').start);
    expect(norm('verkennend-gesprek-4w').start.dateField).toBeUndefined();
  });
});
