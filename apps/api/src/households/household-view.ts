import { HouseholdState, mayOpenTrajectory, Member, Trajectory } from '@casusregie/domain';

/**
 * The household as the API shows it: its state without the bookkeeping the domain keeps for itself (the list of
 * effective events, the last-step date used by the date rules).
 */
export function householdView(householdId: string, version: number, state: HouseholdState, viewerId: string) {
  return {
    id: householdId,
    version,
    municipality: state.municipality,
    team: state.team,
    registeredOn: state.registeredOn,
    residences: state.residences,
    members: state.members.map(memberView),
    coordinator: state.coordinator ?? null,
    plan: state.plan ?? null,
    // A restricted trajectory the viewer is not involved in shows only that it exists.
    trajectories: state.trajectories.map((t) => (mayOpenTrajectory(state, t, viewerId) ? trajectoryView(t) : { trajectoryId: t.trajectoryId, restricted: true })),
    corrections: state.corrections,
  };
}

/** An erased member keeps their place and dates; what would identify them is left out rather than shown as a marker. */
type MemberView = Omit<Member, 'givenName' | 'familyName' | 'birthDate'> &
  Partial<Pick<Member, 'givenName' | 'familyName' | 'birthDate'>> & { erased: boolean };

function memberView(member: Member): MemberView {
  if (member.erasedOn === undefined) return { ...member, erased: false };
  const { givenName: _g, familyName: _f, birthDate: _b, bsn: _bsn, ...rest } = member;
  return { ...rest, erased: true };
}

export function trajectoryView(trajectory: Trajectory) {
  const { lastStepOn: _lastStepOn, waakvlamPeriods, ...rest } = trajectory;
  const current = waakvlamPeriods[waakvlamPeriods.length - 1];
  return {
    ...rest,
    restricted: rest.restriction !== undefined,
    level: rest.level ?? null,
    waakvlam: {
      active: current !== undefined && current.endedOn === undefined,
      periods: waakvlamPeriods,
    },
  };
}

/** The household as someone involved in every trajectory sees it (restricted ones in full). */
export type HouseholdView = Omit<ReturnType<typeof householdView>, 'trajectories'> & { trajectories: ReturnType<typeof trajectoryView>[] };
