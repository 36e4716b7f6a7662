/**
 * Y-STR haplotypes: the alleles of one man's Y-STR loci, read from the same lab
 * exports as autosomal profiles. A single-copy locus holds one allele; a
 * multi-copy locus (DYS385, DYF387S1, DYS527, DYS459) an unordered allele set
 * (kept sorted). Unusual patterns are kept as data and flagged, never dropped.
 */
import type { Issue } from '../errors/StrkinError.js';
import { compareAlleles, readAlleleCell, type Allele } from './allele.js';
import { canonicalYLocus, yLocusCopies } from './yLoci.js';
import { dict } from '../util/dict.js';

/** The label of a null (silent) allele at a Y locus: a cell reading `null` (any case). */
export const Y_NULL_ALLELE = 'null';

/**
 * Why a Y locus is flagged:
 * - `duplication`: two or more different alleles at a single-copy locus;
 * - `null-allele`: a cell reading `null` (the locus failed to amplify in a typed man);
 * - `copy-count`: a multi-copy locus with a number of alleles other than its copies (e.g. three at DYS385).
 */
export type YFlagKind = 'duplication' | 'null-allele' | 'copy-count';

/** A flagged Y locus: kept in the haplotype as read, with the reason. */
export interface YFlag {
  readonly locus: string;
  readonly kind: YFlagKind;
  /** What was seen, e.g. `alleles = 14/15`. */
  readonly detail: string;
  readonly line?: number;
}

/** One man's Y-STR haplotype. */
export interface YHaplotype {
  /**
   * Alleles by canonical Y locus (see `canonicalYLocus`): one allele at a
   * single-copy locus, the sorted allele list at a multi-copy locus (`['13', '16']`;
   * `['11', '11']` when both copies carry 11). An untyped locus is absent.
   */
  readonly loci: Readonly<Record<string, readonly Allele[]>>;
  /** Loci with a duplication, a null allele or an unexpected number of copies (kept in `loci`). */
  readonly flags: readonly YFlag[];
}

/** The haplotype's allele list at a locus written `13,16` (`-` when untyped). */
export function formatYAlleles(alleles: readonly Allele[] | undefined): string {
  return alleles === undefined || alleles.length === 0 ? '-' : alleles.join(',');
}

interface Pending {
  /** Alleles of the whole locus (written as one locus) or by copy letter. */
  whole: Allele[] | null;
  readonly copies: Map<string, Allele[]>;
  line: number | undefined;
  nulls: number;
}

/**
 * Collects Y loci of one sample (used by `ProfileBuilder`): merges the copies
 * of a multi-copy locus written per copy, applies the homozygote-style rule
 * (a single-copy locus written `14,14` is `14`; a two-copy locus written with
 * one allele `11` is `11,11`), and flags duplications and null alleles with a
 * warning naming the line.
 */
export class YHaplotypeBuilder {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly sample: string,
    private readonly report: (issue: Omit<Issue, 'path'>, locus: string) => void,
  ) {}

  /** Adds one Y locus (or one copy of a multi-copy locus). Returns false when the name is not a Y-STR (e.g. `Y indel`). */
  add(rawLocus: string, cells: readonly string[], line?: number): boolean {
    const name = canonicalYLocus(rawLocus);
    if (name === undefined) return false;
    const at = line === undefined ? {} : { line };
    const alleles: Allele[] = [];
    let nulls = 0;
    const bad: string[] = [];
    for (const cell of cells) {
      if (cell.trim().toLowerCase() === Y_NULL_ALLELE) {
        nulls += 1;
        continue;
      }
      const read = readAlleleCell(cell);
      if (read.kind === 'allele') alleles.push(read.allele);
      else if (read.kind === 'invalid') bad.push(`${JSON.stringify(cell.trim())}: ${read.reason}`);
    }
    if (bad.length > 0) {
      this.report({ code: 'bad-allele', message: `Unreadable allele ${bad.join('; ')} (sample = ${JSON.stringify(this.sample)}, locus = ${name.locus})`, ...at }, name.locus);
      return true;
    }
    if (alleles.length === 0 && nulls === 0) return true; // untyped
    const entry = this.pending.get(name.locus) ?? { whole: null, copies: new Map<string, Allele[]>(), line, nulls: 0 };
    this.pending.set(name.locus, entry);
    const key = name.copy ?? '';
    const taken = key === '' ? entry.whole !== null || entry.copies.size > 0 : entry.whole !== null || entry.copies.has(key);
    if (taken) {
      this.report({ code: 'duplicate-locus', message: `Y locus given twice for one sample${entry.line !== undefined ? ` (first on line ${entry.line})` : ''} (sample = ${JSON.stringify(this.sample)}, locus = ${rawLocus.trim()})`, ...at }, name.locus);
      return true;
    }
    entry.nulls += nulls;
    if (key === '') entry.whole = alleles;
    else entry.copies.set(key, alleles);
    return true;
  }

  /** The haplotype, or `undefined` when no Y-STR locus was typed. */
  build(): YHaplotype | undefined {
    if (this.pending.size === 0) return undefined;
    const loci: Record<string, readonly Allele[]> = dict();
    const flags: YFlag[] = [];
    const flag = (locus: string, kind: YFlagKind, detail: string, line: number | undefined, what: string): void => {
      const at = line === undefined ? {} : { line };
      flags.push({ locus, kind, detail, ...at });
      this.report({ code: `y-${kind}`, message: `${what}; kept as data (sample = ${JSON.stringify(this.sample)}, locus = ${locus}, ${detail})`, severity: 'warning', ...at }, locus);
    };
    for (const [locus, entry] of [...this.pending.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
      const copies = yLocusCopies(locus);
      let alleles: Allele[];
      if (entry.whole !== null) {
        alleles = copies === 1 ? [...new Set(entry.whole)] : entry.whole.length === 1 && copies === 2 ? [entry.whole[0] as Allele, entry.whole[0] as Allele] : [...entry.whole];
      } else {
        alleles = [...entry.copies.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).flatMap(([, list]) => list);
      }
      if (entry.nulls > 0) alleles.push(...Array.from({ length: entry.nulls }, () => Y_NULL_ALLELE));
      alleles.sort(compareAlleles);
      loci[locus] = alleles;
      const shown = `alleles = ${alleles.join('/')}`;
      if (entry.nulls > 0) flag(locus, 'null-allele', shown, entry.line, 'Null allele at a Y locus');
      if (copies === 1 && alleles.length > 1) flag(locus, 'duplication', shown, entry.line, 'More than one allele at a single-copy Y locus (duplication)');
      else if (copies > 1 && alleles.length !== copies) flag(locus, 'copy-count', shown, entry.line, `Multi-copy Y locus with ${alleles.length} allele(s) for ${copies} copies`);
    }
    return { loci, flags };
  }
}
