import { DomainError } from './domain-error';
import { HouseholdCommand } from './household-commands';
import { HouseholdEvent, PlanGoal, trajectoryIdOf } from './household-events';
import { Compartment, CorrectionRecord, HouseholdState, Trajectory } from './household-state';

/**
 * Who of a household's team may see what: the one place that decides it.
 *
 * A restricted trajectory (safety, debt, GGZ) is kept to the casusregisseur and the consultants let into it, and so is
 * everything that belongs to it: its steps, corrections and withdrawals of those steps, and plan goals tied to it or
 * to its restriction category. Everyone else in the team sees only that it exists. Commands are held to the same
 * rule, so nobody can change (or withdraw) what they may not see.
 */
export interface HouseholdAccess {
  mayOpenTrajectory(trajectory: Trajectory): boolean;
  mayOpen(compartment: Compartment): boolean;
  mayOpenGoal(goal: PlanGoal): boolean;
  mayOpenCorrection(correction: CorrectionRecord): boolean;
  /** Whether the event, as stored in the stream, belongs wholly to something hidden (a plan is shown with some goals hidden instead). */
  hidesEvent(event: { eventId: string; type: string; data: unknown }): boolean;
}

export function householdAccess(state: HouseholdState, consultantId: string): HouseholdAccess {
  const coordinates = state.coordinator?.coordinatorId === consultantId;
  const letIn = (trajectory: Trajectory) => {
    const only = consultantsLetIn(state, trajectory);
    return only === undefined || only.includes(consultantId);
  };
  const mayOpen = (compartment: Compartment): boolean => {
    if ('trajectoryId' in compartment) {
      // A trajectory whose opening was withdrawn is no longer restricted by anything (its restriction went first).
      const trajectory = state.trajectories.find((t) => t.trajectoryId === compartment.trajectoryId);
      return trajectory === undefined || letIn(trajectory);
    }
    return (
      coordinates ||
      state.trajectories.some(
        (t) => t.memberId === compartment.memberId && t.restriction?.reason === compartment.restrictionCategory && t.restriction.grantedTo.includes(consultantId),
      )
    );
  };
  const correctionsById = new Map(state.corrections.map((c) => [c.eventId, c]));
  return {
    mayOpenTrajectory: letIn,
    mayOpen,
    mayOpenGoal: (goal) => compartmentsOfGoal(goal).every(mayOpen),
    mayOpenCorrection: (correction) => correction.compartments.every(mayOpen),
    hidesEvent: (event) => {
      const correction = correctionsById.get(event.eventId);
      if (correction !== undefined) return !correction.compartments.every(mayOpen);
      const trajectoryId = trajectoryIdOf(event);
      return trajectoryId !== undefined && !mayOpen({ trajectoryId });
    },
  };
}

/**
 * Who may open a trajectory: undefined when anyone of the household's team may (it is not restricted), else the
 * household's casusregisseur and the consultants let in. A read model keeps this list per trajectory (rm_trajectories
 * `let_in`), so that a query can hold a consultant to the rule without the household's state.
 */
export function consultantsLetIn(state: HouseholdState, trajectory: Trajectory): string[] | undefined {
  if (trajectory.restriction === undefined) return undefined;
  const { grantedTo } = trajectory.restriction;
  const coordinatorId = state.coordinator?.coordinatorId;
  return coordinatorId === undefined || grantedTo.includes(coordinatorId) ? [...grantedTo] : [coordinatorId, ...grantedTo];
}

/**
 * The command as a consultant may give it, or a DomainError when it touches what they may not see: a restricted
 * trajectory they are not in, or an event of it, is not found (as an unknown one would not be). A plan revised by
 * someone who cannot see some of its goals keeps those goals as they were: they could not have meant to drop them.
 */
export function commandWithinAccess(state: HouseholdState, command: HouseholdCommand, consultantId: string): HouseholdCommand {
  const access = householdAccess(state, consultantId);
  const trajectoryId = (command as { trajectoryId?: unknown }).trajectoryId;
  if (typeof trajectoryId === 'string' && !access.mayOpen({ trajectoryId })) throw trajectoryNotFound(trajectoryId);
  switch (command.type) {
    case 'SetPlan': {
      for (const goal of command.goals) {
        if (goal.trajectoryId !== undefined && !access.mayOpen({ trajectoryId: goal.trajectoryId })) throw trajectoryNotFound(goal.trajectoryId);
      }
      const kept = (state.plan?.goals ?? []).filter((goal) => !access.mayOpenGoal(goal));
      return kept.length === 0 ? command : { ...command, goals: [...command.goals, ...kept] };
    }
    case 'CorrectEventDate':
    case 'WithdrawEvent': {
      const target = state.effectiveEvents.find((event) => event.eventId === command.eventId);
      if (target === undefined) return command;
      if (access.hidesEvent(target)) throw new DomainError('event-not-found', `No event ${command.eventId} in this household`);
      if (!compartmentsOfFact(target).every(access.mayOpen)) {
        throw new DomainError('plan-has-restricted-goals', `Event ${command.eventId} holds plan goals kept to the people involved; one of them must correct it`);
      }
      return command;
    }
    default:
      return command;
  }
}

function trajectoryNotFound(trajectoryId: string): DomainError {
  return new DomainError('trajectory-not-found', `No trajectory ${trajectoryId} in this household`);
}

/** What a fact belongs to, as far as access goes: a trajectory's step to the trajectory, a plan to its goals' compartments. */
export function compartmentsOfFact(event: HouseholdEvent): Compartment[] {
  if (event.type === 'PlanAgreed' || event.type === 'PlanRevised') return event.data.goals.flatMap(compartmentsOfGoal);
  const trajectoryId = trajectoryIdOf(event);
  return trajectoryId === undefined ? [] : [{ trajectoryId }];
}

export function compartmentsOfGoal(goal: PlanGoal): Compartment[] {
  if (goal.trajectoryId !== undefined) return [{ trajectoryId: goal.trajectoryId }];
  if (goal.restrictionCategory !== undefined) return [{ memberId: goal.memberId, restrictionCategory: goal.restrictionCategory }];
  return [];
}
