/** Dates and numbers as Dutch readers expect them; the API's own values stay in attributes (datetime, data-value). */
import { html, nothing, type TemplateResult } from 'lit-html';

const numberFormat = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });
const dateFormat = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const instantFormat = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam',
});

/** Today as a business date (YYYY-MM-DD) in the browser's zone; the municipalities are all in Europe/Amsterdam. */
export function today(): string {
  return isoDate(new Date());
}

function isoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The first day of the month `months` months before the current one: 11 gives twelve whole month groups. */
export function firstOfMonthBefore(months: number, from = new Date()): string {
  return isoDate(new Date(from.getFullYear(), from.getMonth() - months, 1));
}

export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : numberFormat.format(value);
}

export function formatPercentage(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : `${numberFormat.format(value)} %`;
}

/** A business date as <time>; a dash when absent. */
export function dateCell(value: string | null | undefined): TemplateResult | string {
  if (!value) return '–';
  const parsed = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime())) return value;
  return html`<time datetime=${value}>${dateFormat.format(parsed)}</time>`;
}

/** An instant (knownAt, recordedAt) as <time> in Amsterdam time. */
export function instantCell(value: string | null | undefined): TemplateResult | string {
  if (!value) return '–';
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) return value;
  return html`<time datetime=${value}>${instantFormat.format(parsed)}</time>`;
}

export function yesNo(value: boolean | null | undefined): string {
  return value === null || value === undefined ? '–' : value ? 'Ja' : 'Nee';
}

/** The line every report carries: the business date it judges on and the instant it reproduces, if any. */
export function answersFor(asOf: string, knownAt: string | null | undefined): TemplateResult {
  return html`<p class="utrecht-paragraph casusregie-answers-for" data-testid="answers-for">
    Peildatum ${dateCell(asOf)};
    ${knownAt ? html`zoals bekend op ${instantCell(knownAt)}` : html`zoals nu bekend`}.
  </p>`;
}

export const none = nothing;

const monthFormat = new Intl.DateTimeFormat('nl-NL', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A group as readers say it: "2026-03" as "maart 2026", "2026-Q1" as "1e kwartaal 2026"; others as given. */
export function groupLabel(group: string): string {
  const month = /^(\d{4})-(\d{2})$/.exec(group);
  if (month) return monthFormat.format(new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1)));
  const quarter = /^(\d{4})-Q([1-4])$/.exec(group);
  if (quarter) return `${quarter[2]}e kwartaal ${quarter[1]}`;
  return group;
}
