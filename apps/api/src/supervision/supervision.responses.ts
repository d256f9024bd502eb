import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { ITEM_STATUSES } from './supervision.queries';

/** Response bodies of the supervision routes, for the OpenAPI document. Ids, dates and counts only: no names. */

const WHERE_VALUE = { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] };

class EventSelectorView {
  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    description: 'The event type, or any of these types.',
    example: 'TrajectoryOpened',
  })
  event: string | string[];

  @ApiPropertyOptional({
    type: 'object',
    description: 'Exact values of the event’s data fields (dotted paths allowed); a list means any of them.',
    additionalProperties: { oneOf: [WHERE_VALUE, { type: 'array', items: WHERE_VALUE }] },
    example: { legalBasis: 'wmo-2015' },
  })
  where?: Record<string, unknown>;
}

class NormStartView extends EventSelectorView {
  @ApiPropertyOptional({ description: 'Data field whose date is the start instead of the event’s date.', example: 'ggzWaitlistSince' })
  dateField?: string;
}

class NormStopView extends EventSelectorView {
  @ApiPropertyOptional({ type: String, isArray: true, description: 'Data fields whose latest date is the stop date.' })
  latestOfDateFields?: string[];
  @ApiPropertyOptional({ enum: ['occurredOn', 'recordedOn'] })
  dateFrom?: string;
  @ApiPropertyOptional({ description: 'Whether the start event itself may be the stop.' })
  startEventMayStop?: boolean;
}

class NormTargetView {
  @ApiPropertyOptional({ example: 90 }) percentage?: number;
  @ApiPropertyOptional({ example: 12 }) minimumCount?: number;
  @ApiPropertyOptional({ example: 2026 }) year?: number;
}

class DurationFromFieldView {
  @ApiProperty({ example: 'WaakvlamStarted' }) event: string;
  @ApiProperty({ example: 'contactIntervalDays' }) field: string;
}

export class NormView {
  @ApiProperty({ example: 'melding-start-support' }) id: string;
  @ApiPropertyOptional({ example: 'GM0299' }) municipality?: string;
  @ApiProperty({ example: 'Support starts within 8 weeks of the melding' }) title: string;
  @ApiProperty({ description: 'The source wording the norm is taken from, with its reference.' }) source: string;
  @ApiProperty({ enum: ['trajectory', 'referral', 'start-event'] }) itemPer: string;
  @ApiProperty({ type: NormStartView }) start: NormStartView;
  @ApiPropertyOptional({ type: String, isArray: true, description: 'Date fields of the start event an admin may choose as the anchor (start.dateField).' })
  anchorFields?: string[];
  @ApiPropertyOptional({ type: EventSelectorView }) population?: EventSelectorView;
  @ApiPropertyOptional({ type: NormStopView }) stop?: NormStopView;
  @ApiProperty({ type: EventSelectorView, isArray: true }) exclusions: EventSelectorView[];
  @ApiPropertyOptional({ description: 'ISO 8601 duration.', example: 'P28D' }) duration?: string;
  @ApiPropertyOptional({ type: DurationFromFieldView }) durationFromField?: DurationFromFieldView;
  @ApiProperty({ enum: ['calendar-days', 'working-days'] }) calendar: string;
  @ApiProperty({ enum: ['deadline', 'count'] }) kind: string;
  @ApiPropertyOptional({ type: NormTargetView }) target?: NormTargetView;
}

export class NormsResponse {
  @ApiProperty({ example: 'GM0299' }) municipality: string;
  @ApiProperty({ type: NormView, isArray: true }) norms: NormView[];
}

class NormTitleView {
  @ApiProperty({ example: 'melding-start-support' }) id: string;
  @ApiProperty({ example: 'Support starts within 8 weeks of the melding' }) title: string;
}

class ComplianceNormView extends NormTitleView {
  @ApiProperty({ enum: ['deadline', 'count'] }) kind: string;
  @ApiProperty({ type: String, nullable: true, example: 'P28D' }) duration: string | null;
  @ApiProperty({ type: NormTargetView, nullable: true }) target: NormTargetView | null;
}

