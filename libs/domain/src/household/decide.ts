import { compareBusinessDates } from '../calendar/business-date';
import { businessDateRange } from '../calendar/date-range';
import { checkDateRanges } from './check-date-range';
import { checkNotAboutErasedMember } from './check-erased-member';
import { checkFact } from './check-fact';
import { DomainError } from './domain-error';
import { applyCorrection, applyFact, evolveCorrection, evolveFact } from './evolve';
import { CorrectionEvent, HouseholdEvent, isCorrectable, isCorrection, RecordedHouseholdEvent } from './household-events';
import { DecisionContext, HouseholdCommand, RegisterHousehold } from './household-commands';
import { findTrajectory, HouseholdState, initialHouseholdState } from './household-state';
import { SUPPORT_LEVELS } from './vocabulary';

/**
 * Decides what a command means for the household: the events to record, or a {@link DomainError} naming the rule it
 * breaks. Pure: the same command on the same state on the same day gives the same answer.
 */
export function decide(command: HouseholdCommand, state: HouseholdState, context: DecisionContext): HouseholdEvent[] {
  const events = eventsFor(command, state);
  // The ids are stand-ins: nothing here refers to a new event by its id.
  checkAndEvolve(state, events.map((event, index) => ({ ...event, eventId: `decided-${index}` })), context);
  return events;
}

/** A decided command: its events, with the ids they are recorded under, and the household they lead to. */
export interface Decision {
  events: RecordedHouseholdEvent[];
  state: HouseholdState;
}

/**
 * {@link decide}, and the household after the events: what every writer (the API's command handler, the seeds, the
 * norm tests' histories) needs, folded once while the rules are checked instead of again after. `identify` gives a
 * new event its id (and, where known, its `recordedOn`): the state lists the events as the stream will hold them.
 */
export function decideAndEvolve(
  command: HouseholdCommand,
  state: HouseholdState,
  context: DecisionContext,
  identify: (event: HouseholdEvent, index: number) => RecordedHouseholdEvent,
): Decision {
  const events = eventsFor(command, state).map(identify);
  return { events, state: checkAndEvolve(state, events, context) };
}

/** Checks each event against the household as the events before it left it; returns the household after the last. */
function checkAndEvolve(state: HouseholdState, events: readonly RecordedHouseholdEvent[], context: DecisionContext): HouseholdState {
  const businessDates = businessDateRange(context.businessDatesFrom);
  let current = state;
  for (const event of events) {
    checkDateRanges(event, businessDates);
    checkNotAboutErasedMember(current, event);
    if (isCorrection(event)) {
      current = checkedCorrection(current, event, context);
    } else {
      checkFact(current, event, context.today);
      current = evolveFact(current, event);
    }
  }
  return current;
}

