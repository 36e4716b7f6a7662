/**
 * Internal: turns the rows of one family (from any families layout) into a
 * {@link Family} or a {@link RejectedFamily}, applying every rule of
 * docs/families.md in one place so that all layouts agree.
 */
import { IssueCollector, StrkinError, formatIssue, type Issue } from '../../errors/StrkinError.js';
import type { Pedigree, Person } from '../../pedigree/Pedigree.js';
import { normalizeRelation, pedigreeFromRelations, type MissingPersonSpec, type RelativeSpec } from '../../pedigree/pedigreeFromRelations.js';
import { validatePedigree } from '../../pedigree/validatePedigree.js';
import type { Profile, Sex } from '../../profile/Profile.js';
import type { BirthYears } from '../../profile/born.js';
import type { Family, FamilySource, RejectedFamily } from '../../search/Family.js';
import { ProfileIndex } from './profileIndex.js';
import type { FamiliesParseResult, ProfileLookup } from './types.js';
import { dict } from '../../util/dict.js';

type Path = readonly (string | number)[];
/** A problem found while reading rows, before the family is built. */
export type RowIssue = Omit<Issue, 'file'>;

/** A reference row of a relationship table. */
export interface ReferenceRow {
  readonly sample: string;
  readonly relationship: string;
  /** The `sex` cell, when given. */
  readonly sex?: Sex;
  /** Genotypes given inline (wide table), instead of a look-up by sample name. */
  readonly inline?: Profile;
  readonly line?: number;
  readonly path: Path;
}

/** A missing person declared by a `missing` row. */
export interface MissingRow {
  readonly id: string;
  readonly sex?: Sex;
  /** The `born` cell, when given. */
  readonly born?: BirthYears;
  /** A sample name given on the row: an error when it names a typed profile. */
  readonly sample?: string;
  readonly inline?: Profile;
  readonly line?: number;
  readonly path: Path;
}

/** One person of an explicit pedigree. */
export interface PersonRow {
  readonly id: string;
  readonly father: string | null;
  readonly mother: string | null;
  readonly sex: Sex;
  readonly missing: boolean;
  /** The `born` cell (missing persons only), when given. */
  readonly born?: BirthYears;
  /** Sample name to join. */
  readonly sample?: string;
  /** `true`: a sample with no profile is not an error (a `.ped` without marker columns joins by person id). */
  readonly optionalSample?: boolean;
  readonly inline?: Profile;
  readonly line?: number;
  readonly path: Path;
}

interface FamilyInputBase {
  readonly id: string;
  readonly line?: number;
  readonly path: Path;
  /** Problems of this family's rows found by the reader (bad cells). */
  readonly errors: RowIssue[];
}

/** The rows of one family, in one of the two shapes. */
export type FamilyInput =
  | (FamilyInputBase & { readonly kind: 'relations'; readonly missing: MissingRow[]; readonly missingNames: { name: string; line?: number }[]; readonly refs: ReferenceRow[] })
  | (FamilyInputBase & { readonly kind: 'pedigree'; readonly persons: PersonRow[] });

const q = (s: string): string => JSON.stringify(s);
const at = (line: number | undefined): { line?: number } => (line === undefined ? {} : { line });
const typed = (p: Profile | undefined): boolean => p !== undefined && Object.keys(p.genotypes).length > 0;

/** Collects families, rejected families and issues of one input. */
export class FamiliesBuilder {
  readonly issues: IssueCollector;
  private readonly index: ProfileIndex;
  private readonly families: Family[] = [];
  private readonly rejected: RejectedFamily[] = [];
  private readonly familyOf = new Map<Profile, string>();
  private readonly seenIds = new Set<string>();

  constructor(
    private readonly file: string | undefined,
    profiles?: ProfileLookup,
  ) {
    this.issues = new IssueCollector(file);
    this.index = new ProfileIndex(profiles);
  }

  /** A problem of a row that belongs to no family (e.g. an empty family cell). */
  rowError(issue: RowIssue): void {
    this.issues.add(issue);
  }

  private source(line: number | undefined): FamilySource | undefined {
    if (this.file === undefined && line === undefined) return undefined;
    return { ...(this.file === undefined ? {} : { file: this.file }), ...at(line) };
  }

