import { latestOf } from '../calendar/business-date';
import { compartmentsOfFact } from './trajectory-access';
import { CorrectionEvent, HouseholdEvent, isCorrection, RecordedHouseholdEvent, trajectoryIdOf } from './household-events';
import { CorrectionRecord, ERASED, HouseholdState, initialHouseholdState, Referral, Trajectory } from './household-state';

/**
 * Folds one recorded event into the household state. Pure and total: it trusts that `decide` checked the rules,
 * so replaying a stream never fails. A correction or withdrawal changes the past, so the state is then folded
 * again from the corrected list of facts.
 */
export function evolve(state: HouseholdState, event: RecordedHouseholdEvent): HouseholdState {
  if (isCorrection(event)) {
    const effectiveEvents = applyCorrection(state.effectiveEvents, event);
    return evolveCorrection(state, event, effectiveEvents, foldFacts(effectiveEvents));
  }
  return evolveFact(state, event);
}

/** `evolve` for a fact (any event but a correction). */
export function evolveFact(state: HouseholdState, event: RecordedHouseholdEvent): HouseholdState {
  return { ...applyFact(state, event), effectiveEvents: [...state.effectiveEvents, event] };
}

/**
 * `evolve` for a correction, given the corrected list of facts and the state they fold to: `decide` has folded them
 * already to check them, so a command does not fold the whole history twice.
 */
export function evolveCorrection(
  state: HouseholdState,
  correction: CorrectionEvent & { eventId: string },
  effectiveEvents: RecordedHouseholdEvent[],
  folded: HouseholdState,
): HouseholdState {
  const corrections = [...state.corrections, correctionRecord(correction, state.effectiveEvents)];
  return { ...folded, corrections, effectiveEvents };
}

/** The state of a whole stream. */
export function foldHousehold(events: readonly RecordedHouseholdEvent[]): HouseholdState {
  return events.reduce(evolve, initialHouseholdState());
}

/** The list of facts after one correction: a withdrawn event drops out, a corrected one gets its new date. */
export function applyCorrection(facts: readonly RecordedHouseholdEvent[], correction: CorrectionEvent): RecordedHouseholdEvent[] {
  if (correction.type === 'EventWithdrawn') {
    return facts.filter((fact) => fact.eventId !== correction.data.withdrawnEventId);
  }
  return facts.map((fact) =>
    fact.eventId === correction.data.correctedEventId ? { ...fact, occurredOn: correction.data.occurredOn } : fact,
  );
}

function foldFacts(facts: readonly RecordedHouseholdEvent[]): HouseholdState {
  return facts.reduce(applyFact, initialHouseholdState());
}

function correctionRecord(event: CorrectionEvent & { eventId: string }, facts: readonly RecordedHouseholdEvent[]): CorrectionRecord {
  const targetEventId = event.type === 'EventWithdrawn' ? event.data.withdrawnEventId : event.data.correctedEventId;
  const target = facts.find((fact) => fact.eventId === targetEventId);
  const compartments = target === undefined ? [] : compartmentsOfFact(target);
  return event.type === 'EventWithdrawn'
    ? {
        eventId: event.eventId,
        kind: 'withdrawn' as const,
        targetEventId: event.data.withdrawnEventId,
        targetType: event.data.withdrawnType,
        recordedOn: event.occurredOn,
        reason: event.data.reason,
        compartments,
      }
    : {
        eventId: event.eventId,
        kind: 'corrected' as const,
        targetEventId: event.data.correctedEventId,
        targetType: event.data.correctedType,
        recordedOn: event.occurredOn,
        reason: event.data.reason,
        correctedOccurredOn: event.data.occurredOn,
        compartments,
      };
}

const NOT_A_STEP = new Set(['TrajectoryOpened', 'TrajectoryRestricted', 'TrajectoryAccessGranted']);

