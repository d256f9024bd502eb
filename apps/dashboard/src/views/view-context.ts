/**
 * What a view gets from the router: whether it is still the page shown (a slow answer for a page already left must
 * not be drawn), and helpers for the live region.
 */
import { clearStatus, setStatus } from '../shell';
import { describeError } from '../problem-error';
import type { DashboardConfig } from '../api-types';

export interface ViewContext {
  config: DashboardConfig;
  isCurrent(): boolean;
}

/** Runs a request with "loading" announced; on failure the problem's detail is shown. Undefined when failed or stale. */
export async function load<T>(ctx: ViewContext, message: string, work: () => Promise<T>): Promise<T | undefined> {
  setStatus('loading', message);
  try {
    const result = await work();
    if (!ctx.isCurrent()) return undefined;
    clearStatus();
    return result;
  } catch (error) {
    if (ctx.isCurrent()) setStatus('error', describeError(error));
    return undefined;
  }
}

/** A section's own state, so that one failing request leaves the others on the page. */
export type Section<T> =
  | { state: 'loading' }
  | { state: 'ok'; data: T }
  | { state: 'error'; message: string };
