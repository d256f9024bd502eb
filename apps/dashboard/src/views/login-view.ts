/**
 * #/inloggen. In development mode a form asks the embedded server for a token for a chosen role; with OpenID Connect
 * one button starts the authorization-code flow with PKCE. The page says that a reload means logging in again: the
 * token is kept in memory only.
 */
import { html } from 'lit-html';
import { describeError } from '../problem-error';
import { devLogin, startOidcLogin, type DevLoginRequest } from '../login';
import { clearStatus, setStatus, showPage } from '../shell';
import { dashboardRole, homeRoute, takeEndReason } from '../session';
import type { Me } from '../api-types';
import type { ViewContext } from './view-context';

export function showLogin(ctx: ViewContext): void {
  const reason = takeEndReason();
  if (reason) setStatus('info', reason);
  const memoryNote = html`<p class="utrecht-paragraph" data-testid="memory-note">
    Uw sessie wordt alleen in het geheugen van dit tabblad bewaard. Na het herladen of sluiten van de pagina logt u
    opnieuw in.
  </p>`;
  if (ctx.config.login === 'none') {
    // A server deployment without an identity provider: the development login exists in embedded mode only.
    showPage('Inloggen', html`<div class="utrecht-alert utrecht-alert--error" data-testid="no-login">
      <div class="utrecht-alert__content"><p class="utrecht-alert__message utrecht-paragraph">
        Er is geen inlogmethode ingesteld. De beheerder stelt DASHBOARD_OIDC_ISSUER en DASHBOARD_OIDC_CLIENT_ID in
        (inloggen via de identity provider van de gemeente).
      </p></div>
    </div>`);
    return;
  }
  if (ctx.config.login === 'oidc') {
    showPage('Inloggen', html`${memoryNote}
      <button type="button" class="utrecht-button utrecht-button--primary-action" data-testid="oidc-login"
        @click=${() => void oidcLogin(ctx)}>Inloggen met uw organisatieaccount</button>`);
    return;
  }
  showPage('Inloggen', html`
    <div class="utrecht-alert utrecht-alert--warning" data-testid="dev-login-note">
      <div class="utrecht-alert__content"><p class="utrecht-alert__message utrecht-paragraph">
        Ontwikkel-login: deze manier van inloggen bestaat alleen in de ingebouwde (embedded) modus, om het dashboard
        te proberen. In productie logt u in via OpenID Connect.
      </p></div>
    </div>
    ${memoryNote}
    <form id="login-form" class="casusregie-form" @submit=${(event: SubmitEvent) => void submitDevLogin(event)}>
      <div class="utrecht-form-field utrecht-form-field--distanced">
        <label class="utrecht-form-label" for="login-role">Rol</label>
        <select id="login-role" name="role" class="utrecht-select utrecht-select--html-select" required>
          <option value="supervisor">Toezichthouder</option>
          <option value="consultant">Consulent</option>
        </select>
      </div>
      <div class="utrecht-form-field utrecht-form-field--distanced">
        <label class="utrecht-form-label" for="login-municipality">Gemeente (CBS-code)</label>
        <input id="login-municipality" name="municipality" class="utrecht-textbox utrecht-textbox--html-input"
          value="GM0299" required pattern="GM[0-9]{4}" autocomplete="off" aria-describedby="login-municipality-hint">
        <p class="utrecht-form-field-description" id="login-municipality-hint">Bijvoorbeeld GM0299 (Zevenaar).</p>
      </div>
      <div class="utrecht-form-field utrecht-form-field--distanced">
        <label class="utrecht-form-label" for="login-team">Team (optioneel)</label>
        <input id="login-team" name="team" class="utrecht-textbox utrecht-textbox--html-input" autocomplete="off">
      </div>
      <div class="utrecht-form-field utrecht-form-field--distanced">
        <label class="utrecht-form-label" for="login-sub">Medewerker-id (optioneel)</label>
        <input id="login-sub" name="sub" class="utrecht-textbox utrecht-textbox--html-input" autocomplete="off">
      </div>
      <button type="submit" class="utrecht-button utrecht-button--primary-action utrecht-button--submit">Inloggen</button>
    </form>`);
}

async function submitDevLogin(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const data = new FormData(event.currentTarget as HTMLFormElement);
  const text = (name: string) => String(data.get(name) ?? '').trim();
  const request: DevLoginRequest = {
    role: text('role') === 'consultant' ? 'consultant' : 'supervisor',
    municipality: text('municipality'),
    ...(text('team') ? { team: text('team') } : {}),
    ...(text('sub') ? { sub: text('sub') } : {}),
  };
  setStatus('loading', 'Bezig met inloggen…');
  try {
    afterLogin(await devLogin(request));
  } catch (error) {
    setStatus('error', describeError(error));
  }
}

async function oidcLogin(ctx: ViewContext): Promise<void> {
  setStatus('loading', 'U wordt doorgestuurd naar de inlogpagina…');
  try {
    await startOidcLogin(ctx.config);
  } catch (error) {
    setStatus('error', describeError(error));
  }
}

/** Sends the user to the role's first page; a token without a dashboard role gets an explanation instead. */
export function afterLogin(who: Me): void {
  const role = dashboardRole(who);
  if (role === null) {
    setStatus('error', 'U bent ingelogd, maar uw account heeft geen rol voor dit dashboard (toezichthouder of consulent).');
    return;
  }
  clearStatus();
  location.hash = homeRoute(role);
}

