/**
 * Internal: the optional `sex` and `born` columns of the delimited profile
 * readers (names matched like every column, in any position).
 */
import type { IssueCollector } from '../../errors/StrkinError.js';
import { readBornCell, type BirthYears } from '../../profile/born.js';
import type { ProfileBuilder, Sex } from '../../profile/Profile.js';
import { readSexCell } from '../families/cells.js';
import { findColumn } from './columns.js';

/** Sex columns of profile files. */
export const SEX_COLUMN_KEYS: readonly string[] = ['sex', 'gender'];
/** Year-of-birth columns of profile files. */
export const BORN_COLUMN_KEYS: readonly string[] = ['born', 'birthyear', 'yearofbirth', 'yob'];

/** Where the sex and born columns are (-1 when absent). */
export interface MetaColumns {
  readonly sex: number;
  readonly born: number;
}

/** Finds the optional sex and born columns of a header. */
export function metaColumns(header: readonly string[]): MetaColumns {
  return { sex: findColumn(header, SEX_COLUMN_KEYS), born: findColumn(header, BORN_COLUMN_KEYS) };
}

/** Reads a sex cell of a profile file, reporting `bad-value` for anything unreadable. */
export function readProfileSex(cell: string, sample: string, line: number | undefined, issues: IssueCollector): Sex {
  const sex = readSexCell(cell);
  if (sex === null) {
    issues.add({ code: 'bad-value', message: `Sex must be male, female or unknown (also M, F, 1, 2, 0) (sample = ${JSON.stringify(sample)}, sex = ${JSON.stringify(cell.trim())})`, path: [sample, 'sex'], ...(line === undefined ? {} : { line }) });
    return 'unknown';
  }
  return sex ?? 'unknown';
}

/** Reads a born cell of a profile file, reporting `bad-value` with the reason for anything unreadable. */
export function readProfileBorn(cell: string | number, sample: string, line: number | undefined, issues: IssueCollector): BirthYears | undefined {
  const read = readBornCell(cell);
  if (read.kind === 'invalid') {
    issues.add({ code: 'bad-value', message: `Year of birth not readable: ${read.reason} (sample = ${JSON.stringify(sample)}, born = ${JSON.stringify(String(cell).trim())})`, path: [sample, 'born'], ...(line === undefined ? {} : { line }) });
    return undefined;
  }
  return read.kind === 'years' ? read.born : undefined;
}

/** Applies a row's sex and born cells (when the columns exist) to a sample's builder; empty cells change nothing. */
export function applyMetaCells(builder: ProfileBuilder, columns: MetaColumns, cells: readonly string[], line: number, issues: IssueCollector): void {
  if (columns.sex >= 0) builder.setSex(readProfileSex(cells[columns.sex] ?? '', builder.sample, line, issues), line);
  if (columns.born >= 0) {
    const born = readProfileBorn(cells[columns.born] ?? '', builder.sample, line, issues);
    if (born !== undefined) builder.setBorn(born, line);
  }
}
