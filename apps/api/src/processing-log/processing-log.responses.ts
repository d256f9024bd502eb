import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PERSONAL_DATA_CATEGORIES } from '@casusregie/audit';

/** Response bodies of the processing log and the register of processing activities, for the OpenAPI document. */

const CATEGORIES = Object.keys(PERSONAL_DATA_CATEGORIES);

class LegalBasisView {
  @ApiProperty({ type: String, isArray: true, description: 'Lawful grounds under the AVG (and UAVG).' }) avg: readonly string[];
  @ApiProperty({ type: String, isArray: true, description: 'The national laws.', example: ['Wmo 2015 (Wet maatschappelijke ondersteuning 2015)'] })
  laws: readonly string[];
}

export class ProcessingActivityView {
  @ApiProperty({ example: 'household.read' }) id: string;
  @ApiProperty({ format: 'uri', example: 'urn:casusregie:processing-activity:household.read' }) uri: string;
  @ApiProperty({ example: 'Read a household' }) name: string;
  @ApiProperty() purpose: string;
  @ApiProperty({ type: LegalBasisView }) legalBasis: LegalBasisView;
  @ApiProperty({ type: String, isArray: true, enum: CATEGORIES }) dataCategories: readonly string[];
  @ApiPropertyOptional({ type: String, isArray: true, description: 'Who, outside the municipality’s own staff, gets to see the data.' })
  recipients?: readonly string[];
}

export class ProcessingActivitiesResponse {
  @ApiProperty({ type: ProcessingActivityView, isArray: true }) activities: ProcessingActivityView[];
  @ApiProperty({
    type: 'object',
    description: 'The categories of personal data, by key, with what each holds.',
    properties: Object.fromEntries(CATEGORIES.map((key) => [key, { type: 'string' }])),
    required: CATEGORIES,
    example: PERSONAL_DATA_CATEGORIES,
  })
  dataCategories: Record<string, string>;
}

class ProcessingActorView {
  @ApiProperty({ example: 'consultant-1' }) id: string;
  @ApiProperty({ example: 'consultant' }) role: string;
  @ApiPropertyOptional({ description: 'The provider’s AGB code, for a provider.', example: '98765432' }) organisation?: string;
}

class LogboekAttributes {
  @ApiProperty({ type: String, nullable: true, example: 'urn:casusregie:processing-activity:household.read' })
  'dpl.core.processing_activity_id': string | null;
  @ApiProperty({ description: 'A pseudonym (a random id), never the BSN.', format: 'uuid' })
  'dpl.core.data_subject_id': string;
  @ApiProperty({ example: 'urn:casusregie:household-id' })
  'dpl.core.data_subject_id_type': string;
}

export class ProcessingRecordView {
  @ApiProperty({ description: 'Position in the log; `after` takes it.', example: 1041 }) seq: number;
  @ApiProperty({ example: 'household.read' }) activity: string;
  @ApiProperty({ description: 'household:<uuid> or member:<uuid>.', example: 'household:7d8e2f1c-3b4a-4c5d-8e9f-0a1b2c3d4e5f' }) subject: string;
  @ApiProperty({ type: ProcessingActorView }) actor: ProcessingActorView;
  @ApiProperty({ description: 'W3C trace id of the request.', example: '4bf92f3577b34da6a3ce929d0e0e4736' }) traceId: string;
  @ApiPropertyOptional({ example: '00f067aa0ba902b7' }) spanId?: string;
  @ApiPropertyOptional({ example: 'b7ad6b7169203331' }) parentSpanId?: string;
  @ApiPropertyOptional({ format: 'date-time' }) startedAt?: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
  @ApiPropertyOptional({ example: 'GM0299' }) municipality?: string;
  @ApiProperty({ description: 'MAC of the record before: the chain that shows nothing was changed or removed.' }) previousMac: string;
  @ApiProperty() mac: string;
  @ApiProperty({ type: LogboekAttributes, description: 'The Logboek Dataverwerkingen attributes.' }) attributes: LogboekAttributes;
  @ApiProperty({ type: ProcessingActivityView, nullable: true }) processingActivity: ProcessingActivityView | null;
}

export class ProcessingLogPage {
  @ApiProperty({ type: ProcessingRecordView, isArray: true }) records: ProcessingRecordView[];
  @ApiProperty({ type: Number, nullable: true, description: 'Pass as `after` for the next page; null on the last page.', example: 1141 })
  next: number | null;
}
