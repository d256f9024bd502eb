import { html, type TemplateResult } from 'lit-html';
import type { Section } from './view-context';

/** A section's body by its state: a loading line, its problem as an alert, or the content. */
export function sectionBody<T>(section: Section<T>, content: (data: T) => TemplateResult): TemplateResult {
  switch (section.state) {
    case 'loading':
      return html`<p class="utrecht-paragraph casusregie-loading">Bezig met laden…</p>`;
    case 'error':
      return html`<div class="utrecht-alert utrecht-alert--error" role="alert">
        <div class="utrecht-alert__content"><p class="utrecht-alert__message utrecht-paragraph">${section.message}</p></div>
      </div>`;
    case 'ok':
      return content(section.data);
  }
}