/** One group of a deadline norm's report. */
export class DeadlineComplianceGroup {
  @ApiProperty({ description: 'The group: a month (2026-03), quarter (2026-Q1), year (2026), team or provider.', example: '2026' }) group: string;
  @ApiProperty({ example: 40 }) onTime: number;
  @ApiProperty({ example: 3 }) late: number;
  @ApiProperty({ example: 5 }) pending: number;
  @ApiProperty({ example: 1 }) excluded: number;
  @ApiProperty({ type: Number, nullable: true, description: 'On time out of those judged, to 1 decimal; null without any.', example: 93 }) percentage: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 90 }) target: number | null;
  @ApiProperty({ description: 'True while items are pending: the figure can still change.' }) provisional: boolean;
  @ApiProperty({ type: Number, nullable: true, example: 12 }) medianDays: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 25 }) p90Days: number | null;
}

/** One group of a count norm's report. */
export class CountComplianceGroup {
  @ApiProperty({ example: '2026' }) group: string;
  @ApiProperty({ example: 14 }) count: number;
  @ApiProperty({ example: 12 }) distinctPersons: number;
  @ApiProperty({ type: Number, nullable: true, description: 'The yearly minimum: for a year group of the whole municipality only (no team or provider filter); null for a month, quarter, team or provider.', example: 40 })
  minimumCount: number | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'Whether the year’s count reaches the minimum; null where minimumCount is.' }) met: boolean | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Year groups while the year runs: the linear run-rate, count × days in the year / days elapsed (as-of day included), to 1 decimal; null once the year is over, before it starts, and for other groups.',
    example: 12.2,
  })
  forecast: number | null;
  @ApiProperty() provisional: boolean;
}

class PeriodView {
  @ApiProperty({ format: 'date', example: '2026-01-01' }) from: string;
  @ApiProperty({ format: 'date', example: '2026-12-31' }) to: string;
  @ApiProperty({ format: 'date', example: '2026-11-23' }) asOf: string;
}

export class ComplianceResponse extends PeriodView {
  @ApiProperty({ type: ComplianceNormView }) norm: ComplianceNormView;
  @ApiProperty({ example: 'GM0299' }) municipality: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) knownAt: string | null;
  @ApiProperty({ enum: ['month', 'quarter', 'year', 'team', 'provider'] }) groupBy: string;
  @ApiPropertyOptional({ description: 'With knownAt: whether the figures as known now differ from those as known then.' }) restated?: boolean;
  @ApiProperty({
    type: 'array',
    items: { oneOf: [{ $ref: getSchemaPath(DeadlineComplianceGroup) }, { $ref: getSchemaPath(CountComplianceGroup) }] },
    description: 'DeadlineComplianceGroup for a deadline norm, CountComplianceGroup for a count norm.',
  })
  groups: (DeadlineComplianceGroup | CountComplianceGroup)[];
}

export class NormItemView {
  @ApiProperty({ format: 'uuid' }) householdId: string;
  @ApiProperty({ format: 'uuid' }) trajectoryId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) referralId: string | null;
  @ApiProperty({ description: 'Unique within the norm and household.' }) itemKey: string;
  @ApiProperty({ example: 'T1' }) team: string;
  @ApiProperty({ type: String, nullable: true, example: 'consultant-1' }) coordinatorId: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The provider known on asOf: that of the item’s own referral, or of the referral whose fact stopped the clock once that stop lies on or before asOf.',
    example: '98765432',
  })
  provider: string | null;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Moved by suspendedDays, when suspensions of the clock moved it.' })
  deadline: string | null;
  @ApiProperty({
    description: 'Days (on the norm\'s calendar) that suspensions of the trajectory\'s clock (opschorting) moved the deadline; 0 when none. The suspensions are in the household\'s trajectory.',
    example: 0,
  })
  suspendedDays: number;
  @ApiProperty({ type: String, format: 'date', nullable: true }) stopDate: string | null;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'The exclusion that ended the item, on or before asOf: excluded when on or before the deadline; after it the item stays late, but is no longer open.',
  })
  excludedOn: string | null;
  @ApiProperty({ enum: ITEM_STATUSES }) status: string;
  @ApiProperty({ type: Number, nullable: true }) daysLeft: number | null;
  @ApiProperty({ type: Number, nullable: true }) daysOverdue: number | null;
  @ApiProperty({ type: Number, nullable: true }) waitingDays: number | null;
}

