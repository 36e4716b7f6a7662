/**
 * Profiles: one sample's genotypes by canonical locus, its sex from amelogenin,
 * and every locus that was set aside, with the reason.
 */
import { IssueCollector, type Issue } from '../errors/StrkinError.js';
import { readAlleleCell, type Allele } from './allele.js';
import { formatGenotype, makeGenotype, type Genotype } from './genotype.js';
import { canonicalLocus, locusKind } from './loci.js';
import { dict, own } from '../util/dict.js';
import type { BirthYears } from './born.js';
import { YHaplotypeBuilder, type YHaplotype } from './yHaplotype.js';

/** Sex of a sample or person. */
export type Sex = 'male' | 'female' | 'unknown';

/** Why a locus of a sample was not kept as a genotype. */
export type SkipReason = 'tri-allelic' | 'y-str' | 'x-str' | 'unknown-locus' | 'bad-allele';

/** A locus set aside, with the reason and the raw value. */
export interface SkippedLocus {
  /** The locus name as written in the input (canonical when known). */
  readonly locus: string;
  readonly reason: SkipReason;
  /** What was seen, e.g. `alleles = 8/9/10`. */
  readonly detail: string;
  readonly line?: number;
}

/** Where a profile came from. */
export interface ProfileSource {
  readonly file?: string;
  /** First line of the sample in the file (1-based). */
  readonly line?: number;
  /** Input format, e.g. `genemapper`, `wide`, `cmf`, `json`. */
  readonly format?: string;
}

/** One sample's STR profile. */
export interface Profile {
  /** Sample name as written in the input. */
  readonly sample: string;
  /** From a sex column or field, else amelogenin (`X,Y` male; `X` or `X,X` female), else `unknown`; the two must agree. */
  readonly sex: Sex;
  /** Year(s) of birth from a `born` column or field (an estimate for a found child); absent when unknown. */
  readonly born?: BirthYears;
  /**
   * Genotypes by canonical locus name. An untyped locus is absent. X-chromosomal loci
   * (`locusKind(name) === 'x'`) are here too: a male's X genotype is one allele, stored as
   * a homozygote `['17', '17']` whether the export wrote `17` or `17,17`.
   */
  readonly genotypes: Readonly<Record<string, Genotype>>;
  /** Loci set aside, with the reason (never dropped silently). */
  readonly skipped: readonly SkippedLocus[];
  /** The Y-STR haplotype; absent when no Y-STR locus was typed. */
  readonly y?: YHaplotype;
  /** Family id, from a reference-family table's `Family` column. */
  readonly family?: string;
  /** Relationship to the missing person, from a `Relationship`/`Kinship` column. */
  readonly relationship?: string;
  readonly source?: ProfileSource;
}

/** What to do with a locus whose alleles cannot be read. */
export type BadAlleleRule = 'error' | 'skip';

/** Options shared by every profile reader. */
export interface ProfileReadOptions {
  /** File name used in issues. Default: none. */
  readonly file?: string;
  /** `error` (default): an unreadable allele makes the input invalid; `skip`: the locus is set aside with reason `bad-allele` and a warning. */
  readonly badAllele?: BadAlleleRule;
}

/**
 * Builds one profile from raw locus entries, applying every rule of domain.md §1
 * in one place so that all readers agree: alias normalisation, amelogenin,
 * Y/X markers, homozygote and partial genotypes, tri-allelic patterns,
 * unreadable alleles, duplicated loci.
 */
export class ProfileBuilder {
  private readonly genotypes: Record<string, Genotype> = dict();
  private readonly lineOf = new Map<string, number | undefined>();
  private readonly skipped: SkippedLocus[] = [];
  private sex: Sex = 'unknown';
  private sexLine: number | undefined;
  private givenSex: Sex = 'unknown';
  private givenSexLine: number | undefined;
  private born: BirthYears | undefined;
  private yBuilder: YHaplotypeBuilder | undefined;

  constructor(
    readonly sample: string,
    private readonly issues: IssueCollector,
    private readonly options: ProfileReadOptions = {},
    private readonly source: ProfileSource = {},
    private readonly extra: { family?: string; relationship?: string } = {},
  ) {}

  private report(issue: Omit<Issue, 'path'>, locus: string): void {
    this.issues.add({ ...issue, path: [this.sample, locus] });
  }

