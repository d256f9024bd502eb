import type { WijkIndeling } from '../wijk-indeling';

/**
 * Harderwijk (GM0243): its postcode areas 3840–3849. ILLUSTRATIVE: an example of the format, not the gemeente's
 * wijkindeling; replace it with the gemeente's own table before figures per wijk are used.
 */
export const HARDERWIJK_WIJKEN: WijkIndeling = {
  municipality: 'GM0243',
  name: 'Harderwijk',
  source: 'Illustrative: postcode areas grouped into two parts of town; not the gemeente’s wijkindeling',
  wijken: {
    'Harderwijk-West': ['3840', '3841', '3842', '3843', '3844'],
    'Harderwijk-Oost': ['3845', '3846', '3847', '3848', '3849'],
  },
};