/** The effect of one fact (any event but a correction) on the state, leaving `effectiveEvents` to the caller. */
export function applyFact(state: HouseholdState, event: HouseholdEvent): HouseholdState {
  const on = event.occurredOn;
  const trajectoryId = trajectoryIdOf(event);
  if (trajectoryId !== undefined && !NOT_A_STEP.has(event.type)) {
    // Every step of a trajectory moves its "last step" date, against which a closure is checked. Who may see the
    // trajectory is no step of the support itself.
    state = updateTrajectory(state, trajectoryId, (t) => ({ ...t, lastStepOn: latestOf([t.lastStepOn, on]) ?? on }));
  }

  switch (event.type) {
    case 'HouseholdRegistered': {
      const { householdId, municipality, team, residences, members } = event.data;
      return {
        ...state,
        registered: true,
        householdId,
        municipality,
        team,
        registeredOn: on,
        residences,
        members: members.map((member) => ({ ...member, status: 'active', joinedOn: on })),
      };
    }
    case 'MemberAdded':
      return { ...state, members: [...state.members, { ...event.data.member, status: 'active', joinedOn: on }] };
    case 'MemberLeft':
      return {
        ...state,
        members: state.members.map((m) => (m.memberId === event.data.memberId ? { ...m, status: 'left', leftOn: on } : m)),
      };
    case 'PersonalDataErased':
      return eraseMember(state, event.data.memberId, on);
    case 'CoordinatorAssigned':
      return { ...state, coordinator: { coordinatorId: event.data.coordinatorId, name: event.data.name, since: on } };
    case 'PlanAgreed':
      return { ...state, plan: { version: 1, agreedOn: on, goals: event.data.goals } };
    case 'PlanRevised':
      return state.plan === undefined
        ? state
        : { ...state, plan: { ...state.plan, version: event.data.planVersion, revisedOn: on, goals: event.data.goals } };

    case 'TrajectoryOpened': {
      const trajectory: Trajectory = {
        ...event.data,
        openedOn: on,
        status: 'open',
        referrals: [],
        levelChanges: [],
        waakvlamPeriods: [],
        reopenings: [],
        lastStepOn: on,
      };
      return { ...state, trajectories: [...state.trajectories, trajectory] };
    }
    case 'IntakeHeld':
      return updateTrajectory(state, event.data.trajectoryId, (t) => ({ ...t, intakeOn: on }));
    case 'TriageCompleted':
      return updateTrajectory(state, event.data.trajectoryId, (t) => ({
        ...t,
        level: event.data.level,
        triage: { completedOn: on, level: event.data.level, route: event.data.route },
      }));
    case 'ExploratoryConversationRequested':
      return updateTrajectory(state, event.data.trajectoryId, (t) => ({
        ...t,
        exploratoryConversation: { requestedOn: on, ggzWaitlistSince: event.data.ggzWaitlistSince },
      }));
    case 'ExploratoryConversationHeld':
      return updateTrajectory(state, event.data.trajectoryId, (t) =>
        t.exploratoryConversation === undefined
          ? t
          : { ...t, exploratoryConversation: { ...t.exploratoryConversation, heldOn: on, outcome: event.data.outcome } },
      );

    case 'ReferralMade': {
      const { trajectoryId: _trajectoryId, ...referral } = event.data;
      return updateTrajectory(state, event.data.trajectoryId, (t) => ({
        ...t,
        referrals: [...t.referrals, { ...referral, madeOn: on, status: 'made' }],
      }));
    }
    case 'ReferralAccepted':
      return updateReferral(state, event.data, (r) => ({ ...r, status: 'accepted', acceptedOn: on }));
    case 'ReferralDeclined':
      return updateReferral(state, event.data, (r) => ({ ...r, status: 'declined', declinedOn: on, declineReason: event.data.reason }));
    case 'ReferralWithdrawn':
      return updateReferral(state, event.data, (r) => ({
        ...r,
        status: 'withdrawn',
        withdrawnOn: on,
        withdrawalReason: event.data.reason,
      }));
    case 'CareStarted':
      return updateReferral(state, event.data, (r) => ({ ...r, status: 'in-care', careStartedOn: on }));
    case 'CareEnded':
      return updateReferral(state, event.data, (r) => ({
        ...r,
        status: 'care-ended',
        careEndedOn: on,
        careEndReason: event.data.reasonCode,
      }));

    case 'SupportScaledUp':
    case 'SupportScaledDown':
      return updateTrajectory(state, event.data.trajectoryId, (t) => ({
        ...t,
        level: event.data.toLevel,
        levelChanges: [
          ...t.levelChanges,
          {
            changedOn: on,
            direction: event.type === 'SupportScaledUp' ? 'up' : 'down',
            fromLevel: event.data.fromLevel,
            toLevel: event.data.toLevel,
            reason: event.data.reason,
          },
        ],
      }));

    case 'WaakvlamStarted':
      return updateTrajectory(state, event.data.trajectoryId, (t) => ({
        ...t,
        waakvlamPeriods: [...t.waakvlamPeriods, { startedOn: on, contactIntervalDays: event.data.contactIntervalDays, contacts: [] }],
      }));
    case 'WaakvlamContactRecorded':
      return updateTrajectory(state, event.data.trajectoryId, (t) =>
        updateLastWaakvlam(t, (period) => ({
          ...period,
          contacts: [...period.contacts, { contactOn: on, mode: event.data.mode, outcome: event.data.outcome }],
        })),
      );
    case 'WaakvlamEnded':
      return updateTrajectory(state, event.data.trajectoryId, (t) => updateLastWaakvlam(t, (period) => ({ ...period, endedOn: on })));

    case 'PipEstablished':
      return updateTrajectory(state, event.data.trajectoryId, (t) => ({
        ...t,
        pip: { establishedOn: on, route: event.data.route },
      }));
    case 'PipAmended':
      return updateTrajectory(state, event.data.trajectoryId, (t) =>
        t.pip === undefined ? t : { ...t, pip: { ...t.pip, route: event.data.route, amendedOn: on } },
      );
    case 'LearningRouteStarted':
      return updateTrajectory(state, event.data.trajectoryId, (t) => ({
        ...t,
        learningRoute: {
          startedOn: on,
          languageStartDate: event.data.languageStartDate,
          participationStartDate: event.data.participationStartDate,
        },
      }));

    case 'ClockSuspended': {
      const { trajectoryId: _trajectoryId, ...suspension } = event.data;
      return updateTrajectory(state, event.data.trajectoryId, (t) => ({ ...t, suspensions: [...(t.suspensions ?? []), suspension] }));
    }
    case 'TrajectoryClosed':
      return updateTrajectory(state, event.data.trajectoryId, (t) => ({
        ...t,
        status: 'closed',
        closedOn: on,
        closureReason: event.data.reason,
      }));
    case 'TrajectoryRestricted':
      return updateTrajectory(state, event.data.trajectoryId, (t) => ({
        ...t,
        restriction: { reason: event.data.reason, since: on, grantedTo: event.data.grantedTo },
      }));
    case 'TrajectoryAccessGranted':
      return updateTrajectory(state, event.data.trajectoryId, (t) =>
        t.restriction === undefined ? t : { ...t, restriction: { ...t.restriction, grantedTo: [...t.restriction.grantedTo, event.data.consultantId] } },
      );
    case 'TrajectoryReopened':
      return updateTrajectory(state, event.data.trajectoryId, (t) => ({
        ...t,
        status: 'open',
        closedOn: undefined,
        closureReason: undefined,
        reopenings: [...t.reopenings, { reopenedOn: on, reason: event.data.reason }],
      }));

    case 'EventCorrected':
    case 'EventWithdrawn':
      // Corrections are handled by evolve, which refolds the facts.
      return state;
  }
}

