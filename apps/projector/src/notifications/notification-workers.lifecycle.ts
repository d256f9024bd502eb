import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@casusregie/config';
import { EventStore } from '@casusregie/event-store';
import {
  BullNotificationDispatcher,
  BullNotificationWorker,
  createNotificationSender,
  loadNotificationDeliveryOptions,
  NotificationDeliveryStore,
  notificationRoute,
  providerNotificationsProjection,
} from '@casusregie/notifications';
import { Metrics } from '@casusregie/operations';
import { ProjectionRunner } from '@casusregie/projections';
import { ProviderRegistry } from '@casusregie/providers';
import { InjectAppConfig, InjectEventStore, InjectReadModels, InjectStorage } from '@casusregie/runtime';
import { SqlDatabase, describeError } from '@casusregie/sql';
import { Storage } from '@casusregie/storage';

/**
 * The projector's part in delivering provider notifications: the BullMQ worker that POSTs them, and a dispatcher
 * that puts the outbox's pending deliveries on the queue (the API runs one too; duplicates are no-ops). Settings as
 * the API's: NOTIFICATIONS_MAX_ATTEMPTS, NOTIFICATIONS_BACKOFF_MS, NOTIFICATIONS_TIMEOUT_MS, NOTIFICATIONS_SWEEP_MS.
 */
@Injectable()
export class NotificationWorkersLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  private worker: BullNotificationWorker | undefined;
  private dispatcher: BullNotificationDispatcher | undefined;

  constructor(
    @InjectAppConfig() private readonly config: AppConfig,
    @InjectReadModels() private readonly readModels: SqlDatabase,
    @InjectEventStore() private readonly eventStore: EventStore,
    @InjectStorage() private readonly storage: Storage,
    private readonly metrics: Metrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // The projector only runs with Redis (main.ts refuses to start without it).
    const redis = { url: this.config.redisUrl as string, keyPrefix: this.config.redisKeyPrefix };
    const options = loadNotificationDeliveryOptions(process.env);
    await new ProjectionRunner(this.readModels, this.eventStore).prepare([providerNotificationsProjection]);
    const registry = new ProviderRegistry(this.readModels, this.storage.masterKey);
    await registry.prepare();
    const store = new NotificationDeliveryStore(this.readModels);
    const onError = (error: unknown) =>
      this.logger.warn(`Notification delivery: ${describeError(error)}`);
    const { info, warning } = notificationRoute(this.config);
    this.logger.log(info);
    if (warning !== undefined) this.logger.warn(warning);
    this.worker = new BullNotificationWorker(redis, store, createNotificationSender(this.config, registry), options, onError, this.metrics);
    this.worker.start();
    this.dispatcher = new BullNotificationDispatcher(redis, store, options, onError);
    this.dispatcher.start();
  }

  // Before the stores close: running POSTs finish (or are cut off and retried by another worker).
  async beforeApplicationShutdown(): Promise<void> {
    await this.dispatcher?.close();
    await this.worker?.close();
  }
}
