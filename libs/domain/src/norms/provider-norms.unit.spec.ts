import { Organisation } from '../household/household-events';
import { cmd, R_CALEIDOZ, R_GGNET, T_YUSUF_GGZ } from '../testing/household-fixtures';
import { NormDefinition } from './norm-definition';
import { effectiveFacts, normItems } from './norm-items';
import { cohortOfYear, judgeCohort, judgeItem } from './norm-status';
import { shippedNorm } from './shipped-norms';
import { householdHistory } from './testing/household-history';

/**
 * The two provider norms after the iStandaarden iWmo/iJw 3.2 message deadlines (standards-nl §1.3), on working days
 * with the Dutch public holidays of 2026: Tweede Paasdag Mon 6 April, Koningsdag Mon 27 April, Bevrijdingsdag Tue
 * 5 May, Hemelvaartsdag Thu 14 May. Goede Vrijdag (3 April) is a working day.
 */

const ANSWER = shippedNorm('provider-answer-5wd');
const REPORT = shippedNorm('care-start-report-5wd');

const THUISZORG: Organisation = { agbCode: '75750001', name: 'Thuiszorg De Liemers' };
const R_MAATWERK = 'ref-maatwerk';

/** Yusuf's trajectory, opened on 2026-03-02, in a household judged (entered) on `today` unless a command says otherwise. */
function trajectory(today = '2026-06-30') {
  const h = householdHistory(today);
  h.run(cmd.registerHousehold('2026-03-02'));
  h.run(cmd.openTrajectory(T_YUSUF_GGZ, '2026-03-02'));
  return h;
}

function maatwerk(h: ReturnType<typeof trajectory>, referralId: string, on: string, organisation: Organisation = THUISZORG) {
  return h.run(cmd.makeReferral(T_YUSUF_GGZ, referralId, on, { category: 'maatwerk', organisation, productCode: '02A04' }));
}

function onlyItem(norm: NormDefinition, facts: Parameters<typeof normItems>[1]) {
  const items = normItems(norm, facts);
  expect(items).toHaveLength(1);
  return items[0];
}

