import { daysWithin } from '../calendar/add-duration';
import { cmd, T_YUSUF_GGZ } from '../testing/household-fixtures';
import { NormDefinition } from './norm-definition';
import { normItems, normReads } from './norm-items';
import { judgeItem } from './norm-status';
import { checkNormDefinition, normsFor, shippedNorm } from './shipped-norms';
import { householdHistory } from './testing/household-history';

/**
 * Suspension of a norm's clock (opschorting, Wmo 2015 art. 2.3.2): the rule "Suspension" of normItems. Yusuf's Wmo
 * melding of 2026-04-15 is due for its onderzoek on 2026-05-27 (+ P6W: 15 days to 04-30, 27 more into May); every
 * deadline below is that date plus the suspended days, counted by hand.
 */
const WMO = shippedNorm('wmo-onderzoek-6w');
const INTAKE = shippedNorm('melding-intake');

function wmoMelding() {
  const h = householdHistory('2026-11-23');
  h.run(cmd.registerHousehold('2026-01-14'));
  h.run(cmd.openTrajectory(T_YUSUF_GGZ, '2026-04-15'));
  return h;
}

const itemOf = (norm: NormDefinition, h: ReturnType<typeof wmoMelding>) => {
  const [item, ...others] = normItems(norm, h.facts);
  expect(others).toEqual([]);
  return item;
};

describe('normItems: a suspension moves the deadline of a suspendable norm', () => {
  it('gives the Wmo onderzoek its six weeks to 2026-05-27 without a suspension', () => {
    const item = itemOf(WMO, wmoMelding());
    expect(item.deadline).toBe('2026-05-27');
    expect(item).not.toHaveProperty('suspendedDays');
  });

  it('moves the deadline by exactly 14 days for a suspension of 14 days (04-20 to 05-03), and names it', () => {
    const h = wmoMelding();
    h.run(cmd.suspendClock(T_YUSUF_GGZ, 's-1', '2026-04-20', '2026-05-03'));
    expect(itemOf(WMO, h)).toMatchObject({ deadline: '2026-06-10', suspendedDays: 14, suspensionIds: ['s-1'] });
  });

  it('turns a late onderzoek into one on time, and leaves the waiting days what the inwoner waited', () => {
    const h = wmoMelding();
    h.run(cmd.completeTriage(T_YUSUF_GGZ, '2026-06-05', 'L3'));
    expect(judgeItem(WMO, itemOf(WMO, h), '2026-11-23')).toEqual({ status: 'late', waitingDays: 51, daysOverdue: 9, stopped: true });
    h.run(cmd.suspendClock(T_YUSUF_GGZ, 's-1', '2026-04-20', '2026-05-03'));
    expect(judgeItem(WMO, itemOf(WMO, h), '2026-11-23')).toEqual({ status: 'on-time', waitingDays: 51, stopped: true });
  });

  it('keeps an open item pending during and after the suspension, its days left counted to the moved deadline', () => {
    const h = wmoMelding();
    h.run(cmd.suspendClock(T_YUSUF_GGZ, 's-1', '2026-04-20', '2026-05-03'));
    const item = itemOf(WMO, h);
    expect(judgeItem(WMO, item, '2026-05-28')).toEqual({ status: 'pending', daysLeft: 13, waitingDays: 43, stopped: false });
    expect(judgeItem(WMO, item, '2026-06-11')).toMatchObject({ status: 'late', daysOverdue: 1 });
  });

  it('counts every day of a suspension that runs over the deadline (05-20 to 06-02, 14 days)', () => {
    const h = wmoMelding();
    h.run(cmd.suspendClock(T_YUSUF_GGZ, 's-1', '2026-05-20', '2026-06-02'));
    expect(itemOf(WMO, h)).toMatchObject({ deadline: '2026-06-10', suspendedDays: 14 });
  });

  it('counts the day of the melding like any other day of a suspension', () => {
    const h = wmoMelding();
    h.run(cmd.suspendClock(T_YUSUF_GGZ, 's-1', '2026-04-15', '2026-04-28'));
    expect(itemOf(WMO, h)).toMatchObject({ deadline: '2026-06-10', suspendedDays: 14 });
  });

  it('moves nothing for a suspension that begins after the deadline', () => {
    const h = wmoMelding();
    h.run(cmd.suspendClock(T_YUSUF_GGZ, 's-1', '2026-05-28', '2026-06-10'));
    const item = itemOf(WMO, h);
    expect(item.deadline).toBe('2026-05-27');
    expect(item).not.toHaveProperty('suspendedDays');
    expect(item).not.toHaveProperty('suspensionIds');
  });

  it('moves nothing for a suspension that begins after the clock stopped, and counts one only up to the stop', () => {
    const after = wmoMelding();
    after.run(cmd.completeTriage(T_YUSUF_GGZ, '2026-05-10', 'L2'));
    after.run(cmd.suspendClock(T_YUSUF_GGZ, 's-1', '2026-05-11', '2026-05-24'));
    expect(itemOf(WMO, after).deadline).toBe('2026-05-27');

    const during = wmoMelding();
    during.run(cmd.suspendClock(T_YUSUF_GGZ, 's-1', '2026-05-20', '2026-06-02'));
    during.run(cmd.completeTriage(T_YUSUF_GGZ, '2026-05-25', 'L2'));
    // 05-20 to 05-25: 6 days.
    expect(itemOf(WMO, during)).toMatchObject({ deadline: '2026-06-02', suspendedDays: 6 });
  });

  it('adds two suspensions, the second beginning after the first deadline but within the extension the first gave', () => {
    const h = wmoMelding();
    h.run(cmd.suspendClock(T_YUSUF_GGZ, 's-2', '2026-06-01', '2026-06-07'));
    h.run(cmd.suspendClock(T_YUSUF_GGZ, 's-1', '2026-04-20', '2026-05-03'));
    // 05-27 + 14 = 06-10, which 06-01 lies before: + 7 = 06-17. In date order, whatever the order recorded.
    expect(itemOf(WMO, h)).toMatchObject({ deadline: '2026-06-17', suspendedDays: 21, suspensionIds: ['s-1', 's-2'] });
  });

  it('leaves a second suspension out when the first moved the deadline to before it', () => {
    const h = wmoMelding();
    h.run(cmd.suspendClock(T_YUSUF_GGZ, 's-1', '2026-04-20', '2026-04-21'));
    h.run(cmd.suspendClock(T_YUSUF_GGZ, 's-2', '2026-05-30', '2026-06-05'));
    expect(itemOf(WMO, h)).toMatchObject({ deadline: '2026-05-29', suspendedDays: 2, suspensionIds: ['s-1'] });
  });

  it('restores the deadline when the suspension is withdrawn', () => {
    const h = wmoMelding();
    h.run(cmd.completeTriage(T_YUSUF_GGZ, '2026-06-05', 'L3'));
    const [suspended] = h.run(cmd.suspendClock(T_YUSUF_GGZ, 's-1', '2026-04-20', '2026-05-03'));
    expect(itemOf(WMO, h).deadline).toBe('2026-06-10');
    h.run(cmd.withdrawEvent(suspended.eventId));
    const item = itemOf(WMO, h);
    expect(item.deadline).toBe('2026-05-27');
    expect(item).not.toHaveProperty('suspendedDays');
    expect(judgeItem(WMO, item, '2026-11-23')?.status).toBe('late');
  });

  it('applies the corrections in a raw stream first: a withdrawn suspension moves nothing there either', () => {
    const h = wmoMelding();
    const [suspended] = h.run(cmd.suspendClock(T_YUSUF_GGZ, 's-1', '2026-04-20', '2026-05-03'));
    h.run(cmd.withdrawEvent(suspended.eventId));
    expect(normItems(WMO, h.stream)[0].deadline).toBe('2026-05-27');
  });

  it('leaves a norm whose clock cannot be suspended as it was (melding-intake, P14D: 04-29)', () => {
    const h = wmoMelding();
    h.run(cmd.suspendClock(T_YUSUF_GGZ, 's-1', '2026-04-20', '2026-05-03'));
    expect(itemOf(INTAKE, h).deadline).toBe('2026-04-29');
    expect(itemOf(INTAKE, h)).not.toHaveProperty('suspendedDays');
  });

  it('suspends only the norms a suspension names', () => {
    const other = wmoMelding();
    other.run(cmd.suspendClock(T_YUSUF_GGZ, 's-1', '2026-04-20', '2026-05-03', { normIds: ['melding-intake'] }));
    expect(itemOf(WMO, other).deadline).toBe('2026-05-27');

    const named = wmoMelding();
    named.run(cmd.suspendClock(T_YUSUF_GGZ, 's-1', '2026-04-20', '2026-05-03', { normIds: ['wmo-onderzoek-6w'] }));
    expect(itemOf(WMO, named).deadline).toBe('2026-06-10');
  });

  it('counts the suspended working days on a working-day norm', () => {
    // A made-up working-day norm on the melding: 5 working days from Wednesday 2026-04-15 is Wednesday 04-22.
    const norm: NormDefinition = { ...INTAKE, id: 'melding-intake-5wd', duration: 'P5D', calendar: 'working-days', suspendable: true };
    const h = wmoMelding();
    expect(itemOf(norm, h).deadline).toBe('2026-04-22');
    // Friday 04-17 to Tuesday 04-21: Friday, Monday, Tuesday = 3 working days. 04-22 + 3 working days: Thursday 23,
    // Friday 24, Tuesday 28 (Monday 27 is Koningsdag).
    h.run(cmd.suspendClock(T_YUSUF_GGZ, 's-1', '2026-04-17', '2026-04-21'));
    expect(itemOf(norm, h)).toMatchObject({ deadline: '2026-04-28', suspendedDays: 3 });
  });
});

