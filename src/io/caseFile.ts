/**
 * The case format (`kinship-lr-oracle-cases` case object, see docs/case-format.md):
 * hypotheses as lists of individuals, markers with alleles, frequencies and
 * female/male mutation settings, theta, and genotypes by person and marker.
 * `strkin lr CASE.json` reads one case object (extra fields such as `expected`
 * are ignored). Pure: string or parsed value in, typed value out.
 */
import { ParseError, safely, StrkinError, type Issue, type Result } from '../errors/StrkinError.js';
import type { MutationSpec, SexSpecificMutation } from '../mutation/mutationMatrix.js';
import { makeMarkerModel, type Chromosome, type MarkerModel } from '../likelihood/MarkerModel.js';
import { locusKind } from '../profile/loci.js';
import type { KinshipCase } from '../likelihood/kinshipLR.js';
import { DEFAULT_THETA, thetaIssue } from '../likelihood/theta.js';
import type { Pedigree, Person } from '../pedigree/Pedigree.js';
import { validatePedigree } from '../pedigree/validatePedigree.js';
import { makeGenotype, type Genotype } from '../profile/genotype.js';
import type { Sex } from '../profile/Profile.js';
import { appendAll } from '../util/arrays.js';
import { dict } from '../util/dict.js';
import { decodeText, optionsObject } from './decodeText.js';
import { readCaseY, type HaplotypeDatabaseResolver } from './lineage/caseY.js';
import type { CaseY } from '../lineage/caseY.js';

/** A case read from the case format, with its identification. */
export interface CaseFile extends KinshipCase {
  readonly id?: string;
  readonly description?: string;
  /** Hypothesis labels, in the order of `hypotheses`. */
  readonly labels: readonly string[];
  /** Y-STR evidence (the case's `y` section; docs/case-format.md), compared along H1's paternal line. */
  readonly y?: CaseY;
}

/**
 * Resolves marker frequencies that a case takes from a table (`"frequencies": "<table>"` forms).
 * `silentFrequency` is the marker's `silent` field when the case gives one.
 */
export type MarkerResolver = (name: string, observedAlleles: readonly string[], mutation: SexSpecificMutation | undefined, silentFrequency?: number) => MarkerModel;

/** Options of {@link parseCase}. */
export interface ParseCaseOptions {
  /** File name for messages. */
  readonly file?: string;
  /** Builds markers given by name only (no inline alleles/frequencies). Without it such markers are an error. */
  readonly resolveMarker?: MarkerResolver;
  /** Silent allele frequency of a marker that has no `silent` field (e.g. from `strkin lr --silent-frequency`); default none. */
  readonly defaultSilentFrequency?: (marker: string) => number | undefined;
  /** Reads the haplotype database a `y` section names by file. Without it only inline databases are accepted. */
  readonly resolveHaplotypeDatabase?: HaplotypeDatabaseResolver;
}

type Json = unknown;

/**
 * A JSON number as an allele label is only safe when JSON kept it exactly: a
 * number whose whole part is not a safe integer (`99999999999999999999` reads as
 * 1e20) has already been rounded, and two alleles may have merged.
 */
const unsafeNumber = (a: Json): boolean => typeof a === 'number' && !(Number.isFinite(a) && Number.isSafeInteger(Math.trunc(a)));
const isObject = (x: Json): x is Record<string, Json> => typeof x === 'object' && x !== null && !Array.isArray(x);

function readSpec(x: Json, path: (string | number)[], issues: Issue[]): MutationSpec {
  if (!isObject(x) || typeof x['model'] !== 'string') {
    issues.push({ code: 'bad-mutation', message: `Mutation setting must be an object with a model (value = ${JSON.stringify(x)})`, path });
    return { model: 'none' };
  }
  return x as unknown as MutationSpec;
}

/**
 * A marker's `chromosome`: `"autosomal"` or `"X"` as written; when absent, `X` for a locus of
 * the X registry (`X_LOCI`, any `DXS…` name) and `autosomal` otherwise.
 */
function readChromosome(name: string, value: Json, path: (string | number)[], issues: Issue[]): Chromosome {
  if (value === 'autosomal' || value === 'X') return value;
  if (value !== undefined && value !== null) {
    issues.push({ code: 'bad-chromosome', message: `Marker chromosome must be "autosomal" or "X" (marker = ${name}, chromosome = ${JSON.stringify(value)})`, path });
    return 'autosomal';
  }
  return locusKind(name) === 'x' ? 'X' : 'autosomal';
}

/**
 * Reads one case from JSON text or an already parsed value. A whole
 * `kinship-lr-oracle-cases` file is accepted when it holds exactly one case.
 * Throws {@link ParseError} listing every problem, including every rule of
 * {@link validatePedigree} for each hypothesis (codes such as `cycle` and
 * `parent-sex`; `path` is `['hypotheses', key, 'individuals', index, ...]`
 * and the message names the hypothesis).
 *
 * Cost: O(size of the case).
 */
