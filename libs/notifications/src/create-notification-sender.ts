import { NrcSettings } from '@casusregie/config';
import { WebhookDirectory, WebhookSender } from './deliver-notification';
import { NotificationSender } from './notification-sender';
import { ContractDirectory, NrcSender } from './nrc-sender';

/** The sender the configuration asks for: the Open Notificaties when NOTIFICATIONS_NRC_URL is set, the webhooks otherwise. */
export function createNotificationSender(
  config: { publicBaseUrl: string; notificationsNrc?: NrcSettings },
  registry: WebhookDirectory & ContractDirectory,
): NotificationSender {
  return config.notificationsNrc !== undefined
    ? new NrcSender(config.notificationsNrc, config.publicBaseUrl, registry)
    : new WebhookSender(registry, config.publicBaseUrl);
}