describe('provider-answer-5wd: the provider answers a maatwerk referral within 5 working days', () => {
  it('is per referral, on working days, P5D, without a target, citing the iWmo/iJw answer term', () => {
    expect(ANSWER).toMatchObject({
      itemPer: 'referral',
      start: { event: 'ReferralMade', where: { category: 'maatwerk' } },
      stop: { event: ['ReferralAccepted', 'ReferralDeclined'] },
      exclusions: [{ event: 'ReferralWithdrawn' }, { event: 'TrajectoryClosed' }],
      duration: 'P5D',
      calendar: 'working-days',
      kind: 'deadline',
    });
    expect(ANSWER.target).toBeUndefined();
    expect(ANSWER.source).toContain('standards-nl §1.3');
    expect(ANSWER.source).toContain('OP274');
    expect(ANSWER.source).toContain('configurable');
  });

  describe('a referral on Thursday 2026-04-02 is due Friday 2026-04-10 (Tweede Paasdag skipped, Goede Vrijdag counts)', () => {
    it('an acceptance on 2026-04-10 is on time after 5 working days, with the provider of the referral', () => {
      const h = trajectory();
      const [made] = maatwerk(h, R_MAATWERK, '2026-04-02');
      const [accepted] = h.run(cmd.acceptReferral(T_YUSUF_GGZ, R_MAATWERK, '2026-04-10'));
      const item = onlyItem(ANSWER, h.facts);
      expect(item).toEqual({
        normId: 'provider-answer-5wd',
        itemKey: R_MAATWERK,
        startEventId: made.eventId,
        trajectoryId: T_YUSUF_GGZ,
        referralId: R_MAATWERK,
        memberId: 'm-yusuf',
        startDate: '2026-04-02',
        deadline: '2026-04-10',
        stopDate: '2026-04-10',
        stoppedBy: { eventId: accepted.eventId, type: 'ReferralAccepted' },
        provider: '75750001',
      });
      expect(judgeItem(ANSWER, item, '2026-06-30')).toEqual({ status: 'on-time', waitingDays: 5, stopped: true });
    });

    it('an acceptance on Monday 2026-04-13 is late by 1 working day (3 calendar days)', () => {
      const h = trajectory();
      maatwerk(h, R_MAATWERK, '2026-04-02');
      h.run(cmd.acceptReferral(T_YUSUF_GGZ, R_MAATWERK, '2026-04-13'));
      expect(judgeItem(ANSWER, onlyItem(ANSWER, h.facts), '2026-06-30')).toEqual({
        status: 'late',
        waitingDays: 6,
        daysOverdue: 1,
        stopped: true,
      });
    });

    it('on Easter Monday 4 working days are left', () => {
      const h = trajectory();
      maatwerk(h, R_MAATWERK, '2026-04-02');
      expect(judgeItem(ANSWER, onlyItem(ANSWER, h.facts), '2026-04-06')).toEqual({ status: 'pending', daysLeft: 4, waitingDays: 1, stopped: false });
    });
  });

  describe('a referral on Wednesday 2026-04-22 is due Thursday 2026-04-30 (Koningsdag skipped), not 2026-04-27', () => {
    it('a decline is the answer: declined on 2026-04-30 is on time, stopped by the ReferralDeclined', () => {
      const h = trajectory();
      maatwerk(h, R_MAATWERK, '2026-04-22');
      const [declined] = h.run(cmd.declineReferral(T_YUSUF_GGZ, R_MAATWERK, '2026-04-30', 'Geen capaciteit'));
      const item = onlyItem(ANSWER, h.facts);
      expect(item).toMatchObject({ deadline: '2026-04-30', stopDate: '2026-04-30', stoppedBy: { eventId: declined.eventId, type: 'ReferralDeclined' } });
      expect(item.excludedOn).toBeUndefined();
      expect(judgeItem(ANSWER, item, '2026-06-30')).toEqual({ status: 'on-time', waitingDays: 5, stopped: true });
    });

    it('a decline on Friday 2026-05-01 is late by 1 working day', () => {
      const h = trajectory();
      maatwerk(h, R_MAATWERK, '2026-04-22');
      h.run(cmd.declineReferral(T_YUSUF_GGZ, R_MAATWERK, '2026-05-01'));
      expect(judgeItem(ANSWER, onlyItem(ANSWER, h.facts), '2026-06-30')).toEqual({ status: 'late', waitingDays: 6, daysOverdue: 1, stopped: true });
    });

    it('without an answer: pending with 3 working days left on Koningsdag, late by 1 on 2026-05-01', () => {
      const h = trajectory();
      maatwerk(h, R_MAATWERK, '2026-04-22');
      const item = onlyItem(ANSWER, h.facts);
      expect(judgeItem(ANSWER, item, '2026-04-27')).toEqual({ status: 'pending', daysLeft: 3, waitingDays: 2, stopped: false });
      expect(judgeItem(ANSWER, item, '2026-05-01')).toEqual({ status: 'late', waitingDays: 6, daysOverdue: 1, stopped: false });
    });
  });

  it('excludes a withdrawn referral (ReferralWithdrawn), with its reason; due 2026-05-19 across Hemelvaartsdag', () => {
    const h = trajectory();
    maatwerk(h, R_MAATWERK, '2026-05-11');
    const [withdrawn] = h.run(cmd.withdrawReferral(T_YUSUF_GGZ, R_MAATWERK, '2026-05-13', 'Inwoner ziet ervan af'));
    const item = onlyItem(ANSWER, h.facts);
    expect(item).toMatchObject({
      deadline: '2026-05-19',
      excludedOn: '2026-05-13',
      excludedBy: { eventId: withdrawn.eventId, type: 'ReferralWithdrawn', reason: 'Inwoner ziet ervan af' },
    });
    expect(item.stopDate).toBeUndefined();
    expect(judgeItem(ANSWER, item, '2026-06-30')).toEqual({ status: 'excluded', stopped: false });
    // Before the withdrawal the referral was still waiting for its answer.
    expect(judgeItem(ANSWER, item, '2026-05-12')).toEqual({ status: 'pending', daysLeft: 4, waitingDays: 1, stopped: false });
  });

  it('excludes an unanswered referral of a trajectory that is closed', () => {
    const h = trajectory();
    maatwerk(h, R_MAATWERK, '2026-05-11');
    h.run(cmd.closeTrajectory(T_YUSUF_GGZ, '2026-05-12', 'moved-away'));
    expect(onlyItem(ANSWER, h.facts)).toMatchObject({ excludedOn: '2026-05-12', excludedBy: { type: 'TrajectoryClosed', reason: 'moved-away' } });
  });

  it('opens no item for a referral that is not maatwerk, answered or not', () => {
    const h = trajectory();
    h.run(cmd.makeReferral(T_YUSUF_GGZ, R_GGNET, '2026-04-02')); // lichtere-zorg
    h.run(cmd.makeReferral(T_YUSUF_GGZ, R_CALEIDOZ, '2026-04-02')); // voorliggend-veld
    h.run(cmd.makeReferral(T_YUSUF_GGZ, 'ref-ggz', '2026-04-02', { category: 'specialistische-ggz' }));
    h.run(cmd.acceptReferral(T_YUSUF_GGZ, R_GGNET, '2026-04-20'));
    h.run(cmd.declineReferral(T_YUSUF_GGZ, 'ref-ggz', '2026-04-20'));
    expect(normItems(ANSWER, h.facts)).toEqual([]);
    maatwerk(h, R_MAATWERK, '2026-04-03');
    expect(normItems(ANSWER, h.facts).map((item) => item.referralId)).toEqual([R_MAATWERK]);
  });

  it('judges each maatwerk referral by its own answer only; the 2026 cohort is 50 % on time and provisional', () => {
    const h = trajectory();
    maatwerk(h, 'ref-a', '2026-04-02');
    maatwerk(h, 'ref-b', '2026-04-02', { name: 'Begeleiding Oost' });
    maatwerk(h, 'ref-c', '2026-04-22');
    maatwerk(h, 'ref-d', '2026-05-11');
    h.run(cmd.acceptReferral(T_YUSUF_GGZ, 'ref-a', '2026-04-09'));
    h.run(cmd.declineReferral(T_YUSUF_GGZ, 'ref-b', '2026-04-14'));
    h.run(cmd.withdrawReferral(T_YUSUF_GGZ, 'ref-c', '2026-04-24'));
    const report = judgeCohort(ANSWER, normItems(ANSWER, h.facts), '2026-05-15', cohortOfYear(2026));
    expect(report.rows.map(({ item, judgement }) => [item.referralId, item.provider, item.deadline, judgement.status])).toEqual([
      ['ref-a', '75750001', '2026-04-10', 'on-time'],
      ['ref-b', 'Begeleiding Oost', '2026-04-10', 'late'],
      ['ref-c', '75750001', '2026-04-30', 'excluded'],
      ['ref-d', '75750001', '2026-05-19', 'pending'],
    ]);
    expect(report.compliance).toEqual({
      onTime: 1,
      late: 1,
      pending: 1,
      excluded: 1,
      percentage: 50,
      provisional: true,
      medianWaitingDays: 5.5,
      p90WaitingDays: 7,
    });
  });
});

