import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Roles } from '@casusregie/auth';
import { ApiProblemResponses } from '@casusregie/http';
import { InstantField, PatternField, WholeNumberQueryField } from '../validation/fields';
import { ProcessingLogService } from './processing-log.service';

class ProcessingLogQuery {
  @PatternField(/^(household|member):[0-9a-f-]{36}$/, 'must be household:<uuid> or member:<uuid>', {
    optional: true,
    description: 'The data subject, by pseudonymous reference.',
  })
  subject?: string;

  @InstantField({ optional: true })
  from?: string;

  @InstantField({ optional: true })
  to?: string;

  @ApiPropertyOptional({ type: Number, description: 'Page size, 1 to 1000; default 100.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @WholeNumberQueryField(0, Number.MAX_SAFE_INTEGER, { optional: true, description: 'Continue after this sequence number (`next` of the previous page).' })
  after?: number;
}

/** The processing log for auditors and privacy officers: who processed whose data, when, and in which request. */
@ApiTags('processing-log')
@Roles('auditor')
@ApiProblemResponses(400, 401, 403)
@Controller('processing-log')
export class ProcessingLogController {
  constructor(private readonly log: ProcessingLogService) {}

  @Get()
  @ApiOperation({ summary: 'Processing-log records, filtered by data subject and period, in order' })
  @ApiOkResponse({ schema: { type: 'object', additionalProperties: true } })
  async find(@Query() query: ProcessingLogQuery) {
    const limit = query.limit ?? 100;
    const records = await this.log.find({ subject: query.subject, from: query.from, to: query.to, limit, afterSeq: query.after });
    return { records, next: records.length === limit ? records[records.length - 1].seq : null };
  }
}
