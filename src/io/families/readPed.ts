/**
 * Internal: the QuickPed/pedtools `.ped` layout (formats.md §4.5).
 */
import { IssueCollector, ParseError } from '../../errors/StrkinError.js';
import { ProfileBuilder } from '../../profile/Profile.js';
import { stripBom } from '../text.js';
import { columnKey } from '../profiles/columns.js';
import type { FamiliesBuilder, FamilyInput } from './buildFamily.js';
import { bornOf } from './readFamilyTables.js';
import { BORN_KEYS, FAMILY_COLUMN_KEYS, FATHER_KEYS, MISSING_KEYS, MOTHER_KEYS, PED_SAMPLE_KEYS, PERSON_KEYS, SEX_KEYS, readParentCell, readSexCell, readYesNoCell } from './cells.js';
import { maxOf } from '../../util/arrays.js';

const q = (s: string): string => JSON.stringify(s);
/** Marker cells that mean "not typed". */
const UNTYPED = new Set(['', '0', '0/0', '-', '-/-', 'na', 'na/na', '.']);
/** Ids that mark a missing person in a `.ped` without a `missing` column: `MP`, `MP1`, `missing`, `Missing2`... */
const MISSING_ID = /^(mp|missing)[-_ ]?\d*$/i;

interface PedLayout {
  famid: number;
  id: number;
  fid: number;
  mid: number;
  sex: number;
  missing: number;
  sample: number;
  born: number;
  markers: { name: string; column: number }[];
}

function headerLayout(cells: readonly string[]): PedLayout | undefined {
  const keys = cells.map(columnKey);
  const find = (list: readonly string[]): number => {
    for (const k of list) {
      const i = keys.indexOf(k);
      if (i >= 0) return i;
    }
    return -1;
  };
  const id = find(PERSON_KEYS);
  const fid = find(FATHER_KEYS);
  const mid = find(MOTHER_KEYS);
  if (id < 0 || fid < 0 || mid < 0) return undefined;
  const famid = find(FAMILY_COLUMN_KEYS);
  const sex = find(SEX_KEYS);
  const missing = find(MISSING_KEYS);
  const sample = find(PED_SAMPLE_KEYS);
  const born = find(BORN_KEYS);
  const taken = new Set([famid, id, fid, mid, sex, missing, sample, born, keys.indexOf('aff'), keys.indexOf('affected')]);
  const markers = cells.map((name, column) => ({ name, column })).filter((m) => !taken.has(m.column) && m.name !== '');
  return { famid, id, fid, mid, sex, missing, sample, born, markers };
}

/**
 * Reads a `.ped` file: whitespace-separated (tab-separated when the first
 * line has a tab), optional header line (with or without a leading `#`);
 * without a header the columns are `famid id fid mid sex`. An optional `born`
 * column (header needed) gives missing persons' years of birth (`2014`,
 * `2012-2015`, `0` or `NA` unknown). Marker columns
 * (`a/b`) need a header naming the loci.
 */
