import type { CareEndReason, ClosureReason, ExploratoryConversationOutcome, LegalBasis, LifeDomain, MeldingChannel, MeldingSource, PipRoute, ReferralCategory, ReferrerRole, RestrictionReason, SupportLevel, SuspensionReason, TriageRoute, WaakvlamContactMode, WaakvlamContactOutcome } from '@casusregie/domain';
import {
  CARE_END_REASON_CODES,
  CLOSURE_REASONS,
  EXPLORATORY_CONVERSATION_OUTCOMES,
  LEGAL_BASES,
  LIFE_DOMAINS,
  MELDING_CHANNELS,
  MELDING_SOURCES,
  PIP_ROUTES,
  REFERRAL_CATEGORIES,
  RESTRICTION_REASONS,
  REFERRER_ROLES,
  SHIPPED_NORMS,
  SUPPORT_LEVELS,
  SUSPENSION_REASONS,
  TRIAGE_ROUTES,
  WAAKVLAM_CONTACT_MODES,
  WAAKVLAM_CONTACT_OUTCOMES,
} from '@casusregie/domain';
import {
  BooleanField,
  BusinessDateField,
  EnumField,
  EnumListField,
  IntegerField,
  NestedField,
  PatternField,
  TextField,
  UuidField,
} from '../../validation/fields';
import { DatedRequest } from './household.requests';

/** The melding: opens a trajectory for one member. */
export class OpenTrajectoryRequest extends DatedRequest {
  @UuidField()
  memberId: string;

  @EnumField(MELDING_SOURCES)
  source: MeldingSource;

  @EnumField(MELDING_CHANNELS)
  channel: MeldingChannel;

  @TextField(4000, { description: 'The support question in the words of the inwoner or the melder.' })
  question: string;

  @EnumListField(LIFE_DOMAINS)
  lifeDomains: LifeDomain[];

  @EnumField(LEGAL_BASES)
  legalBasis: LegalBasis;
}

export class TriageRequest extends DatedRequest {
  @EnumField(SUPPORT_LEVELS, { description: 'The support level the triage chooses.' })
  level: SupportLevel;

  @EnumField(TRIAGE_ROUTES, { optional: true, description: 'Defaults to regular.' })
  route?: TriageRoute;
}

export class ExploratoryConversationRequest extends DatedRequest {
  @EnumField(['requested', 'held'], { description: 'Record the request, or that the conversation was held.' })
  status: 'requested' | 'held';

  @BusinessDateField({ optional: true, description: 'With status requested: since when the inwoner is on the GGZ waiting list.' })
  ggzWaitlistSince?: string;

  @EnumField(EXPLORATORY_CONVERSATION_OUTCOMES, { optional: true, description: 'With status held; defaults to referral-follows.' })
  outcome?: ExploratoryConversationOutcome;
}

export class OrganisationRequest {
  @PatternField(/^\d{8}$/, 8, 'must be an AGB code of 8 digits', { optional: true, example: '98765432' })
  agbCode?: string;

  @TextField(200, { example: 'Caleidoz welzijnscoach' })
  name: string;
}

export class ReferralRequest extends DatedRequest {
  @NestedField(() => OrganisationRequest)
  organisation: OrganisationRequest;

  @EnumField(REFERRAL_CATEGORIES)
  category: ReferralCategory;

  @PatternField(/^[A-Za-z0-9]{1,10}$/, 10, 'must be a product code of up to 10 letters or digits', { optional: true })
  productCode?: string;

  @BooleanField({ description: 'Warm handover (a meeting together), or a cold referral.' })
  warmHandover: boolean;

  @EnumField(REFERRER_ROLES, { optional: true, description: 'Who referred; defaults to sociaal-team.' })
  referrerRole?: ReferrerRole;
}

export class ReasonRequest extends DatedRequest {
  @TextField(2000)
  reason: string;
}

export class CareEndRequest extends DatedRequest {
  @EnumField(CARE_END_REASON_CODES, { description: 'iWmo/iJw RedenBeeindiging (WMO588/JZ588).' })
  reasonCode: CareEndReason;
}

export class ScaleChangeRequest extends ReasonRequest {
  @EnumField(SUPPORT_LEVELS)
  toLevel: SupportLevel;
}

export class WaakvlamStartRequest extends DatedRequest {
  @IntegerField(1, 365, { description: 'Days between waakvlam contacts.', example: 42 })
  contactIntervalDays: number;
}

export class WaakvlamContactRequest extends DatedRequest {
  @EnumField(WAAKVLAM_CONTACT_MODES)
  mode: WaakvlamContactMode;

  @EnumField(WAAKVLAM_CONTACT_OUTCOMES)
  outcome: WaakvlamContactOutcome;
}

export class PipRequest extends DatedRequest {
  @EnumField(PIP_ROUTES)
  route: PipRoute;
}

export class LearningRouteRequest {
  @BusinessDateField()
  languageStartDate: string;

  @BusinessDateField()
  participationStartDate: string;
}

export class ClosureRequest extends DatedRequest {
  @EnumField(CLOSURE_REASONS)
  reason: ClosureReason;
}

export class RestrictionRequest extends DatedRequest {
  @EnumField(RESTRICTION_REASONS, { description: 'Safety, debt or GGZ: its details are then kept to those involved.' })
  reason: RestrictionReason;
}

export class AccessGrantRequest extends DatedRequest {
  @TextField(200, { description: 'User id (`sub`) of the consultant to let in.', example: 'consultant-42' })
  consultantId: string;
}

/** The norms whose clock a suspension can stop (NormDefinition.suspendable). */
const SUSPENDABLE_NORM_IDS = SHIPPED_NORMS.filter((norm) => norm.suspendable === true).map((norm) => norm.id);

export class ClockSuspensionRequest {
  @BusinessDateField({ description: 'The first day the clock stands still; not after today, not before the melding.' })
  from: string;

  @BusinessDateField({ description: 'The last day the clock stands still (included); may be the expected last day, still to come.' })
  to: string;

  @EnumField(SUSPENSION_REASONS, { description: 'Why the clock stands still: a code, never free text.' })
  reasonCode: SuspensionReason;

  @EnumListField(SUSPENDABLE_NORM_IDS, { optional: true, description: 'The norms to suspend; every norm that allows suspension when absent.' })
  normIds?: string[];
}

export class CorrectionRequest {
  @EnumField(['date-correction', 'withdrawal'], {
    description: 'Put the date of the event right, or withdraw the event (entered twice, entered in error).',
  })
  kind: 'date-correction' | 'withdrawal';

  @BusinessDateField({ optional: true, description: 'With date-correction: the date the event should have.' })
  correctedDate?: string;

  @TextField(2000)
  reason: string;

  @BusinessDateField({ optional: true, description: 'Day the correction is made; today when absent.' })
  date?: string;
}

export { DatedRequest };
