/**
 * Profiles: one sample's genotypes by canonical locus, its sex from amelogenin,
 * and every locus that was set aside, with the reason.
 */
import { IssueCollector, type Issue } from '../errors/StrkinError.js';
import { readAlleleCell, type Allele } from './allele.js';
import { formatGenotype, makeGenotype, type Genotype } from './genotype.js';
import { canonicalLocus, locusKind } from './loci.js';
import { dict, own } from '../util/dict.js';
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
  /** From amelogenin (`X,Y` male; `X` or `X,X` female), or `unknown`. */
  readonly sex: Sex;
  /** Genotypes by canonical locus name. An untyped locus is absent. */
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
    if (kind === undefined || kind === 'y' || kind === 'x') {
      if (cells.every((c) => { const k = readAlleleCell(c).kind; return k === 'empty' || k === 'missing'; }) && kind !== undefined) return;
      const reason: SkipReason = kind === 'y' ? 'y-str' : kind === 'x' ? 'x-str' : 'unknown-locus';
      const what = kind === 'y' ? 'Y-chromosomal marker set aside (not autosomal)' : kind === 'x' ? 'X-chromosomal marker set aside (not autosomal)' : 'Unknown locus name set aside';
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

  /** Number of autosomal genotypes kept so far. */
  get typedLoci(): number {
    return Object.keys(this.genotypes).length;
  }

  build(): Profile {
    const profile: Profile = {
      sample: this.sample,
      sex: this.sex,
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