function eventsFor(command: HouseholdCommand, state: HouseholdState): HouseholdEvent[] {
  const on = command.occurredOn;
  switch (command.type) {
    case 'RegisterHousehold': {
      checkRegistration(command);
      const { householdId, municipality, team, residences, members } = command;
      return [{ type: 'HouseholdRegistered', occurredOn: on, data: { householdId, municipality, team, residences, members } }];
    }
    case 'AddMember':
      return [{ type: 'MemberAdded', occurredOn: on, data: { member: command.member } }];
    case 'RecordMemberLeft':
      return [{ type: 'MemberLeft', occurredOn: on, data: { memberId: command.memberId } }];
    case 'ErasePersonalData':
      return [{ type: 'PersonalDataErased', occurredOn: on, data: { memberId: command.memberId } }];
    case 'AssignCoordinator':
      return [{ type: 'CoordinatorAssigned', occurredOn: on, data: { coordinatorId: command.coordinatorId, name: command.name } }];
    case 'SetPlan':
      return state.plan === undefined
        ? [{ type: 'PlanAgreed', occurredOn: on, data: { planVersion: 1, goals: command.goals } }]
        : [{ type: 'PlanRevised', occurredOn: on, data: { planVersion: state.plan.version + 1, goals: command.goals } }];
    case 'OpenTrajectory': {
      const { type: _type, occurredOn: _on, ...data } = command;
      return [{ type: 'TrajectoryOpened', occurredOn: on, data }];
    }
    case 'RecordIntake':
      return [{ type: 'IntakeHeld', occurredOn: on, data: { trajectoryId: command.trajectoryId } }];
    case 'CompleteTriage':
      return [
        { type: 'TriageCompleted', occurredOn: on, data: { trajectoryId: command.trajectoryId, level: command.level, route: command.route } },
      ];
    case 'RequestExploratoryConversation':
      return [
        {
          type: 'ExploratoryConversationRequested',
          occurredOn: on,
          data: withoutUndefined({ trajectoryId: command.trajectoryId, ggzWaitlistSince: command.ggzWaitlistSince }),
        },
      ];
    case 'RecordExploratoryConversationHeld':
      return [
        { type: 'ExploratoryConversationHeld', occurredOn: on, data: { trajectoryId: command.trajectoryId, outcome: command.outcome } },
      ];
    case 'MakeReferral': {
      const { type: _type, occurredOn: _on, ...data } = command;
      return [{ type: 'ReferralMade', occurredOn: on, data: withoutUndefined(data) }];
    }
    case 'AcceptReferral':
      return [{ type: 'ReferralAccepted', occurredOn: on, data: referralIds(command) }];
    case 'DeclineReferral':
      return [{ type: 'ReferralDeclined', occurredOn: on, data: { ...referralIds(command), reason: command.reason } }];
    case 'WithdrawReferral':
      return [{ type: 'ReferralWithdrawn', occurredOn: on, data: { ...referralIds(command), reason: command.reason } }];
    case 'StartCare':
      return [{ type: 'CareStarted', occurredOn: on, data: referralIds(command) }];
    case 'EndCare':
      return [{ type: 'CareEnded', occurredOn: on, data: { ...referralIds(command), reasonCode: command.reasonCode } }];
    case 'ChangeSupportLevel': {
      const trajectory = findTrajectory(state, command.trajectoryId);
      const fromLevel = trajectory?.level;
      if (trajectory !== undefined && fromLevel === undefined) {
        throw new DomainError('triage-required', 'The support level is set by the triage first');
      }
      if (fromLevel === command.toLevel) throw new DomainError('level-unchanged', `The support level is already ${fromLevel}`);
      const data = { trajectoryId: command.trajectoryId, fromLevel: fromLevel ?? command.toLevel, toLevel: command.toLevel, reason: command.reason };
      return [{ type: fromLevel === undefined || SUPPORT_LEVELS.indexOf(fromLevel) < SUPPORT_LEVELS.indexOf(command.toLevel) ? 'SupportScaledUp' : 'SupportScaledDown', occurredOn: on, data }];
    }
    case 'StartWaakvlam':
      return [
        { type: 'WaakvlamStarted', occurredOn: on, data: { trajectoryId: command.trajectoryId, contactIntervalDays: command.contactIntervalDays } },
      ];
    case 'RecordWaakvlamContact':
      return [
        {
          type: 'WaakvlamContactRecorded',
          occurredOn: on,
          data: { trajectoryId: command.trajectoryId, mode: command.mode, outcome: command.outcome },
        },
      ];
    case 'EndWaakvlam':
      return [{ type: 'WaakvlamEnded', occurredOn: on, data: { trajectoryId: command.trajectoryId } }];
    case 'EstablishPip': {
      const pip = findTrajectory(state, command.trajectoryId)?.pip;
      if (pip === undefined) {
        return [{ type: 'PipEstablished', occurredOn: on, data: { trajectoryId: command.trajectoryId, route: command.route } }];
      }
      if (pip.route === command.route) throw new DomainError('pip-unchanged', `The PIP already has route ${pip.route}`);
      return [{ type: 'PipAmended', occurredOn: on, data: { trajectoryId: command.trajectoryId, route: command.route } }];
    }
    case 'StartLearningRoute': {
      const { languageStartDate, participationStartDate } = command;
      const startedOn = compareBusinessDates(languageStartDate, participationStartDate) <= 0 ? languageStartDate : participationStartDate;
      return [
        {
          type: 'LearningRouteStarted',
          occurredOn: startedOn,
          data: { trajectoryId: command.trajectoryId, languageStartDate, participationStartDate },
        },
      ];
    }
    case 'SuspendClock': {
      const { trajectoryId, suspensionId, from, to, reasonCode, normIds } = command;
      return [{ type: 'ClockSuspended', occurredOn: from, data: withoutUndefined({ trajectoryId, suspensionId, from, to, reasonCode, normIds }) }];
    }
    case 'CloseTrajectory':
      return [{ type: 'TrajectoryClosed', occurredOn: on, data: { trajectoryId: command.trajectoryId, reason: command.reason } }];
    case 'RestrictTrajectory':
      return [
        {
          type: 'TrajectoryRestricted',
          occurredOn: on,
          data: { trajectoryId: command.trajectoryId, reason: command.reason, grantedTo: [command.restrictedBy] },
        },
      ];
    case 'GrantTrajectoryAccess':
      return [{ type: 'TrajectoryAccessGranted', occurredOn: on, data: { trajectoryId: command.trajectoryId, consultantId: command.consultantId } }];
    case 'ReopenTrajectory':
      return [{ type: 'TrajectoryReopened', occurredOn: on, data: { trajectoryId: command.trajectoryId, reason: command.reason } }];
    case 'CorrectEventDate': {
      const target = correctableEvent(state, command.eventId);
      if (target.type === 'LearningRouteStarted' || target.type === 'ClockSuspended') {
        // Its date follows from dates in its data (the earlier of two start dates, the first day of a suspension), which a
        // date correction would leave behind: withdraw and record it again.
        throw new DomainError('event-not-correctable', `The date of a ${target.type} follows from the dates it holds; withdraw it and record it again`);
      }
      if (target.occurredOn === command.correctedOccurredOn) {
        throw new DomainError('correction-unchanged', `Event ${command.eventId} is already dated ${command.correctedOccurredOn}`);
      }
      return [
        {
          type: 'EventCorrected',
          occurredOn: on,
          data: { correctedEventId: target.eventId, correctedType: target.type, occurredOn: command.correctedOccurredOn, reason: command.reason },
        },
      ];
    }
    case 'WithdrawEvent': {
      const target = correctableEvent(state, command.eventId);
      return [
        {
          type: 'EventWithdrawn',
          occurredOn: on,
          data: { withdrawnEventId: target.eventId, withdrawnType: target.type, reason: command.reason },
        },
      ];
    }
  }
}

