import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@casusregie/config';
import { EventStore } from '@casusregie/event-store';
import {
  BullNotificationDispatcher,
  createNotificationSender,
  InProcessNotificationDelivery,
  loadNotificationDeliveryOptions,
  NotificationDeliveryOptions,
  NotificationDeliveryStore,
  notificationRoute,
  providerNotificationsProjection,
  RedeliveryResult,
} from '@casusregie/notifications';
import { ProjectionRunner } from '@casusregie/projections';
import { ProviderRegistry } from '@casusregie/providers';
import { InjectAppConfig, InjectEventStore, InjectReadModels, InjectStorage } from '@casusregie/runtime';
import { SqlDatabase, describeError } from '@casusregie/sql';
import { Storage } from '@casusregie/storage';

/**
 * The API's part in delivering provider notifications. In embedded mode (no REDIS_URL) it sends them itself,
 * polling the outbox; with Redis it only puts pending deliveries (and redeliveries) on the BullMQ queue, and the
 * projector's workers send them.
 *
 * Settings come from NOTIFICATIONS_MAX_ATTEMPTS, NOTIFICATIONS_BACKOFF_MS, NOTIFICATIONS_TIMEOUT_MS and
 * NOTIFICATIONS_SWEEP_MS (see loadNotificationDeliveryOptions), read when the application starts.
 */
@Injectable()
export class NotificationDeliveryLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  readonly store: NotificationDeliveryStore;
  private readonly options: NotificationDeliveryOptions;
  private dispatcher: BullNotificationDispatcher | undefined;
  private inProcess: InProcessNotificationDelivery | undefined;

  constructor(
    @InjectAppConfig() private readonly config: AppConfig,
    @InjectReadModels() private readonly readModels: SqlDatabase,
    @InjectEventStore() private readonly eventStore: EventStore,
    @InjectStorage() private readonly storage: Storage,
  ) {
    this.store = new NotificationDeliveryStore(readModels);
    this.options = loadNotificationDeliveryOptions(process.env);
  }

  async onApplicationBootstrap(): Promise<void> {
    // The outbox and provider tables, whoever else prepares them (both are idempotent and serialised).
    await new ProjectionRunner(this.readModels, this.eventStore).prepare([providerNotificationsProjection]);
    const registry = new ProviderRegistry(this.readModels, this.storage.masterKey);
    await registry.prepare();
    const onError = (error: unknown) => this.logger.warn(`Notification delivery: ${describeError(error)}`);
    this.describeWhereNotificationsGo();
    if (this.config.redisUrl !== undefined) {
      this.dispatcher = new BullNotificationDispatcher({ url: this.config.redisUrl, keyPrefix: this.config.redisKeyPrefix }, this.store, this.options, onError);
      this.dispatcher.start();
    } else {
      this.inProcess = new InProcessNotificationDelivery(this.store, createNotificationSender(this.config, registry), this.options, onError);
      this.inProcess.start();
    }
  }

  private describeWhereNotificationsGo(): void {
    // With Redis the projectors send; each says so itself, for its own configuration.
    if (this.config.redisUrl !== undefined) return;
    const { info, warning } = notificationRoute(this.config);
    this.logger.log(info);
    if (warning !== undefined) this.logger.warn(warning);
  }

  /** Starts a municipality's dead letter over (see NotificationDeliveryStore.redeliver) and sends it on its way at once. */
  async redeliver(id: string, municipality: string): Promise<RedeliveryResult> {
    const result = await this.store.redeliver(id, municipality);
    if (result.kind === 'restarted') {
      // If Redis is away now, the dispatcher's next sweep adds the job: the row is pending without a job.
      this.dispatcher?.enqueue(id, result.delivery.redeliveries).catch((error: unknown) => this.logger.warn(`Redelivery: ${describeError(error)}`));
      this.inProcess?.wake();
    }
    return result;
  }

  /** Embedded mode: waits for the delivery poll under way (tests). */
  async settle(): Promise<void> {
    await this.inProcess?.settle();
  }

  // Before the stores close (StorageLifecycle closes them on application shutdown).
  async beforeApplicationShutdown(): Promise<void> {
    await this.inProcess?.stop();
    await this.dispatcher?.close();
  }
}
