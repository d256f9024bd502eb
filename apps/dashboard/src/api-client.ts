/**
 * Calls to the casusregie API with the in-memory bearer token. Query values are ids, codes and dates only (the
 * dashboard never puts a name or BSN in a URL). A 401 ends the session: the token has expired or was revoked.
 */
import { accessToken, endSession } from './session';
import { ProblemError } from './problem-error';

export type Query = Record<string, string | number | undefined | null>;

let apiBase = '/api/v1';

export function setApiBase(base: string): void {
  apiBase = base;
}

export function apiUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `${apiBase}${path}${search ? `?${search}` : ''}`;
}

async function send(path: string, query: Query, accept: string): Promise<Response> {
  const token = accessToken();
  if (!token) {
    endSession('Log in om verder te gaan.');
    throw new ProblemError(401, 'Niet ingelogd', 'Log in om verder te gaan.');
  }
  let response: Response;
  try {
    response = await fetch(apiUrl(path, query), {
      headers: { Accept: `${accept}, application/problem+json`, Authorization: `Bearer ${token}` },
      cache: 'no-store',
    });
  } catch {
    throw ProblemError.network();
  }
  if (response.status === 401) {
    const problem = await ProblemError.fromResponse(response);
    endSession('Uw sessie is verlopen of niet meer geldig. Log opnieuw in.');
    throw problem;
  }
  if (!response.ok) throw await ProblemError.fromResponse(response);
  return response;
}

export async function apiGet<T>(path: string, query: Query = {}): Promise<T> {
  const response = await send(path, query, 'application/json');
  return (await response.json()) as T;
}

/** A download (CSV): the body as a Blob, to hand to the browser through an object URL. */
export async function apiBlob(path: string, query: Query, accept: string): Promise<Blob> {
  const response = await send(path, query, accept);
  return response.blob();
}

/**
 * Every page of a keyset-paged list, up to maxPages: returns the items and whether more remained. The cap keeps a
 * huge municipality from freezing the browser; the views say so when it was reached.
 */
export async function apiAllPages<P extends { next: string | null }, I>(
  path: string,
  query: Query,
  itemsOf: (page: P) => I[],
  maxPages = 20,
): Promise<{ items: I[]; truncated: boolean; first: P }> {
  const first = await apiGet<P>(path, query);
  const items = [...itemsOf(first)];
  let next = first.next;
  let pages = 1;
  while (next && pages < maxPages) {
    const page = await apiGet<P>(path, { ...query, after: next });
    items.push(...itemsOf(page));
    next = page.next;
    pages += 1;
  }
  return { items, truncated: next !== null, first };
}
