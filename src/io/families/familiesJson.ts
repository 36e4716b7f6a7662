/**
 * strkin's families JSON: `{"format":"strkin-families","version":1,"families":[...]}`
 * (reader and writer).
 */
import { ParseError } from '../../errors/StrkinError.js';
import type { Sex } from '../../profile/Profile.js';
import type { Family } from '../../search/Family.js';
import { stripBom } from '../text.js';
import type { FamiliesBuilder, FamilyInput, RowIssue } from './buildFamily.js';
import { readSexCell } from './cells.js';
import { readBornCell, formatBirthYears, type BirthYears } from '../../profile/born.js';
import { own } from '../../util/dict.js';
import { checkArray } from '../../util/args.js';

/** The `format` field of strkin's families JSON. */
export const FAMILIES_JSON_FORMAT = 'strkin-families';
/** The `version` of strkin's families JSON that this release reads and writes. */
export const FAMILIES_JSON_VERSION = 1;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  const shown = JSON.stringify(value);
  return shown === undefined ? String(value) : shown.length > 60 ? `${shown.slice(0, 57)}...` : shown;
}

function lineAt(text: string, position: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < position; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** A sex value: `male`, `female`, `unknown` (also M/F/1/2/0); absent is `undefined`; anything else `null`. */
function jsonSex(value: unknown): Sex | undefined | null {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? readSexCell(value) : typeof value === 'number' ? readSexCell(String(value)) : null;
}

/** A `born` value: a year (number or string) or a range string; absent/null is `undefined`; anything unreadable `null`. */
function jsonBorn(value: unknown): BirthYears | undefined | null {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const read = readBornCell(value);
  return read.kind === 'years' ? read.born : read.kind === 'unknown' ? undefined : null;
}

function parentOf(value: unknown): string | null | undefined {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value.trim() === '' || value.trim() === '0' ? null : value.trim();
  if (value === 0) return null;
  return undefined;
}

function readEntry(value: unknown, index: number): FamilyInput {
  const path = ['families', index];
  const errors: RowIssue[] = [];
  const bad = (field: string, message: string, v: unknown): void => {
    errors.push({ code: 'bad-value', path: [...path, field], message: `${message} (${field} = ${show(v)})` });
  };
  const rawId = isRecord(value) ? value['id'] : undefined;
  const id = typeof rawId === 'string' && rawId.trim() !== '' ? rawId.trim() : `families[${index}]`;
  if (!isRecord(value)) {
    bad('family', 'A family must be an object with id and references or pedigree', value);
    return { kind: 'relations', id, path, errors, missing: [], missingNames: [], refs: [] };
  }
  if (id !== rawId) bad('id', 'A family needs a non-empty "id" string', rawId);
  const hasPedigree = value['pedigree'] !== undefined;
  if (hasPedigree && value['references'] !== undefined) bad('pedigree', 'Give either references or pedigree, not both', Object.keys(value));
  if (hasPedigree) {
    const persons: Extract<FamilyInput, { kind: 'pedigree' }>['persons'] = [];
    const list = value['pedigree'];
    if (!Array.isArray(list)) bad('pedigree', 'pedigree must be an array of persons', list);
    else {
      list.forEach((p: unknown, i: number) => {
        const ppath = [...path, 'pedigree', i];
        if (!isRecord(p) || typeof p['id'] !== 'string' || p['id'].trim() === '') {
          errors.push({ code: 'bad-value', path: ppath, message: `A person needs a non-empty "id" string (person = ${show(p)})` });
          return;
        }
        const father = parentOf(p['father']);
        const mother = parentOf(p['mother']);
        const sex = jsonSex(p['sex']);
        const missing = p['missing'] ?? false;
        const sample = p['sample'];
        const born = jsonBorn(p['born']);
        const ok = father !== undefined && mother !== undefined && sex !== null && born !== null && typeof missing === 'boolean' && (sample === undefined || sample === null || typeof sample === 'string');
        if (!ok) {
          errors.push({ code: 'bad-value', path: ppath, message: `A person has father and mother (id or null), sex (male, female, unknown), sample (string), missing (true/false) and born (2014 or "2012-2015") (person = ${show(p)})` });
          return;
        }
        const sampleName = typeof sample === 'string' ? sample.trim() : '';
        persons.push({ id: p['id'].trim(), father, mother, sex: sex ?? 'unknown', missing, path: ppath, ...(missing && born !== undefined ? { born } : {}), ...(sampleName === '' ? {} : { sample: sampleName }) });
      });
    }
    return { kind: 'pedigree', id, path, errors, persons };
  }
  const missing: Extract<FamilyInput, { kind: 'relations' }>['missing'] = [];
  const rawMissing = value['missing'];
  if (rawMissing !== undefined) {
    if (!Array.isArray(rawMissing)) bad('missing', 'missing must be an array of ids or {id, sex, born} objects', rawMissing);
    else {
      rawMissing.forEach((m: unknown, i: number) => {
        const mpath = [...path, 'missing', i];
        if (typeof m === 'string' && m.trim() !== '') missing.push({ id: m.trim(), path: mpath });
        else if (isRecord(m) && typeof m['id'] === 'string' && m['id'].trim() !== '' && jsonSex(m['sex']) !== null && jsonBorn(m['born']) !== null) {
          const sex = jsonSex(m['sex']);
          const born = jsonBorn(m['born']);
          missing.push({ id: m['id'].trim(), path: mpath, ...(sex === undefined || sex === null ? {} : { sex }), ...(born === undefined || born === null ? {} : { born }) });
        } else errors.push({ code: 'bad-value', path: mpath, message: `A missing person is an id or {id, sex, born} (born: 2014 or "2012-2015") (missing = ${show(m)})` });
      });
    }
  }
  const refs: Extract<FamilyInput, { kind: 'relations' }>['refs'] = [];
  const rawRefs = value['references'];
  if (!Array.isArray(rawRefs)) bad('references', 'A family needs references (an array of {sample, relationship}) or pedigree', rawRefs);
  else {
    rawRefs.forEach((r: unknown, i: number) => {
      const rpath = [...path, 'references', i];
      const sex = isRecord(r) ? jsonSex(r['sex']) : null;
      if (!isRecord(r) || typeof r['sample'] !== 'string' || typeof r['relationship'] !== 'string' || sex === null) {
        errors.push({ code: 'bad-value', path: rpath, message: `A reference is {sample, relationship, sex?} with strings (reference = ${show(r)})` });
        return;
      }
      refs.push({ sample: r['sample'].trim(), relationship: r['relationship'].trim(), path: rpath, ...(sex === undefined ? {} : { sex }) });
    });
  }
  return { kind: 'relations', id, path, errors, missing, missingNames: [], refs };
}

/** Reads the families JSON into family inputs; throws ParseError for bad JSON or a wrong envelope. */
export function readFamiliesJson(text: string, file: string | undefined, _builder: FamiliesBuilder): FamilyInput[] {
  const at = file === undefined ? {} : { file };
  const body = stripBom(text);
  if (body.trim() === '') throw new ParseError({ code: 'empty-file', message: 'The file is empty (no JSON document)', path: [], ...at });
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(detail);
    const line = position !== null ? lineAt(body, Number(position[1])) : undefined;
    throw new ParseError({ code: 'bad-json', message: `Not valid JSON (error = ${JSON.stringify(detail.slice(0, 160))})`, path: [], ...at, ...(line === undefined ? {} : { line }) });
  }
  if (!isRecord(doc) || doc['format'] !== FAMILIES_JSON_FORMAT) {
    throw new ParseError({ code: 'bad-format', message: `Not a strkin families file: expected "format": "${FAMILIES_JSON_FORMAT}" (format = ${show(isRecord(doc) ? doc['format'] : doc)})`, path: ['format'], ...at });
  }
  if (doc['version'] !== FAMILIES_JSON_VERSION) {
    throw new ParseError({ code: 'bad-version', message: `Unsupported families JSON version; this release reads version ${FAMILIES_JSON_VERSION} (version = ${show(doc['version'])})`, path: ['version'], ...at });
  }
  const families = doc['families'];
  if (!Array.isArray(families)) throw new ParseError({ code: 'bad-value', message: `"families" must be an array (families = ${show(families)})`, path: ['families'], ...at });
  return families.map((f: unknown, i: number) => readEntry(f, i));
}

