import { BusinessDate, compareBusinessDates, latestOf } from '../calendar/business-date';
import { DomainError } from './domain-error';
import { HouseholdEvent, PlanGoal, trajectoryIdOf } from './household-events';
import { activeWaakvlam, findMember, findReferral, findTrajectory, HouseholdState, Trajectory } from './household-state';
import { SUPPORT_LEVELS } from './vocabulary';

/**
 * The rules a new fact must keep, given the state before it. `decide` runs this on every event it produces, and a
 * correction runs it over the whole corrected history, so one list of rules guards both.
 * Throws a {@link DomainError}; returns nothing when the fact may be recorded.
 */
export function checkFact(state: HouseholdState, event: HouseholdEvent, today: BusinessDate): void {
  const on = event.occurredOn;
  if (compareBusinessDates(on, today) > 0) {
    throw new DomainError('date-in-future', `${event.type} is dated ${on}, after today (${today})`);
  }
  if (event.type === 'LearningRouteStarted') {
    // The event is dated on the earlier start date; the later one may not lie in the future either.
    const { languageStartDate, participationStartDate } = event.data;
    const latest = latestOf([languageStartDate, participationStartDate]) ?? on;
    if (compareBusinessDates(latest, today) > 0) {
      throw new DomainError('date-in-future', `The learning route has a start date ${latest}, after today (${today})`);
    }
  }
  if (event.type === 'HouseholdRegistered') {
    if (state.registered) throw new DomainError('household-already-registered', `Household ${state.householdId} already exists`);
    return;
  }
  if (!state.registered) throw new DomainError('household-not-found', 'The household is not registered');

  const trajectoryId = trajectoryIdOf(event);
  const trajectory = trajectoryId === undefined || event.type === 'TrajectoryOpened' ? undefined : requireTrajectory(state, trajectoryId);
  if (trajectory !== undefined) checkTrajectoryStep(trajectory, event);

  switch (event.type) {
    case 'MemberAdded': {
      const { member } = event.data;
      if (findMember(state, member.memberId)) {
        throw new DomainError('member-already-present', `Member ${member.memberId} already exists in this household`);
      }
      checkBsnUnique(state, member.bsn);
      checkResidences(state, member.residenceIds);
      notBefore(on, state.registeredOn, 'the registration of the household');
      return;
    }
    case 'MemberLeft': {
      const member = requireActiveMember(state, event.data.memberId);
      notBefore(on, member.joinedOn, `the day member ${member.memberId} joined`);
      const open = state.trajectories.filter((t) => t.memberId === member.memberId && t.status === 'open');
      if (open.length > 0) {
        throw new DomainError(
          'member-has-open-trajectories',
          `Member ${member.memberId} still has open trajectories: ${open.map((t) => t.trajectoryId).join(', ')}`,
        );
      }
      return;
    }
    case 'CoordinatorAssigned':
      if (state.coordinator?.coordinatorId === event.data.coordinatorId) {
        throw new DomainError('coordinator-unchanged', `${event.data.coordinatorId} is already the casusregisseur`);
      }
      notBefore(on, state.registeredOn, 'the registration of the household');
      notBefore(on, state.coordinator?.since, 'the assignment of the current casusregisseur');
      return;
    case 'PlanAgreed':
      checkPlanGoals(state, event.data.goals);
      notBefore(on, state.registeredOn, 'the registration of the household');
      return;
    case 'PlanRevised':
      // Also what refuses withdrawing the agreement of a plan that was revised since: the revision would revise nothing.
      if (state.plan === undefined) throw new DomainError('plan-not-agreed', 'No plan was agreed, so there is none to revise');
      checkPlanGoals(state, event.data.goals);
      notBefore(on, state.plan.agreedOn, 'the agreement of the plan');
      notBefore(on, state.plan.revisedOn, 'the last revision of the plan');
      return;
    case 'TrajectoryOpened': {
      if (findTrajectory(state, event.data.trajectoryId)) {
        throw new DomainError('trajectory-already-exists', `Trajectory ${event.data.trajectoryId} already exists`);
      }
      const member = requireMemberWithData(state, event.data.memberId);
      notBefore(on, member.joinedOn, `the day member ${member.memberId} joined`);
      return;
    }
    case 'TrajectoryReopened':
      // checkTrajectoryStep found the trajectory; a trajectory of someone who has left the household stays closed.
      if (trajectory !== undefined) requireMemberWithData(state, trajectory.memberId);
      return;
    case 'PersonalDataErased': {
      const member = findMember(state, event.data.memberId);
      if (!member) throw new DomainError('member-not-found', `No member ${event.data.memberId} in this household`);
      if (member.erasedOn !== undefined) {
        throw new DomainError('personal-data-already-erased', `The data of member ${member.memberId} was erased on ${member.erasedOn}`);
      }
      return;
    }
    default:
      return;
  }
}

