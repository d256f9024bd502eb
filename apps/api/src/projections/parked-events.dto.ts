import { ApiProperty } from '@nestjs/swagger';
import { PROJECTION_NAMES } from '@casusregie/runtime';
import { EnumField } from '../validation/fields';

export class ParkedEventsQuery {
  @EnumField(PROJECTION_NAMES, { optional: true, description: 'Only this projection’s; default every projection’s.' })
  projection?: string;
}

export class RetryParkedEventsRequest {
  @EnumField(PROJECTION_NAMES, { optional: true, description: 'Only this projection’s; default every projection’s.' })
  projection?: string;
}

/** An event a projection could not apply, or one held behind it: ids, type and the error's class and code only. */
export class ParkedEventView {
  @ApiProperty({ enum: PROJECTION_NAMES }) projection: string;
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ example: 'household-7d8e2f1c-3b4a-4c5d-8e9f-0a1b2c3d4e5f' }) streamId: string;
  @ApiProperty() streamVersion: number;
  @ApiProperty({ description: 'The event’s position in the global log.' }) globalPosition: string;
  @ApiProperty({ example: 'HouseholdRegistered' }) eventType: string;
  @ApiProperty({
    enum: ['parked', 'held'],
    description: '`parked`: the projection failed on it; `held`: a later event of the same household, waiting behind it.',
  })
  state: string;
  @ApiProperty({ type: String, nullable: true, example: 'DatabaseError', description: 'The error’s class (parked only).' })
  errorClass: string | null;
  @ApiProperty({ type: String, nullable: true, example: '22008', description: 'SQLSTATE or error code (parked only).' })
  errorCode: string | null;
  @ApiProperty({ description: 'Attempts made so far.' }) attempts: number;
  @ApiProperty({ format: 'date-time' }) parkedAt: string;
}

export class ParkedEventsResponse {
  @ApiProperty({ type: ParkedEventView, isArray: true }) parkedEvents: ParkedEventView[];
}

export class RetryResult {
  @ApiProperty({ enum: PROJECTION_NAMES }) projection: string;
  @ApiProperty({ description: 'Events applied by this retry (parked ones and those held behind them).' }) applied: number;
  @ApiProperty({ description: 'Events still parked or held.' }) remaining: number;
}

export class RetryParkedEventsResponse {
  @ApiProperty({ type: RetryResult, isArray: true }) results: RetryResult[];
}
