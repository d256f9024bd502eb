import { ProviderNotification } from './provider-notification';

/** One delivery as the senders need it: the stored notification (URLs as paths) and who it is for. */
export interface DeliveryToSend {
  id: string;
  eventId: string;
  agbCode: string;
  payload: ProviderNotification;
}

/**
 * What one attempt came to:
 * - `delivered`: 2xx;
 * - `skipped`: the referral's municipality has no webhook for the provider (or no contract with it);
 * - `unsendable`: the webhook cannot be used as registered (neither a secret nor an `auth` value, not an http(s)
 *   URL): no retry will help until an admin fixes the registration, so it goes straight to the dead letters;
 * - `failed`: worth trying again later.
 *
 * A reason is a few words of our own (an HTTP status, a timeout): never a response body, a URL or a credential.
 */
export type AttemptOutcome =
  | { kind: 'delivered'; status: number }
  | { kind: 'skipped'; reason: string }
  | { kind: 'unsendable'; reason: string }
  | { kind: 'failed'; reason: string };

export interface SendOptions {
  /** How long one POST may take, headers included. */
  timeoutMs: number;
}

/**
 * Where notifications go: each provider's own webhook (WebhookSender), or a municipality's Open Notificaties that
 * forwards them to its subscribers (NrcSender). The BullMQ worker and the embedded deliverer make one attempt per
 * call and keep the retries, backoff and dead letters, whichever it is. Never throws.
 */
export interface NotificationSender {
  send(delivery: DeliveryToSend, options: SendOptions): Promise<AttemptOutcome>;
}

/** An attempt that did not get a 2xx answer; the message is short and never holds the response body or the URL. */
export class DeliveryFailedError extends Error {
  override readonly name = 'DeliveryFailedError';
}

/**
 * POSTs a JSON body, redirects not followed (a 3xx is a failure: the configured URL is the one that must answer).
 * Resolves with the response whatever its status; throws {@link DeliveryFailedError} when no answer came.
 */
export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: SendOptions & { fetch?: typeof fetch },
): Promise<Response> {
  const doFetch = options.fetch ?? fetch;
  try {
    return await doFetch(url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
      headers: { 'Content-Type': 'application/json', 'User-Agent': 'casusregie-notifications', ...headers },
      body,
    });
  } catch (error) {
    throw new DeliveryFailedError(describeFetchError(error, options.timeoutMs));
  }
}

export function isHttpUrl(raw: string): boolean {
  try {
    const { protocol } = new URL(raw);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  // undici reports "fetch failed" with the system error (ECONNREFUSED, ENOTFOUND, ...) as its cause.
  const cause = (error as { cause?: { code?: unknown; name?: unknown } } | null)?.cause;
  if (typeof cause?.code === 'string') return `connection failed (${cause.code})`;
  if (typeof cause?.name === 'string') return `connection failed (${cause.name})`;
  return 'connection failed';
}
