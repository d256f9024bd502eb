import { BusinessDate } from '../calendar/business-date';
import {
  CareEndReason,
  ClosureReason,
  ExploratoryConversationOutcome,
  LegalBasis,
  LifeDomain,
  MeldingChannel,
  MeldingSource,
  MemberRole,
  PipRoute,
  ReferralCategory,
  ReferrerRole,
  RestrictionReason,
  SupportLevel,
  SuspensionReason,
  TriageRoute,
  WaakvlamContactMode,
  WaakvlamContactOutcome,
} from './vocabulary';

/**
 * Every fact about a household, in stream `household-<uuid>`. `occurredOn` is the business date the fact happened
 * (what the KPIs count), not when it was typed in. Payloads hold ids and facts; who recorded an event and when
 * travels in the envelope (see household-envelope.ts).
 *
 * An event type, once stored, is never changed: a new shape gets a new schema version and an upcaster.
 */
export const HOUSEHOLD_EVENT_SCHEMA_VERSION = 1;

export interface PersonDetails {
  givenName: string;
  familyName: string;
  birthDate: BusinessDate;
  /** Burgerservicenummer, when known; 9 digits passing the elfproef. */
  bsn?: string;
}

export interface MemberDetails extends PersonDetails {
  memberId: string;
  role: MemberRole;
  /** The residences (huishoudens) the member lives in; a child in co-parenting lives in two. */
  residenceIds: string[];
}

export interface Residence {
  residenceId: string;
  /** A short name the team uses, e.g. "adres moeder". */
  label?: string;
  postcode?: string;
  houseNumber?: string;
}

export interface PlanGoal {
  memberId: string;
  lifeDomain: LifeDomain;
  description: string;
  /** The trajectory the goal belongs to: a goal of a restricted trajectory is kept to those who may open it. */
  trajectoryId?: string;
  /**
   * A restriction category (a GGZ or debt goal) without a trajectory of its own: kept to the casusregisseur and to
   * those let into a restricted trajectory of the same member for the same reason.
   */
  restrictionCategory?: RestrictionReason;
}

export interface Organisation {
  /** AGB code (8 digits) of a care provider; absent for organisations of the sociale basis without one. */
  agbCode?: string;
  name: string;
}

type Event<Type extends string, Data> = { type: Type; occurredOn: BusinessDate; data: Data };

export type HouseholdRegistered = Event<
  'HouseholdRegistered',
  { householdId: string; municipality: string; team: string; residences: Residence[]; members: MemberDetails[] }
>;
export type MemberAdded = Event<'MemberAdded', { member: MemberDetails }>;
export type MemberLeft = Event<'MemberLeft', { memberId: string }>;
export type CoordinatorAssigned = Event<'CoordinatorAssigned', { coordinatorId: string; name: string }>;
export type PlanAgreed = Event<'PlanAgreed', { planVersion: 1; goals: PlanGoal[] }>;
export type PlanRevised = Event<'PlanRevised', { planVersion: number; goals: PlanGoal[] }>;

/** The melding: one support question of one member, the start of a trajectory and of its waiting-time clocks. */
export type TrajectoryOpened = Event<
  'TrajectoryOpened',
  {
    trajectoryId: string;
    memberId: string;
    source: MeldingSource;
    channel: MeldingChannel;
    question: string;
    lifeDomains: LifeDomain[];
    legalBasis: LegalBasis;
  }
>;
export type IntakeHeld = Event<'IntakeHeld', { trajectoryId: string }>;
export type TriageCompleted = Event<'TriageCompleted', { trajectoryId: string; level: SupportLevel; route: TriageRoute }>;
export type ExploratoryConversationRequested = Event<
  'ExploratoryConversationRequested',
  { trajectoryId: string; ggzWaitlistSince?: BusinessDate }
>;
export type ExploratoryConversationHeld = Event<
  'ExploratoryConversationHeld',
  { trajectoryId: string; outcome: ExploratoryConversationOutcome }
>;
export type ReferralMade = Event<
  'ReferralMade',
  {
    trajectoryId: string;
    referralId: string;
    organisation: Organisation;
    category: ReferralCategory;
    productCode?: string;
    warmHandover: boolean;
    referrerRole: ReferrerRole;
  }
>;
export type ReferralAccepted = Event<'ReferralAccepted', { trajectoryId: string; referralId: string }>;
export type ReferralDeclined = Event<'ReferralDeclined', { trajectoryId: string; referralId: string; reason: string }>;
export type ReferralWithdrawn = Event<'ReferralWithdrawn', { trajectoryId: string; referralId: string; reason: string }>;
export type CareStarted = Event<'CareStarted', { trajectoryId: string; referralId: string }>;
export type CareEnded = Event<'CareEnded', { trajectoryId: string; referralId: string; reasonCode: CareEndReason }>;
export type SupportScaledUp = Event<
  'SupportScaledUp',
  { trajectoryId: string; fromLevel: SupportLevel; toLevel: SupportLevel; reason: string }
>;
export type SupportScaledDown = Event<
  'SupportScaledDown',
  { trajectoryId: string; fromLevel: SupportLevel; toLevel: SupportLevel; reason: string }
