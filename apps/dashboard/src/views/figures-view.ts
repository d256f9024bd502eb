/** #/cijfers: the management figures beyond the norms (K-numbers of domain-research §3.2), each a link. */
import { html } from 'lit-html';
import { apiGet } from '../api-client';
import type { FiguresResponse } from '../api-types';
import { href } from '../router';
import { showPage } from '../shell';
import { load, type ViewContext } from './view-context';

export const MEASURE_LABEL: Record<string, string> = {
  stock: 'stand op de peildatum', count: 'aantal gestart in de periode', span: 'doorlooptijd (dagen)',
  persons: 'unieke personen', stacking: 'huishoudens naar gelijktijdige zorg',
};

export const BREAKDOWN_LABEL: Record<string, string> = {
  none: 'Geen', team: 'Team', coordinator: 'Casusregisseur', wijk: 'Wijk', legalBasis: 'Wettelijke grondslag',
  level: 'Niveau', category: 'Categorie', provider: 'Aanbieder', ageBand: 'Leeftijdsgroep',
  month: 'Maand', quarter: 'Kwartaal', year: 'Jaar',
};

export async function showFigures(ctx: ViewContext): Promise<void> {
  showPage('Cijfers', html``);
  const response = await load(ctx, 'Cijfers laden…', () => apiGet<FiguresResponse>('/figures'));
  if (!response) return;
  showPage('Cijfers', html`
    <p class="utrecht-paragraph">Managementcijfers van gemeente ${response.municipality}. Kleine aantallen worden
      afgeschermd getoond (bijvoorbeeld "&lt;5" of "x"), zoals de API ze geeft.</p>
    <div class="utrecht-table-container">
      <table class="utrecht-table utrecht-table--html-table" data-testid="figures-table">
        <caption class="utrecht-table__caption">Managementcijfers</caption>
        <thead class="utrecht-table__header"><tr class="utrecht-table__row">
          <th scope="col" class="utrecht-table__header-cell">Cijfer</th>
          <th scope="col" class="utrecht-table__header-cell">K-nummer</th>
          <th scope="col" class="utrecht-table__header-cell">Maat</th>
          <th scope="col" class="utrecht-table__header-cell">Uit te splitsen naar</th>
        </tr></thead>
        <tbody class="utrecht-table__body">
          ${response.figures.map((figure) => html`<tr class="utrecht-table__row" data-figure-id=${figure.id}>
            <th scope="row" class="utrecht-table__cell"><a class="utrecht-link utrecht-link--html-a" href=${href.figure(figure.id)}>${figure.title}</a></th>
            <td class="utrecht-table__cell">${figure.kNumber ?? '–'}</td>
            <td class="utrecht-table__cell">${MEASURE_LABEL[figure.measure] ?? figure.measure}</td>
            <td class="utrecht-table__cell">${figure.breakdowns.map((b) => BREAKDOWN_LABEL[b] ?? b).join(', ') || '–'}</td>
          </tr>`)}
        </tbody>
      </table>
    </div>`);
}
