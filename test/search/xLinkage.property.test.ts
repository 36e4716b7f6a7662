// The linkage-safe rule of the search's X mode (src/search/xLinkage.ts, docs/lineage.md "Linkage in the
// search"): on random small pedigrees, with haplotype frequencies equal to the products of the loci's
// frequencies (linkage equilibrium) and no recombination inside the group, a pedigree that `linkageSafe`
// accepts gives the unlinked likelihood under both hypotheses of a search (the query related, the query an
// unrelated founder); named counterexamples for the unsafe shapes; the choice of the one locus per group.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kinshipLR, type GenotypeData } from '../../src/likelihood/kinshipLR.js';
import { makeMarkerModel, type MarkerModel } from '../../src/likelihood/MarkerModel.js';
import { xHaplotypeKinshipLR, type XHaplotypeGroup } from '../../src/lineage/xHaplotypes.js';
import type { Pedigree } from '../../src/pedigree/Pedigree.js';
import type { Genotype } from '../../src/profile/genotype.js';
import { linkageSafe } from '../../src/pedigree/linkageSafe.js';
import { heterozygosity, xLociLeftOut } from '../../src/search/xLinkage.js';
import { dropHaplotypes, xPedigreeArb, type Ped, type Typing } from '../arbitraries/xHaplotypeDrop.js';

const LOCI = ['DXS10148', 'DXS10135'];
const xMarker = (name: string, freqs: readonly number[]): MarkerModel => makeMarkerModel({ name, alleles: freqs.map((_, i) => String(i + 1)), frequencies: [...freqs], chromosome: 'X' });

/** Random pedigrees of 2-6 people (parents among earlier people), typings and gene-dropping choices. */
const pedArb = xPedigreeArb(6).map((p) => ({ ...p, typed: p.typed.map((t, i) => t || i === p.query) }));

/** The search's two hypotheses: H1 the pedigree, H2 the same with the query an unrelated founder. */
function searchCase(ped: Ped, query: number, typing: Typing): { hypotheses: Pedigree[]; genotypes: GenotypeData } {
  const id = (i: number): string => `p${i}`;
  const h1: Pedigree = { persons: ped.sex.map((s, i) => ({ id: id(i), sex: s, father: (ped.father[i] as number) < 0 ? null : id(ped.father[i] as number), mother: (ped.mother[i] as number) < 0 ? null : id(ped.mother[i] as number) })) };
  const h2: Pedigree = { persons: h1.persons.map((p, i) => (i === query ? { ...p, father: null, mother: null } : p)) };
  const genotypes: Record<string, Record<string, Genotype>> = {};
  typing.forEach((t, i) => {
    if (t === null) return;
    genotypes[id(i)] = Object.fromEntries(t.map((g, l) => [LOCI[l] as string, [String(g[0]), g.length > 1 ? String(g[1]) : null] as Genotype]));
  });
  return { hypotheses: [h1, h2], genotypes };
}

/** ln likelihoods under H1 and H2: linked (one haplotype marker with product frequencies) and unlinked (the product over loci). */
function bothModels(ped: Ped, query: number, typing: Typing, p1: readonly number[], p2: readonly number[]): { linked: number[]; unlinked: number[] } {
  const haps: number[][] = p1.flatMap((_, a) => p2.map((__, b) => [a + 1, b + 1]));
  const group: XHaplotypeGroup = { name: 'I', loci: LOCI, haplotypes: haps.map((h) => ({ alleles: h.map(String), frequency: (p1[(h[0] as number) - 1] as number) * (p2[(h[1] as number) - 1] as number) })) };
  const kase = { ...searchCase(ped, query, typing), markers: [xMarker(LOCI[0] as string, p1), xMarker(LOCI[1] as string, p2)] };
  const linked = xHaplotypeKinshipLR(kase, { groups: [group] });
  const unlinked = kinshipLR(kase);
  const sum = (h: number): number => unlinked.markers.reduce((s, m) => s + (m.lnLikelihoods[h] as number), 0);
  return { linked: [0, 1].map((h) => linked.markers.reduce((s, m) => s + (m.lnLikelihoods[h] as number), 0)), unlinked: [sum(0), sum(1)] };
}

const freqArb = fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 2, maxLength: 3 }).map((w) => w.map((x) => x / w.reduce((a, b) => a + b, 0)));
const typedOf = (typed: readonly boolean[]): number[] => typed.flatMap((t, i) => (t ? [i] : []));

describe('linkage-safe pedigrees: the linked likelihood equals the unlinked product', () => {
  it('on random pedigrees, safe ones give linked == unlinked under H1 and H2 (product haplotype frequencies)', () => {
    let safe = 0;
    let prunedToSafe = 0;
    let unsafeDiffer = 0;
    fc.assert(
      fc.property(pedArb, freqArb, freqArb, (ped, p1, p2) => {
        const haps = p1.flatMap((_, a) => p2.map((__, b) => [a + 1, b + 1]));
        const typing = dropHaplotypes(ped, haps);
        const { linked, unlinked } = bothModels(ped, ped.query, typing, p1, p2);
        if (linkageSafe(ped.father, ped.mother, typedOf(ped.typed))) {
          safe++;
          // A non-founder mother, or a mother of two, in the unpruned pedigree: the pruning made it safe.
          const mothers = ped.mother.filter((m) => m >= 0);
          if (mothers.some((m) => (ped.mother[m] as number) >= 0) || new Set(mothers).size < mothers.length) prunedToSafe++;
          for (const h of [0, 1]) expect(linked[h]).toBeCloseTo(unlinked[h] as number, 10);
        } else if (Math.abs((linked[0] as number) - (unlinked[0] as number)) > 1e-9) unsafeDiffer++;
      }),
      { numRuns: 300 },
    );
    expect(safe).toBeGreaterThan(40); // not vacuous
    expect(prunedToSafe).toBeGreaterThan(5); // the pruning is exercised
    expect(unsafeDiffer).toBeGreaterThan(5); // the rule is not vacuously true of every pedigree
  }, 120_000);
});

