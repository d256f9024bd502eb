import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { SUSPENSION_REASONS } from '@casusregie/domain';

/** Response bodies, for the OpenAPI document. */
export class VersionResponse {
  @ApiProperty({ description: 'The household version after the change; also in the ETag header.', example: 7 })
  version: number;

  @ApiProperty({ type: String, isArray: true, format: 'uuid', description: 'Ids of the events recorded.' })
  eventIds: string[];
}

export class ErasureResponse extends VersionResponse {
  @ApiProperty({ format: 'uuid' })
  memberId: string;

  @ApiProperty({ format: 'date', description: 'The day of the erasure: from now on the member reads as erased.' })
  erasedOn: string;
}

export class HouseholdCreatedResponse extends VersionResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
}

export class MemberAddedResponse extends VersionResponse {
  @ApiProperty({ format: 'uuid' })
  memberId: string;
}

export class TrajectoryOpenedResponse extends VersionResponse {
  @ApiProperty({ format: 'uuid' })
  trajectoryId: string;
}

export class ReferralMadeResponse extends VersionResponse {
  @ApiProperty({ format: 'uuid' })
  referralId: string;
}

export class ClockSuspendedResponse extends VersionResponse {
  @ApiProperty({ format: 'uuid' })
  suspensionId: string;
}

export class PlanSetResponse extends VersionResponse {
  @ApiProperty({ example: 2 })
  planVersion: number;
}

class ResidenceView {
  @ApiProperty({ format: 'uuid' }) residenceId: string;
  @ApiPropertyOptional() label?: string;
  @ApiPropertyOptional() postcode?: string;
  @ApiPropertyOptional() houseNumber?: string;
}

class MemberView {
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty({ description: 'Whether the member\'s personal data was erased; then names, birth date and BSN are absent.' })
  erased: boolean;
  @ApiPropertyOptional({ format: 'date' }) erasedOn?: string;
  @ApiPropertyOptional() givenName?: string;
  @ApiPropertyOptional() familyName?: string;
  @ApiPropertyOptional({ format: 'date' }) birthDate?: string;
  @ApiProperty() role: string;
  @ApiPropertyOptional() bsn?: string;
  @ApiProperty({ type: String, isArray: true }) residenceIds: string[];
  @ApiProperty({ enum: ['active', 'left'] }) status: string;
  @ApiProperty({ format: 'date' }) joinedOn: string;
  @ApiPropertyOptional({ format: 'date' }) leftOn?: string;
}

class CoordinatorView {
  @ApiProperty() coordinatorId: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'date' }) since: string;
}

class PlanGoalView {
  @ApiPropertyOptional({ description: 'True (and nothing else shown) for a goal kept to the people involved in its trajectory or restriction category.' })
  restricted?: boolean;
  @ApiPropertyOptional({ format: 'uuid' }) memberId?: string;
  @ApiPropertyOptional() lifeDomain?: string;
  @ApiPropertyOptional() description?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The trajectory the goal belongs to.' }) trajectoryId?: string;
  @ApiPropertyOptional({ enum: ['safety', 'debt', 'ggz'] }) restrictionCategory?: string;
}

class PlanView {
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date' }) agreedOn: string;
  @ApiPropertyOptional({ format: 'date' }) revisedOn?: string;
  @ApiProperty({ type: [PlanGoalView] }) goals: PlanGoalView[];
}

class ReferralView {
  @ApiProperty({ format: 'uuid' }) referralId: string;
  @ApiProperty({ format: 'date' }) madeOn: string;
  @ApiProperty({ type: 'object', properties: { agbCode: { type: 'string' }, name: { type: 'string' } } })
  organisation: { agbCode?: string; name: string };
  @ApiProperty() category: string;
  @ApiPropertyOptional() productCode?: string;
  @ApiProperty() warmHandover: boolean;
  @ApiProperty() referrerRole: string;
  @ApiProperty({ enum: ['made', 'accepted', 'declined', 'withdrawn', 'in-care', 'care-ended'] }) status: string;
  @ApiPropertyOptional({ format: 'date' }) acceptedOn?: string;
  @ApiPropertyOptional({ format: 'date' }) declinedOn?: string;
  @ApiPropertyOptional() declineReason?: string;
  @ApiPropertyOptional({ format: 'date' }) withdrawnOn?: string;
  @ApiPropertyOptional() withdrawalReason?: string;
  @ApiPropertyOptional({ format: 'date' }) careStartedOn?: string;
  @ApiPropertyOptional({ format: 'date' }) careEndedOn?: string;
  @ApiPropertyOptional() careEndReason?: string;
}