  /**
   * Adds one locus. `cells` are the raw allele cells in order (empty strings
   * allowed). `line` is the input line, for messages.
   */
  addLocus(rawLocus: string, cells: readonly string[], line?: number): void {
    const locusName = rawLocus.trim();
    const at = line === undefined ? {} : { line };
    const kind = locusKind(locusName);
    const canonical = canonicalLocus(locusName) ?? locusName;
    const shown = cells.filter((c) => c.trim() !== '').join('/');

    if (kind === 'amelogenin') {
      this.readSex(cells, line);
      return;
    }
    // Y-STR loci go to the haplotype (lineage markers); other Y markers (`Y indel`) are set aside below.
    if (kind === 'y' && (this.yBuilder ??= new YHaplotypeBuilder(this.sample, (issue, locus) => this.report(issue, locus))).add(locusName, cells, line)) return;
    if (kind === undefined || kind === 'y') {
      if (cells.every((c) => { const k = readAlleleCell(c).kind; return k === 'empty' || k === 'missing'; }) && kind !== undefined) return;
      const reason: SkipReason = kind === 'y' ? 'y-str' : 'unknown-locus';
      const what = kind === 'y' ? 'Y-chromosomal marker set aside (not autosomal)' : 'Unknown locus name set aside';
      this.skipped.push({ locus: canonical, reason, detail: `alleles = ${shown}`, ...at });
      this.report({ code: reason, message: `${what} (locus = ${JSON.stringify(locusName)}, sample = ${JSON.stringify(this.sample)})`, severity: 'warning', ...at }, canonical);
      return;
    }
    if (this.lineOf.has(canonical)) {
      const first = this.lineOf.get(canonical);
      this.report({ code: 'duplicate-locus', message: `Locus given twice for one sample${first !== undefined ? ` (first on line ${first})` : ''} (sample = ${JSON.stringify(this.sample)}, locus = ${canonical})`, ...at }, canonical);
      return;
    }
    this.lineOf.set(canonical, line);

    const alleles: Allele[] = [];
    let explicitMissing = 0;
    const bad: string[] = [];
    for (const cell of cells) {
      const read = readAlleleCell(cell);
      if (read.kind === 'allele') alleles.push(read.allele);
      else if (read.kind === 'missing') explicitMissing += 1;
      else if (read.kind === 'invalid') bad.push(`${JSON.stringify(cell.trim())}: ${read.reason}`);
    }
    if (bad.length > 0) {
      const rule = this.options.badAllele ?? 'error';
      const message = `Unreadable allele ${bad.join('; ')} (sample = ${JSON.stringify(this.sample)}, locus = ${canonical})`;
      if (rule === 'skip') {
        this.skipped.push({ locus: canonical, reason: 'bad-allele', detail: `alleles = ${shown}`, ...at });
        this.report({ code: 'bad-allele', message, severity: 'warning', ...at }, canonical);
      } else {
        this.report({ code: 'bad-allele', message, ...at }, canonical);
      }
      return;
    }
    const distinct = [...new Set(alleles)];
    if (distinct.length === 0) return; // untyped locus
    if (distinct.length > 2) {
      this.skipped.push({ locus: canonical, reason: 'tri-allelic', detail: `alleles = ${distinct.join('/')}`, ...at });
      this.report({ code: 'tri-allelic', message: `More than two alleles at an autosomal locus; locus set aside (sample = ${JSON.stringify(this.sample)}, locus = ${canonical}, alleles = ${distinct.join('/')})`, severity: 'warning', ...at }, canonical);
      return;
    }
    const [a, b] = distinct as [Allele, Allele | undefined];
    // One allele read: a homozygote, unless the other cell was an explicit missing mark (`12/-`).
    const genotype = b !== undefined ? makeGenotype(a, b) : alleles.length === 1 && explicitMissing > 0 ? makeGenotype(a, null) : makeGenotype(a, a);
    this.genotypes[canonical] = genotype;
  }

  private readSex(cells: readonly string[], line?: number): void {
    const letters = cells.join(',').toUpperCase().replace(/[^XY]/g, '');
    if (letters === '') return;
    const sex: Sex = letters.includes('Y') ? (letters.includes('X') ? 'male' : 'unknown') : 'female';
    if (sex === 'unknown') {
      this.report({ code: 'bad-amelogenin', message: `Amelogenin without X (sample = ${JSON.stringify(this.sample)}, AMEL = ${cells.join('/')})`, severity: 'warning', ...(line === undefined ? {} : { line }) }, 'AMEL');
    }
    if (this.sexLine !== undefined && this.sex !== sex) {
      this.report({ code: 'duplicate-locus', message: `Amelogenin given twice with different values (sample = ${JSON.stringify(this.sample)})`, ...(line === undefined ? {} : { line }) }, 'AMEL');
    }
    this.sex = sex;
    this.sexLine = line ?? 0;
  }

