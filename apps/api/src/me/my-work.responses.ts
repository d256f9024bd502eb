import { ApiProperty } from '@nestjs/swagger';
import { LEGAL_BASES, SUPPORT_LEVELS } from '@casusregie/domain';
import { CASELOAD_SCOPES } from '@casusregie/projections';

/**
 * Response bodies of a consultant's own caseload and worklist. Ids, dates and codes only: no names, BSNs, birth dates
 * or free text, and nothing of a restricted trajectory the consultant is not let into.
 */

/** A norm item still to be met: of the trajectory's norm, with its deadline as of asOf. */
export class MyWorkItemView {
  @ApiProperty({ format: 'uuid' }) householdId: string;
  @ApiProperty({ format: 'uuid' }) trajectoryId: string;
  @ApiProperty({ description: 'The norm (GET /norms lists them); a waakvlam contact due is an item of `waakvlam-contact-due`.', example: 'melding-intake' })
  normId: string;
  @ApiProperty({ description: 'Unique within the norm and household: the trajectory, referral or start event id.' }) itemKey: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) referralId: string | null;
  @ApiProperty({ format: 'date', description: 'When the norm’s clock started.' }) startDate: string;
  @ApiProperty({ format: 'date', description: 'The deadline (for a waakvlam contact: when it is due).' }) deadline: string;
  @ApiProperty({ enum: ['pending', 'late'] }) status: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Pending: days left on the norm’s calendar.', example: 3 }) daysLeft: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Late: days overdue on the norm’s calendar.' }) daysOverdue: number | null;
}

class MyTrajectoryView {
  @ApiProperty({ format: 'uuid' }) trajectoryId: string;
  @ApiProperty({ enum: LEGAL_BASES }) legalBasis: string;
  @ApiProperty({ enum: ['open'], description: 'The caseload lists open trajectories.' }) status: string;
  @ApiProperty({ enum: SUPPORT_LEVELS, nullable: true, description: 'null until the triage sets one.' }) level: string | null;
  @ApiProperty({ description: 'Whether the trajectory is in waakvlam (aftercare monitoring).' }) waakvlamActive: boolean;
}

class MyHouseholdView {
  @ApiProperty({ format: 'uuid' }) householdId: string;
  @ApiProperty({ example: 'T1' }) team: string;
  @ApiProperty({ type: String, nullable: true, description: 'The casusregisseur’s user id; null when none is assigned.', example: 'consultant-1' })
  coordinatorId: string | null;
  @ApiProperty({ description: 'Whether you are its casusregisseur.' }) isCoordinator: boolean;
  @ApiProperty({ enum: SUPPORT_LEVELS, nullable: true, description: 'The highest level of the trajectories listed; null when none has one.' })
  level: string | null;
  @ApiProperty({ type: MyTrajectoryView, isArray: true, description: 'Its open trajectories that you may see, in the order they were opened.' })
  trajectories: MyTrajectoryView[];
  @ApiProperty({ type: MyWorkItemView, nullable: true, description: 'The first item of those trajectories still to be met (soonest deadline); null when none.' })
  nextDeadline: MyWorkItemView | null;
}

export class MyCaseloadPage {
  @ApiProperty({ format: 'date', description: 'Today: the day the next deadlines are judged on.' }) asOf: string;
  @ApiProperty({ enum: CASELOAD_SCOPES, nullable: true, description: 'The scope asked for; null: both.' }) scope: string | null;
  @ApiProperty({ type: MyHouseholdView, isArray: true, description: 'Soonest next deadline first (none last), then by household id.' })
  households: MyHouseholdView[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `after` for the next page; null on the last page.' }) next: string | null;
}

export class MyWorklistPage {
  @ApiProperty({ format: 'date' }) asOf: string;
  @ApiProperty({ example: 7 }) dueWithinDays: number;
  @ApiProperty({ enum: CASELOAD_SCOPES, nullable: true, description: 'The scope asked for; null: both.' }) scope: string | null;
  @ApiProperty({ type: MyWorkItemView, isArray: true, description: 'Soonest deadline first, so overdue ones lead.' }) items: MyWorkItemView[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `after` for the next page; null on the last page.' }) next: string | null;
}