class LevelChangeView {
  @ApiProperty({ format: 'date' }) changedOn: string;
  @ApiProperty({ enum: ['up', 'down'] }) direction: string;
  @ApiProperty() fromLevel: string;
  @ApiProperty() toLevel: string;
  @ApiProperty() reason: string;
}

class WaakvlamContactView {
  @ApiProperty({ format: 'date' }) contactOn: string;
  @ApiProperty() mode: string;
  @ApiProperty() outcome: string;
}

class WaakvlamPeriodView {
  @ApiProperty({ format: 'date' }) startedOn: string;
  @ApiProperty() contactIntervalDays: number;
  @ApiPropertyOptional({ format: 'date' }) endedOn?: string;
  @ApiProperty({ type: [WaakvlamContactView] }) contacts: WaakvlamContactView[];
}

class WaakvlamView {
  @ApiProperty() active: boolean;
  @ApiProperty({ type: [WaakvlamPeriodView] }) periods: WaakvlamPeriodView[];
}

class ClockSuspensionView {
  @ApiProperty({ format: 'uuid' }) suspensionId: string;
  @ApiProperty({ format: 'date', description: 'The first day the clock stood still.' }) from: string;
  @ApiProperty({ format: 'date', description: 'The last day (included); may be still to come.' }) to: string;
  @ApiProperty({ enum: SUSPENSION_REASONS }) reasonCode: string;
  @ApiPropertyOptional({ type: String, isArray: true, description: 'The norms it suspends; absent: every norm that allows suspension.' }) normIds?: string[];
}

export class TrajectoryView {
  @ApiProperty({ format: 'uuid' }) trajectoryId: string;
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty() legalBasis: string;
  @ApiProperty() source: string;
  @ApiProperty() channel: string;
  @ApiProperty() question: string;
  @ApiProperty({ type: String, isArray: true }) lifeDomains: string[];
  @ApiProperty({ format: 'date', description: 'The melding date.' }) openedOn: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status: string;
  @ApiProperty({ nullable: true, enum: ['L0', 'L1', 'L2', 'L3', 'L4'] }) level: string | null;
  @ApiPropertyOptional({ format: 'date' }) intakeOn?: string;
  @ApiPropertyOptional({ type: 'object', properties: { completedOn: { type: 'string', format: 'date' }, level: { type: 'string' }, route: { type: 'string' } } })
  triage?: object;
  @ApiPropertyOptional({
    type: 'object',
    properties: {
      requestedOn: { type: 'string', format: 'date' },
      ggzWaitlistSince: { type: 'string', format: 'date' },
      heldOn: { type: 'string', format: 'date' },
      outcome: { type: 'string' },
    },
  })
  exploratoryConversation?: object;
  @ApiProperty({ type: [ReferralView] }) referrals: ReferralView[];
  @ApiProperty({ type: [LevelChangeView] }) levelChanges: LevelChangeView[];
  @ApiProperty({ type: WaakvlamView }) waakvlam: WaakvlamView;
  @ApiPropertyOptional({ type: 'object', properties: { establishedOn: { type: 'string', format: 'date' }, route: { type: 'string' }, amendedOn: { type: 'string', format: 'date' } } })
  pip?: object;
  @ApiPropertyOptional({
    type: 'object',
    properties: {
      startedOn: { type: 'string', format: 'date' },
      languageStartDate: { type: 'string', format: 'date' },
      participationStartDate: { type: 'string', format: 'date' },
    },
  })
  learningRoute?: object;
  @ApiPropertyOptional({ format: 'date' }) closedOn?: string;
  @ApiPropertyOptional() closureReason?: string;
  @ApiProperty({ type: 'array', items: { type: 'object', properties: { reopenedOn: { type: 'string', format: 'date' }, reason: { type: 'string' } } } })
  reopenings: object[];
  @ApiProperty({
    type: [ClockSuspensionView],
    description: 'Suspensions of the clock (opschorting), in the order recorded: the norm items show the days they moved the deadline (suspendedDays).',
  })
  suspensions: ClockSuspensionView[];
  @ApiProperty({ description: 'True when its details are kept to the casusregisseur and the consultants let in.' })
  restricted: boolean;
  @ApiPropertyOptional({
    type: 'object',
    properties: { reason: { type: 'string', enum: ['safety', 'debt', 'ggz'] }, since: { type: 'string', format: 'date' }, grantedTo: { type: 'array', items: { type: 'string' } } },
  })
  restriction?: object;
}