describe('care-start-report-5wd: the provider reports the care start within 5 working days of the actual start', () => {
  /** A maatwerk referral made on 2026-04-01 and accepted on 2026-04-08. */
  function accepted(referralId = R_MAATWERK, h = trajectory()) {
    maatwerk(h, referralId, '2026-04-01');
    h.run(cmd.acceptReferral(T_YUSUF_GGZ, referralId, '2026-04-08'));
    return h;
  }

  it('is per referral, starts and stops on the CareStarted (its recording date), on working days, P5D, without a target', () => {
    expect(REPORT).toMatchObject({
      itemPer: 'referral',
      start: { event: 'CareStarted' },
      stop: { event: 'CareStarted', dateFrom: 'recordedOn', startEventMayStop: true },
      exclusions: [],
      duration: 'P5D',
      calendar: 'working-days',
      kind: 'deadline',
    });
    expect(REPORT.target).toBeUndefined();
    expect(REPORT.source).toContain('standards-nl §1.3');
    expect(REPORT.source).toContain('OP271');
  });

  it('B8: care started 2026-04-28, reported (recorded) 2026-05-10: due 2026-05-06 (Bevrijdingsdag skipped), late by 2 working days', () => {
    const h = accepted();
    const [started] = h.run(cmd.startCare(T_YUSUF_GGZ, R_MAATWERK, '2026-04-28'), '2026-05-10');
    expect(started).toMatchObject({ occurredOn: '2026-04-28', recordedOn: '2026-05-10' });
    const item = onlyItem(REPORT, h.facts);
    expect(item).toEqual({
      normId: 'care-start-report-5wd',
      itemKey: R_MAATWERK,
      startEventId: started.eventId,
      trajectoryId: T_YUSUF_GGZ,
      referralId: R_MAATWERK,
      memberId: 'm-yusuf',
      startDate: '2026-04-28',
      deadline: '2026-05-06',
      stopDate: '2026-05-10',
      stoppedBy: { eventId: started.eventId, type: 'CareStarted' },
      provider: '75750001',
    });
    expect(judgeItem(REPORT, item, '2026-06-30')).toEqual({ status: 'late', waitingDays: 7, daysOverdue: 2, stopped: true });
    // As of a day before the report the care start had not been reported yet.
    expect(judgeItem(REPORT, item, '2026-05-05')).toEqual({ status: 'pending', daysLeft: 1, waitingDays: 4, stopped: false });
    expect(judgeItem(REPORT, item, '2026-05-07')).toEqual({ status: 'late', waitingDays: 6, daysOverdue: 1, stopped: false });
  });

  describe('care started on Friday 2026-04-24 is due Monday 2026-05-04 (Koningsdag 27 April is no working day)', () => {
    it.each([
      ['2026-04-24', { status: 'on-time', waitingDays: 0, stopped: true }],
      ['2026-04-28', { status: 'on-time', waitingDays: 1, stopped: true }],
      ['2026-05-04', { status: 'on-time', waitingDays: 5, stopped: true }],
      ['2026-05-05', { status: 'late', waitingDays: 5, daysOverdue: 0, stopped: true }],
      ['2026-05-06', { status: 'late', waitingDays: 6, daysOverdue: 1, stopped: true }],
    ])('reported on %s: %o', (reportedOn, judgement) => {
      const h = accepted();
      h.run(cmd.startCare(T_YUSUF_GGZ, R_MAATWERK, '2026-04-24'), reportedOn);
      const item = onlyItem(REPORT, h.facts);
      expect(item).toMatchObject({ startDate: '2026-04-24', deadline: '2026-05-04', stopDate: reportedOn });
      expect(judgeItem(REPORT, item, '2026-06-30')).toEqual(judgement);
    });
  });

  it('judges each referral by the report of its own care start', () => {
    const h = trajectory();
    accepted('ref-a', h);
    accepted('ref-b', h);
    const [a] = h.run(cmd.startCare(T_YUSUF_GGZ, 'ref-a', '2026-04-14'), '2026-04-30');
    const [b] = h.run(cmd.startCare(T_YUSUF_GGZ, 'ref-b', '2026-04-29'), '2026-04-30');
    const items = normItems(REPORT, h.facts);
    expect(items.map((item) => [item.referralId, item.startDate, item.deadline, item.stopDate, item.stoppedBy?.eventId])).toEqual([
      ['ref-a', '2026-04-14', '2026-04-21', '2026-04-30', a.eventId],
      ['ref-b', '2026-04-29', '2026-05-07', '2026-04-30', b.eventId],
    ]);
    expect(items.map((item) => judgeItem(REPORT, item, '2026-06-30')?.status)).toEqual(['late', 'on-time']);
  });

  it('a date correction moves the start but keeps the recording date: 2026-05-08 corrected to 2026-04-28 is late', () => {
    const h = accepted();
    const [started] = h.run(cmd.startCare(T_YUSUF_GGZ, R_MAATWERK, '2026-05-08'), '2026-05-10');
    expect(judgeItem(REPORT, onlyItem(REPORT, h.facts), '2026-06-30')?.status).toBe('on-time');
    h.run(cmd.correctEventDate(started.eventId, '2026-04-28', '2026-05-11'), '2026-05-11');
    const corrected = h.facts.find((fact) => fact.eventId === started.eventId);
    expect(corrected).toMatchObject({ occurredOn: '2026-04-28', recordedOn: '2026-05-10' });
    expect(effectiveFacts(h.stream).find((fact) => fact.eventId === started.eventId)).toEqual(corrected);
    const item = onlyItem(REPORT, h.facts);
    expect(item).toMatchObject({ startDate: '2026-04-28', deadline: '2026-05-06', stopDate: '2026-05-10' });
    expect(normItems(REPORT, h.stream)).toEqual([item]);
    expect(judgeItem(REPORT, item, '2026-06-30')).toEqual({ status: 'late', waitingDays: 7, daysOverdue: 2, stopped: true });
  });

  it('a withdrawn care start opens no item', () => {
    const h = accepted();
    const [started] = h.run(cmd.startCare(T_YUSUF_GGZ, R_MAATWERK, '2026-04-28'), '2026-05-10');
    h.run(cmd.withdrawEvent(started.eventId, '2026-05-11'), '2026-05-11');
    expect(normItems(REPORT, h.facts)).toEqual([]);
  });
});
