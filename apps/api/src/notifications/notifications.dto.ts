import { ApiProperty } from '@nestjs/swagger';
import { NotificationDelivery } from '@casusregie/notifications';
import { PatternField, WholeNumberQueryField } from '../validation/fields';

export class FailedNotificationsQuery {
  @WholeNumberQueryField(1, 500, { optional: true, description: 'Page size; default 100.' })
  limit?: number;

  @PatternField(/^[A-Za-z0-9-]{1,200}$/, 200, 'must be the `next` of a previous page', {
    optional: true,
    description: 'From `next` of the previous page.',
  })
  after?: string;
}

/** A dead letter: what was to be sent to whom and why it did not arrive. Ids and codes only, as the notification. */
export class FailedNotificationView {
  @ApiProperty({ description: 'The delivery id; also the webhook-id header the provider saw.' }) id: string;
  @ApiProperty({ example: '22334455' }) agbCode: string;
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ format: 'uuid' }) referralId: string;
  @ApiProperty({ example: 'verwijzingen' }) kanaal: string;
  @ApiProperty({ enum: ['verwijzing', 'casusregisseur'] }) resource: string;
  @ApiProperty({ enum: ['create', 'update', 'destroy'] }) actie: string;
  @ApiProperty({ description: 'Attempts made in the last round.' }) attempts: number;
  @ApiProperty({ description: 'Times an admin sent it again.' }) redeliveries: number;
  @ApiProperty({ type: String, nullable: true, example: 'HTTP 503' }) lastError: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', description: 'When it was given up.' }) failedAt: string;
}

export class FailedNotificationsResponse {
  @ApiProperty({ type: FailedNotificationView, isArray: true }) deliveries: FailedNotificationView[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `after` for the next page; null on the last page.' })
  next: string | null;
}

export class RedeliveryResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['pending'] }) status: 'pending';
  @ApiProperty() redeliveries: number;
}

export function failedNotificationView(delivery: NotificationDelivery): FailedNotificationView {
  return {
    id: delivery.id,
    agbCode: delivery.agbCode,
    eventId: delivery.eventId,
    referralId: delivery.referralId,
    kanaal: delivery.payload.kanaal,
    resource: delivery.payload.resource,
    actie: delivery.payload.actie,
    attempts: delivery.attempts,
    redeliveries: delivery.redeliveries,
    lastError: delivery.lastError,
    createdAt: delivery.createdAt.toISOString(),
    failedAt: delivery.updatedAt.toISOString(),
  };
}
