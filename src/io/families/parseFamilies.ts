/**
 * One entry point for every families-file layout (DESIGN.md, "Families file").
 */
import { ValidationError, safely, type Result } from '../../errors/StrkinError.js';
import { locusKind } from '../../profile/loci.js';
import { parseProfiles } from '../profiles/parseProfiles.js';
import { detectDelimiter, eachDelimitedRow, stripBom } from '../text.js';
import { FamiliesBuilder, type FamilyInput } from './buildFamily.js';
import { readFamiliesJson } from './familiesJson.js';
import { familiesFromProfiles } from './familiesFromProfiles.js';
import { readPed } from './readPed.js';
import { isPedigreeHeader, readPedigreeTable, readRelationshipTable } from './readFamilyTables.js';
import type { FamiliesFormat, FamiliesParseResult, ParseFamiliesOptions } from './types.js';
import { decodeText, optionsObject, type TextInput } from '../decodeText.js';


/** Every families layout, in the order {@link detectFamiliesFormat} tries them. */
export const FAMILIES_FORMATS: readonly FamiliesFormat[] = Object.freeze(['json', 'ped', 'pedigree', 'relationships'] as const);

/**
 * Guesses the layout of a families file: `json` for a `.json` name or text
 * starting with `{`; `ped` for a `.ped` name, a first line starting with `#`
 * (pedtools' header) or split by spaces only (no comma, semicolon or tab)
 * into four or more fields; `pedigree` for a
 * header naming father and mother columns (`father`/`fid`, `mother`/`mid`);
 * otherwise `relationships`.
 *
 * Cost: O(length of the first line).
 *
 * @example
 * ```ts
 * detectFamiliesFormat('family,person,father,mother,sex,sample,missing\n'); // => 'pedigree'
 * detectFamiliesFormat('Family ID;Sample Name;Kinship\n'); // => 'relationships'
 * detectFamiliesFormat('famid id fid mid sex\n'); // => 'ped'
 * ```
 */
export function detectFamiliesFormat(input: TextInput, file?: string): FamiliesFormat {
  const text = decodeText(input, file === undefined ? {} : { file });
  const name = (file ?? '').toLowerCase();
  const body = stripBom(text);
  if (name.endsWith('.json') || body.trimStart().startsWith('{')) return 'json';
  if (name.endsWith('.ped')) return 'ped';
  const first = body.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  if (first.trimStart().startsWith('#') || (!/[,;\t]/.test(first) && first.trim().split(/\s+/).length >= 4)) return 'ped';
  const header = first.split(detectDelimiter(first)).map((c) => c.trim().replace(/^"|"$/g, ''));
  return isPedigreeHeader(header) ? 'pedigree' : 'relationships';
}

/** True when a header has genotype columns (`TH01`, `D3S1358 1`, `AMEL.2`): a wide reference-family profile table. */
function hasLocusColumns(header: readonly string[]): boolean {
  return header.some((h) => {
    const kind = locusKind(h) ?? locusKind(h.replace(/[\s._-]+[1-9]$/, ''));
    return kind === 'autosomal' || kind === 'amelogenin';
  });
}

