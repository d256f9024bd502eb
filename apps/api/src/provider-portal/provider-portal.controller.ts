import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@casusregie/auth';
import { ApiProblemResponses } from '@casusregie/http';
import { CareEndRequest, DatedRequest, ReasonRequest } from '../households/dto/trajectory.requests';
import { CorrelationId } from '../households/request-context';
import { EnumField } from '../validation/fields';
import { INBOX_STATUSES, InboxStatus, ProviderReferralsService } from './provider-referrals.service';
import { uuid } from '../households/request-context';
import { PageQuery } from '../validation/page-query';
import { ProviderReferralResponse, ProviderReferralsPage, ProviderReportResponse } from './provider-referral.responses';

class InboxQuery extends PageQuery {
  @EnumField(Object.keys(INBOX_STATUSES), {
    optional: true,
    description: 'new: made, not yet answered; accepted; in-care; ended: care ended, declined or withdrawn. Default all.',
    example: 'new',
  })
  status?: InboxStatus;
}

/**
 * The care provider's side (role provider; its AGB code is the token's `org`), after iWmo/iJw 3.2: it answers a
 * referral (acceptance or decline, cf. 319), reports the start of care with its actual start date (305 Begindatum)
 * and the end with a reason code (307 RedenBeeindiging). Each report becomes an event in the household's stream with
 * the provider as actor.
 */
@ApiTags('provider')
@Roles('provider')
@ApiProblemResponses(400, 401, 403)
@Controller('provider/referrals')
export class ProviderPortalController {
  constructor(private readonly referrals: ProviderReferralsService) {}

  @Get()
  @ApiOperation({ operationId: 'listProviderReferrals', summary: 'The referrals addressed to you: new, accepted, in care or ended' })
  @ApiOkResponse({ type: ProviderReferralsPage })
  inbox(@Query() query: InboxQuery, @CurrentUser() user: Principal): Promise<ProviderReferralsPage> {
    return this.referrals.inbox(user, query);
  }

  @Get(':referralId')
  @ApiOperation({ operationId: 'getProviderReferral', summary: 'One referral addressed to you' })
  @ApiOkResponse({ type: ProviderReferralResponse })
  @ApiProblemResponses(404)
  referral(@Param('referralId', uuid) referralId: string, @CurrentUser() user: Principal): Promise<ProviderReferralResponse> {
    return this.referrals.referral(user, referralId);
  }

  @Post(':referralId/acceptance')
  @ApiOperation({ operationId: 'acceptProviderReferral', summary: 'Accept the referral' })
  @ApiCreatedResponse({ type: ProviderReportResponse })
  @ApiProblemResponses(404, 409)
  accept(@Param('referralId', uuid) referralId: string, @Body() body: DatedRequest, @CurrentUser() user: Principal, @CorrelationId() correlationId: string) {
    return this.referrals.act(user, referralId, (ids) => ({ type: 'AcceptReferral', occurredOn: body.date, ...ids }), correlationId);
  }

  @Post(':referralId/decline')
  @ApiOperation({ operationId: 'declineProviderReferral', summary: 'Decline the referral, with a reason' })
  @ApiCreatedResponse({ type: ProviderReportResponse })
  @ApiProblemResponses(404, 409)
  decline(@Param('referralId', uuid) referralId: string, @Body() body: ReasonRequest, @CurrentUser() user: Principal, @CorrelationId() correlationId: string) {
    return this.referrals.act(user, referralId, (ids) => ({ type: 'DeclineReferral', occurredOn: body.date, reason: body.reason, ...ids }), correlationId);
  }

  @Post(':referralId/care-start')
  @ApiOperation({ operationId: 'reportProviderCareStart', summary: 'Report the start of care: `date` is the actual start date (305 Begindatum)' })
  @ApiCreatedResponse({ type: ProviderReportResponse })
  @ApiProblemResponses(404, 409)
  startCare(@Param('referralId', uuid) referralId: string, @Body() body: DatedRequest, @CurrentUser() user: Principal, @CorrelationId() correlationId: string) {
    return this.referrals.act(user, referralId, (ids) => ({ type: 'StartCare', occurredOn: body.date, ...ids }), correlationId);
  }

  @Post(':referralId/care-end')
  @ApiOperation({ operationId: 'reportProviderCareEnd', summary: 'Report the end of care with its reason code (307 RedenBeeindiging, WMO588/JZ588)' })
  @ApiCreatedResponse({ type: ProviderReportResponse })
  @ApiProblemResponses(404, 409)
  endCare(@Param('referralId', uuid) referralId: string, @Body() body: CareEndRequest, @CurrentUser() user: Principal, @CorrelationId() correlationId: string) {
    return this.referrals.act(
      user,
      referralId,
      (ids) => ({ type: 'EndCare', occurredOn: body.date, reasonCode: body.reasonCode, ...ids }),
      correlationId,
    );
  }
}