describe('the norms that may be suspended', () => {
  it('are, of the shipped norms, only the Wmo onderzoek', () => {
    expect(normsFor('GM0299').filter((norm) => norm.suspendable === true).map((norm) => norm.id)).toEqual(['wmo-onderzoek-6w']);
  });

  it('read a ClockSuspended, so that a projection recomputes their items for it; other norms do not', () => {
    expect(normReads(WMO, 'ClockSuspended')).toBe(true);
    expect(normReads(INTAKE, 'ClockSuspended')).toBe(false);
  });

  it('have a deadline: a distribution-only norm cannot be suspendable', () => {
    expect(() => checkNormDefinition({ ...shippedNorm('melding-triage'), suspendable: true })).toThrow(
      'Norm melding-triage: a suspension moves a deadline: a norm without one cannot be suspendable',
    );
    expect(() => checkNormDefinition(WMO)).not.toThrow();
  });
});

describe('daysWithin: the days of a suspension', () => {
  it('counts calendar days with both ends included', () => {
    expect(daysWithin('2026-04-20', '2026-05-03', 'calendar-days')).toBe(14);
    expect(daysWithin('2026-04-20', '2026-04-20', 'calendar-days')).toBe(1);
    expect(daysWithin('2026-04-20', '2026-04-19', 'calendar-days')).toBe(0);
  });

  it('counts working days with both ends included: Friday 04-24 to Tuesday 04-28 2026 is Friday and Tuesday (Koningsdag on Monday)', () => {
    expect(daysWithin('2026-04-24', '2026-04-28', 'working-days')).toBe(2);
    expect(daysWithin('2026-04-25', '2026-04-27', 'working-days')).toBe(0);
  });
});
