import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@casusregie/auth';
import { ApiProblemResponses } from '@casusregie/http';
import { InstantField, PatternField, WholeNumberQueryField } from '../validation/fields';
import { ProcessingLogService } from './processing-log.service';
import { processingRecordView } from './processing-record-view';
import { ProcessingLogPage } from './processing-log.responses';

class ProcessingLogQuery {
  @PatternField(/^(household|member):[0-9a-f-]{36}$/, 46, 'must be household:<uuid> or member:<uuid>', {
    optional: true,
    description: 'The data subject, by pseudonymous reference.',
  })
  subject?: string;

  @InstantField({ optional: true })
  from?: string;

  @InstantField({ optional: true })
  to?: string;

  @WholeNumberQueryField(1, 1000, { optional: true, description: 'Page size, 1 to 1000; default 100.', example: 100 })
  limit?: number;

  @WholeNumberQueryField(0, Number.MAX_SAFE_INTEGER, { optional: true, description: 'Continue after this sequence number (`next` of the previous page).' })
  after?: number;
}

/**
 * The processing log for auditors and privacy officers: who processed whose data, when, and in which request. An
 * auditor sees the processing of their own municipality's data only.
 */
@ApiTags('processing-log')
@Roles('auditor')
@ApiProblemResponses(400, 401, 403)
@Controller('processing-log')
export class ProcessingLogController {
  constructor(private readonly log: ProcessingLogService) {}

  @Get()
  @ApiOperation({ operationId: 'listProcessingLogRecords', summary: 'Processing-log records, filtered by data subject and period, in order' })
  @ApiOkResponse({ type: ProcessingLogPage })
  async find(@Query() query: ProcessingLogQuery, @CurrentUser() user: Principal): Promise<ProcessingLogPage> {
    const limit = query.limit ?? 100;
    // One more than the page, so that the last page says so (next: null) rather than leading to an empty one.
    const found = await this.log.find({ subject: query.subject, from: query.from, to: query.to, limit: limit + 1, afterSeq: query.after, municipality: user.municipality });
    const records = found.slice(0, limit);
    return { records: records.map(processingRecordView), next: found.length > limit ? records[records.length - 1].seq : null };
  }
}
