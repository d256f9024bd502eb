import { cmd, HOUSEHOLD_ID, RESIDENCE, SAMIRA, T_YUSUF_GGZ } from '@casusregie/domain/testing/household-fixtures';
import { householdHistory } from '@casusregie/domain/norms/testing/household-history';
import { evolve, HouseholdState, initialHouseholdState, MemberDetails, RecordedHouseholdEvent } from '@casusregie/domain';
import { CLEAR_VALUES_ONLY } from './figure-rows';
import { HouseholdItemRows, itemRowId, NormItemRow, normItemRows, shippedNormsOf } from './household-rows';

/**
 * Figure rows follow a household event by event (HouseholdItemRows) as they follow from the whole state
 * (normItemRows): also for the facts that change the age band or wijk of rows of other trajectories, a member's
 * erasure and arrival. The values are in the clear here, as a keyring opens them in the projection.
 */
describe('figure rows of a household, event by event', () => {
  function replay(stream: readonly RecordedHouseholdEvent[]): { tracked: NormItemRow[]; full: NormItemRow[] } {
    let state: HouseholdState = initialHouseholdState();
    const rows = new HouseholdItemRows(state, shippedNormsOf(state.municipality), CLEAR_VALUES_ONLY);
    for (const event of stream) {
      const before = state;
      state = evolve(before, event);
      rows.apply(before, state, event, shippedNormsOf, CLEAR_VALUES_ONLY);
    }
    return { tracked: sorted(rows.rows()), full: sorted(normItemRows(state, { open: CLEAR_VALUES_ONLY })) };
  }
  const sorted = (rows: NormItemRow[]) => [...rows].sort((a, b) => itemRowId(a).localeCompare(itemRowId(b)));
  const figureRows = (rows: NormItemRow[]) => rows.filter((row) => row.normId === 'figure:trajectory-open');

  it('gives the member’s age band at the melding and the first residence’s wijk, and onbekend for both once she is erased', () => {
    const h = householdHistory('2026-11-23');
    h.run(cmd.registerHousehold());
    h.run(cmd.openTrajectory(T_YUSUF_GGZ, '2026-04-15'));
    const before = replay(h.stream);
    expect(figureRows(before.tracked).map((row) => [row.ageBand, row.wijk, row.legalBasis])).toEqual([['27-66', 'Zevenaar', 'wmo-2015']]);

    h.run(cmd.erasePersonalData('m-yusuf', '2026-06-01'));
    const after = replay(h.stream);
    expect(after.tracked).toEqual(after.full);
    // Rania and the children still live at the address: its wijk stays; Yusuf's band is gone.
    expect(figureRows(after.tracked).map((row) => [row.ageBand, row.wijk])).toEqual([[null, 'Zevenaar']]);
  });

  it('takes the wijk away when the last readable person at the first residence is erased, and keeps rows equal to a full recount', () => {
    const alone: MemberDetails = { ...SAMIRA, residenceIds: [RESIDENCE.residenceId] };
    const h = householdHistory('2026-11-23');
    h.run(cmd.registerHousehold('2026-01-14', { householdId: HOUSEHOLD_ID, members: [alone] }));
    h.run(cmd.openTrajectory('traj-samira', '2026-02-01', { memberId: alone.memberId, legalBasis: 'wmo-2015' }));
    expect(figureRows(replay(h.stream).tracked).map((row) => [row.ageBand, row.wijk])).toEqual([['27-66', 'Zevenaar']]);
    h.run(cmd.erasePersonalData(alone.memberId, '2026-06-01'));
    const after = replay(h.stream);
    expect(after.tracked).toEqual(after.full);
    expect(figureRows(after.tracked).map((row) => [row.ageBand, row.wijk])).toEqual([[null, 'onbekend']]);
  });
});