  /** Builds one family, or rejects it with every reason. */
  add(input: FamilyInput): void {
    const errors: RowIssue[] = [...input.errors];
    const warnings: RowIssue[] = [];
    const fam = input.id;
    if (this.seenIds.has(fam)) {
      errors.push({ code: 'duplicate-family', message: `Family given twice (family = ${q(fam)})`, path: input.path, ...at(input.line) });
    }
    this.seenIds.add(fam);
    const built = input.kind === 'relations' ? this.relations(input, errors, warnings) : this.pedigree(input, errors, warnings);
    for (const w of warnings) this.issues.add({ ...w, severity: 'warning' });
    const source = this.source(input.line);
    if (errors.length > 0 || built === undefined) {
      for (const e of errors) this.issues.add(e);
      const reasons = errors.map((e) => formatIssue(this.file === undefined ? e : { ...e, file: this.file }));
      this.rejected.push({ id: fam, reasons, ...(source === undefined ? {} : { source }) });
      return;
    }
    for (const profile of Object.values(built.references)) {
      const other = this.familyOf.get(profile);
      if (other !== undefined && other !== fam) {
        this.issues.add({ code: 'shared-reference', severity: 'warning', path: input.path, ...at(input.line), message: `Reference sample is also used in another family (family = ${q(fam)}, sample = ${q(profile.sample)}, other = ${q(other)})` });
      } else this.familyOf.set(profile, fam);
    }
    const born = Object.keys(built.born).length > 0 ? { born: built.born } : {};
    this.families.push({ id: fam, pedigree: built.pedigree, missing: built.missing, references: built.references, ...born, ...(source === undefined ? {} : { source }) });
  }

  result(): FamiliesParseResult {
    return { families: this.families, rejected: this.rejected, issues: this.issues.issues };
  }

  /** Looks a sample up, reporting a missing or ambiguous profile (unless `quiet`) and a loose match (warning). */
  private resolve(fam: string, sample: string, line: number | undefined, path: Path, errors: RowIssue[], warnings: RowIssue[], quiet = false): Profile | undefined {
    const match = this.index.find(sample);
    if (match.kind === 'found') {
      if (match.loose && !quiet) {
        warnings.push({ code: 'sample-case', path, ...at(line), message: `Sample matched to a profile ignoring case and spaces (family = ${q(fam)}, sample = ${q(sample)}, profile = ${q(match.name)})` });
      }
      return match.profile;
    }
    if (match.kind === 'ambiguous') {
      errors.push({ code: 'ambiguous-sample', path, ...at(line), message: `Sample name matches several profiles (family = ${q(fam)}, sample = ${q(sample)}, profiles = ${match.names.map(q).join(', ')})` });
    } else if (!quiet) {
      errors.push({ code: 'unknown-sample', path, ...at(line), message: `No profile for the reference's sample (family = ${q(fam)}, sample = ${q(sample)})` });
    }
    return undefined;
  }