/** The rules of every step inside one trajectory. */
function checkTrajectoryStep(t: Trajectory, event: HouseholdEvent): void {
  const on = event.occurredOn;
  if (compareBusinessDates(on, t.openedOn) < 0) {
    throw new DomainError('date-before-melding', `${event.type} is dated ${on}, before the melding of ${t.openedOn}`);
  }
  if (event.type === 'TrajectoryReopened') {
    if (t.status !== 'closed') throw new DomainError('trajectory-not-closed', `Trajectory ${t.trajectoryId} is not closed`);
    notBefore(on, t.closedOn, 'the closure');
    return;
  }
  // Who may see a trajectory matters also after it closed: restricting and granting access work on closed ones too.
  if (event.type === 'TrajectoryRestricted') {
    if (t.restriction !== undefined) throw new DomainError('trajectory-already-restricted', `Trajectory ${t.trajectoryId} is restricted since ${t.restriction.since}`);
    return;
  }
  if (event.type === 'TrajectoryAccessGranted') {
    if (t.restriction === undefined) throw new DomainError('trajectory-not-restricted', `Trajectory ${t.trajectoryId} is not restricted`);
    if (t.restriction.grantedTo.includes(event.data.consultantId)) {
      throw new DomainError('access-already-granted', `${event.data.consultantId} already has access`);
    }
    return;
  }
  if (t.status === 'closed') throw new DomainError('trajectory-closed', `Trajectory ${t.trajectoryId} is closed`);

  switch (event.type) {
    case 'IntakeHeld':
      if (t.intakeOn !== undefined) throw new DomainError('intake-already-held', `The intake was held on ${t.intakeOn}`);
      return;
    case 'TriageCompleted':
      if (t.triage !== undefined) throw new DomainError('triage-already-completed', `The triage was completed on ${t.triage.completedOn}`);
      return;
    case 'ExploratoryConversationRequested': {
      if (t.exploratoryConversation !== undefined) {
        throw new DomainError(
          'exploratory-conversation-already-requested',
          `A verkennend gesprek was requested on ${t.exploratoryConversation.requestedOn}`,
        );
      }
      const since = event.data.ggzWaitlistSince;
      if (since !== undefined && compareBusinessDates(since, on) > 0) {
        throw new DomainError('date-out-of-order', `The GGZ waiting-list date ${since} is after the request of ${on}`);
      }
      return;
    }
    case 'ExploratoryConversationHeld':
      if (t.exploratoryConversation === undefined) {
        throw new DomainError('exploratory-conversation-not-requested', 'No verkennend gesprek was requested');
      }
      if (t.exploratoryConversation.heldOn !== undefined) {
        throw new DomainError('exploratory-conversation-already-held', `It was held on ${t.exploratoryConversation.heldOn}`);
      }
      notBefore(on, t.exploratoryConversation.requestedOn, 'the request');
      return;
    case 'ReferralMade':
      if (findReferral(t, event.data.referralId)) {
        throw new DomainError('referral-already-exists', `Referral ${event.data.referralId} already exists`);
      }
      return;
    case 'ReferralAccepted':
    case 'ReferralDeclined': {
      const referral = requireReferral(t, event.data.referralId);
      if (referral.status !== 'made') {
        throw new DomainError('referral-not-pending', `Referral ${referral.referralId} is ${referral.status}, not awaiting an answer`);
      }
      notBefore(on, referral.madeOn, 'the referral');
      return;
    }
    case 'ReferralWithdrawn': {
      const referral = requireReferral(t, event.data.referralId);
      if (referral.status !== 'made' && referral.status !== 'accepted') {
        throw new DomainError('referral-not-withdrawable', `Referral ${referral.referralId} is ${referral.status}`);
      }
      notBefore(on, referral.acceptedOn ?? referral.madeOn, 'the referral');
      return;
    }
    case 'CareStarted': {
      const referral = requireReferral(t, event.data.referralId);
      if (referral.status !== 'accepted') {
        throw new DomainError('referral-not-accepted', `Referral ${referral.referralId} is ${referral.status}; care starts after acceptance`);
      }
      notBefore(on, referral.acceptedOn, 'the acceptance');
      return;
    }
    case 'CareEnded': {
      const referral = requireReferral(t, event.data.referralId);
      if (referral.status !== 'in-care') throw new DomainError('care-not-started', `Care on referral ${referral.referralId} has not started`);
      notBefore(on, referral.careStartedOn, 'the start of care');
      return;
    }
    case 'SupportScaledUp':
    case 'SupportScaledDown': {
      if (t.level === undefined) throw new DomainError('triage-required', 'The support level is set by the triage first');
      const { fromLevel, toLevel } = event.data;
      const rises = SUPPORT_LEVELS.indexOf(toLevel) > SUPPORT_LEVELS.indexOf(fromLevel);
      if (fromLevel !== t.level || toLevel === fromLevel || rises !== (event.type === 'SupportScaledUp')) {
        throw new DomainError('level-unchanged', `A change from ${t.level} to ${toLevel} is no ${event.type === 'SupportScaledUp' ? 'opschaling' : 'afschaling'}`);
      }
      const lastChange = t.levelChanges[t.levelChanges.length - 1];
      notBefore(on, lastChange?.changedOn ?? t.triage?.completedOn, 'the last level decision');
      return;
    }
    case 'WaakvlamStarted': {
      const active = activeWaakvlam(t);
      if (active) throw new DomainError('waakvlam-already-active', `Waakvlam contact runs since ${active.startedOn}`);
      notBefore(on, t.waakvlamPeriods[t.waakvlamPeriods.length - 1]?.endedOn, 'the end of the previous waakvlam period');
      return;
    }
    case 'WaakvlamContactRecorded':
    case 'WaakvlamEnded': {
      const active = activeWaakvlam(t);
      if (!active) throw new DomainError('waakvlam-not-active', 'No waakvlam contact is running');
      notBefore(on, active.startedOn, 'the start of waakvlam contact');
      // Contacts of a period are recorded in date order, and the period ends on or after its last contact.
      notBefore(on, latestOf(active.contacts.map((c) => c.contactOn)), 'the last waakvlam contact of the period');
      return;
    }
    case 'PipEstablished':
      if (t.legalBasis !== 'wet-inburgering-2021') {
        throw new DomainError('pip-requires-inburgering', `A PIP belongs to a Wet inburgering 2021 trajectory, not ${t.legalBasis}`);
      }
      return;
    case 'PipAmended':
      if (t.pip === undefined) throw new DomainError('pip-not-established', 'No PIP was established');
      // Also in decide; here so that a withdrawn amendment cannot leave a later one that changes nothing.
      if (t.pip.route === event.data.route) throw new DomainError('pip-unchanged', `The PIP already has route ${t.pip.route}`);
      notBefore(on, t.pip.establishedOn, 'the PIP');
      notBefore(on, t.pip.amendedOn, 'the last amendment of the PIP');
      return;
    case 'LearningRouteStarted':
      if (t.pip === undefined) throw new DomainError('pip-not-established', 'The learning route follows the PIP');
      if (t.learningRoute !== undefined) {
        throw new DomainError('learning-route-already-started', `The learning route started on ${t.learningRoute.startedOn}`);
      }
      notBefore(on, t.pip.establishedOn, 'the PIP');
      return;
    case 'ClockSuspended': {
      const { suspensionId, from, to } = event.data;
      if (compareBusinessDates(to, from) < 0) throw new DomainError('date-out-of-order', `The suspension ends on ${to}, before it begins on ${from}`);
      const suspensions = t.suspensions ?? [];
      if (suspensions.some((s) => s.suspensionId === suspensionId)) {
        throw new DomainError('suspension-already-exists', `Suspension ${suspensionId} already exists`);
      }
      // One clock, one suspension at a time: the days of two overlapping suspensions would be counted twice.
      const overlapping = suspensions.find((s) => compareBusinessDates(s.from, to) <= 0 && compareBusinessDates(from, s.to) <= 0);
      if (overlapping !== undefined) {
        throw new DomainError('suspension-overlaps', `Suspension ${overlapping.suspensionId} already suspends ${overlapping.from} to ${overlapping.to}`);
      }
      return;
    }
    case 'TrajectoryClosed': {
      notBefore(on, t.lastStepOn, 'the last step of the trajectory');
      // Casusregie does not end while support runs (domain-research §2.3): care and waakvlam end first, so that a
      // provider's end-of-care report never arrives on a closed trajectory.
      const inCare = t.referrals.filter((r) => r.status === 'in-care').map((r) => r.referralId);
      if (inCare.length > 0 || activeWaakvlam(t) !== undefined) {
        throw new DomainError(
          'trajectory-has-active-support',
          inCare.length > 0 ? `Care still runs on referral ${inCare.join(', ')}` : 'Waakvlam contact still runs',
        );
      }
      return;
    }
    default:
      return;
  }
}

