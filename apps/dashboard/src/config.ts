import type { DashboardConfig } from './api-types';
import { ProblemError } from './problem-error';

/** The dashboard is served at /dashboard/; its config sits beside it and says how to log in and where the API is. */
export async function loadConfig(): Promise<DashboardConfig> {
  let response: Response;
  try {
    response = await fetch('/dashboard/config.json', { headers: { Accept: 'application/json' }, cache: 'no-store' });
  } catch {
    throw ProblemError.network();
  }
  if (!response.ok) throw await ProblemError.fromResponse(response);
  const config = (await response.json()) as DashboardConfig;
  return { ...config, apiBase: config.apiBase.replace(/\/+$/, '') };
}
