/**
 * The two ways in: the development login of the embedded mode (the server mints a token for a chosen role) and
 * OpenID Connect (authorization code + PKCE with oidc-client-ts). Either ends in startSession + GET /me.
 */
import { InMemoryWebStorage, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { DashboardConfig, Me } from './api-types';
import { apiGet } from './api-client';
import { ProblemError } from './problem-error';
import { setMe, startSession } from './session';

export interface DevLoginRequest {
  role: 'supervisor' | 'consultant';
  municipality: string;
  team?: string;
  sub?: string;
}

export async function devLogin(request: DevLoginRequest): Promise<Me> {
  let response: Response;
  try {
    response = await fetch('/dashboard/dev-login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json, application/problem+json' },
      body: JSON.stringify(request),
    });
  } catch {
    throw ProblemError.network();
  }
  if (!response.ok) throw await ProblemError.fromResponse(response);
  const { accessToken, expiresIn } = (await response.json()) as { accessToken: string; expiresIn: number };
  startSession(accessToken, expiresIn);
  return loadMe();
}

/** Who the token says we are: the role picks the pages, the municipality is shown in the header. */
export async function loadMe(): Promise<Me> {
  const who = await apiGet<Me>('/me');
  setMe(who);
  return who;
}

let userManager: UserManager | null = null;

function oidcManager(config: DashboardConfig): UserManager {
  if (!config.oidc) throw new ProblemError(500, 'Configuratie onvolledig', 'De OpenID Connect-instellingen ontbreken.');
  // The user (with its tokens) is kept in memory only. oidc-client-ts keeps the PKCE verifier and state in
  // sessionStorage for the duration of the redirect only (its default state store) and removes them on the callback.
  userManager ??= new UserManager({
    authority: config.oidc.authority,
    client_id: config.oidc.clientId,
    scope: config.oidc.scope,
    redirect_uri: `${location.origin}/dashboard/`,
    response_type: 'code',
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    automaticSilentRenew: false,
    monitorSession: false,
    loadUserInfo: false,
  });
  return userManager;
}

/**
 * oidc-client-ts throws plain Errors (the provider unreachable, a state that does not match, the provider's own
 * error_description): shown as a problem so the user sees what went wrong. They carry no personal data.
 */
function asProblem(error: unknown): ProblemError {
  if (error instanceof ProblemError) return error;
  const message = error instanceof Error ? error.message : '';
  return new ProblemError(0, 'Inloggen mislukt', message || 'De identiteitsprovider gaf geen antwoord.');
}

export async function startOidcLogin(config: DashboardConfig): Promise<void> {
  try {
    await oidcManager(config).signinRedirect();
  } catch (error) {
    throw asProblem(error);
  }
}

/** Whether this page load is the identity provider's redirect back (code and state in the query). */
export function isOidcCallback(): boolean {
  const params = new URLSearchParams(location.search);
  return params.has('state') && (params.has('code') || params.has('error'));
}

/** Finishes the code flow, then removes code and state from the address bar so that they are not bookmarked. */
export async function completeOidcLogin(config: DashboardConfig): Promise<Me> {
  try {
    const user = await oidcManager(config).signinRedirectCallback();
    startSession(user.access_token, user.expires_in);
  } catch (error) {
    throw asProblem(error);
  } finally {
    history.replaceState(null, '', `${location.pathname}#/inloggen`);
  }
  return loadMe();
}

/** Forgets the oidc-client-ts user too (it is in memory anyway); no redirect to the provider's end-session. */
export async function forgetOidcUser(): Promise<void> {
  await userManager?.removeUser();
}
