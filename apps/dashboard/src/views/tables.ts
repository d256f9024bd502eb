/** Small building blocks of the NL Design System tables, so every table has a caption and scoped headers. */
import { html, nothing, type TemplateResult } from 'lit-html';

export function headerRow(headers: string[], numericFrom = Infinity): TemplateResult {
  return html`<thead class="utrecht-table__header"><tr class="utrecht-table__row">
    ${headers.map((header, index) => html`<th scope="col"
      class="utrecht-table__header-cell ${index >= numericFrom ? 'utrecht-table__header-cell--numeric-column' : ''}">${header}</th>`)}
  </tr></thead>`;
}

/** A data cell with the API's raw value in data-value (for tests and copy) and a readable text. */
export function cell(field: string, value: unknown, text: TemplateResult | string, numeric = false): TemplateResult {
  const raw = value === null || value === undefined ? '' : String(value);
  return html`<td class="utrecht-table__cell ${numeric ? 'utrecht-table__cell--numeric-data' : ''}"
    data-field=${field} data-value=${raw}>${text}</td>`;
}

export function emptyRow(columns: number, text: string): TemplateResult {
  return html`<tr class="utrecht-table__row"><td class="utrecht-table__cell" colspan=${columns}>${text}</td></tr>`;
}

export function moreButton(next: string | null, label: string, onMore: () => void): TemplateResult | typeof nothing {
  if (!next) return nothing;
  return html`<button type="button" class="utrecht-button utrecht-button--secondary-action casusregie-more"
    @click=${onMore}>${label}</button>`;
}