function notBefore(on: BusinessDate, earliest: BusinessDate | undefined, what: string): void {
  if (earliest !== undefined && compareBusinessDates(on, earliest) < 0) {
    throw new DomainError('date-out-of-order', `Dated ${on}, before ${what} on ${earliest}`);
  }
}

function requireTrajectory(state: HouseholdState, trajectoryId: string): Trajectory {
  const trajectory = findTrajectory(state, trajectoryId);
  if (!trajectory) throw new DomainError('trajectory-not-found', `No trajectory ${trajectoryId} in this household`);
  return trajectory;
}

function requireReferral(t: Trajectory, referralId: string) {
  const referral = findReferral(t, referralId);
  if (!referral) throw new DomainError('referral-not-found', `No referral ${referralId} in trajectory ${t.trajectoryId}`);
  return referral;
}

function requireActiveMember(
  state: HouseholdState,
  memberId: string,
  missingCode: 'member-not-found' | 'plan-goal-unknown-member' = 'member-not-found',
) {
  const member = findMember(state, memberId);
  if (!member) throw new DomainError(missingCode, `No member ${memberId} in this household`);
  if (member.status !== 'active') throw new DomainError('member-not-active', `Member ${memberId} has left the household`);
  return member;
}

/** A member new personal data may be recorded about: active, and not erased (a new plan goal or melding would be). */
function requireMemberWithData(
  state: HouseholdState,
  memberId: string,
  missingCode: 'member-not-found' | 'plan-goal-unknown-member' = 'member-not-found',
) {
  const member = requireActiveMember(state, memberId, missingCode);
  if (member.erasedOn !== undefined) {
    throw new DomainError('member-erased', `The data of member ${memberId} was erased; nothing new can be recorded about them`);
  }
  return member;
}

