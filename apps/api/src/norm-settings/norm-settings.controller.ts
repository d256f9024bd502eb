import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@casusregie/auth';
import { ApiProblemResponses } from '@casusregie/http';
import { CorrelationId } from '../households/request-context';
import { NormSettingsChangeRequest } from './norm-settings.requests';
import { NormSettingsChangeView, NormSettingsResponse } from './norm-settings.responses';
import { NormSettingsService } from './norm-settings.service';

/**
 * The norms of the admin's municipality (the token's; never another's): which it uses, with what term, calendar,
 * anchor, exclusions and target, from which date. A change never rewrites the past: items that started before its
 * effective date keep their deadlines, and a report known at an earlier instant gives what it gave then.
 */
@ApiTags('norm-settings')
@Roles('admin')
@ApiProblemResponses(400, 401, 403)
@Controller('norm-settings')
export class NormSettingsController {
  constructor(private readonly settings: NormSettingsService) {}

  @Get()
  @ApiOperation({ operationId: 'listNormSettings', summary: 'Every shipped norm with your municipality’s settings and their changes' })
  @ApiOkResponse({ type: NormSettingsResponse })
  list(@CurrentUser() user: Principal) {
    return this.settings.list(user.municipality);
  }

  @Post(':normId/changes')
  @ApiOperation({
    operationId: 'changeNormSettings',
    summary: 'Change a norm of your municipality from an effective date',
    description: 'Fields left out keep the value in force on the effective date. The figures follow once `applied` (GET /norm-settings).',
  })
  @ApiCreatedResponse({ type: NormSettingsChangeView })
  @ApiProblemResponses(404)
  change(
    @Param('normId') normId: string,
    @Body() body: NormSettingsChangeRequest,
    @CurrentUser() user: Principal,
    @CorrelationId() correlationId: string,
  ) {
    return this.settings.change(user.municipality, normId, body, user, correlationId);
  }
}
