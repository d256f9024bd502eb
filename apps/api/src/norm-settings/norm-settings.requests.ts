import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';
import { NORM_CALENDARS } from '@casusregie/domain';
import { BooleanField, BusinessDateField, EnumField, IntegerField, NestedField, PatternField, TextField } from '../validation/fields';

export class NormTargetRequest {
  @IntegerField(0, 100, { optional: true, description: 'For a deadline norm: the share on time to reach, in per cent.', example: 95 })
  percentage?: number;

  @IntegerField(0, 100000, { optional: true, description: 'For a count norm: the number a year to reach.', example: 40 })
  minimumCount?: number;

  @IntegerField(2000, 2100, { optional: true, description: 'The year the target is for; absent: every year.', example: 2027 })
  year?: number;
}

/**
 * A change of one norm from an effective date. A field left out keeps its value of the version in force on that
 * date; `duration`, `anchor` and `target` may be null (no term, the start event's own date, no target).
 */
export class NormSettingsChangeRequest {
  @BusinessDateField({ description: 'From this date on (items that start on or after it) the change applies.', example: '2027-01-01' })
  effectiveFrom: string;

  @TextField(500, { description: 'Why: the decision and its reference (shown beside the norm’s source). No personal data.', example: 'Raadsbesluit 2026-118: vier weken wordt drie weken' })
  reason: string;

  @BooleanField({ optional: true, description: 'False: the municipality does not use the norm from the effective date.' })
  enabled?: boolean;

  // Written without a lookahead (at least one part after P), so that generators of the documented pattern can follow it.
  @PatternField(/^P(?:\d+Y(?:\d+M)?(?:\d+W)?(?:\d+D)?|\d+M(?:\d+W)?(?:\d+D)?|\d+W(?:\d+D)?|\d+D)$/, 20, 'must be an ISO 8601 date duration such as P28D, P6W or P2M', {
    optional: true,
    nullable: true,
    example: 'P21D',
  })
  duration?: string | null;

  @EnumField(NORM_CALENDARS, { optional: true })
  calendar?: string;

  @PatternField(/^[a-zA-Z][a-zA-Z0-9]*$/, 64, 'must be the name of a date field of the start event', {
    optional: true,
    nullable: true,
    description: 'The date field of the start event that starts the clock (one of the norm’s anchorFields); null: the date of the start event.',
    example: 'ggzWaitlistSince',
  })
  anchor?: string | null;

  @ApiPropertyOptional({
    type: String,
    isArray: true,
    maxItems: 10,
    items: { type: 'string', maxLength: 64 },
    description: 'The norm’s exclusions that apply, by event type: a subset of those it ships with.',
    example: ['TrajectoryClosed'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  exclusions?: string[];

  @NestedField(() => NormTargetRequest, { optional: true, nullable: true })
  target?: NormTargetRequest | null;
}