>;
export type WaakvlamStarted = Event<'WaakvlamStarted', { trajectoryId: string; contactIntervalDays: number }>;
export type WaakvlamContactRecorded = Event<
  'WaakvlamContactRecorded',
  { trajectoryId: string; mode: WaakvlamContactMode; outcome: WaakvlamContactOutcome }
>;
export type WaakvlamEnded = Event<'WaakvlamEnded', { trajectoryId: string }>;
/** *PIP vastgesteld*: starts the two-month clock to the learning route (K1). */
export type PipEstablished = Event<'PipEstablished', { trajectoryId: string; route: PipRoute }>;
/** *PIP gewijzigd*: does not restart the clock (boundary case B6). */
export type PipAmended = Event<'PipAmended', { trajectoryId: string; route: PipRoute }>;
/** `occurredOn` is the earlier of the two start dates; both are kept for the strict reading of K1. */
export type LearningRouteStarted = Event<
  'LearningRouteStarted',
  { trajectoryId: string; languageStartDate: BusinessDate; participationStartDate: BusinessDate }
>;
export type TrajectoryClosed = Event<'TrajectoryClosed', { trajectoryId: string; reason: ClosureReason }>;
export type TrajectoryReopened = Event<'TrajectoryReopened', { trajectoryId: string; reason: string }>;
/**
 * From now on the trajectory's details are visible only to the casusregisseur and the consultants named here (the
 * one who restricted it first). Its existence and dates still count in every figure.
 */
export type TrajectoryRestricted = Event<'TrajectoryRestricted', { trajectoryId: string; reason: RestrictionReason; grantedTo: string[] }>;
/**
 * The trajectory's clock stands still from `from` to `to` (both included; `to` may be the expected last day, as ZGW's
 * opschorting has an expected duration): norms whose clock may be suspended (NormDefinition.suspendable) move their
 * deadline by the suspended days (norm-items.ts). `normIds` limits it to those norms; absent, it suspends every one.
 * `occurredOn` is `from`, the day the clock stopped.
 */
export type ClockSuspended = Event<
  'ClockSuspended',
  { trajectoryId: string; suspensionId: string; from: BusinessDate; to: BusinessDate; reasonCode: SuspensionReason; normIds?: string[] }
>;
/** Another consultant is let into a restricted trajectory. */
export type TrajectoryAccessGranted = Event<'TrajectoryAccessGranted', { trajectoryId: string; consultantId: string }>;

/**
 * A person's data is erased on request (AVG art. 17): their data key is destroyed, so every name, BSN, birth date and
 * free text about them in earlier events can no longer be read. The facts (dates, steps) stay and keep counting.
 */
export type PersonalDataErased = Event<'PersonalDataErased', { memberId: string }>;

/** Puts right the business date of an earlier event. The earlier event stays in the stream, unchanged. */
export type EventCorrected = Event<
  'EventCorrected',
  { correctedEventId: string; correctedType: string; occurredOn: BusinessDate; reason: string }
>;
/** Takes an earlier event back (entered twice, entered in error). It no longer counts anywhere. */
export type EventWithdrawn = Event<'EventWithdrawn', { withdrawnEventId: string; withdrawnType: string; reason: string }>;

export type HouseholdEvent =
  | HouseholdRegistered
  | MemberAdded
  | MemberLeft
  | CoordinatorAssigned
  | PlanAgreed
  | PlanRevised
  | TrajectoryOpened
  | IntakeHeld
  | TriageCompleted
  | ExploratoryConversationRequested
  | ExploratoryConversationHeld
  | ReferralMade
  | ReferralAccepted
  | ReferralDeclined
  | ReferralWithdrawn
  | CareStarted
  | CareEnded
  | SupportScaledUp
  | SupportScaledDown
  | WaakvlamStarted
  | WaakvlamContactRecorded
  | WaakvlamEnded
  | PipEstablished
  | PipAmended
  | LearningRouteStarted
  | TrajectoryClosed
  | TrajectoryReopened
  | ClockSuspended
  | TrajectoryRestricted
  | TrajectoryAccessGranted
  | PersonalDataErased
  | EventCorrected
  | EventWithdrawn;

export type HouseholdEventType = HouseholdEvent['type'];

/**
 * A household event as stored: with the id that corrections refer to, and (when read from the store) `recordedOn`,
 * the Dutch business date on which it was recorded (reported), as opposed to `occurredOn`, when it happened. A
 * date correction changes occurredOn only; recordedOn stays that of the original event.
 */
export type RecordedHouseholdEvent = HouseholdEvent & { eventId: string; recordedOn?: BusinessDate };

export type CorrectionEvent = EventCorrected | EventWithdrawn;

export function isCorrection(event: HouseholdEvent): event is CorrectionEvent {
  return event.type === 'EventCorrected' || event.type === 'EventWithdrawn';
}

/**
 * Events that may be corrected or withdrawn: everything but the registration, the corrections themselves and an
 * erasure (a destroyed key cannot be brought back, so neither can the erasure).
 */
export function isCorrectable(type: string): boolean {
  return type !== 'HouseholdRegistered' && type !== 'EventCorrected' && type !== 'EventWithdrawn' && type !== 'PersonalDataErased';
}

/** The trajectory an event belongs to, if any. */
export function trajectoryIdOf(event: { data: unknown }): string | undefined {
  const data = event.data as { trajectoryId?: unknown };
  return typeof data.trajectoryId === 'string' ? data.trajectoryId : undefined;
}
