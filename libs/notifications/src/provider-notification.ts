/**
 * The notification a care provider's webhook receives, shaped like a ZGW *notificatie* (Notificaties API:
 * `kanaal, hoofdObject, resource, resourceUrl, actie, aanmaakdatum, kenmerken`). It carries ids and codes only —
 * never a name, BSN, date of birth, address or free text — so the provider fetches what it may see through its own
 * API, with its own token.
 *
 * The outbox keeps the URLs as paths (`/api/v1/provider/referrals/<referralId>`); every attempt sends them absolute,
 * made from the public base URL of that moment ({@link withPublicUrls}, PUBLIC_BASE_URL), as the Notificaties API
 * requires (`hoofdObject` and `resourceUrl` are `format: uri`). So a corrected PUBLIC_BASE_URL holds for the
 * deliveries still pending too.
 */

/** The channel every provider notification is published on. */
export const PROVIDER_NOTIFICATION_KANAAL = 'verwijzingen';

export type NotificationActie = 'create' | 'update' | 'destroy';
/** `verwijzing`: the referral itself was made or taken back; `casusregisseur`: the household's coordinator changed. */
export type NotificationResource = 'verwijzing' | 'casusregisseur';

export interface NotificationKenmerken {
  /** CBS code of the municipality of the household, e.g. GM0299. */
  gemeente: string;
  /** Referral category code, e.g. lichtere-zorg. */
  categorie: string;
  /** AGB code of the provider the referral is addressed to (one endpoint may serve several codes). */
  zorgaanbieder: string;
  /** Id of the event the notification reports; also in the X-Casusregie-Event header. */
  eventId: string;
}

export interface ProviderNotification {
  kanaal: typeof PROVIDER_NOTIFICATION_KANAAL;
  hoofdObject: string;
  resource: NotificationResource;
  resourceUrl: string;
  actie: NotificationActie;
  /** When the event was recorded (ISO 8601 instant, UTC). */
  aanmaakdatum: string;
  kenmerken: NotificationKenmerken;
}

/** Everything a notification is built from: deliberately only ids and codes, so personal data cannot get in. */
export interface NotificationFacts {
  actie: NotificationActie;
  resource: NotificationResource;
  referralId: string;
  agbCode: string;
  municipality: string;
  category: string;
  eventId: string;
  recordedAt: Date;
}

/** The provider API's path of a referral, relative to the API's base URL. */
export function referralPath(referralId: string): string {
  return `/api/v1/provider/referrals/${encodeURIComponent(referralId)}`;
}

export function buildProviderNotification(facts: NotificationFacts): ProviderNotification {
  const url = referralPath(facts.referralId);
  return {
    kanaal: PROVIDER_NOTIFICATION_KANAAL,
    hoofdObject: url,
    resource: facts.resource,
    // A coordinator change has no resource of its own at the provider API: the referral it concerns is the resource.
    resourceUrl: url,
    actie: facts.actie,
    aanmaakdatum: facts.recordedAt.toISOString(),
    kenmerken: { gemeente: facts.municipality, categorie: facts.category, zorgaanbieder: facts.agbCode, eventId: facts.eventId },
  };
}

/**
 * The notification as it is sent: `hoofdObject` and `resourceUrl` absolute, under `publicBaseUrl` (no trailing
 * slash; a path prefix in it is kept). A URL that is absolute already stays as it is.
 */
export function withPublicUrls(notification: ProviderNotification, publicBaseUrl: string): ProviderNotification {
  const absolute = (url: string) => (url.startsWith('/') ? `${publicBaseUrl}${url}` : url);
  return { ...notification, hoofdObject: absolute(notification.hoofdObject), resourceUrl: absolute(notification.resourceUrl) };
}

/**
 * The exact bytes that are POSTed (and signed). Built field by field in the ZGW order, whatever order the stored
 * copy came back in (PostgreSQL's jsonb does not keep key order), so every attempt sends the same body.
 */
export function notificationBody(notification: ProviderNotification): string {
  const { kanaal, hoofdObject, resource, resourceUrl, actie, aanmaakdatum, kenmerken } = notification;
  return JSON.stringify({
    kanaal,
    hoofdObject,
    resource,
    resourceUrl,
    actie,
    aanmaakdatum,
    kenmerken: {
      gemeente: kenmerken.gemeente,
      categorie: kenmerken.categorie,
      zorgaanbieder: kenmerken.zorgaanbieder,
      eventId: kenmerken.eventId,
    },
  });
}
