import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@casusregie/auth';
import { ApiProblemResponses } from '@casusregie/http';
import { MyWorkService } from './my-work.service';
import { MyCaseloadQuery, MyWorklistQuery } from './my-work.queries';
import { MyCaseloadPage, MyWorklistPage } from './my-work.responses';

/**
 * A consultant's own work: "my households, my deadlines this week". The households of their municipality they are
 * the casusregisseur of or that are of their team, as the households API lets them see them; ids, dates and codes only.
 */
@ApiTags('me')
@Roles('consultant')
@ApiProblemResponses(400, 401, 403)
@Controller('me')
export class MyWorkController {
  constructor(private readonly work: MyWorkService) {}

  @Get('caseload')
  @ApiOperation({
    operationId: 'listMyCaseload',
    summary: 'Your households: those you coordinate and those of your team, with their open trajectories and next deadline; paged',
    description:
      'A restricted trajectory you are not let into is left out entirely (with its deadlines), and so is a household that has no other open trajectory. ' +
      'Sorted by next deadline, soonest first (none last), then household id.',
  })
  @ApiOkResponse({ type: MyCaseloadPage })
  caseload(@Query() query: MyCaseloadQuery, @CurrentUser() user: Principal) {
    return this.work.caseload(user, query);
  }

  @Get('worklist')
  @ApiOperation({
    operationId: 'listMyWorklist',
    summary: 'The deadlines of your households due within some days, and those overdue (first): norm items and waakvlam contacts; paged',
    description: 'Items of open trajectories you may see whose clock still runs on asOf (neither stopped nor excluded), soonest deadline first.',
  })
  @ApiOkResponse({ type: MyWorklistPage })
  worklist(@Query() query: MyWorklistQuery, @CurrentUser() user: Principal) {
    return this.work.worklist(user, query);
  }
}