export class TrajectoryResponse extends TrajectoryView {}

/** A trajectory the viewer is not let into: that it exists, and nothing else (see trajectory-access.ts). */
export class RestrictedTrajectoryView {
  @ApiProperty({ format: 'uuid' }) trajectoryId: string;
  @ApiProperty({ enum: [true], description: 'Always true: the details are kept to the casusregisseur and the consultants let in.' }) restricted: true;
}

class CorrectionView {
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ enum: ['corrected', 'withdrawn'] }) kind: string;
  @ApiProperty({ format: 'uuid' }) targetEventId: string;
  @ApiProperty() targetType: string;
  @ApiProperty({ format: 'date' }) recordedOn: string;
  @ApiProperty() reason: string;
  @ApiPropertyOptional({ format: 'date' }) correctedOccurredOn?: string;
}

@ApiExtraModels(TrajectoryView, RestrictedTrajectoryView)
export class HouseholdResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Stream version; the ETag.' }) version: number;
  @ApiProperty({ example: 'GM0299' }) municipality: string;
  @ApiProperty() team: string;
  @ApiProperty({ format: 'date' }) registeredOn: string;
  @ApiProperty({ type: [ResidenceView] }) residences: ResidenceView[];
  @ApiProperty({ type: [MemberView] }) members: MemberView[];
  @ApiProperty({ type: CoordinatorView, nullable: true }) coordinator: CoordinatorView | null;
  @ApiProperty({ type: PlanView, nullable: true }) plan: PlanView | null;
  @ApiProperty({
    type: 'array',
    items: { oneOf: [{ $ref: getSchemaPath(TrajectoryView) }, { $ref: getSchemaPath(RestrictedTrajectoryView) }] },
    description: 'Every trajectory; one the viewer is not let into shows only its id and `restricted: true`.',
  })
  trajectories: (TrajectoryView | RestrictedTrajectoryView)[];
  @ApiProperty({ type: [CorrectionView], description: 'Corrections of events the viewer may see.' }) corrections: CorrectionView[];
}

class EventActorView {
  @ApiProperty() id: string;
  @ApiProperty() role: string;
  @ApiPropertyOptional() organisation?: string;
}

export class HouseholdEventView {
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ example: 'TrajectoryOpened' }) type: string;
  @ApiProperty() schemaVersion: number;
  @ApiProperty() streamVersion: number;
  @ApiProperty({ format: 'date' }) occurredOn: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
  @ApiProperty({ type: EventActorView }) actor: EventActorView;
  @ApiProperty() correlationId: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The event’s own data: its fields depend on `type` and `schemaVersion` (the household event catalogue). Not yet a schema per type.',
    example: { trajectoryId: '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0', memberId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', source: 'school', channel: 'phone' },
  })
  data: object;
}

export class HouseholdEventsPage {
  @ApiProperty({
    type: [HouseholdEventView],
    description: 'Events of restricted trajectories the viewer is not involved in, and corrections of them, are left out; plan goals kept to others read `{ restricted: true }`.',
  })
  events: HouseholdEventView[];
  @ApiProperty({ description: 'The household version now.' }) version: number;
  @ApiProperty({ type: Number, nullable: true, description: 'fromVersion of the next page; null at the end.', example: 101 }) nextFromVersion: number | null;
}

class SearchMatchMember {
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty() givenName: string;
  @ApiProperty() familyName: string;
  @ApiProperty({ format: 'date' }) birthDate: string;
}

class SearchMatch {
  @ApiProperty({ format: 'uuid' }) householdId: string;
  @ApiProperty() team: string;
  @ApiProperty({ type: [SearchMatchMember] }) members: SearchMatchMember[];
}

export class SearchHouseholdsResponse {
  @ApiProperty({ type: [SearchMatch] }) results: SearchMatch[];
}