  /** A male (by amelogenin) typed with two different alleles at an X locus is an error: a male has one X. */
  private checkMaleX(): void {
    if (this.sex !== 'male') return;
    for (const [locus, g] of Object.entries(this.genotypes)) {
      if (g[1] === null || g[0] === g[1] || locusKind(locus) !== 'x') continue;
      const line = this.lineOf.get(locus);
      this.report({ code: 'x-heterozygous-male', message: `A male (by amelogenin) has one X allele; two different alleles at an X locus are an error (sample = ${JSON.stringify(this.sample)}, locus = ${locus}, alleles = ${g[0]}/${g[1]})`, ...(line === undefined ? {} : { line }) }, locus);
    }
  }

  /**
   * Sets the sex given by a sex column or field (`unknown` changes nothing). It
   * wins over amelogenin when amelogenin is not typed; when both are known and
   * differ, {@link ProfileBuilder.build} reports the error `sex-conflict` (the
   * sample is not silently given one of them).
   */
  setSex(sex: Sex, line?: number): void {
    if (sex === 'unknown') return;
    if (this.givenSex !== 'unknown' && this.givenSex !== sex) {
      this.report({ code: 'conflicting-value', message: `Sample has two different sex values (sample = ${JSON.stringify(this.sample)}, sex = ${this.givenSex} / ${sex})`, ...(line === undefined ? {} : { line }) }, 'sex');
      return;
    }
    this.givenSex = sex;
    this.givenSexLine = line;
  }

  /** Sets the year(s) of birth from a `born` column or field; a different second value is `conflicting-value`. */
  setBorn(born: BirthYears, line?: number): void {
    if (this.born !== undefined && (this.born.from !== born.from || this.born.to !== born.to)) {
      this.report({ code: 'conflicting-value', message: `Sample has two different years of birth (sample = ${JSON.stringify(this.sample)}, born = ${this.born.from}-${this.born.to} / ${born.from}-${born.to})`, ...(line === undefined ? {} : { line }) }, 'born');
      return;
    }
    this.born = born;
  }

  /** Number of autosomal genotypes kept so far. */
  get typedLoci(): number {
    return Object.keys(this.genotypes).length;
  }

  build(): Profile {
    this.checkMaleX();
    if (this.givenSex !== 'unknown' && this.sex !== 'unknown' && this.givenSex !== this.sex) {
      const line = this.givenSexLine ?? this.sexLine;
      this.report({ code: 'sex-conflict', message: `The sex column contradicts amelogenin (sample = ${JSON.stringify(this.sample)}, sex = ${this.givenSex}, amelogenin = ${this.sex})`, ...(line === undefined || line === 0 ? {} : { line }) }, 'sex');
    }
    const profile: Profile = {
      sample: this.sample,
      sex: this.givenSex !== 'unknown' ? this.givenSex : this.sex,
      ...(this.born === undefined ? {} : { born: this.born }),
      genotypes: this.genotypes,
      skipped: this.skipped,
      ...yHaplotypeOf(this.yBuilder),
      ...(this.extra.family !== undefined ? { family: this.extra.family } : {}),
      ...(this.extra.relationship !== undefined ? { relationship: this.extra.relationship } : {}),
      ...(Object.keys(this.source).length > 0 ? { source: this.source } : {}),
    };
    return profile;
  }
}

function yHaplotypeOf(builder: YHaplotypeBuilder | undefined): { y?: YHaplotype } {
  const y = builder?.build();
  return y === undefined ? {} : { y };
}

/** A one-line summary of a profile: `S1 (male): 21 loci, 1 set aside`. */
export function describeProfile(profile: Profile): string {
  const n = Object.keys(profile.genotypes).length;
  return `${profile.sample} (${profile.sex}): ${n} loci${profile.skipped.length > 0 ? `, ${profile.skipped.length} set aside` : ''}`;
}

/** The genotype at a locus formatted as `a/b`, or `-` when untyped. */
export function genotypeAt(profile: Profile, locus: string): string {
  const g = own(profile.genotypes, canonicalLocus(locus) ?? locus);
  return g === undefined ? '-' : formatGenotype(g);
}
