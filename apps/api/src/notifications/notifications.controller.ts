import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@casusregie/auth';
import { ApiProblemResponses, ProblemHttpException } from '@casusregie/http';
import { NotificationDeliveryLifecycle } from './notification-delivery.lifecycle';
import {
  FailedNotificationsQuery,
  FailedNotificationsResponse,
  failedNotificationView,
  RedeliveryResponse,
} from './notifications.dto';

const DELIVERY_ID = /^[A-Za-z0-9-]{1,200}$/;

/**
 * The dead letters of provider notifications (standards P3: retries with a DLQ): notifications whose every attempt
 * failed, for admins to read and send again once the provider's endpoint works. An admin sees and sends only those
 * about referrals of their own municipality; another municipality's is 404, as an unknown id.
 */
@ApiTags('notifications')
@Roles('admin')
@ApiProblemResponses(400, 401, 403)
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly delivery: NotificationDeliveryLifecycle) {}

  @Get('failed')
  @ApiOperation({ operationId: 'listFailedNotifications', summary: "Notifications about your municipality's referrals that could not be delivered, oldest first" })
  @ApiOkResponse({ type: FailedNotificationsResponse })
  async failed(@Query() query: FailedNotificationsQuery, @CurrentUser() user: Principal): Promise<FailedNotificationsResponse> {
    const page = await this.delivery.store.listFailed(user.municipality, query.limit ?? 100, query.after);
    return { deliveries: page.deliveries.map(failedNotificationView), next: page.next };
  }

  @Post(':id/redelivery')
  @HttpCode(202)
  @ApiOperation({
    operationId: 'redeliverNotification',
    summary: 'Send a failed notification again, with a fresh round of attempts',
    description: "Only a notification about a referral of your municipality; another municipality's is 404.",
  })
  @ApiAcceptedResponse({ type: RedeliveryResponse })
  @ApiProblemResponses(404, 409)
  async redeliver(@Param('id') id: string, @CurrentUser() user: Principal): Promise<RedeliveryResponse> {
    const result = DELIVERY_ID.test(id) ? await this.delivery.redeliver(id, user.municipality) : ({ kind: 'not-found' } as const);
    switch (result.kind) {
      case 'not-found':
        throw new ProblemHttpException(404, { code: 'notification-not-found', detail: 'There is no notification with this id.' });
      case 'not-failed':
        throw new ProblemHttpException(409, {
          code: 'notification-not-failed',
          detail: `Only a failed notification can be sent again; this one is ${result.status}.`,
        });
      case 'restarted':
        return { id: result.delivery.id, status: 'pending', redeliveries: result.delivery.redeliveries };
    }
  }
}
