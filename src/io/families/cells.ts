/**
 * Internal: column names and cell values of the families tables.
 */
import type { Sex } from '../../profile/Profile.js';
import { FAMILY_KEYS } from '../profiles/columns.js';

/** Family-id columns. */
export const FAMILY_COLUMN_KEYS: readonly string[] = [...FAMILY_KEYS, 'case', 'caseid', 'pedigree', 'ped', 'pedid'];
/** Reference sample columns of a relationship table. */
export const REF_SAMPLE_KEYS: readonly string[] = ['samplename', 'sample', 'sampleid', 'reference', 'referencesample', 'ref', 'id', 'specimenid', 'specimen'];
/** Relationship columns. */
export const RELATIONSHIP_COLUMN_KEYS: readonly string[] = ['relationship', 'kinship', 'relation', 'relationtomissing', 'relationshiptomissing', 'role'];
/** Missing-person name columns of a relationship table; the missing flag of a pedigree table. */
export const MISSING_KEYS: readonly string[] = ['missing', 'missingperson', 'missingid', 'missingname', 'mp', 'ismissing'];
/** Sex columns. */
export const SEX_KEYS: readonly string[] = ['sex', 'gender'];
/** Year-of-birth columns (missing persons). */
export const BORN_KEYS: readonly string[] = ['born', 'birthyear', 'yearofbirth', 'yob'];
/** Person-id columns of a pedigree table. */
export const PERSON_KEYS: readonly string[] = ['person', 'personid', 'individual', 'individualid', 'indid', 'iid', 'id'];
/** Sample columns of a pedigree table (not `id`, which names the person there). */
export const PED_SAMPLE_KEYS: readonly string[] = ['samplename', 'sample', 'sampleid', 'specimenid', 'specimen'];
/** Father columns. */
export const FATHER_KEYS: readonly string[] = ['father', 'fatherid', 'fid', 'dad', 'pat', 'paternalid'];
/** Mother columns. */
export const MOTHER_KEYS: readonly string[] = ['mother', 'motherid', 'mid', 'mom', 'mum', 'mat', 'maternalid'];
/** Role columns of a pedigree table (`missing` marks a missing person). */
export const ROLE_KEYS: readonly string[] = ['role', 'status', 'type'];

const MALE = new Set(['male', 'm', '1', 'man', 'boy']);
const FEMALE = new Set(['female', 'f', '2', 'woman', 'girl']);
const UNKNOWN = new Set(['unknown', 'u', '0', 'na', '?', 'unk']);

/**
 * A sex cell: `male`/`M`/`1`, `female`/`F`/`2`, `unknown`/`0`/`NA`, any case;
 * `undefined` for an empty cell; `null` for anything else.
 */
export function readSexCell(cell: string): Sex | undefined | null {
  const v = cell.trim().toLowerCase();
  if (v === '') return undefined;
  if (MALE.has(v)) return 'male';
  if (FEMALE.has(v)) return 'female';
  if (UNKNOWN.has(v)) return 'unknown';
  return null;
}

/** A parent cell: `0`, empty and `NA` (any case) are no parent. */
export function readParentCell(cell: string): string | null {
  const v = cell.trim();
  return v === '' || v === '0' || v.toLowerCase() === 'na' ? null : v;
}

const YES = new Set(['true', 'yes', 'y', '1', 'x', 'missing']);
const NO = new Set(['false', 'no', 'n', '0', '']);

/** A yes/no cell: true/yes/y/1/x; false/no/n/0/empty; `null` for anything else. */
export function readYesNoCell(cell: string): boolean | null {
  const v = cell.trim().toLowerCase();
  if (YES.has(v)) return true;
  if (NO.has(v)) return false;
  return null;
}

/** True for the relationship words that declare a missing person: `missing`, `missing person`, `MP`. */
export function isMissingWord(word: string): boolean {
  const v = word.trim().toLowerCase().replace(/[\s_-]+/g, ' ');
  return v === 'missing' || v === 'missing person' || v === 'mp';
}
