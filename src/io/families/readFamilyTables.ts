/**
 * Internal: the two delimited families layouts (relationship table and
 * explicit pedigree table), read into {@link FamilyInput}s.
 */
import { IssueCollector, ParseError } from '../../errors/StrkinError.js';
import type { Sex } from '../../profile/Profile.js';
import { readBornCell, type BirthYears } from '../../profile/born.js';
import { checkDelimiter, findColumn } from '../profiles/columns.js';
import { readDelimited, type Delimiter, type TextTable } from '../text.js';
import type { FamiliesBuilder, FamilyInput, RowIssue } from './buildFamily.js';
import {
  FAMILY_COLUMN_KEYS, FATHER_KEYS, MISSING_KEYS, MOTHER_KEYS, PED_SAMPLE_KEYS, PERSON_KEYS, REF_SAMPLE_KEYS, RELATIONSHIP_COLUMN_KEYS, ROLE_KEYS, SEX_KEYS, BORN_KEYS,
  isMissingWord, readParentCell, readSexCell, readYesNoCell,
} from './cells.js';

const q = (s: string): string => JSON.stringify(s);

/** Reads the table; throws ParseError for a file-level problem (empty, bad quoting, wrong delimiter, missing column). */
export function readTable(text: string, file: string | undefined, delimiter: Delimiter | undefined, required: readonly [string, readonly string[]][], layout: string): { table: TextTable; columns: number[] } {
  const table = readDelimited(text, { ...(file === undefined ? {} : { file }), ...(delimiter === undefined ? {} : { delimiter }) });
  const issues = new IssueCollector(file);
  if (checkDelimiter(table, issues)) issues.throwIfAny();
  const columns = required.map(([, keys]) => findColumn(table.header, keys));
  const lacking = required.filter((_, i) => columns[i] === -1).map(([name]) => q(name));
  if (lacking.length > 0) {
    throw new ParseError({ code: 'missing-column', path: [], line: table.headerLine, ...(file === undefined ? {} : { file }), message: `${layout} lacks a required column (column = ${lacking.join(', ')}; header = ${q(table.header.join(',').slice(0, 80))})` });
  }
  return { table, columns };
}

/** Reports non-empty cells beyond the header. */
function extraCells(cells: readonly string[], width: number, line: number): RowIssue | undefined {
  const extra = cells.slice(width).filter((c) => c.trim() !== '');
  if (extra.length === 0) return undefined;
  return { code: 'extra-cells', path: [], line, message: `Row has more cells than the header (cells = ${cells.length}, header = ${width}, extra = ${q(extra.join('|').slice(0, 60))})` };
}

function sexOf(cell: string, line: number, errors: RowIssue[]): Sex | undefined {
  const sex = readSexCell(cell);
  if (sex === null) {
    errors.push({ code: 'bad-value', path: [], line, message: `Sex must be male, female or unknown (also M, F, 1, 2, 0) (sex = ${q(cell.trim())})` });
    return undefined;
  }
  return sex;
}

/** A `born` cell: years, or `undefined` when empty or unknown; `bad-value` with the reason otherwise. */
export function bornOf(cell: string, line: number | undefined, errors: RowIssue[], path: readonly (string | number)[] = []): BirthYears | undefined {
  const read = readBornCell(cell);
  if (read.kind === 'invalid') {
    errors.push({ code: 'bad-value', path, ...(line === undefined ? {} : { line }), message: `Year of birth not readable: ${read.reason} (born = ${q(cell.trim())})` });
    return undefined;
  }
  return read.kind === 'years' ? read.born : undefined;
}

/** Rows grouped by family id, in order of first appearance. */
function groupRows<T extends FamilyInput>(table: TextTable, familyColumn: number, builder: FamiliesBuilder, describe: (cells: string[]) => string, make: (id: string, line: number) => T, fill: (family: T, cells: string[], line: number) => void): T[] {
  const families = new Map<string, T>();
  const width = table.header.length;
  for (const row of table.rows) {
    const cells = row.cells.map((c) => c.trim());
    const id = cells[familyColumn] ?? '';
    if (id === '') {
      builder.rowError({ code: 'missing-value', path: [], line: row.line, message: `Row has no family id; row set aside (${describe(cells)})` });
      continue;
    }
    let family = families.get(id);
    if (family === undefined) {
      family = make(id, row.line);
      families.set(id, family);
    }
    const extra = extraCells(cells, width, row.line);
    if (extra !== undefined) {
      family.errors.push(extra);
      continue;
    }
    fill(family, cells, row.line);
  }
  return [...families.values()];
}

/**
 * Relationship table: `family, sample, relationship` (+ optional `missing`,
 * `sex`). A row whose relationship is `missing` declares a missing person.
 */
