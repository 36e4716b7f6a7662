/**
 * The one rule for text cells of every CSV / TSV strkin writes: neutralise
 * spreadsheet formulas (OWASP's CSV-injection rule), then quote per RFC 4180.
 * And its inverse, applied by every delimited reader of strkin, so that a file
 * strkin wrote reads back to the same names.
 */

/** First characters that make a spreadsheet treat a cell as a formula (OWASP CSV injection). */
const FORMULA_START = /^'*[=+\-@\t\r]/;
/** A guarded cell: one or more `'` then a formula character. */
const GUARDED = /^'+[=+\-@\t\r]/;

/**
 * Neutralises a text cell that a spreadsheet would run as a formula: a cell
 * starting with `=`, `+`, `-`, `@`, tab or carriage return gets a single quote
 * `'` in front (OWASP, "CSV Injection"), so `=HYPERLINK(...)` is written
 * `'=HYPERLINK(...)` and shown as text. A cell that already starts with quotes
 * followed by such a character gets one more quote, so that
 * {@link restoreCsvFormula} gives back exactly the original text. A lone `-`
 * (the usual "no value" mark, not a formula in any spreadsheet) is left as it is.
 * Apply it to text (ids, names, reasons), never to numbers: `-0.5` is a number.
 *
 * Reference: OWASP, CSV Injection, https://owasp.org/www-community/attacks/CSV_Injection
 * Cost: O(1) (a test of the first characters) plus a copy when a quote is added.
 *
 * @example
 * ```ts
 * neutralizeCsvFormula('=HYPERLINK("http://x","y")'); // => '\'=HYPERLINK("http://x","y")'
 * neutralizeCsvFormula('UHR-0003'); // => 'UHR-0003'
 * neutralizeCsvFormula('-'); // => '-'
 * ```
 */
export function neutralizeCsvFormula(text: string): string {
  return text !== '-' && FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * The inverse of {@link neutralizeCsvFormula}, applied by strkin's delimited
 * readers to every cell: a cell that is one or more `'` followed by `=`, `+`,
 * `-`, `@`, tab or carriage return loses its first `'`. Any other cell is
 * returned unchanged (a name like `'t Hooft` keeps its quote).
 *
 * Cost: O(1) plus a copy when a quote is removed.
 *
 * @example
 * ```ts
 * restoreCsvFormula('\'=HYPERLINK("http://x","y")'); // => '=HYPERLINK("http://x","y")'
 * restoreCsvFormula("'t Hooft"); // => "'t Hooft"
 * ```
 */
export function restoreCsvFormula(text: string): string {
  return text.charCodeAt(0) === 39 && GUARDED.test(text) ? text.slice(1) : text;
}

/**
 * One text cell of delimited output: {@link neutralizeCsvFormula}, then RFC 4180
 * quoting when the cell holds a delimiter (any of `,`, `;`, tab, so that a
 * reader that detects the delimiter from the header is never misled), a double
 * quote, a line break or leading / trailing white space (quotes doubled inside). Every CSV and TSV
 * writer of strkin writes its text cells through this function; numbers are
 * written as they are.
 *
 * Reference: RFC 4180, Common Format and MIME Type for CSV Files (2005).
 * Cost: O(length of text).
 *
 * @example
 * ```ts
 * csvTextCell('a,b'); // => '"a,b"'
 * csvTextCell('=1+1'); // => "'=1+1"
 * csvTextCell('say "hi"'); // => '"say ""hi"""'
 * csvTextCell('x\ty', '\t'); // => '"x\ty"'
 * csvTextCell('a;b'); // => '"a;b"'
 * ```
 */
export function csvTextCell(text: string, delimiter: string = ','): string {
  const cell = neutralizeCsvFormula(text);
  return cell.includes(delimiter) || /[,;\t"]/.test(cell) || cell.includes('\n') || cell.includes('\r') || cell.trim() !== cell ? `"${cell.replace(/"/g, '""')}"` : cell;
}
