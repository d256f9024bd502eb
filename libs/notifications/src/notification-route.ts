import { AppConfig, describeEndpoint } from '@casusregie/config';

/**
 * What a process that sends notifications says at start-up about where they go: the Open Notificaties when
 * NOTIFICATIONS_NRC_URL is set, else the providers' webhooks; and a warning when a server deployment gives providers
 * URLs under a loopback address, which no provider can reach (the default, or a compose file's localhost).
 * Every process that sends (the API in embedded mode, each projector with Redis) says it for its own configuration.
 */
export function notificationRoute(config: AppConfig): { info: string; warning?: string } {
  const { notificationsNrc, publicBaseUrl, eventStore } = config;
  const info =
    notificationsNrc === undefined
      ? `Notifications go to the providers' webhooks, with URLs under ${publicBaseUrl}`
      : `Notifications are published to the Open Notificaties at ${describeEndpoint(notificationsNrc.url)}, with URLs under ${publicBaseUrl}`;
  const server = eventStore !== 'pglite' || config.databaseUrl !== undefined;
  if (!server || !isLoopback(publicBaseUrl)) return { info };
  return { info, warning: `PUBLIC_BASE_URL is ${publicBaseUrl}: providers cannot reach the URLs in their notifications; set it to the API's public address` };
}

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(host) || host === '[::1]';
}