export function parseCase(input: string | Json, optionsIn: ParseCaseOptions = {}): CaseFile {
  const options = optionsObject<ParseCaseOptions>(optionsIn);
  const at = options.file !== undefined ? { file: options.file } : {};
  let value: Json = input;
  if (typeof input === 'string' || input instanceof Uint8Array || input instanceof ArrayBuffer) {
    const text = decodeText(input, at);
    try {
      value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch (error) {
      throw new ParseError({ code: 'bad-json', message: `Not valid JSON (${(error as Error).message})`, path: [], ...at });
    }
  }
  if (isObject(value) && Array.isArray(value['cases'])) {
    const cases = value['cases'] as Json[];
    if (cases.length !== 1) throw new ParseError({ code: 'many-cases', message: `A case file holds one case; this file holds ${cases.length} (use the library to read a case collection)`, path: ['cases'], ...at });
    value = cases[0];
  }
  const issues: Issue[] = [];
  if (!isObject(value)) throw new ParseError({ code: 'bad-case', message: 'A case must be a JSON object', path: [], ...at });
  const c = value;
  const theta = c['theta'] ?? DEFAULT_THETA;
  const badTheta = thetaIssue(theta);
  if (badTheta !== undefined) issues.push(badTheta);

  const hyps = c['hypotheses'];
  const hypotheses: Pedigree[] = [];
  const labels: string[] = [];
  if (!isObject(hyps)) issues.push({ code: 'missing-field', message: 'Case needs "hypotheses" with H1 and H2', path: ['hypotheses'] });
  else {
    const keys = Object.keys(hyps).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    if (!keys.includes('H1') || !keys.includes('H2')) issues.push({ code: 'missing-field', message: `Case needs hypotheses H1 and H2 (hypotheses = ${keys.join(', ')})`, path: ['hypotheses'] });
    for (const key of keys) {
      const h = hyps[key];
      const list = isObject(h) ? h['individuals'] : undefined;
      if (!Array.isArray(list)) {
        issues.push({ code: 'missing-field', message: `Hypothesis needs an "individuals" list (hypothesis = ${key})`, path: ['hypotheses', key] });
        continue;
      }
      const persons: Person[] = [];
      const at: number[] = []; // index in `individuals` of each person kept
      list.forEach((p: Json, i: number) => {
        if (!isObject(p) || typeof p['id'] !== 'string') {
          issues.push({ code: 'bad-individual', message: `Individual needs a string id (hypothesis = ${key}, index = ${i})`, path: ['hypotheses', key, 'individuals', i] });
          return;
        }
        const sex = p['sex'] === 'male' || p['sex'] === 'female' ? (p['sex'] as Sex) : 'unknown';
        const parent = (x: Json): string | null => (typeof x === 'string' ? x : typeof x === 'number' ? String(x) : null);
        persons.push({ id: p['id'], sex, father: parent(p['father']), mother: parent(p['mother']) });
        at.push(i);
      });
      const pedigree: Pedigree = { persons };
      for (const issue of validatePedigree(pedigree)) {
        const [, i, ...rest] = issue.path;
        const where = typeof i === 'number' ? ['individuals', at[i] ?? i, ...rest] : ['individuals'];
        issues.push({ ...issue, path: ['hypotheses', key, ...where], message: `${issue.message.replace(/\)$/, '')}, hypothesis = ${key})` });
      }
      hypotheses.push(pedigree);
      labels.push(isObject(h) && typeof h['label'] === 'string' ? `${key}: ${h['label']}` : key);
    }
  }

  const genotypes: Record<string, Record<string, Genotype>> = dict();
  const observed = new Map<string, Set<string>>();
  const g = c['genotypes'] ?? {};
  if (!isObject(g)) issues.push({ code: 'bad-genotypes', message: 'Genotypes must be an object: person -> marker -> [a, b]', path: ['genotypes'] });
  else {
    for (const [person, byMarker] of Object.entries(g)) {
      if (!isObject(byMarker)) {
        issues.push({ code: 'bad-genotypes', message: `Genotypes of a person must be an object (person = ${person})`, path: ['genotypes', person] });
        continue;
      }
      const row: Record<string, Genotype> = dict();
      for (const [marker, pair] of Object.entries(byMarker)) {
        if (Array.isArray(pair) && pair.some(unsafeNumber)) {
          issues.push({ code: 'bad-genotype', message: `Allele number too large to be read exactly; write allele labels as strings (person = ${person}, marker = ${marker}, value = ${JSON.stringify(pair)})`, path: ['genotypes', person, marker] });
          continue;
        }
        if (!Array.isArray(pair) || pair.length < 1 || pair.length > 2 || pair.some((a) => a !== null && typeof a !== 'string' && typeof a !== 'number') || pair[0] === null || pair[0] === undefined) {
          issues.push({ code: 'bad-genotype', message: `Genotype must be [a, b] with allele labels (person = ${person}, marker = ${marker}, value = ${JSON.stringify(pair)})`, path: ['genotypes', person, marker] });
          continue;
        }
        const a = String(pair[0]);
        const b = pair.length === 1 ? a : pair[1] === null ? null : String(pair[1]);
        row[marker] = makeGenotype(a, b);
        const set = observed.get(marker) ?? new Set<string>();
        set.add(a);
        if (b !== null) set.add(b);
        observed.set(marker, set);
      }
      genotypes[person] = row;
    }
  }

  const markers: MarkerModel[] = [];
  const list = c['markers'];
  if (!Array.isArray(list) || list.length === 0) issues.push({ code: 'missing-field', message: 'Case needs a non-empty "markers" list', path: ['markers'] });
  else {
    list.forEach((m: Json, i: number) => {
      const spec = typeof m === 'string' ? { name: m } : m;
      if (!isObject(spec) || typeof spec['name'] !== 'string') {
        issues.push({ code: 'bad-marker', message: `Marker needs a name (index = ${i})`, path: ['markers', i] });
        return;
      }
      const name = spec['name'];
      const chromosome = readChromosome(name, spec['chromosome'], ['markers', i, 'chromosome'], issues);
      const mut = spec['mutation'];
      let mutation: SexSpecificMutation | undefined;
      if (mut !== undefined) {
        if (!isObject(mut)) issues.push({ code: 'bad-mutation', message: `Mutation must be {female, male} (marker = ${name})`, path: ['markers', i, 'mutation'] });
        else mutation = { female: readSpec(mut['female'] ?? { model: 'none' }, ['markers', i, 'mutation', 'female'], issues), male: readSpec(mut['male'] ?? { model: 'none' }, ['markers', i, 'mutation', 'male'], issues) };
      }
      const silentField = spec['silent'];
      if (silentField !== undefined && !(typeof silentField === 'number' && silentField >= 0 && silentField < 1)) {
        issues.push({ code: 'bad-silent-frequency', message: `Silent allele frequency must be a number in [0, 1) (marker = ${name}, silent = ${JSON.stringify(silentField)})`, path: ['markers', i, 'silent'] });
        return;
      }
      if (chromosome === 'X' && typeof silentField === 'number' && silentField > 0) {
        issues.push({ code: 'x-silent-unsupported', message: `Silent alleles are not modelled on X-chromosomal markers (marker = ${name}); give silent 0`, path: ['markers', i, 'silent'] });
        return;
      }
      // A command-line silent frequency applies to autosomal markers only (docs/case-format.md).
      const silent = (silentField as number | undefined) ?? (chromosome === 'X' ? undefined : options.defaultSilentFrequency?.(name));
      try {
        if (Array.isArray(spec['alleles']) && (spec['alleles'] as Json[]).some(unsafeNumber)) {
          issues.push({ code: 'bad-marker', message: `Allele number too large to be read exactly; write allele labels as strings (marker = ${name})`, path: ['markers', i, 'alleles'] });
        } else if (Array.isArray(spec['alleles'])) {
          markers.push(makeMarkerModel({ name, alleles: (spec['alleles'] as Json[]).map(String), frequencies: (spec['frequencies'] ?? []) as number[], ...(mutation ? { mutation } : {}), chromosome, ...(silent !== undefined ? { silentFrequency: silent } : {}) }));
        } else if (options.resolveMarker !== undefined) {
          const resolved = options.resolveMarker(name, [...(observed.get(name) ?? [])], mutation, silent);
          markers.push(chromosome === 'X' ? { ...resolved, chromosome } : resolved);
        } else {
          issues.push({ code: 'missing-frequencies', message: `Marker has no inline alleles and frequencies, and no frequency table was given (marker = ${name})`, path: ['markers', i] });
        }
      } catch (error) {
        if (error instanceof StrkinError) appendAll(issues, error.issues.map((x) => ({ ...x, path: ['markers', i, ...x.path.slice(2)] })));
        else throw error;
      }
    });
  }
  // A genotype at a marker the case does not list is a typo or a missing marker, never silently ignored.
  if (Array.isArray(list)) {
    const listed = new Set(list.map((m: Json) => (typeof m === 'string' ? m : isObject(m) && typeof m['name'] === 'string' ? m['name'] : undefined)));
    for (const [person, row] of Object.entries(genotypes)) {
      for (const marker of Object.keys(row)) {
        if (!listed.has(marker)) issues.push({ code: 'unknown-marker', message: `Genotype at a marker that "markers" does not list (person = ${person}, marker = ${marker})`, path: ['genotypes', person, marker] });
      }
    }
  }
  const y = c['y'] === undefined ? undefined : readCaseY(c['y'], issues, options.resolveHaplotypeDatabase);
  if (issues.length > 0) throw new ParseError(issues.map((x) => ({ ...x, ...at })));
  return {
    ...(y !== undefined ? { y } : {}),
    ...(typeof c['id'] === 'string' ? { id: c['id'] } : {}),
    ...(typeof c['description'] === 'string' ? { description: c['description'] } : {}),
    hypotheses,
    labels,
    markers,
    genotypes,
    theta: theta as number,
  };
}

/** {@link parseCase} without throwing. */
export function safeParseCase(input: string | Json, options: ParseCaseOptions = {}): Result<CaseFile> {
  return safely(() => parseCase(input, options));
}
