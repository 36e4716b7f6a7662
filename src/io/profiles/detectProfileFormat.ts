/**
 * Guesses the layout of a profile file from its content (and name).
 */
import { detectDelimiter, stripBom } from '../text.js';
import { columnKey } from './columns.js';
import type { ProfileFormat } from './types.js';
import { decodeText, type TextInput } from '../decodeText.js';

/**
 * Detects the layout of a profile file. The content decides: text starting
 * with `<` is CMF XML, with `{` or `[` strkin JSON; a delimited header with a
 * `Marker` (or `Locus`) column and an `Allele n` column is a GeneMapper export;
 * any other delimited text is a wide table. Only when the text is blank does
 * the file name decide (`.xml` -> `cmf`, `.json` -> `json`, else `wide`), so
 * that the reader then reports an empty file in the right terms.
 *
 * Cost: O(length of the first line).
 *
 * @example
 * ```ts
 * detectProfileFormat('Sample Name\tMarker\tAllele 1\tAllele 2\n'); // => 'genemapper'
 * detectProfileFormat('Sample,TH01.1,TH01.2\n'); // => 'wide'
 * detectProfileFormat('<?xml version="1.0"?><CODISImportFile/>'); // => 'cmf'
 * ```
 */
export function detectProfileFormat(input: TextInput, fileName?: string): ProfileFormat {
  const text = decodeText(input, fileName === undefined ? {} : { file: fileName });
  const body = stripBom(text);
  const start = body.search(/\S/);
  if (start < 0) {
    const name = (fileName ?? '').toLowerCase();
    return name.endsWith('.xml') ? 'cmf' : name.endsWith('.json') ? 'json' : 'wide';
  }
  const first = body.charAt(start);
  if (first === '<') return 'cmf';
  if (first === '{' || first === '[') return 'json';
  const end = body.indexOf('\n', start);
  const headerLine = body.slice(start, end < 0 ? body.length : end).replace(/\r$/, '');
  const keys = headerLine.split(detectDelimiter(headerLine)).map((cell) => columnKey(cell.replace(/"/g, '')));
  const hasMarker = keys.some((k) => k === 'marker' || k === 'locus' || k === 'markername' || k === 'locusname');
  const hasAllele = keys.some((k) => /^allele\d+$/.test(k));
  return hasMarker && hasAllele ? 'genemapper' : 'wide';
}
