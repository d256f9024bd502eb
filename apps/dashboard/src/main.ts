/**
 * The dashboard's entry: reads the config, finishes an OpenID Connect redirect if this load is one, then routes on
 * the hash. Every route but the login page needs a session and the route's role; without one the login page shows.
 */
import { html } from 'lit-html';
import type { DashboardConfig } from './api-types';
import { setApiBase } from './api-client';
import { chartOption, disposeCharts, resizeCharts } from './charts/chart-registry';
import { loadConfig } from './config';
import { completeOidcLogin, forgetOidcUser, isOidcCallback } from './login';
import { describeError } from './problem-error';
import { href, isRouteHash, parseRoute, roleFor, type Route } from './router';
import { dashboardRole, endSession, homeRoute, isLoggedIn, onSessionEnd } from './session';
import { clearStatus, focusHeading as focusPageHeading, mountShell, setCurrentHref, setStatus, showPage } from './shell';
import { afterLogin, showLogin } from './views/login-view';
import { showNorms } from './views/norms-view';
import { showNorm } from './views/norm-view';
import { showWaakvlam } from './views/waakvlam-view';
import { showFigures } from './views/figures-view';
import { showFigure } from './views/figure-view';
import { showMyWork } from './views/my-work-view';
import { showHousehold } from './views/household-view';
import type { ViewContext } from './views/view-context';

declare global {
  interface Window {
    casusregieDashboard: { chartOption(name: string): unknown };
  }
}

// For the browser tests: the option of a chart on the current page, by name.
window.casusregieDashboard = { chartOption };

let navigation = 0;
/** Pages shown so far (redirects not counted): the first keeps focus at the top of the document. */
let pagesShown = 0;

function route(config: DashboardConfig): void {
  if (!isRouteHash(location.hash)) return;
  const current = ++navigation;
  const ctx: ViewContext = { config, isCurrent: () => current === navigation };
  const target = parseRoute(location.hash);
  // On the first page of a load, focus stays at the top so that the skip link is the first Tab stop; after a
  // navigation within the app it moves to the new page's heading.
  const focusHeading = () => {
    if (pagesShown > 0) focusPageHeading();
    pagesShown += 1;
  };
  disposeCharts();
  clearStatus();
  setCurrentHref(location.hash);

  if (target.name === 'home') {
    location.replace(isLoggedIn() ? homeRoute(dashboardRole()) : href.login());
    return;
  }
  if (target.name === 'login') {
    if (isLoggedIn() && dashboardRole()) location.replace(homeRoute(dashboardRole()));
    else showLogin(ctx);
    focusHeading();
    return;
  }
  if (!isLoggedIn()) {
    location.replace(href.login());
    return;
  }
  const needed = roleFor(target);
  if (needed && dashboardRole() !== needed) {
    showPage('Geen toegang', html`<p class="utrecht-paragraph">Deze pagina is voor een andere rol.
      <a class="utrecht-link utrecht-link--html-a" href=${homeRoute(dashboardRole())}>Naar uw startpagina</a>.</p>`);
    focusHeading();
    return;
  }
  void show(ctx, target).then(() => undefined);
  focusHeading();
}

async function show(ctx: ViewContext, target: Route): Promise<void> {
  switch (target.name) {
    case 'norms': return showNorms(ctx);
    case 'norm': return showNorm(ctx, target.normId);
    case 'waakvlam': return showWaakvlam(ctx);
    case 'figures': return showFigures(ctx);
    case 'figure': return showFigure(ctx, target.figureId);
    case 'my-work': return showMyWork(ctx);
    case 'household': return showHousehold(ctx, target.householdId);
    default:
      showPage('Pagina niet gevonden', html`<p class="utrecht-paragraph">Deze pagina bestaat niet.
        <a class="utrecht-link utrecht-link--html-a" href=${homeRoute(dashboardRole())}>Naar de startpagina</a>.</p>`);
  }
}

async function logout(): Promise<void> {
  await forgetOidcUser().catch(() => undefined);
  endSession(null);
}

async function start(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) return;
  mountShell(root, () => void logout());
  let config: DashboardConfig;
  try {
    config = await loadConfig();
  } catch (error) {
    showPage('Dashboard niet beschikbaar', html``);
    setStatus('error', describeError(error));
    return;
  }
  setApiBase(config.apiBase);
  // When the session ends (log-out, expiry, a 401), the token is gone: back to the login page.
  onSessionEnd(() => {
    disposeCharts();
    if (location.hash === href.login()) route(config);
    else location.hash = href.login();
  });
  window.addEventListener('hashchange', () => route(config));
  window.addEventListener('resize', () => resizeCharts());

  if (config.login === 'oidc' && isOidcCallback()) {
    showPage('Inloggen', html``);
    setStatus('loading', 'Bezig met inloggen…');
    try {
      afterLogin(await completeOidcLogin(config));
    } catch (error) {
      endSession(null);
      route(config);
      setStatus('error', describeError(error));
    }
    return;
  }
  route(config);
}

void start();