/**
 * Reads a families file: which relatives of each missing person were typed,
 * and how they are related. Four layouts (docs/families.md), detected unless
 * `format` is given:
 *
 * - `relationships`: `family, sample, relationship` (+ `missing`, `sex`);
 *   strkin builds each pedigree with {@link pedigreeFromRelations}. A row with
 *   relationship `missing` declares a missing person (several = full
 *   siblings). A wide reference-family profile table (`Family, Sample,
 *   Relationship` + locus columns) is read with the genotypes inline
 *   ({@link familiesFromProfiles}).
 * - `pedigree`: `family, person, father, mother, sex, sample` + `missing`
 *   (yes/no) or `role` (`missing`); `0`, empty or `NA` = no parent.
 * - `json`: strkin's families JSON ({@link writeFamiliesJson}).
 * - `ped`: QuickPed/pedtools `famid id fid mid sex` + marker columns `a/b`.
 *
 * References are joined to `profiles` by sample name: an exact match first,
 * then trimmed and case-insensitive (a `sample-case` warning); a name matching
 * several profiles is an error, never a guess.
 *
 * A problem of one family rejects that family only: it is listed in
 * `rejected` with every reason and the other families are returned. Codes:
 * `unknown-sample`, `ambiguous-sample`, `unknown-relationship`,
 * `missing-value` (empty sample, relationship, family or person cell),
 * `bad-value`, `profile-sex` (amelogenin against the relation or sex),
 * `relation-sex`, `duplicate-relation`, `duplicate-person`,
 * `duplicate-sample`, `duplicate-family`, `missing-typed`,
 * `missing-conflict`, `no-missing-person`, `no-reference`, `extra-cells`,
 * `bad-row`, and {@link validatePedigree}'s codes. Warnings: `sample-case`,
 * `shared-reference` (one sample in two families, allowed),
 * `untyped-reference`, and the profile readers' warnings. Problems of the
 * whole file throw {@link ParseError}: `empty-file`, `bad-quoting`,
 * `wrong-delimiter`, `missing-column`, `bad-json`, `bad-format`,
 * `bad-version`.
 *
 * `input` is the text, or the file's bytes (`fs.readFileSync(file)`): decoded as strict UTF-8
 * (UTF-16 with a byte-order mark), `bad-encoding` with the line for invalid bytes; see {@link decodeText}.
 *
 * Cost: O(length of text + number of profiles).
 *
 * @example
 * ```ts
 * const R1: Profile = { sample: 'R1', sex: 'female', genotypes: { TH01: ['6', '9.3'] }, skipped: [] };
 * const { families, rejected } = parseFamilies('family,sample,relationship\nF1,R1,mother\nF2,R9,father\n', { profiles: [R1] });
 * families[0]?.missing; // => ['F1:missing']
 * rejected[0]?.reasons; // => ['line 3: unknown-sample: No profile for the reference\'s sample (family = "F2", sample = "R9")']
 * ```
 */
export function parseFamilies(input: TextInput, optionsIn: ParseFamiliesOptions = {}): FamiliesParseResult {
  const options = optionsObject<ParseFamiliesOptions>(optionsIn);
  const text = decodeText(input, options.file === undefined ? {} : { file: options.file });
  const lookup: unknown = options.profiles;
  if (lookup !== undefined && !Array.isArray(lookup) && !(lookup instanceof Map)) {
    throw new ValidationError({ code: 'bad-argument', message: `The profiles option must be an array of profiles or a Map from sample name to profile (profiles = ${typeof lookup})`, path: ['profiles'] });
  }
  const format = options.format ?? detectFamiliesFormat(text, options.file);
  const file = options.file;
  const builder = new FamiliesBuilder(file, options.profiles);
  let inputs: FamilyInput[];
  switch (format) {
    case 'json':
      inputs = readFamiliesJson(text, file, builder);
      break;
    case 'ped':
      inputs = readPed(text, file, builder);
      break;
    case 'pedigree':
      inputs = readPedigreeTable(text, file, undefined, builder);
      break;
    case 'relationships': {
      const head = eachDelimitedRow(text, file === undefined ? {} : { file }, () => undefined);
      if (hasLocusColumns(head.header)) {
        const read = parseProfiles(text, { format: 'wide', ...(file === undefined ? {} : { file }) });
        const result = familiesFromProfiles(read.profiles, file === undefined ? {} : { file });
        return { ...result, issues: [...read.issues, ...result.issues] };
      }
      inputs = readRelationshipTable(text, file, undefined, builder);
      break;
    }
    default:
      throw new ValidationError({ code: 'bad-option', message: `Unknown families format; use one of ${FAMILIES_FORMATS.join(', ')} (format = ${JSON.stringify(format)})`, path: ['format'] });
  }
  for (const input of inputs) builder.add(input);
  return builder.result();
}

/**
 * {@link parseFamilies} without throwing: `{ ok: true, value }` or
 * `{ ok: false, error }` for a problem of the whole file (a rejected family
 * is not an error: it is in `value.rejected`).
 *
 * Cost: as {@link parseFamilies}.
 *
 * @example
 * ```ts
 * const result = safeParseFamilies('');
 * if (!result.ok) result.error.code; // => 'empty-file'
 * ```
 */
export function safeParseFamilies(input: TextInput, options: ParseFamiliesOptions = {}): Result<FamiliesParseResult> {
  return safely(() => parseFamilies(input, options));
}
