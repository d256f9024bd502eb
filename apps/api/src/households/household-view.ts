import { HouseholdAccess, householdAccess, HouseholdState, Member, Plan, PlanGoal, Trajectory } from '@casusregie/domain';

/**
 * The household as the API shows it: its state without the bookkeeping the domain keeps for itself (the list of
 * effective events, the last-step date used by the date rules).
 */
export function householdView(householdId: string, version: number, state: HouseholdState, viewerId: string) {
  const access = householdAccess(state, viewerId);
  return {
    id: householdId,
    version,
    municipality: state.municipality,
    team: state.team,
    registeredOn: state.registeredOn,
    residences: state.residences,
    members: state.members.map(memberView),
    coordinator: state.coordinator ?? null,
    plan: state.plan === undefined ? null : planView(state.plan, access),
    // What belongs to a restricted trajectory the viewer is not involved in shows only that it exists.
    trajectories: state.trajectories.map((t) => (access.mayOpenTrajectory(t) ? trajectoryView(t) : { trajectoryId: t.trajectoryId, restricted: true })),
    corrections: state.corrections.filter(access.mayOpenCorrection).map(({ compartments: _compartments, ...correction }) => correction),
  };
}

function planView(plan: Plan, access: HouseholdAccess) {
  return { ...plan, goals: goalsView(plan.goals, access) };
}

export function goalsView(goals: readonly PlanGoal[], access: HouseholdAccess) {
  return goals.map((goal) => (access.mayOpenGoal(goal) ? goal : RESTRICTED_GOAL));
}

/** A goal the viewer may not see still takes its place in the plan, so the plan is not mistaken for complete. */
const RESTRICTED_GOAL = { restricted: true } as const;

/** An erased member keeps their place and dates; what would identify them is left out rather than shown as a marker. */
type MemberView = Omit<Member, 'givenName' | 'familyName' | 'birthDate'> &
  Partial<Pick<Member, 'givenName' | 'familyName' | 'birthDate'>> & { erased: boolean };

function memberView(member: Member): MemberView {
  if (member.erasedOn === undefined) return { ...member, erased: false };
  const { givenName: _g, familyName: _f, birthDate: _b, bsn: _bsn, ...rest } = member;
  return { ...rest, erased: true };
}

export function trajectoryView(trajectory: Trajectory) {
  const { lastStepOn: _lastStepOn, waakvlamPeriods, suspensions, ...rest } = trajectory;
  const current = waakvlamPeriods[waakvlamPeriods.length - 1];
  return {
    ...rest,
    restricted: rest.restriction !== undefined,
    level: rest.level ?? null,
    suspensions: suspensions ?? [],
    waakvlam: {
      active: current !== undefined && current.endedOn === undefined,
      periods: waakvlamPeriods,
    },
  };
}

/** The household as someone involved in every trajectory sees it (restricted ones, and their goals, in full). */
export type HouseholdView = Omit<ReturnType<typeof householdView>, 'trajectories' | 'plan'> & {
  trajectories: ReturnType<typeof trajectoryView>[];
  plan: Plan | null;
};
