import { Module } from '@nestjs/common';
import { NotificationWorkersLifecycle } from './notification-workers.lifecycle';

/** Sends provider notifications from the BullMQ queue (see NotificationWorkersLifecycle). */
@Module({ providers: [NotificationWorkersLifecycle] })
export class NotificationWorkersModule {}
