import { NrcSettings } from '@casusregie/config';
import { WebhookDirectory, WebhookSender } from './deliver-notification';
import { NotificationSender } from './notification-sender';
import { NrcSender } from './nrc-sender';

/** The sender the configuration asks for: the Open Notificaties when NOTIFICATIONS_NRC_URL is set, the webhooks otherwise. */
export function createNotificationSender(config: { publicBaseUrl: string; notificationsNrc?: NrcSettings }, webhooks: WebhookDirectory): NotificationSender {
  return config.notificationsNrc !== undefined ? new NrcSender(config.notificationsNrc, config.publicBaseUrl) : new WebhookSender(webhooks, config.publicBaseUrl);
}
