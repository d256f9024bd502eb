import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from './app-config';

/**
 * How people log in to the dashboard (/dashboard/). In production through the municipality's identity provider with
 * OpenID Connect (DASHBOARD_OIDC_ISSUER and DASHBOARD_OIDC_CLIENT_ID: a public client, authorisation code + PKCE); the
 * API checks its tokens as any other (AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE). In embedded mode a development login
 * issues the development tokens instead; it exists nowhere else.
 */
export interface DashboardSettings {
  oidc?: { issuer: string; clientId: string; scope: string };
  /** A CSS file of design-token overrides, the municipality's house style (DASHBOARD_THEME_FILE). */
  themeFile?: string;
}

export function dashboardSettingsFrom(value: (name: string) => string | undefined): DashboardSettings {
  const fail = (variable: string, problem: string): never => {
    throw new ConfigError(variable, problem);
  };
  const issuer = value('DASHBOARD_OIDC_ISSUER');
  const clientId = value('DASHBOARD_OIDC_CLIENT_ID');
  if ((issuer === undefined) !== (clientId === undefined)) {
    fail(issuer === undefined ? 'DASHBOARD_OIDC_ISSUER' : 'DASHBOARD_OIDC_CLIENT_ID', 'is required with the other DASHBOARD_OIDC_ setting');
  }
  let oidc: DashboardSettings['oidc'];
  if (issuer !== undefined && clientId !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(issuer);
    } catch {
      url = undefined;
    }
    const local = url?.hostname === 'localhost' || url?.hostname === '127.0.0.1';
    if (url === undefined || !(url.protocol === 'https:' || (url.protocol === 'http:' && local))) {
      fail('DASHBOARD_OIDC_ISSUER', 'must be an https:// URL (http:// only on localhost)');
    }
    if (!/^[\w.:@-]{1,200}$/.test(clientId)) fail('DASHBOARD_OIDC_CLIENT_ID', 'must be 1 to 200 letters, digits or . _ : @ -');
    oidc = { issuer: issuer.replace(/\/+$/, ''), clientId, scope: value('DASHBOARD_OIDC_SCOPE') ?? 'openid profile' };
  }
  const theme = value('DASHBOARD_THEME_FILE');
  const themeFile = theme === undefined ? undefined : resolve(theme);
  if (themeFile !== undefined && (!themeFile.endsWith('.css') || !existsSync(themeFile))) {
    fail('DASHBOARD_THEME_FILE', 'must name an existing .css file');
  }
  return { oidc, themeFile };
}