export function readPed(text: string, file: string | undefined, builder: FamiliesBuilder): FamilyInput[] {
  const at = file === undefined ? {} : { file };
  const lines = stripBom(text).split(/\r?\n/);
  const firstIndex = lines.findIndex((l) => l.trim() !== '');
  if (firstIndex < 0) throw new ParseError({ code: 'empty-file', message: 'The file is empty (no header line)', path: [], ...at });
  const first = lines[firstIndex] ?? '';
  const split = first.includes('\t') ? (l: string): string[] => l.split('\t').map((c) => c.trim()) : (l: string): string[] => l.trim().split(/\s+/);
  const headCells = split(first.replace(/^\s*#\s*/, ''));
  const fromHeader = headerLayout(headCells);
  const layout: PedLayout = fromHeader ?? { famid: 0, id: 1, fid: 2, mid: 3, sex: 4, missing: -1, sample: -1, born: -1, markers: [] };
  if (fromHeader === undefined && headCells.length !== 5) {
    throw new ParseError({ code: 'missing-column', path: [], line: firstIndex + 1, ...at, message: `A .ped file without a header must have the five columns famid id fid mid sex; marker columns need a header naming the loci (columns = ${headCells.length})` });
  }
  const width = maxOf([layout.famid, layout.id, layout.fid, layout.mid, layout.sex, layout.missing, layout.sample, layout.born, ...layout.markers.map((m) => m.column)]) + 1;
  const stem = file === undefined ? 'ped' : (file.split(/[\\/]/).pop() ?? file).replace(/\.[^.]*$/, '');
  const families = new Map<string, Extract<FamilyInput, { kind: 'pedigree' }>>();
  const hasMarkers = layout.markers.length > 0;
  const issues = new IssueCollector(file);
  for (let i = fromHeader === undefined ? firstIndex : firstIndex + 1; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    if (raw.trim() === '' || raw.trim().startsWith('#')) continue;
    const line = i + 1;
    const cells = split(raw);
    const famid = layout.famid >= 0 ? (cells[layout.famid] ?? '') : stem;
    if (famid === '') {
      builder.rowError({ code: 'missing-value', path: [], line, message: `Row has no family id; row set aside (row = ${q(raw.trim().slice(0, 60))})` });
      continue;
    }
    let family = families.get(famid);
    if (family === undefined) {
      family = { kind: 'pedigree', id: famid, line, path: ['families', famid], errors: [], persons: [] };
      families.set(famid, family);
    }
    const path = ['families', famid, `line ${line}`];
    if (cells.length !== width) {
      family.errors.push({ code: 'bad-row', path, line, message: `Row has ${cells.length < width ? 'fewer' : 'more'} cells than the layout (cells = ${cells.length}, columns = ${width})` });
      continue;
    }
    const id = cells[layout.id] ?? '';
    const sexCell = layout.sex >= 0 ? (cells[layout.sex] ?? '') : '';
    const sex = readSexCell(sexCell);
    if (sex === null) family.errors.push({ code: 'bad-value', path, line, message: `Sex must be 1 (male), 2 (female) or 0 (unknown) (sex = ${q(sexCell)})` });
    let missing = MISSING_ID.test(id);
    if (layout.missing >= 0) {
      const flag = readYesNoCell(cells[layout.missing] ?? '');
      if (flag === null) family.errors.push({ code: 'bad-value', path, line, message: `Missing flag must be yes or no (also true, false, 1, 0) (missing = ${q(cells[layout.missing] ?? '')})` });
      missing = flag === true;
    }
    // A `born` cell: `2014`, `2012-2015`, or `0`/`NA`/`-` (unknown; a .ped column cannot be empty).
    const bornCell = layout.born >= 0 ? (cells[layout.born] ?? '') : '';
    const born = bornOf(bornCell === '0' ? '' : bornCell, line, family.errors, path);
    if (born !== undefined && !missing) builder.rowError({ code: 'unused-born', severity: 'warning', path, line, message: `Year of birth of a person who is not missing is not used (family = ${q(famid)}, person = ${q(id)}, born = ${q(bornCell)})` });
    const sampleCell = layout.sample >= 0 ? readParentCell(cells[layout.sample] ?? '') ?? '' : '';
    let inline;
    if (hasMarkers) {
      const profileIssues = new IssueCollector(file);
      const profileBuilder = new ProfileBuilder(id, profileIssues, {}, { ...at, line, format: 'ped' });
      for (const m of layout.markers) {
        const cell = cells[m.column] ?? '';
        if (UNTYPED.has(cell.toLowerCase())) continue;
        profileBuilder.addLocus(m.name, cell.split('/'), line);
      }
      for (const issue of profileIssues.issues) {
        if (issue.severity === 'warning') issues.add(issue);
        else family.errors.push({ ...issue, path });
      }
      if (profileBuilder.typedLoci > 0) inline = profileBuilder.build();
    }
    family.persons.push({
      id,
      father: readParentCell(cells[layout.fid] ?? ''),
      mother: readParentCell(cells[layout.mid] ?? ''),
      sex: sex ?? 'unknown',
      missing,
      line,
      path,
      ...(missing && born !== undefined ? { born } : {}),
      ...(inline !== undefined ? { inline } : sampleCell !== '' ? { sample: sampleCell } : hasMarkers || layout.sample >= 0 ? {} : { sample: id, optionalSample: true }),
    });
  }
  for (const w of issues.issues) builder.issues.add(w);
  return [...families.values()];
}
