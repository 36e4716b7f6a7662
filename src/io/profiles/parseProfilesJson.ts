/**
 * strkin's own profile JSON: `{"format":"strkin-profiles","version":1,"profiles":[...]}`.
 */
import { IssueCollector, ParseError } from '../../errors/StrkinError.js';
import { readBornCell, type BirthYears } from '../../profile/born.js';
import { ProfileBuilder, type Profile, type ProfileReadOptions, type Sex, type SkipReason, type SkippedLocus } from '../../profile/Profile.js';
import { stripBom } from '../text.js';
import { finish } from './columns.js';
import type { ProfileParseResult } from './types.js';
import { decodeText, optionsObject, type TextInput } from '../decodeText.js';

/** The `format` field of strkin's profile JSON. */
export const PROFILES_JSON_FORMAT = 'strkin-profiles';
/** The `version` of strkin's profile JSON that this release reads and writes. */
export const PROFILES_JSON_VERSION = 1;

const SEXES: ReadonlySet<string> = new Set<Sex>(['male', 'female', 'unknown']);
const REASONS: ReadonlySet<string> = new Set<SkipReason>(['tri-allelic', 'y-str', 'x-str', 'unknown-locus', 'bad-allele']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The 1-based line of a character position. */
function lineAt(text: string, position: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < position; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function show(value: unknown): string {
  const shown = JSON.stringify(value);
  return shown === undefined ? String(value) : shown.length > 60 ? `${shown.slice(0, 57)}...` : shown;
}

/** An allele cell from a JSON value: a string, a number (`14`), or `null` (not known, written `-`). */
function alleleCell(value: unknown): string | undefined {
  if (value === null) return '-';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function readSkipped(value: unknown, path: readonly (string | number)[], issues: IssueCollector): SkippedLocus | undefined {
  if (isRecord(value) && typeof value['locus'] === 'string' && typeof value['reason'] === 'string' && REASONS.has(value['reason']) && typeof value['detail'] === 'string') {
    const line = value['line'];
    if (line === undefined || (typeof line === 'number' && Number.isInteger(line) && line > 0)) {
      return { locus: value['locus'], reason: value['reason'] as SkipReason, detail: value['detail'], ...(line === undefined ? {} : { line }) };
    }
  }
  issues.add({ code: 'bad-value', message: `A set-aside locus needs locus, reason (${[...REASONS].join(', ')}) and detail (skipped = ${show(value)})`, path });
  return undefined;
}

function readProfile(value: unknown, index: number, options: ProfileReadOptions, issues: IssueCollector, seen: Set<string>): Profile | undefined {
  const path = ['profiles', index];
  if (!isRecord(value) || typeof value['sample'] !== 'string' || value['sample'].trim() === '') {
    issues.add({ code: 'missing-value', message: `A profile needs a non-empty "sample" string (profile = ${show(value)})`, path });
    return undefined;
  }
  const sample = value['sample'].trim();
  if (seen.has(sample)) {
    issues.add({ code: 'duplicate-sample', message: `Sample given twice (sample = ${JSON.stringify(sample)})`, path });
    return undefined;
  }
  seen.add(sample);
  const sex = value['sex'] ?? 'unknown';
  if (typeof sex !== 'string' || !SEXES.has(sex)) issues.add({ code: 'bad-value', message: `Sex must be male, female or unknown (sex = ${show(sex)})`, path: [...path, 'sex'] });
  const bornValue = value['born'];
  let born: BirthYears | undefined;
  if (bornValue !== undefined && bornValue !== null) {
    const read = typeof bornValue === 'string' || typeof bornValue === 'number' ? readBornCell(bornValue) : undefined;
    if (read === undefined || read.kind === 'invalid') issues.add({ code: 'bad-value', message: `Year of birth not readable: ${read?.reason ?? 'a year of birth is a year (2014) or a range of years ("2012-2015"), or null when unknown'} (born = ${show(bornValue)})`, path: [...path, 'born'] });
    else if (read.kind === 'years') born = read.born;
  }
  const extra: { family?: string; relationship?: string } = {};
  for (const field of ['family', 'relationship'] as const) {
    const v = value[field];
    if (typeof v === 'string' && v.trim() !== '') extra[field] = v.trim();
    else if (v !== undefined && v !== null && v !== '') issues.add({ code: 'bad-value', message: `${field} must be a string (${field} = ${show(v)})`, path: [...path, field] });
  }
  const source = { ...(options.file === undefined ? {} : { file: options.file }), format: 'json' };
  const builder = new ProfileBuilder(sample, issues, options, source, extra);
  const genotypes = value['genotypes'] ?? {};
  if (!isRecord(genotypes)) issues.add({ code: 'bad-value', message: `genotypes must be an object of locus: [allele, allele] (genotypes = ${show(genotypes)})`, path: [...path, 'genotypes'] });
  else {
    for (const [locus, pair] of Object.entries(genotypes)) {
      const cells = Array.isArray(pair) && pair.length === 2 ? pair.map(alleleCell) : [];
      if (cells.length !== 2 || cells.some((c) => c === undefined) || (pair as unknown[]).every((a) => a === null)) {
        issues.add({ code: 'bad-genotype', message: `A genotype is two alleles, one of which may be null (sample = ${JSON.stringify(sample)}, locus = ${locus}, genotype = ${show(pair)})`, path: [...path, 'genotypes', locus] });
        continue;
      }
      builder.addLocus(locus, cells as string[]);
    }
  }
  // The Y haplotype: locus -> list of alleles (docs/lineage.md), read by the same builder as every export.
  const yValue = value['y'];
  if (yValue !== undefined) {
    if (!isRecord(yValue)) issues.add({ code: 'bad-value', message: `y must be an object of Y locus: [alleles] (y = ${show(yValue)})`, path: [...path, 'y'] });
    else {
      for (const [locus, list] of Object.entries(yValue)) {
        if (!Array.isArray(list) || list.some((a) => typeof a !== 'string')) issues.add({ code: 'bad-genotype', message: `Y alleles are a list of labels (sample = ${JSON.stringify(sample)}, locus = ${locus}, alleles = ${show(list)})`, path: [...path, 'y', locus] });
        else builder.addLocus(locus, list as string[]);
      }
    }
  }
  const skippedValue = value['skipped'] ?? [];
  const skipped: SkippedLocus[] = [];
  if (!Array.isArray(skippedValue)) issues.add({ code: 'bad-value', message: `skipped must be an array (skipped = ${show(skippedValue)})`, path: [...path, 'skipped'] });
  else skippedValue.forEach((entry, k) => {
    const read = readSkipped(entry, [...path, 'skipped', k], issues);
    if (read !== undefined) skipped.push(read);
  });
  if (SEXES.has(sex as string)) builder.setSex(sex as Sex);
  if (born !== undefined) builder.setBorn(born);
  const built = builder.build();
  return { ...built, skipped: [...built.skipped, ...skipped] };
}

/**
 * Reads strkin's profile JSON, written by {@link writeProfilesJson}:
 * `{"format":"strkin-profiles","version":1,"profiles":[{"sample":"S1","sex":"male",
 * "genotypes":{"TH01":["6","9.3"],"FGA":["22",null]},"skipped":[{"locus":"vWA",
 * "reason":"tri-allelic","detail":"alleles = 15/16/17"}],"family":"F1","relationship":"mother"}]}`.
 * `sex` defaults to `unknown`, `genotypes` to `{}`, `skipped` to `[]`;
 * `family`, `relationship` and `born` (a year `2014` or a range `"2012-2015"`,
 * `null` when unknown) are optional; a `sex` that contradicts an `AMEL`
 * genotype is the error `sex-conflict`. A genotype is two alleles (strings,
 * or numbers), one of which may be `null` (a partial genotype). Genotypes go
 * through {@link ProfileBuilder}, so locus aliases and allele spellings are
 * canonicalised exactly as in the other readers. Issues carry a `path`
 * (`['profiles', 3, 'genotypes', 'TH01']`); JSON gives no line numbers except
 * for syntax errors.
 *
 * Throws {@link ParseError} listing every error: `empty-file`, `bad-json`,
 * `bad-format`, `unsupported-version`, `missing-value`, `duplicate-sample`,
 * `bad-value`, `bad-genotype`, `bad-allele`, `sex-conflict`.
 *
 * Cost: O(length of text).
 *
 * @example
 * ```ts
 * const { profiles } = parseProfilesJson('{"format":"strkin-profiles","version":1,"profiles":[{"sample":"S1","sex":"female","genotypes":{"THO1":["9.3","6"]}}]}');
 * profiles[0]?.genotypes; // => { TH01: ['6', '9.3'] }
 * ```
 */
export function parseProfilesJson(input: TextInput, optionsIn: ProfileReadOptions = {}): ProfileParseResult {
  const options = optionsObject<ProfileReadOptions>(optionsIn);
  const text = decodeText(input, options.file === undefined ? {} : { file: options.file });
  const issues = new IssueCollector(options.file);
  const at = options.file === undefined ? {} : { file: options.file };
  const body = stripBom(text);
  if (body.trim() === '') throw new ParseError({ code: 'empty-file', message: 'The file is empty (no JSON document)', path: [], ...at });
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(reason);
    const line = position === null ? undefined : lineAt(body, Number(position[1]));
    throw new ParseError({ code: 'bad-json', message: `Not valid JSON (reason = ${JSON.stringify(reason)})`, path: [], ...(line === undefined ? {} : { line }), ...at });
  }
  if (!isRecord(document) || document['format'] !== PROFILES_JSON_FORMAT || !Array.isArray(document['profiles'])) {
    const format = isRecord(document) ? document['format'] : undefined;
    throw new ParseError({ code: 'bad-format', message: `Not a strkin profiles file: expected {"format":"${PROFILES_JSON_FORMAT}","version":${PROFILES_JSON_VERSION},"profiles":[...]} (format = ${show(format)})`, path: [], ...at });
  }
  if (document['version'] !== PROFILES_JSON_VERSION) {
    throw new ParseError({ code: 'unsupported-version', message: `Unsupported strkin profiles version (version = ${show(document['version'])}, supported = ${PROFILES_JSON_VERSION})`, path: ['version'], ...at });
  }
  const seen = new Set<string>();
  const profiles: Profile[] = [];
  document['profiles'].forEach((value: unknown, index: number) => {
    const profile = readProfile(value, index, options, issues, seen);
    if (profile !== undefined) profiles.push(profile);
  });
  return finish(profiles, issues);
}
