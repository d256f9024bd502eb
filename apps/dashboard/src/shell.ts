/**
 * The page around every view: skip link, header with who is logged in and "Uitloggen", the role's navigation, and
 * <main> with the one h1 and the live region that announces loading and errors. Views only supply a title and their
 * content; the shell redraws with lit-html, which changes only what differs, so the live region stays the same node
 * (a replaced region would not be announced).
 */
import { html, nothing, render, type TemplateResult } from 'lit-html';
import { dashboardRole, me } from './session';
import { href } from './router';

type StatusKind = 'loading' | 'error' | 'info';

interface PageState {
  title: string;
  content: TemplateResult | typeof nothing;
  status: { kind: StatusKind; message: string } | null;
  currentHref: string;
}

const state: PageState = { title: '', content: nothing, status: null, currentHref: '' };
let onLogout: () => void = () => undefined;
let root: HTMLElement | null = null;

export function mountShell(element: HTMLElement, logout: () => void): void {
  root = element;
  onLogout = logout;
}

/** Shows a view's page; document.title follows so that each page has its own title (WCAG 2.4.2). */
export function showPage(title: string, content: TemplateResult): void {
  state.title = title;
  state.content = content;
  document.title = `${title} – Casusregie`;
  draw();
}

export function setCurrentHref(value: string): void {
  state.currentHref = value;
}

export function setStatus(kind: StatusKind, message: string): void {
  state.status = { kind, message };
  draw();
}

export function clearStatus(): void {
  if (state.status === null) return;
  state.status = null;
  draw();
}

/** After navigating, focus goes to the new page's heading so that keyboard and screen-reader users start there. */
export function focusHeading(): void {
  root?.querySelector<HTMLElement>('h1')?.focus();
}

const ROLE_LABEL: Record<string, string> = { supervisor: 'Toezichthouder', consultant: 'Consulent' };

function navItems(): { label: string; target: string }[] {
  switch (dashboardRole()) {
    case 'supervisor':
      return [
        { label: 'Normen', target: href.norms() },
        { label: 'Waakvlam', target: href.waakvlam() },
        { label: 'Cijfers', target: href.figures() },
      ];
    case 'consultant':
      return [{ label: 'Mijn werk', target: href.myWork() }];
    default:
      return [];
  }
}

function isCurrent(target: string): boolean {
  return state.currentHref === target || state.currentHref.startsWith(`${target}/`);
}

function skipToMain(event: Event): void {
  // The hash is the router's; the skip link moves focus instead of changing it.
  event.preventDefault();
  root?.querySelector<HTMLElement>('#main')?.focus();
}

function header(): TemplateResult {
  const who = me();
  const role = dashboardRole();
  return html`<header class="utrecht-page-header casusregie-header">
    <div class="utrecht-page-header__content casusregie-header__content">
      <p class="casusregie-app-name">Casusregie <span class="casusregie-app-sub">dashboard</span></p>
      ${who
        ? html`<p class="casusregie-who" data-testid="who">
              ${role ? ROLE_LABEL[role] : 'Geen dashboardrol'} · gemeente ${who.municipality}${who.team ? html` · team ${who.team}` : nothing}
            </p>
            <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="logout"
              @click=${() => onLogout()}>Uitloggen</button>`
        : nothing}
    </div>
  </header>`;
}

function navigation(): TemplateResult | typeof nothing {
  const items = navItems();
  if (items.length === 0) return nothing;
  return html`<nav class="utrecht-nav-bar casusregie-nav" aria-label="Hoofdmenu">
    <div class="utrecht-nav-bar__content">
      <ul class="utrecht-nav-list" role="list">
        ${items.map(
          (item) => html`<li class="utrecht-nav-list__item">
            <a class="utrecht-nav-list__link" href=${item.target} aria-current=${isCurrent(item.target) ? 'page' : nothing}>${item.label}</a>
          </li>`,
        )}
      </ul>
    </div>
  </nav>`;
}

function statusRegion(): TemplateResult {
  const status = state.status;
  return html`<div class="casusregie-status" role="status" aria-live="polite" data-testid="status">
    ${status === null
      ? nothing
      : status.kind === 'error'
        ? html`<div class="utrecht-alert utrecht-alert--error" data-testid="error">
            <div class="utrecht-alert__content"><p class="utrecht-alert__message utrecht-paragraph">${status.message}</p></div>
          </div>`
        : html`<p class="utrecht-paragraph casusregie-status__message">${status.message}</p>`}
  </div>`;
}

function draw(): void {
  if (!root) return;
  render(
    html`<a class="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#main" @click=${skipToMain}>Naar de hoofdinhoud</a>
      <div class="utrecht-page casusregie-page">
        ${header()} ${navigation()}
        <main id="main" class="utrecht-page-content casusregie-main" tabindex="-1">
          <h1 class="utrecht-heading-1" tabindex="-1">${state.title}</h1>
          ${statusRegion()} ${state.content}
        </main>
      </div>`,
    root,
  );
}
