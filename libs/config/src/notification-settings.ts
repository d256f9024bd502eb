import { ConfigError } from './app-config';

/** A municipality's Open Notificaties (NRC) that notifications are published to instead of the providers' webhooks. */
export interface NrcSettings {
  /** The Notificaties API root, without a trailing slash, e.g. `https://notificaties.gemeente.nl/api/v1`. */
  url: string;
  /**
   * How casusregie authenticates: a ZGW JWT (HS256, made fresh for every request from the client id and secret the
   * NRC's Autorisaties API knows), or a fixed `Authorization` value (e.g. a gateway's `Token …`).
   */
  auth: { kind: 'zgw-jwt'; clientId: string; secret: string } | { kind: 'authorization'; value: string };
}

/**
 * PUBLIC_BASE_URL: the address providers reach the API at, without `/api/v1` (a path prefix in front of it, for a
 * reverse proxy, is kept). Notifications carry absolute URLs made from it. Defaults to `http://localhost:<PORT>`,
 * which is right for embedded mode and development on one machine and for nothing else.
 */
export function publicBaseUrlFrom(raw: string | undefined, port: number): string {
  if (raw === undefined) return `http://localhost:${port}`;
  const problem = `must be an absolute http(s) URL such as https://casusregie.gemeente.nl (no query or fragment), got "${raw}"`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('PUBLIC_BASE_URL', problem);
  }
  // A user and password in it are refused without repeating them.
  if (url.username !== '' || url.password !== '') throw new ConfigError('PUBLIC_BASE_URL', 'must not hold a user or password');
  if (!['https:', 'http:'].includes(url.protocol) || url.search !== '' || url.hash !== '') throw new ConfigError('PUBLIC_BASE_URL', problem);
  if (/\/api\/v\d+\/?$/.test(url.pathname)) {
    throw new ConfigError('PUBLIC_BASE_URL', `must not end in /api/v1: the API's own path is added to it, got "${raw}"`);
  }
  // new URL() normalises (lower-case host, default port dropped); one form, without trailing slashes, to add paths to.
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/**
 * NOTIFICATIONS_NRC_URL with NOTIFICATIONS_NRC_CLIENT_ID and NOTIFICATIONS_NRC_SECRET, or with
 * NOTIFICATIONS_NRC_AUTHORIZATION; undefined when NOTIFICATIONS_NRC_URL is not set. Messages never repeat a secret.
 */
export function nrcSettingsFrom(value: (name: string) => string | undefined): NrcSettings | undefined {
  const raw = value('NOTIFICATIONS_NRC_URL');
  const clientId = value('NOTIFICATIONS_NRC_CLIENT_ID');
  const secret = value('NOTIFICATIONS_NRC_SECRET');
  const authorization = value('NOTIFICATIONS_NRC_AUTHORIZATION');
  if (raw === undefined) {
    const stray = [clientId && 'NOTIFICATIONS_NRC_CLIENT_ID', secret && 'NOTIFICATIONS_NRC_SECRET', authorization && 'NOTIFICATIONS_NRC_AUTHORIZATION'].find(Boolean);
    if (stray) throw new ConfigError(stray, 'is set but NOTIFICATIONS_NRC_URL is not');
    return undefined;
  }
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (url === undefined || !['https:', 'http:'].includes(url.protocol) || url.search !== '' || url.hash !== '' || url.username !== '') {
    // May hold a credential by mistake: say what is wrong, not what it was.
    throw new ConfigError('NOTIFICATIONS_NRC_URL', 'must be the http(s) root of a Notificaties API, e.g. https://notificaties.gemeente.nl/api/v1');
  }
  const root = `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  if (authorization !== undefined) {
    if (clientId !== undefined || secret !== undefined) {
      throw new ConfigError('NOTIFICATIONS_NRC_AUTHORIZATION', 'is set and so is NOTIFICATIONS_NRC_CLIENT_ID or _SECRET; set only one way to authenticate');
    }
    if (!HEADER_VALUE.test(authorization)) throw new ConfigError('NOTIFICATIONS_NRC_AUTHORIZATION', 'must be one line of printable ASCII (an Authorization header value)');
    return { url: root, auth: { kind: 'authorization', value: authorization } };
  }
  if (clientId === undefined || secret === undefined) {
    throw new ConfigError(
      clientId === undefined ? 'NOTIFICATIONS_NRC_CLIENT_ID' : 'NOTIFICATIONS_NRC_SECRET',
      'is required with NOTIFICATIONS_NRC_URL (the ZGW client id and secret), unless NOTIFICATIONS_NRC_AUTHORIZATION is set',
    );
  }
  if (!/^[\x21-\x7e]{1,100}$/.test(clientId)) throw new ConfigError('NOTIFICATIONS_NRC_CLIENT_ID', 'must be 1 to 100 printable ASCII characters without spaces');
  return { url: root, auth: { kind: 'zgw-jwt', clientId, secret } };
}

/** A header value: printable ASCII and inner spaces, no CR/LF or other control characters. */
const HEADER_VALUE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;