describe('linkage-safe: named shapes', () => {
  const p1 = [0.3, 0.7];
  const p2 = [0.6, 0.4];
  // Persons: index, sex, father, mother.
  const ped = (rows: readonly (readonly ['male' | 'female', number, number])[]): Ped => ({ sex: rows.map((r) => r[0]), father: rows.map((r) => r[1]), mother: rows.map((r) => r[2]) });
  const hom = (a: number, b: number): number[][] => [[a], [b]];

  it('two maternal brothers (a mother of two): unsafe, and the LRs differ: (1 + q_h)/(2 q_h) against the product', () => {
    const brothers = ped([['female', -1, -1], ['male', -1, -1], ['male', 1, 0], ['male', 1, 0]]);
    expect(linkageSafe(brothers.father, brothers.mother, [2, 3])).toBe(false);
    const { linked, unlinked } = bothModels(brothers, 2, [null, null, hom(1, 1), hom(1, 1)], p1, p2);
    const lr = (x: number[]): number => Math.exp((x[0] as number) - (x[1] as number));
    const q = 0.3 * 0.6;
    expect(lr(linked)).toBeCloseTo((1 + q) / (2 * q), 10);
    expect(lr(unlinked)).toBeCloseTo(((1 + 0.3) / (2 * 0.3)) * ((1 + 0.6) / (2 * 0.6)), 10);
  });

  it('a non-founder mother whose father is typed (her two X distinguishable): unsafe, and the LRs differ', () => {
    // 0 grandmother, 1 grandfather (typed), 2 their daughter (untyped), 3 her husband, 4 her son (the query).
    const line = ped([['female', -1, -1], ['male', -1, -1], ['female', 1, 0], ['male', -1, -1], ['male', 3, 2]]);
    expect(linkageSafe(line.father, line.mother, [1, 4])).toBe(false);
    const { linked, unlinked } = bothModels(line, 4, [null, hom(1, 1), null, null, hom(1, 1)], p1, p2);
    expect(Math.abs((linked[0] as number) - (unlinked[0] as number))).toBeGreaterThan(1e-3);
  });

  it('untyped grandparents above a typed mother of one son are pruned: safe, and the LRs agree', () => {
    const line = ped([['female', -1, -1], ['male', -1, -1], ['female', 1, 0], ['male', -1, -1], ['male', 3, 2]]);
    expect(linkageSafe(line.father, line.mother, [2, 4])).toBe(true);
    const { linked, unlinked } = bothModels(line, 4, [null, null, [[1, 2], [2, 1]], null, hom(2, 1)], p1, p2);
    for (const h of [0, 1]) expect(linked[h]).toBeCloseTo(unlinked[h] as number, 10);
  });

  it('a mother whose other child is untyped (pruned): safe; a typed father with two daughters: safe (he passes his X whole)', () => {
    const family = ped([['female', -1, -1], ['male', -1, -1], ['female', 1, 0], ['female', 1, 0]]);
    expect(linkageSafe(family.father, family.mother, [0, 2])).toBe(true);
    expect(linkageSafe(family.father, family.mother, [1, 2])).toBe(true); // the untyped mother: a founder with one relevant child
    expect(linkageSafe(family.father, family.mother, [1, 2, 3])).toBe(false); // now a mother of two
    // 0 a typed man, daughters 2 (mother 1) and 3 (mother 4): two mothers of one child each.
    const father = ped([['male', -1, -1], ['female', -1, -1], ['female', 0, 1], ['female', 0, 4], ['female', -1, -1]]);
    expect(linkageSafe(father.father, father.mother, [0, 2, 3])).toBe(true);
    const { linked, unlinked } = bothModels(father, 2, [hom(1, 2), null, [[1, 2], [2, 1]], [[1, 1], [2, 2]], null], p1, p2);
    for (const h of [0, 1]) expect(linked[h]).toBeCloseTo(unlinked[h] as number, 10);
  });
});

describe('xLociLeftOut: one locus per group for an unsafe target', () => {
  const brothers = { father: [-1, -1, 1, 1], mother: [-1, -1, 0, 0] };
  const even = [0.25, 0.25, 0.25, 0.25];
  const skewed = [0.7, 0.1, 0.1, 0.1];
  it('keeps the most heterozygous typed locus of each group (ties: group order); loci of no group and safe targets keep all', () => {
    expect(heterozygosity(even)).toBeCloseTo(0.75, 12);
    const loci = [
      { name: 'DXS10148', frequencies: skewed, typed: [3] },
      { name: 'DXS10135', frequencies: even, typed: [3] },
      { name: 'DXS8378', frequencies: even, typed: [3] },
      { name: 'HPRTB', frequencies: even, typed: [] }, // no reference typed: not a candidate
      { name: 'DXS10101', frequencies: skewed, typed: [3] },
      { name: 'DXS7133', frequencies: skewed, typed: [3] },
    ];
    expect([...xLociLeftOut('safe', brothers.father, brothers.mother, 2, loci)].sort()).toEqual(['DXS10148', 'DXS8378']);
    expect(xLociLeftOut('unlinked', brothers.father, brothers.mother, 2, loci).size).toBe(0);
    // A father and his daughter: safe, every locus kept.
    expect(xLociLeftOut('safe', [-1, -1, 0], [-1, -1, 1], 2, loci.map((l) => ({ ...l, typed: [0] }))).size).toBe(0);
  });
});