/**
 * Writes families as strkin's families JSON, each as an explicit pedigree
 * (helpers included) with `sample` on the typed references and
 * `"missing": true` (and `"born"` when known) on the missing persons; one family per line so that files
 * diff well. Reading the text back with {@link parseFamilies} and the same
 * profiles gives the same families (up to `source`), and writing them again
 * gives the same text. Genotypes are not written: references are joined by
 * sample name on reading, as for every families file.
 *
 * Cost: O(total persons).
 *
 * @example
 * ```ts
 * const R1: Profile = { sample: 'R1', sex: 'female', genotypes: { TH01: ['6', '9.3'] }, skipped: [] };
 * const { families } = parseFamilies('family,sample,relationship\nF1,R1,mother\n', { profiles: [R1] });
 * writeFamiliesJson(families);
 * // => '{"format":"strkin-families","version":1,"families":[\n{"id":"F1","pedigree":[{"id":"R1","father":null,"mother":null,"sex":"female","sample":"R1"},{"id":"F1:missing.father","father":null,"mother":null,"sex":"male"},{"id":"F1:missing","father":"F1:missing.father","mother":"R1","sex":"unknown","missing":true}]}\n]}\n'
 * ```
 */
export function writeFamiliesJson(families: readonly Family[]): string {
  checkArray(families, 'families', true);
  const missingSet = (f: Family): ReadonlySet<string> => new Set(f.missing);
  const lines = families.map((f) => {
    const missing = missingSet(f);
    const pedigree = f.pedigree.persons.map((p) => {
      const profile = own(f.references, p.id);
      return {
        id: p.id,
        father: p.father,
        mother: p.mother,
        sex: p.sex,
        ...(profile === undefined ? {} : { sample: profile.sample }),
        ...(missing.has(p.id) ? { missing: true } : {}),
        ...(missing.has(p.id) && own(f.born ?? {}, p.id) !== undefined ? { born: formatBirthYears(own(f.born ?? {}, p.id)) } : {}),
      };
    });
    return JSON.stringify({ id: f.id, pedigree });
  });
  return `{"format":"${FAMILIES_JSON_FORMAT}","version":${FAMILIES_JSON_VERSION},"families":[\n${lines.join(',\n')}${lines.length > 0 ? '\n' : ''}]}\n`;
}
