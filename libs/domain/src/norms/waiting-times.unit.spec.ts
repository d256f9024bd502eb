import { cmd, R_CALEIDOZ, R_GGNET, T_RANIA_INBURGERING, T_YUSUF_GGZ, T_YUSUF_INBURGERING } from '../testing/household-fixtures';
import { normItems } from './norm-items';
import { judgeItem, tallyOf } from './norm-status';
import { NormDefinition } from './norm-definition';
import { normsFor, SHIPPED_NORMS, shippedNorm } from './shipped-norms';
import { householdHistory } from './testing/household-history';
import { normIdOfStage, waitingTimesOfTally, waitingTimeStages } from './waiting-times';

/** The waiting times of one norm over a household's facts as of a date, as /waiting-times computes them. */
function waitingTimesOf(normOrId: string | NormDefinition, facts: Parameters<typeof normItems>[1], asOf: string) {
  const norm = typeof normOrId === 'string' ? shippedNorm(normOrId) : normOrId;
  return waitingTimesOfTally(tallyOf(normItems(norm, facts).map((item) => judgeItem(norm, item, asOf))));
}

describe('waiting times: a view of the norms', () => {
  it('serves every norm with a stop as a stage under its id, and the two old stage names as aliases', () => {
    const stages = waitingTimeStages(SHIPPED_NORMS);
    expect(stages).toEqual(expect.arrayContaining(['melding-intake', 'melding-triage', 'melding-first-support', 'referral-acceptance', 'acceptance-care-start']));
    expect(stages).toEqual([...SHIPPED_NORMS.filter((norm) => norm.kind === 'deadline').map((norm) => norm.id), 'melding-first-support', 'acceptance-care-start']);
    expect(stages).not.toContain('wijk-ggd-referrals');
    expect(normIdOfStage('melding-first-support')).toBe('melding-start-support');
    expect(normIdOfStage('acceptance-care-start')).toBe('referral-care-start');
    expect(normIdOfStage('melding-triage')).toBe('melding-triage');
    expect(waitingTimeStages(SHIPPED_NORMS.filter((norm) => norm.id !== 'referral-care-start'))).not.toContain('acceptance-care-start');
  });

  it('melding → first support: a trajectory closed without support no longer waits (excluded), one still open does', () => {
    const h = householdHistory('2026-11-23');
    h.run(cmd.registerHousehold('2026-01-14'));
    h.run(cmd.openTrajectory(T_YUSUF_GGZ, '2026-04-15'));
    h.run(cmd.openTrajectory(T_RANIA_INBURGERING, '2026-04-15'));
    h.run(cmd.openTrajectory(T_YUSUF_INBURGERING, '2026-04-15'));
    h.run(cmd.makeReferral(T_YUSUF_GGZ, R_GGNET, '2026-05-15'));
    h.run(cmd.acceptReferral(T_YUSUF_GGZ, R_GGNET, '2026-05-20'));
    h.run(cmd.closeTrajectory(T_RANIA_INBURGERING, '2026-06-10', 'moved-away'));
    expect(waitingTimesOf('melding-start-support', h.facts, '2026-11-23')).toEqual({ count: 1, median: 35, p90: 35, max: 35, open: 1 });
    // Before the closure Rania's trajectory still waited.
    expect(waitingTimesOf('melding-start-support', h.facts, '2026-06-09')).toEqual({ count: 1, median: 35, p90: 35, max: 35, open: 2 });
  });

  it('referral → acceptance and acceptance → care start: a declined or withdrawn referral no longer waits', () => {
    const h = householdHistory('2026-11-23');
    h.run(cmd.registerHousehold('2026-01-14'));
    h.run(cmd.openTrajectory(T_YUSUF_GGZ, '2026-04-15'));
    h.run(cmd.makeReferral(T_YUSUF_GGZ, R_GGNET, '2026-05-15'));
    h.run(cmd.makeReferral(T_YUSUF_GGZ, R_CALEIDOZ, '2026-05-15'));
    h.run(cmd.makeReferral(T_YUSUF_GGZ, 'ref-declined', '2026-05-15'));
    h.run(cmd.makeReferral(T_YUSUF_GGZ, 'ref-unanswered', '2026-05-15'));
    h.run(cmd.acceptReferral(T_YUSUF_GGZ, R_GGNET, '2026-05-20'));
    h.run(cmd.declineReferral(T_YUSUF_GGZ, 'ref-declined', '2026-05-21'));
    h.run(cmd.withdrawReferral(T_YUSUF_GGZ, R_CALEIDOZ, '2026-05-22'));
    expect(waitingTimesOf('referral-acceptance', h.facts, '2026-11-23')).toEqual({ count: 1, median: 5, p90: 5, max: 5, open: 1 });
    expect(waitingTimesOf('referral-care-start', h.facts, '2026-11-23')).toEqual({ count: 0, median: null, p90: null, max: null, open: 1 });
    h.run(cmd.withdrawReferral(T_YUSUF_GGZ, R_GGNET, '2026-06-01'));
    expect(waitingTimesOf('referral-care-start', h.facts, '2026-11-23')).toEqual({ count: 0, median: null, p90: null, max: null, open: 0 });
  });

  it('referral → acceptance with a term: a referral declined after it no longer waits either (issue 19)', () => {
    // A municipality may give the stage a term; the decline then comes after the deadline, so the item stays late.
    const settings = { GM9999: { name: 'Termijngemeente', overrides: { 'referral-acceptance': { reason: 'ten days to accept', duration: 'P10D' } } } };
    const norm = normsFor('GM9999', settings).find((candidate) => candidate.id === 'referral-acceptance') as NormDefinition;
    const h = householdHistory('2026-11-23');
    h.run(cmd.registerHousehold('2026-01-14'));
    h.run(cmd.openTrajectory(T_YUSUF_GGZ, '2026-04-15'));
    h.run(cmd.makeReferral(T_YUSUF_GGZ, 'ref-declined', '2026-05-01'));
    h.run(cmd.makeReferral(T_YUSUF_GGZ, 'ref-unanswered', '2026-05-01'));
    h.run(cmd.declineReferral(T_YUSUF_GGZ, 'ref-declined', '2026-05-20'));
    expect(waitingTimesOf(norm, h.facts, '2026-05-19')).toEqual({ count: 0, median: null, p90: null, max: null, open: 2 });
    expect(waitingTimesOf(norm, h.facts, '2026-11-23')).toEqual({ count: 0, median: null, p90: null, max: null, open: 1 });
  });

  it('melding → triage over every melding; a late item stays open until its stop or its exclusion', () => {
    const h = householdHistory('2026-11-23');
    h.run(cmd.registerHousehold('2026-01-14'));
    h.run(cmd.openTrajectory(T_YUSUF_GGZ, '2026-04-15', { legalBasis: 'wmo-2015' }));
    h.run(cmd.openTrajectory(T_RANIA_INBURGERING, '2026-04-15'));
    h.run(cmd.completeTriage(T_YUSUF_GGZ, '2026-04-25', 'L1'));
    expect(waitingTimesOf('melding-triage', h.facts, '2026-11-23')).toEqual({ count: 1, median: 10, p90: 10, max: 10, open: 1 });
    // melding-intake has a term (P14D): closed after it without an intake, the item stays late for compliance, but it
    // waits no more (it was counted open for good before issue 19).
    h.run(cmd.closeTrajectory(T_RANIA_INBURGERING, '2026-05-10', 'moved-away'));
    expect(waitingTimesOf('melding-intake', h.facts, '2026-11-23')).toEqual({ count: 0, median: null, p90: null, max: null, open: 1 });
    expect(waitingTimesOf('melding-intake', h.facts, '2026-05-09')).toEqual({ count: 0, median: null, p90: null, max: null, open: 2 });
    expect(waitingTimesOf('melding-triage', h.facts, '2026-11-23')).toEqual({ count: 1, median: 10, p90: 10, max: 10, open: 0 });
  });

  it('gives the median, nearest-rank P90 and maximum of the stopped items', () => {
    expect(waitingTimesOfTally({ onTime: 3, late: 2, pending: 1, excluded: 4, excludedLate: 0, stoppedWaitingDays: [30, 2, 10, 7] })).toEqual({
      count: 4,
      median: 8.5,
      p90: 30,
      max: 30,
      open: 2,
    });
  });
});
