/**
 * Children (unidentified profiles) as genotype offsets into family tables.
 */
import type { YHaplotype } from '../profile/yHaplotype.js';
import { genotypeIndex } from '../profile/genotype.js';
import type { Profile } from '../profile/Profile.js';
import type { SearchPlan } from './plan.js';
import { tableLayout, type FamilyIndex } from './familyIndex.js';

/** A child that is not searched, with every reason. */
export interface RejectedChild {
  readonly id: string;
  readonly reasons: readonly string[];
}

/** A locus of a child counted as untyped although it has data, with the reason. */
export interface ChildLocusNote {
  readonly child: string;
  readonly locus: string;
  readonly reason: string;
}

/**
 * Children encoded for the scan: child c's offset at locus l is
 * `offsets[c·L + l]` (child-major, loci contiguous), pointing into any family
 * table of the same plan (the untyped entry when the child is untyped there).
 */
export interface EncodedChildren {
  /** Sample ids in code-unit order (the scan's child order and tie-break). */
  readonly ids: readonly string[];
  /** Number of loci L of the plan. */
  readonly loci: number;
  readonly offsets: Uint16Array | Uint32Array;
  /** Typed-locus bitmask per child, ids.length × maskWords. */
  readonly masks: Uint32Array;
  /** Typed compared loci per child. */
  readonly typed: Uint8Array;
  /** Sex per child: 0 unknown, 1 male, 2 female (from the profile: amelogenin or a sex column). Absent: all unknown. */
  readonly sex?: Uint8Array;
  /** Years of birth per child (from the profile's `born`): first and last year, ∓1e9 when unknown. Absent: all unknown. */
  readonly bornFrom?: Float64Array;
  readonly bornTo?: Float64Array;
  /** Y haplotype per child (null when not typed), when the plan adds Y evidence. */
  readonly y?: readonly (YHaplotype | null)[];
  readonly rejected: readonly RejectedChild[];
  /** Partial genotypes and alleles outside the allele lists, counted as untyped. */
  readonly notes: readonly ChildLocusNote[];
}

/**
 * Encodes unidentified profiles for a search: one genotype index per child and
 * locus, computed once for all families. Decisions: a partial genotype (one
 * allele read) counts as untyped at that locus, noted in `notes`; so does an
 * X-chromosomal locus of a child of unknown sex, or of a male with two different
 * alleles (a male's X genotype a/a is read as hemizygous a); a child with
 * the same sample id as an earlier one, or typed at no compared locus, is
 * rejected with the reason.
 *
 * Cost: O(children × L).
 *
 * @example
 * ```ts
 * const children = encodeChildren(profiles, index);
 * children.offsets.length === children.ids.length * index.plan.loci.length; // => true
 * ```
 */
export function encodeChildren(profiles: readonly Profile[], indexOrPlan: FamilyIndex | SearchPlan): EncodedChildren {
  const plan = 'plan' in indexOrPlan ? indexOrPlan.plan : indexOrPlan;
  const layout = tableLayout(plan);
  const L = plan.loci.length;
  const W = layout.maskWords;
  const seen = new Set<string>();
  const rejected: RejectedChild[] = [];
  const kept: Profile[] = [];
  for (const p of profiles) {
    if (seen.has(p.sample)) rejected.push({ id: p.sample, reasons: [`sample id given twice; the first one is used (sample = ${p.sample})`] });
    else {
      seen.add(p.sample);
      kept.push(p);
    }
  }
  kept.sort((a, b) => (a.sample < b.sample ? -1 : a.sample > b.sample ? 1 : 0));
  const alleleIndex = plan.loci.map((l) => new Map(l.alleles.map((a, i) => [a, i])));
  const tableAlleles = plan.loci.map((l) => new Set(l.tableAlleles));
  const rareGenotypes = plan.loci.map((l) => new Set(l.childRareGenotypes));
  const Offsets = layout.stride <= 0x10000 ? Uint16Array : Uint32Array;
  const offsets = new Offsets(kept.length * L);
  const masks = new Uint32Array(kept.length * W);
  const typed = new Uint8Array(kept.length);
  const sex = new Uint8Array(kept.length);
  const bornFrom = new Float64Array(kept.length);
  const bornTo = new Float64Array(kept.length);
  const notes: ChildLocusNote[] = [];
  const ids: string[] = [];
  const y: (YHaplotype | null)[] = [];
  for (const p of kept) {
    const c = ids.length;
    let n = 0;
    for (let l = 0; l < L; l++) {
      const locus = plan.loci[l] as SearchPlan['loci'][number];
      const base = layout.blockStart[l] as number;
      let off = base + locus.genotypes;
      const g = Object.hasOwn(p.genotypes, locus.name) ? p.genotypes[locus.name] : undefined;
      const xSex = locus.chromosome === 'X' ? sexCode(p.sex) : -1;
      if (g !== undefined && xSex === 0) notes.push({ child: p.sample, locus: locus.name, reason: 'X-chromosomal locus not compared: the child\'s sex is unknown (a male is hemizygous, a female is not)' });
      else if (g !== undefined && xSex === 1 && g[1] !== null && g[1] !== g[0]) notes.push({ child: p.sample, locus: locus.name, reason: `a male has one X allele: two different alleles counted as untyped (genotype = ${g[0]}/${g[1]})` });
      else if (g !== undefined) {
        if (g[1] === null) notes.push({ child: p.sample, locus: locus.name, reason: `partial genotype counted as untyped (genotype = ${g[0]}/-)` });
        else {
          const a = alleleIndex[l]?.get(g[0]);
          const b = alleleIndex[l]?.get(g[1]);
          if (a === undefined || b === undefined) notes.push({ child: p.sample, locus: locus.name, reason: `allele not in the search's allele list, counted as untyped (genotype = ${g[0]}/${g[1]})` });
          else if (!(tableAlleles[l]?.has(g[0]) === true && tableAlleles[l]?.has(g[1]) === true) && rareGenotypes[l]?.has(genotypeIndex(a, b)) !== true) {
            notes.push({ child: p.sample, locus: locus.name, reason: `genotype with an allele outside the frequency table that the search was not planned for, counted as untyped (genotype = ${g[0]}/${g[1]})` });
          } else {
            off = base + genotypeIndex(a, b);
            masks[c * W + (l >>> 5)] = ((masks[c * W + (l >>> 5)] as number) | (1 << (l & 31))) >>> 0;
            n++;
          }
        }
      }
      offsets[c * L + l] = off;
    }
    if (n === 0) {
      rejected.push({ id: p.sample, reasons: ['typed at no compared locus'] });
      continue;
    }
    typed[c] = n;
    sex[c] = sexCode(p.sex);
    bornFrom[c] = p.born?.from ?? -1e9;
    bornTo[c] = p.born?.to ?? 1e9;
    ids.push(p.sample);
    y.push(p.y ?? null);
  }
  rejected.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const C = ids.length;
  return { ids, loci: L, offsets: offsets.subarray(0, C * L), masks: masks.subarray(0, C * W), typed: typed.subarray(0, C), sex: sex.subarray(0, C), bornFrom: bornFrom.subarray(0, C), bornTo: bornTo.subarray(0, C), ...(plan.lineage !== undefined ? { y } : {}), rejected, notes };
}

/** 0 unknown, 1 male, 2 female: the codes of the scan's sex filter. @internal */
export function sexCode(sex: string | undefined): number {
  return sex === 'male' ? 1 : sex === 'female' ? 2 : 0;
}
