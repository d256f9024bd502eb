import { BusinessDate } from '../calendar/business-date';
import { MemberDetails, Organisation, PlanGoal, Residence } from './household-events';
import {
  CareEndReason,
  ClosureReason,
  ExploratoryConversationOutcome,
  LegalBasis,
  LifeDomain,
  MeldingChannel,
  MeldingSource,
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
 * What a consultant (or a provider, for its referrals) asks the household to do. Ids of new things (members,
 * trajectories, referrals) come with the command, so that `decide` stays pure and a retried command is the same
 * command.
 */
type Command<Type extends string, Data> = { type: Type; occurredOn: BusinessDate } & Data;
type TrajectoryCommand<Type extends string, Data = object> = Command<Type, { trajectoryId: string } & Data>;
type ReferralCommand<Type extends string, Data = object> = TrajectoryCommand<Type, { referralId: string } & Data>;

export type RegisterHousehold = Command<
  'RegisterHousehold',
  { householdId: string; municipality: string; team: string; residences: Residence[]; members: MemberDetails[] }
>;
export type AddMember = Command<'AddMember', { member: MemberDetails }>;
export type RecordMemberLeft = Command<'RecordMemberLeft', { memberId: string }>;
/** An administrator erases a person's data on request; `occurredOn` is the day of the erasure. */
export type ErasePersonalData = Command<'ErasePersonalData', { memberId: string }>;
export type AssignCoordinator = Command<'AssignCoordinator', { coordinatorId: string; name: string }>;
/** Agrees the plan the first time, revises it after: either way the goals given are the whole plan. */
export type SetPlan = Command<'SetPlan', { goals: PlanGoal[] }>;
export type OpenTrajectory = TrajectoryCommand<
  'OpenTrajectory',
  {
    memberId: string;
    source: MeldingSource;
    channel: MeldingChannel;
    question: string;
    lifeDomains: LifeDomain[];
    legalBasis: LegalBasis;
  }
>;
export type RecordIntake = TrajectoryCommand<'RecordIntake'>;
export type CompleteTriage = TrajectoryCommand<'CompleteTriage', { level: SupportLevel; route: TriageRoute }>;
export type RequestExploratoryConversation = TrajectoryCommand<'RequestExploratoryConversation', { ggzWaitlistSince?: BusinessDate }>;
export type RecordExploratoryConversationHeld = TrajectoryCommand<
  'RecordExploratoryConversationHeld',
  { outcome: ExploratoryConversationOutcome }
>;
export type MakeReferral = ReferralCommand<
  'MakeReferral',
  {
    organisation: Organisation;
    category: ReferralCategory;
    productCode?: string;
    warmHandover: boolean;
    referrerRole: ReferrerRole;
  }
>;
export type AcceptReferral = ReferralCommand<'AcceptReferral'>;
export type DeclineReferral = ReferralCommand<'DeclineReferral', { reason: string }>;
export type WithdrawReferral = ReferralCommand<'WithdrawReferral', { reason: string }>;
export type StartCare = ReferralCommand<'StartCare'>;
export type EndCare = ReferralCommand<'EndCare', { reasonCode: CareEndReason }>;
/** Op- or afschaling: the direction follows from the current level. */
export type ChangeSupportLevel = TrajectoryCommand<'ChangeSupportLevel', { toLevel: SupportLevel; reason: string }>;
export type StartWaakvlam = TrajectoryCommand<'StartWaakvlam', { contactIntervalDays: number }>;
export type RecordWaakvlamContact = TrajectoryCommand<
  'RecordWaakvlamContact',
  { mode: WaakvlamContactMode; outcome: WaakvlamContactOutcome }
>;
export type EndWaakvlam = TrajectoryCommand<'EndWaakvlam'>;
/** Establishes the PIP the first time; a later call with another route amends it without restarting the clock. */
export type EstablishPip = TrajectoryCommand<'EstablishPip', { route: PipRoute }>;
/** `occurredOn` is ignored: the route starts on the earlier of its two dates. */
export type StartLearningRoute = TrajectoryCommand<
  'StartLearningRoute',
  { languageStartDate: BusinessDate; participationStartDate: BusinessDate }
>;
export type CloseTrajectory = TrajectoryCommand<'CloseTrajectory', { reason: ClosureReason }>;
export type ReopenTrajectory = TrajectoryCommand<'ReopenTrajectory', { reason: string }>;
/** `occurredOn` is ignored: the suspension is dated on its first day, `from`. `to` is its last day (included). */
export type SuspendClock = TrajectoryCommand<
  'SuspendClock',
  { suspensionId: string; from: BusinessDate; to: BusinessDate; reasonCode: SuspensionReason; normIds?: string[] }
>;
/** `restrictedBy` is the consultant restricting it: they keep access. */
export type RestrictTrajectory = TrajectoryCommand<'RestrictTrajectory', { reason: RestrictionReason; restrictedBy: string }>;
export type GrantTrajectoryAccess = TrajectoryCommand<'GrantTrajectoryAccess', { consultantId: string }>;
/** `occurredOn` is the day the correction is made; `correctedOccurredOn` the date the earlier event should have had. */
export type CorrectEventDate = Command<'CorrectEventDate', { eventId: string; correctedOccurredOn: BusinessDate; reason: string }>;
export type WithdrawEvent = Command<'WithdrawEvent', { eventId: string; reason: string }>;

export type HouseholdCommand =
  | RegisterHousehold
  | AddMember
  | RecordMemberLeft
  | ErasePersonalData
  | AssignCoordinator
  | SetPlan
  | OpenTrajectory
  | RecordIntake
  | CompleteTriage
  | RequestExploratoryConversation
  | RecordExploratoryConversationHeld
  | MakeReferral
  | AcceptReferral
  | DeclineReferral
  | WithdrawReferral
  | StartCare
  | EndCare
  | ChangeSupportLevel
  | StartWaakvlam
  | RecordWaakvlamContact
  | EndWaakvlam
  | EstablishPip
  | StartLearningRoute
  | CloseTrajectory
  | ReopenTrajectory
  | SuspendClock
  | RestrictTrajectory
  | GrantTrajectoryAccess
  | CorrectEventDate
  | WithdrawEvent;

/** What `decide` needs from outside besides the state: today's date, so that "not in the future" is pure. */
export interface DecisionContext {
  today: BusinessDate;
  /**
   * The first business date the deployment records (BUSINESS_DATES_FROM); DEFAULT_BUSINESS_DATES_FROM when absent.
   * See calendar/date-range.ts.
   */
  businessDatesFrom?: BusinessDate;
}
