/**
 * Column-name rules shared by the delimited profile readers: tolerant name
 * matching, the sample / family / relationship columns, known non-locus
 * columns, the wrong-delimiter check and the row-width check.
 */
import { IssueCollector } from '../../errors/StrkinError.js';
import type { Profile } from '../../profile/Profile.js';
import type { TextHeader } from '../text.js';
import type { ProfileParseResult } from './types.js';

/**
 * The comparison key of a column name: lower case without spaces, `.`, `_`, `-`
 * (so `Sample Name`, `Sample.Name`, `sample_name` and `SAMPLENAME` agree).
 */
export function columnKey(name: string): string {
  return name.toLowerCase().replace(/[\s._-]/g, '');
}

/** Sample-name columns, in order of preference. */
export const SAMPLE_KEYS: readonly string[] = ['samplename', 'sample', 'sampleid', 'id', 'specimenid', 'specimen'];
/** Family-id columns of reference-family tables. */
export const FAMILY_KEYS: readonly string[] = ['family', 'familyid', 'famid', 'fam'];
/** Relationship (to the missing person) columns. */
export const RELATIONSHIP_KEYS: readonly string[] = ['relationship', 'kinship', 'relation', 'role'];

/**
 * Columns known not to hold a locus, ignored by the wide reader (any other
 * column that is not a locus is reported per sample as an unknown locus).
 */
export const NON_LOCUS_KEYS: ReadonlySet<string> = new Set([
  'population', 'pop', 'group', 'ethnicity', 'ethnicgroup', 'race', 'sex', 'gender', 'kit', 'panel', 'dye',
  'comment', 'comments', 'note', 'notes', 'remark', 'remarks', 'date', 'lab', 'laboratory', 'case', 'caseid',
  'category', 'specimencategory', 'source', 'sourceid', 'samplefile', 'file', 'run', 'runname', 'plate', 'well',
  'batch', 'batchid', 'index', 'no', 'number', '#', 'type', 'sampletype', 'status', 'name', 'firstname', 'lastname',
  'surname', 'age', 'birthyear', 'dateofbirth', 'dob', 'country', 'region', 'location', 'ae', 'gq', 'qc',
]);

/** The index of the first header cell whose key is in `keys` (earlier keys win), or -1. */
export function findColumn(header: readonly string[], keys: readonly string[]): number {
  const headerKeys = header.map(columnKey);
  for (const key of keys) {
    const index = headerKeys.indexOf(key);
    if (index >= 0) return index;
  }
  return -1;
}

const OTHER_SEPARATORS: readonly [string, string][] = [['\t', 'tab'], [';', 'semicolon'], [',', 'comma'], ['|', 'vertical bar']];

/**
 * Reports `wrong-delimiter` when the header is one single column that contains
 * another separator (a pipe- or space-separated file, or a forced delimiter
 * that does not match the file). Returns true when reported.
 */
export function checkDelimiter(head: TextHeader, issues: IssueCollector): boolean {
  if (head.header.length !== 1) return false;
  const cell = head.header[0] ?? '';
  const other = OTHER_SEPARATORS.find(([sep]) => sep !== head.delimiter && cell.includes(sep)) ?? (/\S\s+\S/.test(cell) ? [' ', 'space'] : undefined);
  if (other === undefined) return false;
  const used = head.delimiter === '\t' ? 'tab' : head.delimiter === ';' ? 'semicolon' : 'comma';
  issues.add({
    code: 'wrong-delimiter',
    message: `The header is one single column when split by ${used} but contains a ${other[1]}: use a tab-, comma- or semicolon-separated file, or the matching delimiter (header = ${JSON.stringify(cell.slice(0, 80))})`,
    path: [],
    line: head.headerLine,
  });
  return true;
}

/**
 * Reports `extra-cells` (an error) when a row has non-empty cells beyond the
 * header: the row does not line up with the columns (often an unquoted
 * decimal comma). Empty trailing cells (spreadsheet padding) are accepted.
 */
export function checkRowWidth(cells: readonly string[], width: number, line: number, issues: IssueCollector): boolean {
  if (cells.length <= width) return true;
  for (let i = width; i < cells.length; i++) {
    if ((cells[i] ?? '').trim() !== '') {
      issues.add({
        code: 'extra-cells',
        message: `Row has more cells than the header; row set aside (cells = ${cells.length}, header = ${width}, extra = ${JSON.stringify(cells.slice(width).join('|').slice(0, 60))})`,
        path: [],
        line,
      });
      return false;
    }
  }
  return true;
}

/** Throws every collected issue if any is an error; otherwise returns the profiles with the warnings. */
export function finish(profiles: Profile[], issues: IssueCollector): ProfileParseResult {
  issues.throwIfAny();
  return { profiles, issues: issues.issues };
}
