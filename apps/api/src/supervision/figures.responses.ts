import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FIGURE_DIMENSIONS, FIGURE_GROUP_BY, FIGURE_MEASURES } from '@casusregie/domain';

/** Response bodies of the management figures, for the OpenAPI document. Counts and codes only: no names, no addresses. */

export class FigureView {
  @ApiProperty({ example: 'waiting-for-care' }) id: string;
  @ApiProperty({ enum: ['figure'], description: 'Always `figure`: a statistic, not a norm (it has no deadline and no target).' }) kind: string;
  @ApiProperty({ type: String, nullable: true, description: 'Its number in domain-research §3.2.', example: 'K31' }) kNumber: string | null;
  @ApiProperty({ example: 'Wachtenden per aanbieder: maatwerkverwijzing gedaan of geaccepteerd, zorg nog niet gestart' }) title: string;
  @ApiProperty({ description: 'The source wording the figure is taken from, with its reference.' }) source: string;
  @ApiProperty({ enum: FIGURE_MEASURES, description: 'stock (open on asOf), count (started in the period), span (start to stop), persons (distinct), stacking (households by concurrent care).' })
  measure: string;
  @ApiProperty({ enum: FIGURE_DIMENSIONS, isArray: true, description: 'What it can be grouped and broken down by.' }) breakdowns: string[];
  @ApiProperty({ enum: FIGURE_GROUP_BY }) defaultGroupBy: string;
}

export class FiguresResponse {
  @ApiProperty({ example: 'GM0299' }) municipality: string;
  @ApiProperty({ type: FigureView, isArray: true }) figures: FigureView[];
}

class FigureTitleView {
  @ApiProperty({ example: 'waiting-for-care' }) id: string;
  @ApiProperty({ type: String, nullable: true, example: 'K31' }) kNumber: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ enum: FIGURE_MEASURES }) measure: string;
  @ApiProperty({ enum: ['figure'] }) kind: string;
}

class SuppressionView {
  @ApiProperty({ description: 'Counts from 1 to threshold − 1 are not shown (FIGURES_SMALL_CELL_THRESHOLD).', example: 5 }) threshold: number;
  @ApiProperty({ description: 'What such a count shows instead.', example: '<5' }) below: string;
  @ApiProperty({
    description: 'What a withheld value shows: a median or P90 over fewer than threshold values, or a count withheld so that a "<5" cell cannot be worked out from the total.',
    example: 'x',
  })
  withheld: string;
}

// null (no value) is the first branch's: oneOf wants exactly one branch to match, and OpenAPI 3.0 puts nullable beside a type.
const CELL = { oneOf: [{ type: 'number', nullable: true }, { type: 'string', maxLength: 200 }] };

export class FigureReport {
  @ApiProperty({ type: FigureTitleView }) figure: FigureTitleView;
  @ApiProperty({ example: 'GM0299' }) municipality: string;
  @ApiProperty({ format: 'date', example: '2026-01-01' }) from: string;
  @ApiProperty({ format: 'date', example: '2026-12-31' }) to: string;
  @ApiProperty({ format: 'date', example: '2026-11-23' }) asOf: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) knownAt: string | null;
  @ApiPropertyOptional({ description: 'With knownAt: whether the figures as known now differ from those as known then.' }) restated?: boolean;
  @ApiProperty({ enum: FIGURE_GROUP_BY }) groupBy: string;
  @ApiProperty({ enum: FIGURE_DIMENSIONS, isArray: true }) breakdown: string[];
  @ApiProperty({ type: String, isArray: true, description: 'The breakdown columns of a row (a stacking figure adds openSupport: 1, 2, 3+).', example: ['category'] })
  keyColumns: string[];
  @ApiProperty({ type: String, isArray: true, description: 'The figure columns of a row.', example: ['count'] }) columns: string[];
  @ApiProperty({ type: SuppressionView }) suppression: SuppressionView;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: CELL },
    description: 'Per group one row per combination of breakdown values: `group`, the key columns, then the columns (a number, null for none, or a suppression marker).',
    example: [{ group: '2026', category: 'maatwerk', count: 12 }, { group: '2026', category: 'voorliggend-veld', count: '<5' }],
  })
  rows: Record<string, number | string | null>[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: CELL },
    description: 'With a breakdown: per group its figures over all its rows.',
    example: [{ group: '2026', count: 15 }],
  })
  totals: Record<string, number | string | null>[];
}

/** An example of a figure's CSV (`csv=excel-nl`: semicolons, decimal comma, after a UTF-8 byte-order mark). */
export const FIGURE_CSV_EXAMPLE =
  'group;category;count;knownAt;restated\r\n2026;maatwerk;12;;\r\n2026;voorliggend-veld;<5;;\r\n2026;totaal;15;;\r\n';