/** Every goal is about a member one may record about, and a goal tied to a trajectory is tied to one of that member. */
function checkPlanGoals(state: HouseholdState, goals: readonly PlanGoal[]): void {
  for (const goal of goals) {
    requireMemberWithData(state, goal.memberId, 'plan-goal-unknown-member');
    if (goal.trajectoryId === undefined) continue;
    if (goal.restrictionCategory !== undefined) {
      // Who may see the goal would then follow from two rules that can disagree; the trajectory's own restriction is enough.
      throw new DomainError('plan-goal-in-two-compartments', 'A plan goal names a trajectory or a restriction category, not both');
    }
    const trajectory = findTrajectory(state, goal.trajectoryId);
    if (trajectory === undefined || trajectory.memberId !== goal.memberId) {
      throw new DomainError('plan-goal-unknown-trajectory', `Member ${goal.memberId} has no trajectory ${goal.trajectoryId}`);
    }
  }
}

function checkBsnUnique(state: HouseholdState, bsn: string | undefined): void {
  // The message never repeats the BSN itself.
  if (bsn !== undefined && state.members.some((m) => m.bsn === bsn && m.status === 'active')) {
    throw new DomainError('duplicate-bsn', 'A member with this BSN is already in the household');
  }
}

function checkResidences(state: HouseholdState, residenceIds: readonly string[]): void {
  const unknown = residenceIds.filter((id) => !state.residences.some((r) => r.residenceId === id));
  if (unknown.length > 0) throw new DomainError('unknown-residence', `Unknown residence: ${unknown.join(', ')}`);
}
