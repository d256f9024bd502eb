import { html, type TemplateResult } from 'lit-html';

/**
 * A chart with its text alternatives: a <figure> with a caption, the chart host (role="img" with a summary as its
 * name) and a real table in a <details> that is open by default, so that the numbers are there for everyone.
 */
export function chartFigure(name: string, caption: string, summary: string, table: TemplateResult): TemplateResult {
  return html`<figure class="utrecht-figure casusregie-chart-figure" data-testid=${`chart-${name}`}>
    <figcaption class="utrecht-figure__caption casusregie-chart-caption">${caption}</figcaption>
    <div class="casusregie-chart" data-chart=${name} role="img" aria-label=${summary}></div>
    <details class="casusregie-table-alternative" open>
      <summary>Tabel bij de grafiek: ${caption}</summary>
      <div class="utrecht-table-container casusregie-table-scroll" role="region" tabindex="0" aria-label=${`Tabel: ${caption}`}>${table}</div>
    </details>
  </figure>`;
}
