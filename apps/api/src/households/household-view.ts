import { HouseholdState, Trajectory } from '@casusregie/domain';

/**
 * The household as the API shows it: its state without the bookkeeping the domain keeps for itself (the list of
 * effective events, the last-step date used by the date rules).
 */
export function householdView(householdId: string, version: number, state: HouseholdState) {
  return {
    id: householdId,
    version,
    municipality: state.municipality,
    team: state.team,
    registeredOn: state.registeredOn,
    residences: state.residences,
    members: state.members,
    coordinator: state.coordinator ?? null,
    plan: state.plan ?? null,
    trajectories: state.trajectories.map(trajectoryView),
    corrections: state.corrections,
  };
}

function trajectoryView(trajectory: Trajectory) {
  const { lastStepOn: _lastStepOn, waakvlamPeriods, ...rest } = trajectory;
  const current = waakvlamPeriods[waakvlamPeriods.length - 1];
  return {
    ...rest,
    level: rest.level ?? null,
    waakvlam: {
      active: current !== undefined && current.endedOn === undefined,
      periods: waakvlamPeriods,
    },
  };
}

export type HouseholdView = ReturnType<typeof householdView>;
