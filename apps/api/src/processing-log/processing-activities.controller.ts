import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PERSONAL_DATA_CATEGORIES, PROCESSING_ACTIVITIES, ProcessingActivityId } from '@casusregie/audit';
import { Roles } from '@casusregie/auth';
import { ApiProblemResponses } from '@casusregie/http';
import { processingActivityView } from './processing-record-view';
import { ProcessingActivitiesResponse } from './processing-log.responses';

/** The register of processing activities (AVG art. 30) as this application knows it, for auditors and administrators. */
@ApiTags('processing-log')
@Roles('auditor', 'admin')
@ApiProblemResponses(401, 403)
@Controller('processing-activities')
export class ProcessingActivitiesController {
  @Get()
  @ApiOperation({ operationId: 'listProcessingActivities', summary: 'Every processing activity the processing log names: purpose, legal basis, data categories' })
  @ApiOkResponse({ type: ProcessingActivitiesResponse })
  list(): ProcessingActivitiesResponse {
    return {
      activities: (Object.keys(PROCESSING_ACTIVITIES) as ProcessingActivityId[]).map(processingActivityView),
      dataCategories: PERSONAL_DATA_CATEGORIES,
    };
  }
}