function updateTrajectory(state: HouseholdState, trajectoryId: string, update: (t: Trajectory) => Trajectory): HouseholdState {
  return {
    ...state,
    trajectories: state.trajectories.map((t) => (t.trajectoryId === trajectoryId ? update(t) : t)),
  };
}

function updateReferral(
  state: HouseholdState,
  ids: { trajectoryId: string; referralId: string },
  update: (r: Referral) => Referral,
): HouseholdState {
  return updateTrajectory(state, ids.trajectoryId, (t) => ({
    ...t,
    referrals: t.referrals.map((r) => (r.referralId === ids.referralId ? update(r) : r)),
  }));
}

function updateLastWaakvlam(t: Trajectory, update: (p: Trajectory['waakvlamPeriods'][number]) => Trajectory['waakvlamPeriods'][number]): Trajectory {
  if (t.waakvlamPeriods.length === 0) return t;
  const periods = [...t.waakvlamPeriods];
  periods[periods.length - 1] = update(periods[periods.length - 1]);
  return { ...t, waakvlamPeriods: periods };
}

/**
 * The state without the erased member's personal data. Once their key is gone the stored values read {@link ERASED}
 * anyway; doing it here too keeps a state folded from still-readable (or still-sealed) events free of them.
 */
function eraseMember(state: HouseholdState, memberId: string, on: string): HouseholdState {
  return {
    ...state,
    members: state.members.map((m) => {
      if (m.memberId !== memberId) return m;
      const { bsn: _bsn, ...rest } = m;
      return { ...rest, givenName: ERASED, familyName: ERASED, birthDate: ERASED, erasedOn: on };
    }),
    plan: state.plan && {
      ...state.plan,
      goals: state.plan.goals.map((goal) => (goal.memberId === memberId ? { ...goal, description: ERASED } : goal)),
    },
    trajectories: state.trajectories.map((t) => (t.memberId === memberId ? { ...t, question: ERASED } : t)),
  };
}