  private relations(input: Extract<FamilyInput, { kind: 'relations' }>, errors: RowIssue[], warnings: RowIssue[]): { pedigree: Pedigree; missing: string[]; references: Record<string, Profile>; born: Record<string, BirthYears> } | undefined {
    const fam = input.id;
    const firstLine = new Map<string, number | undefined>();
    const duplicate = (id: string, line: number | undefined, path: Path): boolean => {
      if (firstLine.has(id)) {
        const first = firstLine.get(id);
        errors.push({ code: 'duplicate-person', path, ...at(line), message: `Person given twice in one family${first !== undefined ? ` (first on line ${first})` : ''} (family = ${q(fam)}, person = ${q(id)})` });
        return true;
      }
      firstLine.set(id, line);
      return false;
    };

    // missing persons: `missing` rows, else the `missing` column, else `<family>:missing`
    const missing: MissingPersonSpec[] = [];
    const born: Record<string, BirthYears> = dict();
    const missingLines: (number | undefined)[] = [];
    const names = [...new Set(input.missingNames.map((n) => n.name))];
    if (input.missing.length === 0) {
      if (names.length > 1) {
        errors.push({ code: 'missing-conflict', path: input.path, ...at(input.missingNames[0]?.line), message: `Rows name different missing persons; declare several missing persons with \`missing\` rows (family = ${q(fam)}, missing = ${names.map(q).join(', ')})` });
      }
      missing.push({ id: names[0] ?? `${fam}:missing` });
      missingLines.push(input.line);
      firstLine.set(missing[0]?.id ?? '', input.line);
    } else {
      for (const row of input.missing) {
        if (duplicate(row.id, row.line, row.path)) continue;
        const found = row.inline ?? (row.sample !== undefined && row.sample !== '' ? this.resolve(fam, row.sample, row.line, row.path, errors, warnings, true) : undefined);
        if (typed(found)) {
          errors.push({ code: 'missing-typed', path: row.path, ...at(row.line), message: `Missing person has a typed profile; the search compares unknown profiles with the family, so the missing person must be untyped (family = ${q(fam)}, missing = ${q(row.id)}, sample = ${q(found?.sample ?? '')})` });
        }
        missing.push(row.sex === undefined ? { id: row.id } : { id: row.id, sex: row.sex });
        if (row.born !== undefined) born[row.id] = row.born;
        missingLines.push(row.line);
      }
      const firstId = missing[0]?.id;
      for (const n of input.missingNames) {
        if (n.name !== firstId) {
          errors.push({ code: 'missing-conflict', path: input.path, ...at(n.line), message: `Row names a missing person other than the first declared; relations are to the first missing person (family = ${q(fam)}, missing = ${q(n.name)}, first = ${q(firstId ?? '')})` });
        }
      }
    }

    const specs: RelativeSpec[] = [];
    const specLines: (number | undefined)[] = [];
    const references: Record<string, Profile> = dict();
    let lookupFailed = false;
    for (const ref of input.refs) {
      if (ref.sample === '') {
        errors.push({ code: 'missing-value', path: ref.path, ...at(ref.line), message: `Reference row has no sample name (family = ${q(fam)}, relationship = ${q(ref.relationship)})` });
        continue;
      }
      if (duplicate(ref.sample, ref.line, ref.path)) continue;
      const profile = ref.inline ?? this.resolve(fam, ref.sample, ref.line, ref.path, errors, warnings);
      if (profile === undefined) lookupFailed = true;
      if (ref.relationship === '') {
        errors.push({ code: 'missing-value', path: ref.path, ...at(ref.line), message: `Relationship is empty; give the reference's relation to the missing person (family = ${q(fam)}, sample = ${q(ref.sample)})` });
        continue;
      }
      const wordSex = normalizeRelation(ref.relationship)?.sex;
      const given = ref.sex === 'unknown' ? undefined : ref.sex;
      const amel = profile === undefined || profile.sex === 'unknown' ? undefined : profile.sex;
      let sex = given;
      if (amel !== undefined && given !== undefined && amel !== given) {
        errors.push({ code: 'profile-sex', path: ref.path, ...at(ref.line), message: `Amelogenin sex of the profile contradicts the sex column (family = ${q(fam)}, sample = ${q(ref.sample)}, sex = ${given}, amelogenin = ${amel})` });
      } else if (amel !== undefined && wordSex !== undefined && amel !== wordSex) {
        errors.push({ code: 'profile-sex', path: ref.path, ...at(ref.line), message: `Amelogenin sex of the profile contradicts the relationship (family = ${q(fam)}, sample = ${q(ref.sample)}, relationship = ${q(ref.relationship)}, amelogenin = ${amel})` });
      } else sex ??= amel;
      specs.push(sex === undefined ? { id: ref.sample, relation: ref.relationship } : { id: ref.sample, relation: ref.relationship, sex });
      specLines.push(ref.line);
      if (profile !== undefined && typed(profile)) references[ref.sample] = profile;
      else if (profile !== undefined) {
        warnings.push({ code: 'untyped-reference', path: ref.path, ...at(ref.line), message: `Reference profile has no autosomal genotype; kept as an untyped person (family = ${q(fam)}, sample = ${q(ref.sample)})` });
      }
    }
    // only when nothing else is wrong: a row set aside for another reason often explains it
    if (Object.keys(references).length === 0 && !lookupFailed && errors.length === 0) {
      errors.push({ code: 'no-reference', path: input.path, ...at(input.line), message: `Family has no typed reference (family = ${q(fam)}, references = ${input.refs.length})` });
    }
    let pedigree: Pedigree | undefined;
    try {
      pedigree = pedigreeFromRelations(missing, specs);
    } catch (error) {
      if (!(error instanceof StrkinError)) throw error;
      for (const issue of error.issues) {
        const [where, i] = issue.path;
        const line = typeof i === 'number' ? (where === 'refs' ? specLines[i] : where === 'missing' ? missingLines[i] : undefined) : undefined;
        errors.push({ code: issue.code, message: issue.message, path: [...input.path, ...issue.path], ...at(line ?? input.line) });
      }
    }
    if (pedigree === undefined) return undefined;
    return { pedigree, missing: missing.map((m) => m.id), references, born };
  }

