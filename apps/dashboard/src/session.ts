/**
 * Who is logged in. The access token lives in this module's memory only: never in localStorage, sessionStorage,
 * a cookie or IndexedDB, so it cannot outlive the tab or be read by anything that reads storage. A reload therefore
 * means logging in again. The token is dropped when it expires, when the API answers 401, and on "Uitloggen".
 */
import type { Me } from './api-types';

export type Role = 'supervisor' | 'consultant';

interface Session {
  token: string;
  me: Me | null;
}

let current: Session | null = null;
let expiryTimer: ReturnType<typeof setTimeout> | undefined;
let endReason: string | null = null;
const listeners = new Set<() => void>();

export function accessToken(): string | null {
  return current?.token ?? null;
}

export function me(): Me | null {
  return current?.me ?? null;
}

export function isLoggedIn(): boolean {
  return current !== null;
}

/** Starts a session with a fresh token; expiresIn in seconds (the token is dropped then, a little early). */
export function startSession(token: string, expiresIn: number | undefined): void {
  clearTimeout(expiryTimer);
  current = { token, me: null };
  endReason = null;
  if (expiresIn !== undefined && Number.isFinite(expiresIn) && expiresIn > 0) {
    const ms = Math.max(0, expiresIn * 1000 - 5000);
    expiryTimer = setTimeout(() => endSession('Uw sessie is verlopen. Log opnieuw in.'), ms);
  }
}

export function setMe(who: Me): void {
  if (current) current.me = who;
}

/** Drops the token; reason is shown on the login page (null for a deliberate log-out). */
export function endSession(reason: string | null = null): void {
  clearTimeout(expiryTimer);
  const wasLoggedIn = current !== null;
  current = null;
  endReason = reason;
  if (wasLoggedIn) for (const listener of listeners) listener();
}

/** Why the last session ended, once: the login page shows it. */
export function takeEndReason(): string | null {
  const reason = endReason;
  endReason = null;
  return reason;
}

export function onSessionEnd(listener: () => void): void {
  listeners.add(listener);
}

/** The dashboard's role for this user: supervisor first, since a supervisor's pages are a superset to look at. */
export function dashboardRole(who: Me | null = me()): Role | null {
  if (!who) return null;
  if (who.roles.includes('supervisor')) return 'supervisor';
  if (who.roles.includes('consultant')) return 'consultant';
  return null;
}

export function homeRoute(role: Role | null): string {
  return role === 'consultant' ? '#/mijn-werk' : role === 'supervisor' ? '#/normen' : '#/inloggen';
}
