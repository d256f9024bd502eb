import { stringify } from 'csv-stringify/sync';

/** What a spreadsheet reads as the start of a formula (OWASP CSV injection): `=`, `+`, `-`, `@`, tab, carriage return. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell that a spreadsheet would run as a formula, such as an organisation named `=HYPERLINK(…)`, gets a
 * leading single quote, so it is shown as the text it is. Numbers are written as they are: -3 is a number.
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The one place CSV is written: a header line, then one line per row; text cells neutralised, booleans as words. */
export function toCsv(rows: readonly Record<string, unknown>[]): string {
  return stringify(rows as Record<string, unknown>[], {
    header: true,
    cast: { boolean: (value) => String(value), string: (value) => neutraliseFormula(value) },
  });
}
