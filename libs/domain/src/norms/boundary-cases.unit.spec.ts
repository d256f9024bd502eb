import { businessDateOf } from '../calendar/business-date';
import { CALEIDOZ, cmd, R_GGNET, T_RANIA_INBURGERING, T_YUSUF_GGZ, T_YUSUF_INBURGERING } from '../testing/household-fixtures';
import { NormDefinition } from './norm-definition';
import { distinctMembers, normItems } from './norm-items';
import { cohortOfYear, countPerYear, judgeCohort, judgeItem } from './norm-status';
import { shippedNorm } from './shipped-norms';
import { householdHistory } from './testing/household-history';

/** The boundary cases of domain-research §6.7 at norm level; every history goes through the decider. */

const PIP = shippedNorm('pip-leerroute-2m');
const K2 = shippedNorm('verkennend-gesprek-4w');
const WIJK_GGD = shippedNorm('wijk-ggd-referrals');

/** A household registered on `registeredOn` with inburgering trajectories, each with a PIP (route B1) on the date given. */
function withPips(today: string, registeredOn: string, pips: Record<string, string>) {
  const h = householdHistory(today);
  h.run(cmd.registerHousehold(registeredOn));
  for (const [trajectoryId, pipDate] of Object.entries(pips)) {
    h.run(cmd.openTrajectory(trajectoryId, registeredOn));
    h.run(cmd.establishPip(trajectoryId, pipDate, 'B1'));
  }
  return h;
}

/** Yusuf's GGZ trajectory with the verkennend gesprek requested on `requestedOn`. */
function withExploratoryRequest(today: string, openedOn: string, requestedOn: string) {
  const h = householdHistory(today);
  h.run(cmd.registerHousehold(openedOn));
  h.run(cmd.openTrajectory(T_YUSUF_GGZ, openedOn));
  h.run(cmd.requestExploratoryConversation(T_YUSUF_GGZ, requestedOn));
  return h;
}

function onlyItem(norm: NormDefinition, facts: Parameters<typeof normItems>[1]) {
  const items = normItems(norm, facts);
  expect(items).toHaveLength(1);
  return items[0];
}