export function readRelationshipTable(text: string, file: string | undefined, delimiter: Delimiter | undefined, builder: FamiliesBuilder): FamilyInput[] {
  const { table, columns } = readTable(text, file, delimiter, [['family', FAMILY_COLUMN_KEYS], ['sample', REF_SAMPLE_KEYS], ['relationship', RELATIONSHIP_COLUMN_KEYS]], 'Relationship table');
  const [fc, sc, rc] = columns as [number, number, number];
  const mc = findColumn(table.header, MISSING_KEYS);
  const xc = findColumn(table.header, SEX_KEYS);
  const bc = findColumn(table.header, BORN_KEYS);
  type Rel = Extract<FamilyInput, { kind: 'relations' }>;
  return groupRows<Rel>(
    table,
    fc,
    builder,
    (cells) => `sample = ${q(cells[sc] ?? '')}`,
    (id, line) => ({ kind: 'relations', id, line, path: ['families', id], errors: [], missing: [], missingNames: [], refs: [] }),
    (family, cells, line) => {
      const sample = cells[sc] ?? '';
      const relationship = cells[rc] ?? '';
      const missingName = mc >= 0 ? (cells[mc] ?? '') : '';
      const sex = xc >= 0 ? sexOf(cells[xc] ?? '', line, family.errors) : undefined;
      const path = ['families', family.id, `line ${line}`];
      const bornCell = bc >= 0 ? (cells[bc] ?? '') : '';
      if (isMissingWord(relationship)) {
        const n = family.missing.length;
        const id = missingName !== '' ? missingName : sample !== '' ? sample : `${family.id}:missing${n === 0 ? '' : n + 1}`;
        const born = bornOf(bornCell, line, family.errors, path);
        family.missing.push({ id, line, path, ...(sex === undefined ? {} : { sex }), ...(born === undefined ? {} : { born }), ...(sample === '' ? {} : { sample }) });
        return;
      }
      if (bornCell !== '') builder.rowError({ code: 'unused-born', severity: 'warning', path, line, message: `Year of birth of a reference is not used; only missing persons' years are (family = ${q(family.id)}, sample = ${q(sample)}, born = ${q(bornCell)})` });
      if (missingName !== '') family.missingNames.push({ name: missingName, line });
      family.refs.push({ sample, relationship, line, path, ...(sex === undefined ? {} : { sex }) });
    },
  );
}

/**
 * Explicit pedigree table: `family, person, father, mother` (+ `sex`,
 * `sample`, and `missing` or `role`).
 */
export function readPedigreeTable(text: string, file: string | undefined, delimiter: Delimiter | undefined, builder: FamiliesBuilder): FamilyInput[] {
  const { table, columns } = readTable(text, file, delimiter, [['family', FAMILY_COLUMN_KEYS], ['person', PERSON_KEYS], ['father', FATHER_KEYS], ['mother', MOTHER_KEYS]], 'Pedigree table');
  const [fc, pc, fac, moc] = columns as [number, number, number, number];
  const xc = findColumn(table.header, SEX_KEYS);
  const sc = findColumn(table.header, PED_SAMPLE_KEYS);
  const mc = findColumn(table.header, MISSING_KEYS);
  const rc = findColumn(table.header, ROLE_KEYS);
  const bc = findColumn(table.header, BORN_KEYS);
  if (mc < 0 && rc < 0) {
    throw new ParseError({ code: 'missing-column', path: [], line: table.headerLine, ...(file === undefined ? {} : { file }), message: `Pedigree table lacks a column marking the missing persons (column = "missing" or "role"; header = ${q(table.header.join(',').slice(0, 80))})` });
  }
  if (sc < 0) {
    throw new ParseError({ code: 'missing-column', path: [], line: table.headerLine, ...(file === undefined ? {} : { file }), message: `Pedigree table lacks a sample column joining genotypes (column = "sample"; header = ${q(table.header.join(',').slice(0, 80))})` });
  }
  type Ped = Extract<FamilyInput, { kind: 'pedigree' }>;
  return groupRows<Ped>(
    table,
    fc,
    builder,
    (cells) => `person = ${q(cells[pc] ?? '')}`,
    (id, line) => ({ kind: 'pedigree', id, line, path: ['families', id], errors: [], persons: [] }),
    (family, cells, line) => {
      const id = cells[pc] ?? '';
      const path = ['families', family.id, `line ${line}`];
      if (id === '') {
        family.errors.push({ code: 'missing-value', path, line, message: `Row has no person id (family = ${q(family.id)})` });
        return;
      }
      const sex = xc >= 0 ? sexOf(cells[xc] ?? '', line, family.errors) : undefined;
      let missing = false;
      if (mc >= 0) {
        const flag = readYesNoCell(cells[mc] ?? '');
        if (flag === null) family.errors.push({ code: 'bad-value', path, line, message: `Missing flag must be yes or no (also true, false, 1, 0) (missing = ${q(cells[mc] ?? '')})` });
        missing = flag === true;
      }
      if (rc >= 0 && isMissingWord(cells[rc] ?? '')) missing = true;
      const bornCell = bc >= 0 ? (cells[bc] ?? '') : '';
      const born = bornOf(bornCell, line, family.errors, path);
      if (!missing && born !== undefined) builder.rowError({ code: 'unused-born', severity: 'warning', path, line, message: `Year of birth of a person who is not missing is not used (family = ${q(family.id)}, person = ${q(id)}, born = ${q(bornCell)})` });
      const sample = cells[sc] ?? '';
      family.persons.push({
        id,
        father: readParentCell(cells[fac] ?? ''),
        mother: readParentCell(cells[moc] ?? ''),
        sex: sex ?? 'unknown',
        missing,
        line,
        path,
        ...(missing && born !== undefined ? { born } : {}),
        ...(sample === '' ? {} : { sample }),
      });
    },
  );
}

/** True when a header names father and mother columns (the explicit pedigree layout). */
export function isPedigreeHeader(header: readonly string[]): boolean {
  return findColumn(header, FATHER_KEYS) >= 0 && findColumn(header, MOTHER_KEYS) >= 0;
}
