import { UNKNOWN } from './age-bands';
import { HARDERWIJK_WIJKEN } from './wijk-indelingen/GM0243-harderwijk';
import { ZEVENAAR_WIJKEN } from './wijk-indelingen/GM0299-zevenaar';
import { NIEUWEGEIN_WIJKEN } from './wijk-indelingen/GM0356-nieuwegein';

/**
 * Which wijk a 4-digit postcode area (PC4) lies in, per municipality: data, one module per municipality in data/.
 * A figure per wijk never holds an address: the projection reads the postcode of the household's first residence,
 * keeps its wijk, and forgets the rest. A postcode area the table does not list, a household without a postcode and a
 * municipality without a table all give `onbekend`.
 *
 * Modules rather than JSON files: the build compiles the TypeScript of libs/ into dist/ and copies nothing else, so a
 * JSON file would not reach the image; a module is checked by the compiler and by checkWijkIndeling.
 */
export interface WijkIndeling {
  /** CBS code of the municipality. */
  municipality: string;
  name: string;
  /** Where the table comes from (and whether it is the gemeente's own or an example). */
  source: string;
  /** By wijk: the postcode areas (4 digits) that lie in it; each area in one wijk only. */
  wijken: Record<string, readonly string[]>;
}

/** The tables that ship, by CBS code: the municipalities the scenarios of domain-research §6 play in. */
export const WIJK_INDELINGEN: Readonly<Record<string, WijkIndeling>> = Object.fromEntries(
  [ZEVENAAR_WIJKEN, NIEUWEGEIN_WIJKEN, HARDERWIJK_WIJKEN].map((indeling) => [indeling.municipality, checkWijkIndeling(indeling)]),
);

/** The wijk of a postcode (any form: "6901 AB", "6901AB", "6901") in a municipality, or `onbekend`. */
export function wijkOf(municipality: string, postcode: string | undefined, indelingen: Readonly<Record<string, WijkIndeling>> = WIJK_INDELINGEN): string {
  const area = postcodeArea(postcode);
  if (area === undefined) return UNKNOWN;
  const wijken = indelingen[municipality]?.wijken ?? {};
  return Object.keys(wijken).find((wijk) => wijken[wijk].includes(area)) ?? UNKNOWN;
}

/** The 4 digits of a Dutch postcode, or undefined for anything else (an erased postcode reads "[erased]"). */
export function postcodeArea(postcode: string | undefined): string | undefined {
  const match = /^([1-9]\d{3})\s?(?:[A-Za-z]{2})?$/.exec(postcode?.trim() ?? '');
  return match === null ? undefined : match[1];
}

/** Throws an Error naming the first thing wrong with a table; returns it when it is right. */
export function checkWijkIndeling(indeling: WijkIndeling): WijkIndeling {
  const fail = (problem: string) => {
    throw new Error(`Wijkindeling ${indeling.municipality}: ${problem}`);
  };
  if (!/^GM\d{4}$/.test(indeling.municipality)) fail('the municipality is a CBS code GMnnnn');
  const seen = new Map<string, string>();
  for (const [wijk, areas] of Object.entries(indeling.wijken)) {
    if (wijk.trim() === '' || wijk === UNKNOWN) fail(`"${wijk}" is not a name for a wijk`);
    for (const area of areas) {
      if (!/^[1-9]\d{3}$/.test(area)) fail(`${area} (in ${wijk}) is not a 4-digit postcode area`);
      const other = seen.get(area);
      if (other !== undefined) fail(`${area} lies in both ${other} and ${wijk}`);
      seen.set(area, wijk);
    }
  }
  return indeling;
}