describe('boundary cases for the KPI engine (domain-research §6.7)', () => {
  describe('B1: PIP of 2025-12-31 is due 2026-02-28', () => {
    const onTime = withPips('2026-03-31', '2025-12-01', { [T_RANIA_INBURGERING]: '2025-12-31' });
    onTime.run(cmd.startLearningRoute(T_RANIA_INBURGERING, '2026-02-28'));
    const late = withPips('2026-03-31', '2025-12-01', { [T_RANIA_INBURGERING]: '2025-12-31' });
    late.run(cmd.startLearningRoute(T_RANIA_INBURGERING, '2026-03-01'));

    it('a start on 2026-02-28 is on time', () => {
      const item = onlyItem(PIP, onTime.facts);
      expect(item).toMatchObject({ startDate: '2025-12-31', deadline: '2026-02-28', stopDate: '2026-02-28' });
      expect(judgeItem(PIP, item, '2026-03-31')).toEqual({ status: 'on-time', waitingDays: 59, stopped: true });
    });

    it('a start on 2026-03-01 is late by one day', () => {
      expect(judgeItem(PIP, onlyItem(PIP, late.facts), '2026-03-31')).toEqual({ status: 'late', waitingDays: 60, daysOverdue: 1, stopped: true });
    });

    it('belongs to the 2025 cohort, which has no target, and not to the 2026 cohort', () => {
      const items = normItems(PIP, onTime.facts);
      const cohort2025 = judgeCohort(PIP, items, '2026-03-31', cohortOfYear(2025));
      expect(cohort2025.rows).toHaveLength(1);
      expect(cohort2025.compliance).toEqual({
        onTime: 1,
        late: 0,
        pending: 0,
        excluded: 0,
        percentage: 100,
        provisional: false,
        medianWaitingDays: 59,
        p90WaitingDays: 59,
      });
      const cohort2026 = judgeCohort(PIP, items, '2026-03-31', cohortOfYear(2026));
      expect(cohort2026.rows).toEqual([]);
      expect(cohort2026.compliance).toMatchObject({ percentage: null, targetPercentage: 95, targetMet: null });
    });
  });

  it('B2: PIPs of 2026-01-31, 2026-08-31 and 2026-12-30 are due 2026-03-31, 2026-10-31 and 2027-02-28', () => {
    const h = withPips('2026-12-31', '2026-01-14', { 'traj-b2-jan': '2026-01-31', 'traj-b2-aug': '2026-08-31', 'traj-b2-dec': '2026-12-30' });
    expect(normItems(PIP, h.facts).map((item) => [item.itemKey, item.startDate, item.deadline])).toEqual([
      ['traj-b2-jan', '2026-01-31', '2026-03-31'],
      ['traj-b2-aug', '2026-08-31', '2026-10-31'],
      ['traj-b2-dec', '2026-12-30', '2027-02-28'],
    ]);
  });

  it('B3: a PIP of 2027-12-31 is due 2028-02-29 (leap year); a start that day is on time', () => {
    const h = withPips('2028-03-15', '2027-12-01', { [T_RANIA_INBURGERING]: '2027-12-31' });
    h.run(cmd.startLearningRoute(T_RANIA_INBURGERING, '2028-02-29'));
    const item = onlyItem(PIP, h.facts);
    expect(item.deadline).toBe('2028-02-29');
    expect(judgeItem(PIP, item, '2028-03-15')).toMatchObject({ status: 'on-time', waitingDays: 60 });
  });

  describe('B4: a verkennend gesprek requested 2026-10-02 is due 2026-10-30, across the DST change of 10-25', () => {
    it('a referral on 10-30 is on time after 28 days; none by 10-31 is late', () => {
      const h = withExploratoryRequest('2026-11-23', '2026-10-01', '2026-10-02');
      expect(judgeItem(K2, onlyItem(K2, h.facts), '2026-10-31')).toEqual({ status: 'late', waitingDays: 29, daysOverdue: 1, stopped: false });
      h.run(cmd.makeReferral(T_YUSUF_GGZ, R_GGNET, '2026-10-30'));
      const item = onlyItem(K2, h.facts);
      expect(item).toMatchObject({ startDate: '2026-10-02', deadline: '2026-10-30', stopDate: '2026-10-30' });
      expect(judgeItem(K2, item, '2026-10-31')).toEqual({ status: 'on-time', waitingDays: 28, stopped: true });
    });
  });

  // B5 (2024-02-29 + P3Y = 2027-02-28) is a deadline of the exam term, which no shipped norm has: see add-duration.unit.spec.ts.

  describe('B6: an amended PIP does not restart the clock', () => {
    const h = withPips('2026-11-23', '2026-01-14', { [T_YUSUF_INBURGERING]: '2026-03-31' });
    const [amended] = h.run(cmd.establishPip(T_YUSUF_INBURGERING, '2026-04-20', 'Z'));

    it('records the second vaststelling as a PipAmended', () => {
      expect(amended.type).toBe('PipAmended');
    });

    it('keeps the start on the first PIP (2026-03-31) and the deadline on 2026-05-31', () => {
      expect(onlyItem(PIP, h.facts)).toMatchObject({ startDate: '2026-03-31', deadline: '2026-05-31' });
      expect(judgeItem(PIP, onlyItem(PIP, h.facts), '2026-06-01')).toMatchObject({ status: 'late', daysOverdue: 1 });
    });

    it('keeps the first start even for a norm that also starts on PipAmended: the first start event opens the item', () => {
      const alsoOnAmendment: NormDefinition = { ...PIP, id: 'pip-either', start: { event: ['PipEstablished', 'PipAmended'] } };
      expect(onlyItem(alsoOnAmendment, h.facts)).toMatchObject({ startDate: '2026-03-31', deadline: '2026-05-31' });
    });
  });

  describe('B7: a referral at 2026-04-25 00:30 CEST counts on its local date', () => {
    const recordedAt = new Date('2026-04-24T22:30:00Z');
    const h = withExploratoryRequest('2026-11-23', '2026-03-20', '2026-03-27');
    h.run(cmd.makeReferral(T_YUSUF_GGZ, R_GGNET, businessDateOf(recordedAt)));

    it('dates the referral 2026-04-25, not the UTC date 2026-04-24', () => {
      expect(businessDateOf(recordedAt)).toBe('2026-04-25');
      expect(recordedAt.toISOString().slice(0, 10)).toBe('2026-04-24');
    });

    it('is late: local date 04-25 is after the deadline 04-24', () => {
      const item = onlyItem(K2, h.facts);
      expect(item).toMatchObject({ startDate: '2026-03-27', deadline: '2026-04-24', stopDate: '2026-04-25' });
      expect(judgeItem(K2, item, '2026-11-23')).toEqual({ status: 'late', waitingDays: 29, daysOverdue: 1, stopped: true });
    });

    it('would wrongly be on time on the UTC date', () => {
      const utc = withExploratoryRequest('2026-11-23', '2026-03-20', '2026-03-27');
      utc.run(cmd.makeReferral(T_YUSUF_GGZ, R_GGNET, recordedAt.toISOString().slice(0, 10)));
      expect(judgeItem(K2, onlyItem(K2, utc.facts), '2026-11-23')).toMatchObject({ status: 'on-time' });
    });
  });

  describe('B8: a backdated fact recorded later changes the item', () => {
    const CARE = shippedNorm('referral-care-start');

    function acceptedReferral() {
      const h = householdHistory('2026-11-23');
      h.run(cmd.registerHousehold('2026-04-01'));
      h.run(cmd.openTrajectory(T_YUSUF_GGZ, '2026-04-15'));
      h.run(cmd.makeReferral(T_YUSUF_GGZ, R_GGNET, '2026-04-20'));
      h.run(cmd.acceptReferral(T_YUSUF_GGZ, R_GGNET, '2026-04-22'));
      return h;
    }

    it('the provider posts CareStarted on 2026-05-10 dated 2026-04-28: the item gets its stop, and as of 05-05 is restated', () => {
      const h = acceptedReferral();
      const before = onlyItem(CARE, h.facts);
      expect(before).toEqual({
        normId: 'referral-care-start',
        itemKey: R_GGNET,
        startEventId: 'e-4',
        trajectoryId: T_YUSUF_GGZ,
        referralId: R_GGNET,
        memberId: 'm-yusuf',
        startDate: '2026-04-22',
        provider: '73730001',
      });
      expect(judgeItem(CARE, before, '2026-05-05')).toEqual({ status: 'pending', waitingDays: 13, stopped: false });

      h.run(cmd.startCare(T_YUSUF_GGZ, R_GGNET, '2026-04-28'), '2026-05-10');
      const after = onlyItem(CARE, h.facts);
      expect(after).toEqual({ ...before, stopDate: '2026-04-28', stoppedBy: { eventId: 'e-5', type: 'CareStarted' } });
      expect(judgeItem(CARE, after, '2026-05-05')).toEqual({ status: 'on-time', waitingDays: 6, stopped: true });
    });

    it('a corrected CareStarted date moves the stop earlier (2026-05-08 → 2026-04-28)', () => {
      const h = acceptedReferral();
      const [started] = h.run(cmd.startCare(T_YUSUF_GGZ, R_GGNET, '2026-05-08'), '2026-05-08');
      expect(onlyItem(CARE, h.facts)).toMatchObject({ stopDate: '2026-05-08' });
      expect(judgeItem(CARE, onlyItem(CARE, h.facts), '2026-05-05')).toMatchObject({ status: 'pending' });

      h.run(cmd.correctEventDate(started.eventId, '2026-04-28', '2026-05-10'), '2026-05-10');
      expect(onlyItem(CARE, h.facts)).toMatchObject({ stopDate: '2026-04-28', stoppedBy: { eventId: started.eventId, type: 'CareStarted' } });
      expect(judgeItem(CARE, onlyItem(CARE, h.facts), '2026-05-05')).toEqual({ status: 'on-time', waitingDays: 6, stopped: true });
    });

    it('melding-start-support: an acceptance recorded later but dated earlier becomes the stop (earliest date, not stream order)', () => {
      const SUPPORT = shippedNorm('melding-start-support');
      const h = householdHistory('2026-11-23');
      h.run(cmd.registerHousehold('2026-04-01'));
      h.run(cmd.openTrajectory(T_YUSUF_GGZ, '2026-04-15'));
      h.run(cmd.makeReferral(T_YUSUF_GGZ, R_GGNET, '2026-04-20'));
      h.run(cmd.makeReferral(T_YUSUF_GGZ, 'ref-caleidoz', '2026-04-20'));
      h.run(cmd.acceptReferral(T_YUSUF_GGZ, R_GGNET, '2026-05-04'), '2026-05-04');
      expect(onlyItem(SUPPORT, h.facts)).toMatchObject({ stopDate: '2026-05-04', provider: '73730001' });

      h.run(cmd.acceptReferral(T_YUSUF_GGZ, 'ref-caleidoz', '2026-04-24'), '2026-05-10');
      expect(onlyItem(SUPPORT, h.facts)).toMatchObject({ stopDate: '2026-04-24', provider: CALEIDOZ.name });
      expect(judgeItem(SUPPORT, onlyItem(SUPPORT, h.facts), '2026-11-23')).toEqual({ status: 'on-time', waitingDays: 9, stopped: true });
    });
  });

  describe('B9: closure because the person moved away before the K1 deadline', () => {
    function yusufWithRania(closure: { on: string; reason: 'moved-away' }) {
      const h = withPips('2026-11-23', '2026-01-14', { [T_RANIA_INBURGERING]: '2026-02-16', [T_YUSUF_INBURGERING]: '2026-03-31' });
      h.run(cmd.startLearningRoute(T_RANIA_INBURGERING, '2026-04-13'));
      const [closed] = h.run(cmd.closeTrajectory(T_YUSUF_INBURGERING, closure.on, closure.reason));
      return { h, closed };
    }

    it('is excluded, with the closure and its reason on the item', () => {
      const { h, closed } = yusufWithRania({ on: '2026-05-10', reason: 'moved-away' });
      const yusuf = normItems(PIP, h.facts)[1];
      expect(yusuf).toMatchObject({
        startDate: '2026-03-31',
        deadline: '2026-05-31',
        excludedOn: '2026-05-10',
        excludedBy: { eventId: closed.eventId, type: 'TrajectoryClosed', reason: 'moved-away' },
      });
      expect(yusuf.stopDate).toBeUndefined();
      expect(judgeItem(PIP, yusuf, '2026-11-23')).toEqual({ status: 'excluded', stopped: false });
      expect(judgeItem(PIP, yusuf, '2026-05-09')).toEqual({ status: 'pending', daysLeft: 22, waitingDays: 39, stopped: false });
    });

    it('stays outside the denominator and is listed separately', () => {
      const { h } = yusufWithRania({ on: '2026-05-10', reason: 'moved-away' });
      const report = judgeCohort(PIP, normItems(PIP, h.facts), '2026-11-23', cohortOfYear(2026));
      expect(report.compliance).toMatchObject({ onTime: 1, late: 0, pending: 0, excluded: 1, percentage: 100, provisional: false, targetMet: true });
      expect(report.rows.filter((row) => row.judgement.status === 'excluded').map((row) => [row.item.memberId, row.item.excludedBy?.reason])).toEqual([
        ['m-yusuf', 'moved-away'],
      ]);
    });

    it('is late when the closure comes after the deadline', () => {
      const { h } = yusufWithRania({ on: '2026-06-05', reason: 'moved-away' });
      expect(judgeItem(PIP, normItems(PIP, h.facts)[1], '2026-11-23')).toEqual({ status: 'late', waitingDays: 237, daysOverdue: 176, stopped: false, excludedLate: true });
    });
  });

  describe('B10: a withdrawn referral (EventWithdrawn) no longer counts', () => {
    it('no longer stops the verkennend-gesprek clock', () => {
      const h = withExploratoryRequest('2026-11-23', '2026-04-15', '2026-04-24');
      const [referral] = h.run(cmd.makeReferral(T_YUSUF_GGZ, R_GGNET, '2026-05-15'));
      expect(judgeItem(K2, onlyItem(K2, h.facts), '2026-05-20')).toEqual({ status: 'on-time', waitingDays: 21, stopped: true });

      const [withdrawal] = h.run(cmd.withdrawEvent(referral.eventId, '2026-05-18'));
      expect(withdrawal.type).toBe('EventWithdrawn');
      const item = onlyItem(K2, h.facts);
      expect(item.stopDate).toBeUndefined();
      expect(judgeItem(K2, item, '2026-05-20')).toEqual({ status: 'pending', daysLeft: 2, waitingDays: 26, stopped: false });
      expect(judgeItem(K2, item, '2026-05-23')).toEqual({ status: 'late', daysOverdue: 1, waitingDays: 29, stopped: false });
      // The raw stream, corrections included, gives the same items.
      expect(normItems(K2, h.stream)).toEqual(normItems(K2, h.facts));
    });

    it('no longer counts for wijk-ggd-referrals', () => {
      const h = withExploratoryRequest('2026-11-23', '2026-04-15', '2026-04-24');
      const [referral] = h.run(cmd.makeReferral(T_YUSUF_GGZ, 'ref-wijk-ggd', '2026-05-15', { referrerRole: 'wijk-ggd' }));
      expect(countPerYear(WIJK_GGD, normItems(WIJK_GGD, h.facts), 2026, '2026-12-31').count).toBe(1);
      h.run(cmd.withdrawEvent(referral.eventId));
      expect(normItems(WIJK_GGD, h.facts)).toEqual([]);
      expect(countPerYear(WIJK_GGD, normItems(WIJK_GGD, h.facts), 2026, '2026-12-31')).toMatchObject({ count: 0, met: false });
    });

    it('a referral withdrawn in the business sense (ReferralWithdrawn) was still made, and still counts', () => {
      const h = withExploratoryRequest('2026-11-23', '2026-04-15', '2026-04-24');
      h.run(cmd.makeReferral(T_YUSUF_GGZ, 'ref-wijk-ggd', '2026-05-15', { referrerRole: 'wijk-ggd' }));
      h.run(cmd.withdrawReferral(T_YUSUF_GGZ, 'ref-wijk-ggd', '2026-05-16'));
      expect(countPerYear(WIJK_GGD, normItems(WIJK_GGD, h.facts), 2026, '2026-12-31').count).toBe(1);
    });
  });

  it('B11: two wijk-GGD referrals for one person on one day count 2; the distinct-person count is 1', () => {
    const h = withExploratoryRequest('2026-11-23', '2026-04-15', '2026-04-24');
    h.run(cmd.makeReferral(T_YUSUF_GGZ, 'ref-wijk-ggd-1', '2026-05-15', { referrerRole: 'wijk-ggd' }));
    h.run(cmd.makeReferral(T_YUSUF_GGZ, 'ref-wijk-ggd-2', '2026-05-15', { referrerRole: 'wijk-ggd', organisation: CALEIDOZ }));
    h.run(cmd.makeReferral(T_YUSUF_GGZ, R_GGNET, '2026-05-15'));
    const items = normItems(WIJK_GGD, h.facts);
    expect(items.map((item) => [item.itemKey, item.startDate, item.memberId])).toEqual([
      ['ref-wijk-ggd-1', '2026-05-15', 'm-yusuf'],
      ['ref-wijk-ggd-2', '2026-05-15', 'm-yusuf'],
    ]);
    expect(distinctMembers(items)).toBe(1);
    expect(countPerYear(WIJK_GGD, items, 2026, '2026-12-31')).toEqual({
      normId: 'wijk-ggd-referrals',
      year: 2026,
      asOf: '2026-12-31',
      count: 2,
      distinctMembers: 1,
      minimumCount: 40,
      met: false,
      provisional: false,
    });
  });

  describe('B12: a verkennend gesprek concluded without a referral', () => {
    const h = withExploratoryRequest('2026-11-23', '2026-04-15', '2026-04-24');
    const [held] = h.run(cmd.recordExploratoryConversationHeld(T_YUSUF_GGZ, '2026-05-06', 'concluded-without-referral'));

    it('is excluded, in the category "afgerond zonder doorverwijzing"', () => {
      const item = onlyItem(K2, h.facts);
      expect(item).toMatchObject({
        excludedOn: '2026-05-06',
        excludedBy: { eventId: held.eventId, type: 'ExploratoryConversationHeld', reason: 'concluded-without-referral' },
      });
      expect(judgeItem(K2, item, '2026-11-23')).toEqual({ status: 'excluded', stopped: false });
      expect(judgeCohort(K2, [item], '2026-11-23', cohortOfYear(2026)).compliance).toMatchObject({ excluded: 1, percentage: null });
    });

    it('is pending before the conversation, and an ordinary outcome does not exclude', () => {
      expect(judgeItem(K2, onlyItem(K2, h.facts), '2026-05-05')).toMatchObject({ status: 'pending', daysLeft: 17 });
      const ordinary = withExploratoryRequest('2026-11-23', '2026-04-15', '2026-04-24');
      ordinary.run(cmd.recordExploratoryConversationHeld(T_YUSUF_GGZ, '2026-05-06', 'referral-follows'));
      expect(onlyItem(K2, ordinary.facts).excludedOn).toBeUndefined();
      expect(judgeItem(K2, onlyItem(K2, ordinary.facts), '2026-11-23')).toMatchObject({ status: 'late' });
    });
  });
});
