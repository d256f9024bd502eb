import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PERSONAL_DATA_CATEGORIES, PROCESSING_ACTIVITIES, ProcessingActivityId } from '@casusregie/audit';
import { Roles } from '@casusregie/auth';
import { ApiProblemResponses } from '@casusregie/http';
import { processingActivityView } from './processing-record-view';

/** The register of processing activities (AVG art. 30) as this application knows it, for auditors and administrators. */
@ApiTags('processing-log')
@Roles('auditor', 'admin')
@ApiProblemResponses(401, 403)
@Controller('processing-activities')
export class ProcessingActivitiesController {
  @Get()
  @ApiOperation({ summary: 'Every processing activity the processing log names: purpose, legal basis, data categories' })
  @ApiOkResponse({ schema: { type: 'object', additionalProperties: true } })
  list() {
    return {
      activities: (Object.keys(PROCESSING_ACTIVITIES) as ProcessingActivityId[]).map(processingActivityView),
      dataCategories: PERSONAL_DATA_CATEGORIES,
    };
  }
}