  private pedigree(input: Extract<FamilyInput, { kind: 'pedigree' }>, errors: RowIssue[], warnings: RowIssue[]): { pedigree: Pedigree; missing: string[]; references: Record<string, Profile>; born: Record<string, BirthYears> } | undefined {
    const fam = input.id;
    const firstLine = new Map<string, number | undefined>();
    const sampleOf = new Map<Profile, { person: string; line: number | undefined }>();
    const persons: Person[] = [];
    const personLines: (number | undefined)[] = [];
    const missing: string[] = [];
    const born: Record<string, BirthYears> = dict();
    const references: Record<string, Profile> = dict();
    let lookupFailed = false;
    for (const row of input.persons) {
      if (firstLine.has(row.id)) {
        const first = firstLine.get(row.id);
        errors.push({ code: 'duplicate-person', path: row.path, ...at(row.line), message: `Person given twice in one family${first !== undefined ? ` (first on line ${first})` : ''} (family = ${q(fam)}, person = ${q(row.id)})` });
        continue;
      }
      firstLine.set(row.id, row.line);
      const hasSample = row.sample !== undefined && row.sample !== '';
      const profile = row.inline ?? (hasSample ? this.resolve(fam, row.sample ?? '', row.line, row.path, errors, warnings, row.optionalSample === true || row.missing) : undefined);
      let sex = row.sex;
      if (row.missing) {
        missing.push(row.id);
        if (row.born !== undefined) born[row.id] = row.born;
        const named = profile?.sample ?? row.sample ?? '';
        if (typed(profile) || (hasSample && row.optionalSample !== true)) {
          errors.push({ code: 'missing-typed', path: row.path, ...at(row.line), message: `Missing person has a typed profile; the search compares unknown profiles with the family, so the missing person must be untyped (family = ${q(fam)}, missing = ${q(row.id)}, sample = ${q(named)})` });
        }
      } else if (profile !== undefined) {
        if (profile.sex !== 'unknown' && sex !== 'unknown' && profile.sex !== sex) {
          errors.push({ code: 'profile-sex', path: row.path, ...at(row.line), message: `Amelogenin sex of the profile contradicts the person's sex (family = ${q(fam)}, person = ${q(row.id)}, sex = ${sex}, amelogenin = ${profile.sex})` });
        } else if (sex === 'unknown') sex = profile.sex;
        const before = sampleOf.get(profile);
        if (before !== undefined) {
          errors.push({ code: 'duplicate-sample', path: row.path, ...at(row.line), message: `One sample given for two persons${before.line !== undefined ? ` (first on line ${before.line})` : ''} (family = ${q(fam)}, sample = ${q(profile.sample)}, persons = ${q(before.person)}, ${q(row.id)})` });
        } else sampleOf.set(profile, { person: row.id, line: row.line });
        if (typed(profile)) references[row.id] = profile;
        else warnings.push({ code: 'untyped-reference', path: row.path, ...at(row.line), message: `Reference profile has no autosomal genotype; kept as an untyped person (family = ${q(fam)}, sample = ${q(profile.sample)})` });
      } else if (hasSample && row.optionalSample !== true) lookupFailed = true;
      persons.push({ id: row.id, sex, father: row.father, mother: row.mother });
      personLines.push(row.line);
    }
    // both only when nothing else is wrong: a row set aside for another reason often explains them
    const clean = errors.length === 0;
    if (missing.length === 0 && clean) {
      errors.push({ code: 'no-missing-person', path: input.path, ...at(input.line), message: `Family marks no missing person; mark one with the missing or role column (family = ${q(fam)})` });
    }
    if (Object.keys(references).length === 0 && !lookupFailed && clean) {
      errors.push({ code: 'no-reference', path: input.path, ...at(input.line), message: `Family has no typed reference (family = ${q(fam)}, persons = ${input.persons.length})` });
    }
    const pedigree: Pedigree = Object.freeze({ persons: Object.freeze(persons.map((p) => Object.freeze(p))) });
    for (const issue of validatePedigree(pedigree)) {
      const i = issue.path[1];
      const line = typeof i === 'number' ? personLines[i] : undefined;
      errors.push({ code: issue.code, message: issue.message, path: [...input.path, ...issue.path], ...at(line ?? input.line) });
    }
    return { pedigree, missing, references, born };
  }
}
