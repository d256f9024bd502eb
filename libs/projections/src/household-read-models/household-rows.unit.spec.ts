import { evolve, HouseholdState, initialHouseholdState, RecordedHouseholdEvent } from '@casusregie/domain';
import { householdHistory } from '@casusregie/domain/norms/testing/household-history';
import { cmd, T_YUSUF_GGZ } from '@casusregie/domain/testing/household-fixtures';
import { HouseholdItemRows, itemRowId, NormItemRow, normItemRows, shippedNormsOf } from './household-rows';

/**
 * A suspension reaches the read model's rows: recorded, it moves the wmo-onderzoek-6w row's deadline and carries its
 * suspended days; withdrawn, it takes both back. HouseholdItemRows recomputes, for an appended fact, only the norms
 * that read its type (normReads): after every event its rows must be those of the whole state.
 */
describe('norm item rows with a clock suspension', () => {
  const h = householdHistory('2026-11-23');
  h.run(cmd.registerHousehold('2026-01-14'));
  h.run(cmd.openTrajectory(T_YUSUF_GGZ, '2026-04-15'));
  h.run(cmd.completeTriage(T_YUSUF_GGZ, '2026-06-05', 'L3'));
  const [suspended] = h.run(cmd.suspendClock(T_YUSUF_GGZ, 's-1', '2026-04-20', '2026-05-03'));
  h.run(cmd.withdrawEvent(suspended.eventId));

  /** The rows after each event, followed one event at a time, with what each event reported changed. */
  function follow(stream: readonly RecordedHouseholdEvent[]) {
    let state: HouseholdState = initialHouseholdState();
    const tracked = new HouseholdItemRows(state, shippedNormsOf(state.municipality));
    return stream.map((event) => {
      const before = state;
      state = evolve(before, event);
      const changes = tracked.apply(before, state, event, shippedNormsOf);
      return { event, state, rows: tracked.rows(), changed: changes.changed };
    });
  }
  const wmo = (rows: readonly NormItemRow[]) => rows.find((row) => row.normId === 'wmo-onderzoek-6w');
  const byId = (rows: readonly NormItemRow[]) => [...rows].sort((a, b) => (itemRowId(a) < itemRowId(b) ? -1 : 1));

  it('keeps after every event the rows of the whole state', () => {
    for (const step of follow(h.stream)) expect(byId(step.rows)).toEqual(byId(normItemRows(step.state)));
  });

  it('moves the deadline by the 14 suspended days when the suspension is recorded, and back when it is withdrawn', () => {
    const steps = follow(h.stream);
    const [beforeSuspension, afterSuspension, afterWithdrawal] = steps.slice(-3);
    expect(wmo(beforeSuspension.rows)).toMatchObject({ deadline: '2026-05-27', suspendedDays: 0 });
    expect(afterSuspension.changed).toEqual([expect.objectContaining({ normId: 'wmo-onderzoek-6w', deadline: '2026-06-10', suspendedDays: 14 })]);
    expect(afterWithdrawal.changed).toEqual([expect.objectContaining({ normId: 'wmo-onderzoek-6w', deadline: '2026-05-27', suspendedDays: 0 })]);
  });
});
