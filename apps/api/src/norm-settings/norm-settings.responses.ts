import { ApiProperty } from '@nestjs/swagger';
import { NORM_CALENDARS } from '@casusregie/domain';

/** Response bodies of the norm settings: ids, dates, settings and pseudonymous authors; no personal data. */

class NormTargetView {
  @ApiProperty({ required: false, example: 95 }) percentage?: number;
  @ApiProperty({ required: false, example: 40 }) minimumCount?: number;
  @ApiProperty({ required: false, example: 2027 }) year?: number;
}

export class NormSettingsView {
  @ApiProperty() enabled: boolean;
  @ApiProperty({ type: String, nullable: true, example: 'P28D' }) duration: string | null;
  @ApiProperty({ enum: [...NORM_CALENDARS] }) calendar: string;
  @ApiProperty({ type: String, nullable: true, example: 'ggzWaitlistSince' }) anchor: string | null;
  @ApiProperty({ type: String, isArray: true, example: ['TrajectoryClosed'] }) exclusions: string[];
  @ApiProperty({ type: NormTargetView, nullable: true }) target: NormTargetView | null;
}

export class NormSettingsChangeView {
  @ApiProperty({ example: 'verkennend-gesprek-4w' }) normId: string;
  @ApiProperty({ format: 'date', example: '2027-01-01' }) effectiveFrom: string;
  @ApiProperty({ type: NormSettingsView }) settings: NormSettingsView;
  @ApiProperty({ example: 'Raadsbesluit 2026-118' }) reason: string;
  @ApiProperty({ description: 'The `sub` of the administrator who made the change (a pseudonym).', example: 'admin-gm0299-1' }) author: string;
  @ApiProperty({ format: 'date-time', description: 'When the change became known: a report known at an earlier instant does not use it.' }) recordedAt: string;
  @ApiProperty({ description: 'Whether the figures follow it yet: the items of the norm are recomputed in the background.' }) applied: boolean;
}

class NormSettingsOfNormView {
  @ApiProperty({ example: 'verkennend-gesprek-4w' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['deadline', 'count'] }) kind: string;
  @ApiProperty({ type: String, isArray: true, description: 'The date fields that may be chosen as anchor.' }) anchorFields: string[];
  @ApiProperty({ type: String, isArray: true, description: 'The exclusions the norm ships with, by event type.' }) exclusionsAvailable: string[];
  @ApiProperty({ type: NormSettingsView, description: 'As shipped for the municipality, before any change.' }) shipped: NormSettingsView;
  @ApiProperty({ type: NormSettingsChangeView, isArray: true, description: 'In order of effective date.' }) changes: NormSettingsChangeView[];
}

export class NormSettingsResponse {
  @ApiProperty({ example: 'GM0299' }) municipality: string;
  @ApiProperty({ type: NormSettingsOfNormView, isArray: true }) norms: NormSettingsOfNormView[];
}
