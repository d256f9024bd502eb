import type { WijkIndeling } from '../wijk-indeling';

/**
 * Zevenaar (GM0299): its woonkernen by 4-digit postcode area. ILLUSTRATIVE: an example of the format, grouped by kern
 * as the seeds speak of kernen (000:197, 000:450); not the municipality's own wijkindeling. Replace it with the
 * gemeente's indeling (e.g. from the CBS Kerncijfers wijken en buurten) before figures per wijk are used.
 */
export const ZEVENAAR_WIJKEN: WijkIndeling = {
  municipality: 'GM0299',
  name: 'Zevenaar',
  source: 'Illustrative: postcode areas by woonkern; not the gemeente’s wijkindeling',
  wijken: {
    Zevenaar: ['6901', '6902', '6903', '6904'],
    Babberich: ['6909'],
    Pannerden: ['6911'],
    'Aerdt en Herwen': ['6913', '6914'],
    Lobith: ['6915'],
    Tolkamer: ['6916'],
    Spijk: ['6917'],
    Angerlo: ['6986'],
    Giesbeek: ['6987'],
    Lathum: ['6988'],
  },
};