function checkRegistration(command: RegisterHousehold): void {
  const residenceIds = new Set(command.residences.map((r) => r.residenceId));
  const memberIds = new Set<string>();
  const bsns = new Set<string>();
  for (const member of command.members) {
    if (memberIds.has(member.memberId)) throw new DomainError('member-already-present', `Member ${member.memberId} is listed twice`);
    memberIds.add(member.memberId);
    if (member.bsn !== undefined) {
      if (bsns.has(member.bsn)) throw new DomainError('duplicate-bsn', 'Two members have the same BSN');
      bsns.add(member.bsn);
    }
    const unknown = member.residenceIds.filter((id) => !residenceIds.has(id));
    if (unknown.length > 0) throw new DomainError('unknown-residence', `Unknown residence: ${unknown.join(', ')}`);
  }
}

function correctableEvent(state: HouseholdState, eventId: string): RecordedHouseholdEvent {
  // Checked here, before the target is looked up: an unregistered household has no events, and would answer event-not-found.
  if (!state.registered) throw new DomainError('household-not-found', 'The household is not registered');
  const target = state.effectiveEvents.find((e) => e.eventId === eventId);
  if (target === undefined) {
    if (state.corrections.some((c) => c.kind === 'withdrawn' && c.targetEventId === eventId)) {
      throw new DomainError('event-already-withdrawn', `Event ${eventId} was withdrawn`);
    }
    if (state.corrections.some((c) => c.eventId === eventId)) {
      throw new DomainError('event-not-correctable', `Event ${eventId} is itself a correction`);
    }
    throw new DomainError('event-not-found', `No event ${eventId} in this household`);
  }
  if (!isCorrectable(target.type)) throw new DomainError('event-not-correctable', `A ${target.type} cannot be corrected`);
  return target;
}

/**
 * A correction changes the past, so the whole corrected history must still keep every rule. Returns the household
 * after the correction, from the replay that checked it.
 */
function checkedCorrection(state: HouseholdState, correction: CorrectionEvent & { eventId: string }, context: DecisionContext): HouseholdState {
  if (!state.registered) throw new DomainError('household-not-found', 'The household is not registered');
  // The day the correction is made is a business date like any other: it may not lie after today.
  if (compareBusinessDates(correction.occurredOn, context.today) > 0) {
    throw new DomainError('date-in-future', `${correction.type} is dated ${correction.occurredOn}, after today (${context.today})`);
  }
  const corrected = applyCorrection(state.effectiveEvents, correction);
  let replay = initialHouseholdState();
  for (const fact of corrected) {
    try {
      checkFact(replay, fact, context.today);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      throw new DomainError(
        'correction-conflicts-with-history',
        `After this correction, event ${fact.eventId} (${fact.type}) would break a rule: ${error.code} — ${error.message}`,
      );
    }
    replay = applyFact(replay, fact);
  }
  return evolveCorrection(state, correction, corrected, replay);
}

function referralIds(command: { trajectoryId: string; referralId: string }) {
  return { trajectoryId: command.trajectoryId, referralId: command.referralId };
}

/** Optional fields are left out rather than stored as undefined, so a stored event reads back exactly. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