export class NormItemsPage {
  @ApiProperty({ type: NormTitleView }) norm: NormTitleView;
  @ApiProperty({ format: 'date' }) asOf: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'The items as known at this instant; null: as they stand now.' }) knownAt: string | null;
  @ApiProperty({ type: NormItemView, isArray: true }) items: NormItemView[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `after` for the next page; null on the last page.' }) next: string | null;
}

class WaitingTimesNormView extends NormTitleView {
  @ApiProperty({ enum: ['calendar-days', 'working-days'] }) calendar: string;
}

class WaitingTimesGroup {
  @ApiProperty({ example: '2026' }) group: string;
  @ApiProperty({ description: 'Items that stopped (their wait is known).', example: 38 }) count: number;
  @ApiProperty({ type: Number, nullable: true, example: 12 }) median: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 25 }) p90: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 61 }) max: number | null;
  @ApiProperty({ description: 'Items still waiting.', example: 5 }) open: number;
}

export class WaitingTimesResponse extends PeriodView {
  @ApiProperty({ example: 'melding-start-support' }) stage: string;
  @ApiProperty({ type: WaitingTimesNormView }) norm: WaitingTimesNormView;
  @ApiProperty({ example: 'GM0299' }) municipality: string;
  @ApiProperty({ enum: ['month', 'quarter', 'year', 'team', 'provider'] }) groupBy: string;
  @ApiProperty({ type: WaitingTimesGroup, isArray: true }) groups: WaitingTimesGroup[];
}

class CaseloadView {
  @ApiProperty({ type: String, nullable: true, description: 'null: trajectories without a casusregisseur.', example: 'consultant-1' }) coordinatorId: string | null;
  @ApiProperty({ example: 'T1' }) team: string;
  @ApiProperty({ example: 9 }) households: number;
  @ApiProperty({ example: 14 }) openTrajectories: number;
  @ApiProperty({ example: 3 }) inWaakvlam: number;
}

export class CaseloadsPage {
  @ApiProperty({ example: 'GM0299' }) municipality: string;
  @ApiProperty({ type: CaseloadView, isArray: true, description: 'Per team in order, then per casusregisseur (none last).' }) coordinators: CaseloadView[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `after` for the next page; null on the last page.' }) next: string | null;
}

class WaakvlamContactDueView {
  @ApiProperty({ format: 'uuid' }) householdId: string;
  @ApiProperty({ format: 'uuid' }) trajectoryId: string;
  @ApiProperty({ example: 'T1' }) team: string;
  @ApiProperty({ type: String, nullable: true, example: 'consultant-1' }) coordinatorId: string | null;
  @ApiProperty({ format: 'date', description: 'The last contact, or the start of waakvlam.' }) lastContactOn: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dueOn: string | null;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ type: Number, nullable: true }) daysLeft: number | null;
  @ApiProperty({ type: Number, nullable: true }) daysOverdue: number | null;
}

export class WaakvlamDuePage {
  @ApiProperty({ format: 'date' }) asOf: string;
  @ApiProperty({ example: 7 }) withinDays: number;
  @ApiProperty({ type: WaakvlamContactDueView, isArray: true, description: 'Overdue ones first, then by due date.' }) contacts: WaakvlamContactDueView[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `after` for the next page; null on the last page.' }) next: string | null;
}

/** An example of the CSV a compliance report gives for `Accept: text/csv` (a deadline norm, grouped by year). */
export const COMPLIANCE_CSV_EXAMPLE =
  'group,onTime,late,pending,excluded,percentage,target,provisional,medianDays,p90Days,knownAt,restated\n' +
  '2026,40,3,5,1,93,90,true,12,25,2027-01-15T09:00:00.000Z,false\n';
