import { stringify } from 'csv-stringify/sync';
// A type import under its own name: the decorators' metadata then records Object, not `express`.
import type { Response as ExpressResponse } from 'express';

/** What a spreadsheet reads as the start of a formula (OWASP CSV injection): `=`, `+`, `-`, `@`, tab, carriage return. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * The CSV a report can be had in:
 * - `rfc4180` (the default): comma-separated, a point in decimals, no byte-order mark, as RFC 4180 and every CSV
 *   library read it;
 * - `excel-nl`: what Excel with Dutch regional settings opens correctly by a double click: semicolons (Dutch Excel
 *   takes the comma for the decimal sign, so a comma-separated file opens as one column), a decimal comma (62,5), a
 *   UTF-8 byte-order mark (without it Excel reads the file as Windows-1252 and "ë" becomes "Ã«") and CRLF line ends.
 */
export const CSV_DIALECTS = ['rfc4180', 'excel-nl'] as const;
export type CsvDialect = (typeof CSV_DIALECTS)[number];

const BYTE_ORDER_MARK = '\uFEFF';

/**
 * A text cell that a spreadsheet would run as a formula, such as an organisation named `=HYPERLINK(…)`, gets a
 * leading single quote, so it is shown as the text it is. Numbers are written as they are: -3 is a number.
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * The one place CSV is written: a header line, then one line per row; text cells neutralised, booleans as words, null
 * as an empty cell. `columns` fixes the columns and their order (default: the keys of the first row).
 */
export function toCsv(rows: readonly Record<string, unknown>[], dialect: CsvDialect = 'rfc4180', columns?: readonly string[]): string {
  const excel = dialect === 'excel-nl';
  const text = stringify(rows as Record<string, unknown>[], {
    header: true,
    ...(columns === undefined ? {} : { columns: [...columns] }),
    delimiter: excel ? ';' : ',',
    record_delimiter: excel ? '\r\n' : '\n',
    cast: {
      boolean: (value) => String(value),
      string: (value) => neutraliseFormula(value),
      number: (value) => (excel ? String(value).replace('.', ',') : String(value)),
    },
  });
  return excel ? `${BYTE_ORDER_MARK}${text}` : text;
}

/**
 * Which CSV a request asks for, if any: the `csv` query parameter names a dialect (what a link or Excel's "from web"
 * can ask, as they set no Accept header), else `Accept: text/csv` (without application/json) gives RFC 4180.
 */
export function requestedCsv(csv: CsvDialect | undefined, accept: string | undefined): CsvDialect | undefined {
  if (csv !== undefined) return csv;
  return accept !== undefined && /\btext\/csv\b/.test(accept) && !/\bapplication\/json\b/.test(accept) ? 'rfc4180' : undefined;
}

/** Sends CSV as a download named `<name>.csv`. */
export function sendCsv(res: ExpressResponse, name: string, csv: string): string {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8; header=present');
  res.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
  return csv;
}
