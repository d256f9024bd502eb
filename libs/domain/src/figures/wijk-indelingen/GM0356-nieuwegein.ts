import type { WijkIndeling } from '../wijk-indeling';

/**
 * Nieuwegein (GM0356): its postcode areas 3430–3439 in three parts of town. ILLUSTRATIVE: an example of the format,
 * not the gemeente's wijkindeling (its wijken — Jutphaas-Wijkersloot, Zuilenstein, Vreeswijk, Galecop, … — do not
 * follow postcode areas); replace it with the gemeente's own table before figures per wijk are used.
 */
export const NIEUWEGEIN_WIJKEN: WijkIndeling = {
  municipality: 'GM0356',
  name: 'Nieuwegein',
  source: 'Illustrative: postcode areas grouped into three parts of town; not the gemeente’s wijkindeling',
  wijken: {
    'Nieuwegein-Noord': ['3430', '3431', '3432'],
    'Nieuwegein-Midden': ['3433', '3434', '3435'],
    'Nieuwegein-Zuid': ['3436', '3437', '3438', '3439'],
  },
};
