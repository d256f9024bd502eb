import { DomainError } from './domain-error';
import { HouseholdEvent } from './household-events';
import { findMember, findTrajectory, HouseholdState } from './household-state';

/**
 * Nothing new is recorded about a member whose personal data was erased (AVG art. 17): no step on any of their
 * trajectories (a provider's answer on their referral, a care start or end, a closure included), no melding or plan
 * goal naming them, no departure, no correction of a fact about them. What was open at the erasure stays as it
 * stood: the erasure closes nothing, because a closure is a consultant's decision with a reason and rules of its own.
 *
 * `decide` checks this for new facts only, not when a correction replays the history: a step recorded after an
 * erasure before this rule existed is history like any other.
 */
export function checkNotAboutErasedMember(state: HouseholdState, event: HouseholdEvent): void {
  for (const memberId of membersConcerned(state, event)) {
    const erasedOn = findMember(state, memberId)?.erasedOn;
    if (erasedOn !== undefined) {
      throw new DomainError('member-erased', `The data of member ${memberId} was erased on ${erasedOn}; nothing new can be recorded about them`);
    }
  }
}

/**
 * The members a fact is about. Every event type is listed, so that a new one cannot be added without saying whom
 * it concerns (the switch does not compile without it).
 */
export function membersConcerned(state: HouseholdState, event: HouseholdEvent): string[] {
  switch (event.type) {
    case 'HouseholdRegistered':
    case 'CoordinatorAssigned':
      return [];
    // Erasing twice is refused by its own rule (personal-data-already-erased).
    case 'PersonalDataErased':
      return [];
    case 'MemberAdded':
      return [event.data.member.memberId];
    case 'MemberLeft':
      return [event.data.memberId];
    case 'PlanAgreed':
    case 'PlanRevised':
      return event.data.goals.map((goal) => goal.memberId);
    case 'TrajectoryOpened':
      return [event.data.memberId];
    case 'IntakeHeld':
    case 'TriageCompleted':
    case 'ExploratoryConversationRequested':
    case 'ExploratoryConversationHeld':
    case 'ReferralMade':
    case 'ReferralAccepted':
    case 'ReferralDeclined':
    case 'ReferralWithdrawn':
    case 'CareStarted':
    case 'CareEnded':
    case 'SupportScaledUp':
    case 'SupportScaledDown':
    case 'WaakvlamStarted':
    case 'WaakvlamContactRecorded':
    case 'WaakvlamEnded':
    case 'PipEstablished':
    case 'PipAmended':
    case 'LearningRouteStarted':
    case 'TrajectoryClosed':
    case 'TrajectoryReopened':
    case 'ClockSuspended':
    case 'TrajectoryRestricted':
    case 'TrajectoryAccessGranted': {
      const trajectory = findTrajectory(state, event.data.trajectoryId);
      return trajectory === undefined ? [] : [trajectory.memberId];
    }
    case 'EventCorrected':
    case 'EventWithdrawn': {
      const targetId = event.type === 'EventCorrected' ? event.data.correctedEventId : event.data.withdrawnEventId;
      const target = state.effectiveEvents.find((e) => e.eventId === targetId);
      return target === undefined ? [] : membersConcerned(state, target);
    }
    default:
      return unknownEvent(event);
  }
}

function unknownEvent(event: never): never {
  throw new Error(`Unknown event type ${(event as { type: string }).type}`);
}
