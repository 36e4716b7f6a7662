/**
 * Linkage of X loci in the search (docs/lineage.md, "Linkage in the search"):
 * which X loci a family target uses so that multiplying their LRs stays exact
 * for loci of one Argus X-12 linkage group under linkage equilibrium.
 *
 * Rule (`xLinkage: 'safe'`): a target (a family and one missing person) whose
 * pedigree, pruned to the people the group's data depend on, is
 * **linkage-safe** uses every locus of the group; otherwise it uses one locus of
 * the group (the one with the highest heterozygosity in the frequency table
 * among those where a reference is typed; ties by group order), and the others
 * carry no evidence for it (as a locus no reference is typed at). Loci outside
 * every known group are independent and always used.
 *
 * Linkage-safe: after removing untyped founder parents who have one child
 * (repeatedly), every woman with a child is a founder with exactly one child.
 * Why: X recombination happens only in female meioses; a founder woman's two X's
 * are exchangeable draws from the population, so with one child which of them
 * she passes changes no locus's likelihood, and a man passes his one X whole.
 * With haplotype frequencies equal to the products of the loci's frequencies
 * the likelihood then factorises over the loci: the linked LR equals the
 * unlinked product (proved on random pedigrees in
 * test/search/xLinkage.property.test.ts against the haplotype engine).
 */
import { linkageSafe } from '../pedigree/linkageSafe.js';
import { ARGUS_X12_LINKAGE_GROUPS } from '../profile/xLoci.js';

/**
 * How the search treats loci of one X linkage group: `'safe'` (every locus for a
 * linkage-safe family, else one locus per group) or `'unlinked'` (every locus,
 * their LRs multiplied as if unlinked).
 */
export type XLinkageMode = 'safe' | 'unlinked';

/** The default {@link XLinkageMode}: `'safe'`, exact under linkage equilibrium for the data a search compares. */
export const DEFAULT_X_LINKAGE: XLinkageMode = 'safe';

/** The modes, in the order the CLI lists them. */
export const X_LINKAGE_MODES: readonly XLinkageMode[] = ['safe', 'unlinked'];

/** Group index of each Argus X-12 locus (canonical name). */
const GROUP_OF = new Map(ARGUS_X12_LINKAGE_GROUPS.flatMap((g, i) => g.loci.map((l) => [l, i] as const)));
/** Place of each locus inside its group (map order). */
const PLACE_OF = new Map(ARGUS_X12_LINKAGE_GROUPS.flatMap((g) => g.loci.map((l, j) => [l, j] as const)));

/** Heterozygosity 1 − Σ p² of a frequency list. @internal */
export function heterozygosity(frequencies: readonly number[]): number {
  let s = 0;
  for (const p of frequencies) s += p * p;
  return 1 - s;
}

/** One X locus a target could compare: its name, the table's frequencies, and the people typed there (pedigree indices). @internal */
export interface XLocusData {
  readonly name: string;
  readonly frequencies: readonly number[];
  readonly typed: readonly number[];
}

/**
 * The X loci of `loci` a target must NOT compare under `mode` (names). `loci`
 * are the X loci the target could compare (a reference typed there); `query`
 * is the missing person's pedigree index. Depends only on the family, the
 * frequency table and the mode, never on a child.
 * @internal
 */
export function xLociLeftOut(mode: XLinkageMode, father: readonly number[], mother: readonly number[], query: number, loci: readonly XLocusData[]): ReadonlySet<string> {
  const out = new Set<string>();
  if (mode === 'unlinked') return out;
  const byGroup = new Map<number, XLocusData[]>();
  for (const l of loci) {
    const g = GROUP_OF.get(l.name);
    if (g === undefined || l.typed.length === 0) continue;
    const list = byGroup.get(g);
    if (list === undefined) byGroup.set(g, [l]);
    else list.push(l);
  }
  for (const list of byGroup.values()) {
    if (list.length < 2) continue;
    const relevant = new Set<number>([query]);
    for (const l of list) for (const i of l.typed) relevant.add(i);
    if (linkageSafe(father, mother, relevant)) continue;
    let best = list[0] as XLocusData;
    let bestH = heterozygosity(best.frequencies);
    for (const l of list) {
      const h = heterozygosity(l.frequencies);
      if (h > bestH || (h === bestH && (PLACE_OF.get(l.name) as number) < (PLACE_OF.get(best.name) as number))) {
        best = l;
        bestH = h;
      }
    }
    for (const l of list) if (l !== best) out.add(l.name);
  }
  return out;
}

/** What the provenance says of a mode. @internal */
export function describeXLinkage(mode: XLinkageMode): string {
  return mode === 'safe'
    ? 'safe: every X locus for a family whose pruned pedigree is linkage-safe (every woman with a child a founder with one child), else one locus per Argus X-12 linkage group (highest heterozygosity among those typed in a reference); exact under linkage equilibrium'
    : 'unlinked: every X locus, loci of one linkage group multiplied as if unlinked (an approximation for linked loci)';
}
