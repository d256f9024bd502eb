/** #/normen: the norms the municipality uses today, each a link to its report. */
import { html } from 'lit-html';
import { apiGet } from '../api-client';
import type { NormsResponse, Norm } from '../api-types';
import { href } from '../router';
import { showPage } from '../shell';
import { formatPercentage } from '../format';
import { load, type ViewContext } from './view-context';

/** "P28D" as "28 dagen", "P6W" as "6 weken"; anything else as the API gives it. */
export function describeDuration(duration: string | null | undefined, calendar?: string): string {
  if (!duration) return 'geen termijn (alleen verdeling)';
  const match = /^P(\d+)([DWMY])$/.exec(duration);
  const unit = { D: ['dag', 'dagen'], W: ['week', 'weken'], M: ['maand', 'maanden'], Y: ['jaar', 'jaar'] } as const;
  const text = match ? `${match[1]} ${unit[match[2] as keyof typeof unit][match[1] === '1' ? 0 : 1]}` : duration;
  return calendar === 'working-days' ? `${text} (werkdagen)` : text;
}

function targetOf(norm: Norm): string {
  if (norm.target?.percentage !== undefined) return formatPercentage(norm.target.percentage);
  if (norm.target?.minimumCount !== undefined) return `minimaal ${norm.target.minimumCount} per jaar`;
  return '–';
}

export async function showNorms(ctx: ViewContext): Promise<void> {
  showPage('Normen', html``);
  const response = await load(ctx, 'Normen laden…', () => apiGet<NormsResponse>('/norms'));
  if (!response) return;
  showPage('Normen', html`
    <p class="utrecht-paragraph">De normen die gemeente ${response.municipality} vandaag hanteert. Kies een norm voor
      de naleving per maand, de verdeling van de wachttijd, de uitsplitsing per team en aanbieder en de werkvoorraad.</p>
    <div class="utrecht-table-container">
      <table class="utrecht-table utrecht-table--html-table" data-testid="norms-table">
        <caption class="utrecht-table__caption">Normen van gemeente ${response.municipality}</caption>
        <thead class="utrecht-table__header"><tr class="utrecht-table__row">
          <th scope="col" class="utrecht-table__header-cell">Norm</th>
          <th scope="col" class="utrecht-table__header-cell">Termijn</th>
          <th scope="col" class="utrecht-table__header-cell">Streefwaarde</th>
        </tr></thead>
        <tbody class="utrecht-table__body">
          ${response.norms.map((norm) => html`<tr class="utrecht-table__row" data-norm-id=${norm.id}>
            <th scope="row" class="utrecht-table__cell"><a class="utrecht-link utrecht-link--html-a" href=${href.norm(norm.id)}>${norm.title}</a></th>
            <td class="utrecht-table__cell">${norm.kind === 'count' ? 'aantal per jaar' : describeDuration(norm.duration, norm.calendar)}</td>
            <td class="utrecht-table__cell">${targetOf(norm)}</td>
          </tr>`)}
        </tbody>
      </table>
    </div>`);
}
