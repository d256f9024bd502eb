import { BusinessDate } from '../calendar/business-date';
import { MemberDetails, Organisation, PlanGoal, RecordedHouseholdEvent, Residence } from './household-events';
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

/** A household as its events say it is now. Plain data (no classes, no Maps) so it serialises as it is. */
export interface HouseholdState {
  registered: boolean;
  householdId: string;
  municipality: string;
  team: string;
  registeredOn: BusinessDate;
  residences: Residence[];
  members: Member[];
  coordinator?: Coordinator;
  plan?: Plan;
  trajectories: Trajectory[];
  /** Corrections and withdrawals recorded, in order. */
  corrections: CorrectionRecord[];
  /**
   * The facts as they now stand: every event in stream order, withdrawn ones left out and corrected dates put right.
   * The rest of the state is a fold of this list, which is what lets a correction change the past.
   */
  effectiveEvents: RecordedHouseholdEvent[];
}

export interface Member extends MemberDetails {
  status: 'active' | 'left';
  joinedOn: BusinessDate;
  leftOn?: BusinessDate;
  /** The day the member's personal data was erased; their names, birth date and BSN then read {@link ERASED}. */
  erasedOn?: BusinessDate;
}

/** What an erased person's name, birth date or free text reads as, once their data key is gone. */
export const ERASED = '[erased]';

export interface Coordinator {
  coordinatorId: string;
  name: string;
  since: BusinessDate;
}

export interface Plan {
  version: number;
  agreedOn: BusinessDate;
  revisedOn?: BusinessDate;
  goals: PlanGoal[];
}

export interface Trajectory {
  trajectoryId: string;
  memberId: string;
  legalBasis: LegalBasis;
  source: MeldingSource;
  channel: MeldingChannel;
  question: string;
  lifeDomains: LifeDomain[];
  /** The melding date: start of every melding-based waiting time. */
  openedOn: BusinessDate;
  status: 'open' | 'closed';
  /** Current support level; absent until the triage sets one. */
  level?: SupportLevel;
  intakeOn?: BusinessDate;
  triage?: { completedOn: BusinessDate; level: SupportLevel; route: TriageRoute };
  exploratoryConversation?: {
    requestedOn: BusinessDate;
    ggzWaitlistSince?: BusinessDate;
    heldOn?: BusinessDate;
    outcome?: ExploratoryConversationOutcome;
  };
  referrals: Referral[];
  levelChanges: LevelChange[];
  waakvlamPeriods: WaakvlamPeriod[];
  pip?: { establishedOn: BusinessDate; route: PipRoute; amendedOn?: BusinessDate };
  learningRoute?: { startedOn: BusinessDate; languageStartDate: BusinessDate; participationStartDate: BusinessDate };
  closedOn?: BusinessDate;
  closureReason?: ClosureReason;
  reopenings: { reopenedOn: BusinessDate; reason: string }[];
  /**
   * The suspensions of its clock, in the order recorded. Absent until the first: households folded before suspensions
   * existed are stored without it (rm_households), and read back as they were.
   */
  suspensions?: ClockSuspension[];
  /** Present when the details are kept to the casusregisseur and these consultants. */
  restriction?: { reason: RestrictionReason; since: BusinessDate; grantedTo: string[] };
  /**
   * The latest business date of any step of this trajectory: the date a closure may not precede. Other steps are
   * checked only against the dates they follow from (an acceptance against its referral, a care end against the start
   * of care, …), so a report dated before the last step (a provider's late news, say) can still be recorded.
   */
  lastStepOn: BusinessDate;
}

export type ReferralStatus = 'made' | 'accepted' | 'declined' | 'withdrawn' | 'in-care' | 'care-ended';

export interface Referral {
  referralId: string;
  madeOn: BusinessDate;
  organisation: Organisation;
  category: ReferralCategory;
  productCode?: string;
  warmHandover: boolean;
  referrerRole: ReferrerRole;
  status: ReferralStatus;
  acceptedOn?: BusinessDate;
  declinedOn?: BusinessDate;
  declineReason?: string;
  withdrawnOn?: BusinessDate;
  withdrawalReason?: string;
  careStartedOn?: BusinessDate;
  careEndedOn?: BusinessDate;
  careEndReason?: CareEndReason;
}

export interface LevelChange {
  changedOn: BusinessDate;
  direction: 'up' | 'down';
  fromLevel: SupportLevel;
  toLevel: SupportLevel;
  reason: string;
}

export interface WaakvlamPeriod {
  startedOn: BusinessDate;
  contactIntervalDays: number;
  endedOn?: BusinessDate;
  contacts: { contactOn: BusinessDate; mode: WaakvlamContactMode; outcome: WaakvlamContactOutcome }[];
}

/** A period in which the trajectory's clock stood (or stands) still: `from` and `to` both included. */
export interface ClockSuspension {
  suspensionId: string;
  from: BusinessDate;
  to: BusinessDate;
  reasonCode: SuspensionReason;
  /** The norms it suspends; absent: every norm whose clock may be suspended. */
  normIds?: string[];
}

export interface CorrectionRecord {
  eventId: string;
  kind: 'corrected' | 'withdrawn';
  targetEventId: string;
  targetType: string;
  recordedOn: BusinessDate;
  reason: string;
  correctedOccurredOn?: BusinessDate;
  /** What the corrected event belonged to: a correction is kept to those who may see the event it corrects. */
  compartments: Compartment[];
}

/**
 * A part of a household's file kept to the people involved: a (restricted) trajectory, or a restriction category of
 * one member for plan goals without a trajectory. See trajectory-access.ts for who may open which.
 */
export type Compartment = { trajectoryId: string } | { memberId: string; restrictionCategory: RestrictionReason };

export const initialHouseholdState = (): HouseholdState => ({
  registered: false,
  householdId: '',
  municipality: '',
  team: '',
  registeredOn: '',
  residences: [],
  members: [],
  trajectories: [],
  corrections: [],
  effectiveEvents: [],
});

export function findTrajectory(state: HouseholdState, trajectoryId: string): Trajectory | undefined {
  return state.trajectories.find((t) => t.trajectoryId === trajectoryId);
}

export function findMember(state: HouseholdState, memberId: string): Member | undefined {
  return state.members.find((m) => m.memberId === memberId);
}

export function findReferral(trajectory: Trajectory, referralId: string): Referral | undefined {
  return trajectory.referrals.find((r) => r.referralId === referralId);
}

export function activeWaakvlam(trajectory: Trajectory): WaakvlamPeriod | undefined {
  const last = trajectory.waakvlamPeriods[trajectory.waakvlamPeriods.length - 1];
  return last !== undefined && last.endedOn === undefined ? last : undefined;
}

