import { Module } from '@nestjs/common';
import { NotificationDeliveryLifecycle } from './notification-delivery.lifecycle';
import { NotificationsController } from './notifications.controller';

/**
 * Outbound notifications to care providers: delivery (in-process in embedded mode, the BullMQ dispatcher with
 * Redis) and the admin endpoints for the dead letters.
 */
@Module({
  controllers: [NotificationsController],
  providers: [NotificationDeliveryLifecycle],
  exports: [NotificationDeliveryLifecycle],
})
export class NotificationsModule {}
