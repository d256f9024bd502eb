import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import express, { NextFunction, Request, Response, Router } from 'express';
import { AppConfig } from '@casusregie/config';
import { resolveJwtSecret } from '@casusregie/auth/resolve-jwt-secret';
import { signAccessToken } from '@casusregie/auth/sign-access-token';
import { MUNICIPALITY_CODE_PATTERN, Principal } from '@casusregie/auth/principal';
import { ProblemHttpException } from '@casusregie/http';
import { API_PREFIX } from '../api-version';

/** Where the dashboard is served: beside the API, outside its versioned prefix (it is no part of the contract). */
export const DASHBOARD_PATH = '/dashboard';

/** How the dashboard's users log in, as config.json tells the page. */
export type DashboardLogin = 'development' | 'oidc' | 'none';

/** The roles the dashboard has views for. */
const DASHBOARD_ROLES = ['supervisor', 'consultant'] as const;
const NAME_PATTERN = /^[\w.@-]{1,64}$/;
const DEV_TOKEN_SECONDS = 8 * 3600;

/**
 * The development login exists in embedded mode only: PGlite, and the generated development secret (neither
 * AUTH_JWT_SECRET nor AUTH_JWKS_URL), the same condition under which `npm run token` signs tokens the API accepts.
 */
export function dashboardLogin(config: AppConfig): DashboardLogin {
  if (config.dashboard.oidc !== undefined) return 'oidc';
  const embedded = config.eventStore === 'pglite' && config.auth.jwtSecret === undefined && config.auth.jwksUrl === undefined;
  return embedded ? 'development' : 'none';
}

/**
 * The dashboard: its built assets (scripts/build.js bundles apps/dashboard into <build>/dashboard), its settings
 * (config.json), the municipality's house style (theme.css) and, in embedded mode, the development login. The page
 * calls the API like any client, with the user's token; nothing here reads a household.
 */
export function dashboardRouter(config: AppConfig, assetsDir: string | undefined): Router {
  const router = Router();
  const login = dashboardLogin(config);

  router.get('/config.json', (_request, response) => {
    const oidc = config.dashboard.oidc;
    response.json({
      login,
      apiBase: `/${API_PREFIX}`,
      ...(oidc === undefined ? {} : { oidc: { authority: oidc.issuer, clientId: oidc.clientId, scope: oidc.scope } }),
    });
  });

  router.get('/theme.css', (_request, response) => {
    const themeFile = config.dashboard.themeFile;
    response.type('text/css').send(themeFile === undefined ? '' : readFileSync(themeFile, 'utf8'));
  });

  if (login === 'development') {
    const secret = resolveJwtSecret(config);
    router.post('/dev-login', (request: Request, response: Response, next: NextFunction) => {
      const principal = devPrincipal(request.body);
      if (principal instanceof ProblemHttpException) return next(principal);
      response.json({ accessToken: signAccessToken(principal, secret, { expiresIn: DEV_TOKEN_SECONDS }), expiresIn: DEV_TOKEN_SECONDS });
    });
  }

  if (assetsDir !== undefined && existsSync(join(assetsDir, 'index.html'))) {
    // No Cache-Control of its own: the API's no-store stays on every answer, the page's included.
    router.use(express.static(assetsDir, { cacheControl: false, index: 'index.html', redirect: true, dotfiles: 'ignore' }));
  } else {
    router.get('/', (_request, _response, next) =>
      next(new ProblemHttpException(404, { code: 'dashboard-not-built', detail: 'The dashboard is not built: run npm run build, or npm start.' })),
    );
  }
  return router;
}

/** The principal the development login signs for, or the problem with the request. */
function devPrincipal(body: unknown): Principal | ProblemHttpException {
  const { role, municipality, team, sub } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const invalid: { name: string; code: string; reason: string }[] = [];
  if (!DASHBOARD_ROLES.includes(role as (typeof DASHBOARD_ROLES)[number])) {
    invalid.push({ name: 'role', code: 'isIn', reason: `role must be one of ${DASHBOARD_ROLES.join(', ')}` });
  }
  if (typeof municipality !== 'string' || !MUNICIPALITY_CODE_PATTERN.test(municipality)) {
    invalid.push({ name: 'municipality', code: 'matches', reason: 'municipality must be a CBS code such as GM0299' });
  }
  const teamGiven = team !== undefined && team !== '';
  if (teamGiven && (typeof team !== 'string' || !NAME_PATTERN.test(team))) {
    invalid.push({ name: 'team', code: 'matches', reason: 'team must be 1 to 64 letters, digits or . _ @ -' });
  }
  if (role === 'consultant' && !teamGiven) invalid.push({ name: 'team', code: 'isNotEmpty', reason: 'a consultant needs a team' });
  const subGiven = sub !== undefined && sub !== '';
  if (subGiven && (typeof sub !== 'string' || !NAME_PATTERN.test(sub))) {
    invalid.push({ name: 'sub', code: 'matches', reason: 'sub must be 1 to 64 letters, digits or . _ @ -' });
  }
  if (invalid.length > 0) {
    return new ProblemHttpException(400, { code: 'invalid-request', detail: 'The development login needs a role and a municipality.', invalidParams: invalid });
  }
  return {
    sub: subGiven ? (sub as string) : 'dev-user',
    roles: [role as (typeof DASHBOARD_ROLES)[number]],
    municipality: municipality as string,
    ...(teamGiven ? { team: team as string } : {}),
  };
}
