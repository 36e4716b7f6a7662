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

/**
 * Whether the pedigree (`father`, `mother`: parent index or −1), restricted to
 * the people `relevant` (typed people and the query) and their ancestors, is
 * linkage-safe: after removing, repeatedly, the two parents of a person when
 * both are irrelevant founders whose only child is that person, every woman with
 * a child (a `mother` of someone) is a founder with exactly one child.
 *
 * Cost: O(P²) in the worst case for P people (families are small).
 * @internal
 */
export function linkageSafe(father: readonly number[], mother: readonly number[], relevant: Iterable<number>): boolean {
  const P = father.length;
  const keep = new Uint8Array(P);
  const isRelevant = new Uint8Array(P);
  const stack: number[] = [];
  for (const r of relevant) {
    isRelevant[r] = 1;
    stack.push(r);
  }
  while (stack.length > 0) {
    const x = stack.pop() as number;
    if (keep[x]) continue;
    keep[x] = 1;
    if ((father[x] as number) >= 0) stack.push(father[x] as number);
    if ((mother[x] as number) >= 0) stack.push(mother[x] as number);
  }
  // Parents as kept: an emptied pair makes the person a founder.
  const fa = Int32Array.from(father);
  const mo = Int32Array.from(mother);
  const kids = new Int32Array(P);
  for (let x = 0; x < P; x++) {
    if (!keep[x]) continue;
    const f = fa[x] as number;
    const m = mo[x] as number;
    if (f >= 0) kids[f] = (kids[f] as number) + 1;
    if (m >= 0) kids[m] = (kids[m] as number) + 1;
  }
  const removable = (p: number): boolean => !isRelevant[p] && (fa[p] as number) < 0 && (mo[p] as number) < 0 && kids[p] === 1;
  for (let changed = true; changed; ) {
    changed = false;
    for (let x = 0; x < P; x++) {
      const f = fa[x] as number;
      const m = mo[x] as number;
      if (!keep[x] || f < 0 || m < 0 || !removable(f) || !removable(m)) continue;
      keep[f] = 0;
      keep[m] = 0;
      kids[f] = 0;
      kids[m] = 0;
      fa[x] = -1;
      mo[x] = -1;
      changed = true;
    }
  }
  for (let x = 0; x < P; x++) {
    if (!keep[x] || (mo[x] as number) < 0) continue;
    const m = mo[x] as number;
    if ((fa[m] as number) >= 0 || (mo[m] as number) >= 0 || kids[m] !== 1) return false;
  }
  return true;
}

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
