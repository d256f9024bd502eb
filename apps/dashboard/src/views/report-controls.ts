/**
 * The controls of a report: period (from, to), the business date judged on (asOf), optionally the instant to
 * reproduce (knownAt) and the N days of a worklist. They live in memory per page, never in the URL (which carries
 * ids only). Defaults: twelve whole months up to today, judged today, as known now.
 */
import { html, nothing, type TemplateResult } from 'lit-html';
import { firstOfMonthBefore, today } from '../format';

export interface ReportParams {
  from: string;
  to: string;
  asOf: string;
  /** The datetime-local value as typed (local time), '' for "as known now". */
  knownAtLocal: string;
  days: number;
}

export function defaultParams(days = 14): ReportParams {
  return { from: firstOfMonthBefore(11), to: today(), asOf: today(), knownAtLocal: '', days };
}

/** knownAt as the API wants it: an ISO instant (the browser's zone turns the local value into UTC), or undefined. */
export function knownAtIso(params: ReportParams): string | undefined {
  if (!params.knownAtLocal) return undefined;
  const instant = new Date(params.knownAtLocal);
  return Number.isNaN(instant.getTime()) ? undefined : instant.toISOString();
}

export interface ControlsOptions {
  id: string;
  period?: boolean;
  knownAt?: boolean;
  days?: { label: string; max: number };
  extra?: TemplateResult;
}

function field(id: string, label: string, input: TemplateResult, hint?: string): TemplateResult {
  return html`<div class="utrecht-form-field casusregie-control">
    <label class="utrecht-form-label" for=${id}>${label}</label>
    ${input}
    ${hint ? html`<p class="utrecht-form-field-description" id=${`${id}-hint`}>${hint}</p>` : nothing}
  </div>`;
}

export function reportControls(
  params: ReportParams,
  options: ControlsOptions,
  onChange: (params: ReportParams, form: HTMLFormElement) => void,
): TemplateResult {
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const text = (name: string, fallback: string) => (data.has(name) ? String(data.get(name)) : fallback);
    onChange({
      from: text('from', params.from),
      to: text('to', params.to),
      asOf: text('asOf', params.asOf),
      knownAtLocal: text('knownAt', params.knownAtLocal),
      days: data.has('days') ? Number(data.get('days')) : params.days,
    }, form);
  };
  const p = options.id;
  return html`<form class="casusregie-controls" id=${p} data-testid=${p} @submit=${submit}>
    <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset casusregie-controls__fieldset">
      <legend class="utrecht-form-fieldset__legend casusregie-controls__legend">Instellingen van het overzicht</legend>
      <div class="casusregie-controls__row">
        ${options.period === false ? nothing : html`
          ${field(`${p}-from`, 'Vanaf (startdatum)', html`<input type="date" id=${`${p}-from`} name="from" required
            class="utrecht-textbox utrecht-textbox--html-input" .value=${params.from} min="1900-01-01" max="2999-12-31">`)}
          ${field(`${p}-to`, 'Tot en met', html`<input type="date" id=${`${p}-to`} name="to" required
            class="utrecht-textbox utrecht-textbox--html-input" .value=${params.to} min="1900-01-01" max="2999-12-31">`)}`}
        ${field(`${p}-asOf`, 'Peildatum', html`<input type="date" id=${`${p}-asOf`} name="asOf" required
          class="utrecht-textbox utrecht-textbox--html-input" .value=${params.asOf} min="1900-01-01" max="2999-12-31">`)}
        ${options.knownAt === false ? nothing : field(`${p}-knownAt`, 'Zoals bekend op (optioneel)',
          html`<input type="datetime-local" id=${`${p}-knownAt`} name="knownAt" aria-describedby=${`${p}-knownAt-hint`}
            class="utrecht-textbox utrecht-textbox--html-input" .value=${params.knownAtLocal}>`,
          'Leeg: zoals nu bekend. Anders: het overzicht zoals het op dat moment was.')}
        ${options.days ? field(`${p}-days`, options.days.label, html`<input type="number" id=${`${p}-days`} name="days"
          required min="0" max=${options.days.max} step="1" inputmode="numeric"
          class="utrecht-textbox utrecht-textbox--html-input utrecht-textbox--numeric" .value=${String(params.days)}>`) : nothing}
        ${options.extra ?? nothing}
      </div>
      <button type="submit" class="utrecht-button utrecht-button--primary-action utrecht-button--submit">Bijwerken</button>
    </fieldset>
  </form>`;
}
