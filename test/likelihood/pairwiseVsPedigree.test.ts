// docs/statistics.md, "Pairwise LRs through IBD coefficients": pairwiseMarkerLR equals the pedigree
// engine (kinshipLR on relationshipPedigree vs unrelated) for every relationship that has a pedigree,
// on both lines (paternal, maternal), every genotype pair of a 4-allele marker, theta 0, 0.01 and 0.05,
// without mutation; relationships that share a row of the kappa table give the same LRs; and the
// pairwise path has no mutation model (with mutation the engine differs, e.g. a parent-child
// inconsistency is 0 pairwise and positive in the engine). Enumerated, not sampled.
//
// Cost: with theta > 0 the engine enumerates untyped founders' genotypes jointly (the cousin
// pedigrees have 6-8 founders: up to ~1 s per LR), so for the relationships with more than
// three founders the theta > 0 cases are one pair per sharing pattern (the 9 ways two genotypes
// can share alleles, each with its own allele labels) instead of all 100 pairs.
import { describe, expect, it } from 'vitest';
import { IBD_COEFFICIENTS } from '../../src/likelihood/ibd.js';
import { kinshipLR } from '../../src/likelihood/kinshipLR.js';
import type { RatioValue } from '../../src/likelihood/LRResult.js';
import { makeMarkerModel } from '../../src/likelihood/MarkerModel.js';
import { pairwiseLR, pairwiseMarkerLR } from '../../src/likelihood/pairwiseLR.js';
import { RELATIONSHIPS, relationshipPedigree, type Relationship } from '../../src/pedigree/relationshipPedigree.js';
import type { LineSide } from '../../src/pedigree/relationshipPedigree.js';

type G = readonly [string, string];
const ALLELES = ['10', '11', '12', '13'];
const P = [0.1, 0.2, 0.3, 0.4];
const freq = (x: string): number => P[ALLELES.indexOf(x)] ?? 0;
const marker = makeMarkerModel({ name: 'TH01', alleles: ALLELES, frequencies: P });
const unrelated = relationshipPedigree('unrelated');

const GENOTYPES: G[] = [];
for (let i = 0; i < ALLELES.length; i++) for (let j = i; j < ALLELES.length; j++) GENOTYPES.push([ALLELES[i] as string, ALLELES[j] as string]);
const ALL_PAIRS: [G, G][] = GENOTYPES.flatMap((g1) => GENOTYPES.map((g2): [G, G] => [g1, g2]));
// One pair of each sharing pattern (aa-aa, aa-ab, ab-aa, aa-bb, aa-bc, ab-cc, ab-ab, ab-ac, ab-cd).
const PATTERNS: [G, G][] = [
  [['10', '10'], ['10', '10']],
  [['11', '11'], ['11', '12']],
  [['12', '13'], ['12', '12']],
  [['10', '10'], ['13', '13']],
  [['11', '11'], ['10', '13']],
  [['10', '12'], ['11', '11']],
  [['11', '13'], ['11', '13']],
  [['10', '11'], ['10', '12']],
  [['10', '13'], ['11', '12']],
];
// Relationships whose pedigree has at most three untyped founders: every pair at every theta.
const LIGHT = new Set<Relationship>(['parent-child', 'full-siblings', 'grandparent', 'great-grandparent', 'unrelated']);
const SIDED = new Set<Relationship>(['half-siblings', 'grandparent', 'great-grandparent', 'avuncular', 'first-cousins', 'half-first-cousins']);

function engineLR(relationship: Relationship, side: LineSide, [g1, g2]: [G, G], theta: number): number {
  const ped = relationshipPedigree(relationship, { side });
  return kinshipLR({ hypotheses: [ped, unrelated], markers: [marker], genotypes: { A: { TH01: g1 }, B: { TH01: g2 } }, theta }).total.LR;
}
const pairwise = (relationship: Relationship, [g1, g2]: [G, G], theta: number): number => pairwiseMarkerLR(g1, g2, freq, IBD_COEFFICIENTS[relationship], theta);

function expectAgree(relationship: Relationship, side: LineSide, pairs: readonly [G, G][], theta: number): void {
  for (const pair of pairs) {
    const label = `${relationship} (${side}) ${pair[0].join('/')} vs ${pair[1].join('/')}, theta ${theta}`;
    expect(engineLR(relationship, side, pair, theta), label).toBeCloseTo(pairwise(relationship, pair, theta), 9);
  }
}

describe('pairwise LR = pedigree likelihood engine LR (docs/statistics.md)', { timeout: 120_000 }, () => {
  it('covers every relationship of the kappa table that has a pedigree', () => {
    expect([...RELATIONSHIPS].sort()).toEqual(Object.keys(IBD_COEFFICIENTS).filter((r) => r !== 'identical-twins').sort());
  });

  it.each(RELATIONSHIPS.map((r) => [r]))('%s, theta 0: every genotype pair, both lines', (relationship) => {
    expectAgree(relationship, 'paternal', ALL_PAIRS, 0);
    if (SIDED.has(relationship)) expectAgree(relationship, 'maternal', ALL_PAIRS, 0);
  });

  it.each(RELATIONSHIPS.map((r) => [r]))('%s, theta 0.01 and 0.05', (relationship) => {
    // half first cousins take ~1 s per LR with theta: one theta for them
    const thetas = relationship === 'half-first-cousins' ? [0.05] : [0.01, 0.05];
    for (const theta of thetas) expectAgree(relationship, 'paternal', LIGHT.has(relationship) ? ALL_PAIRS : PATTERNS, theta);
  });

  it('relationships on one row of the kappa table give the same LRs (half siblings, grandparent, avuncular; first cousins, great-grandparent)', () => {
    for (const pair of ALL_PAIRS) {
      const half = engineLR('half-siblings', 'paternal', pair, 0);
      expect(engineLR('grandparent', 'paternal', pair, 0)).toBeCloseTo(half, 12);
      expect(engineLR('avuncular', 'maternal', pair, 0)).toBeCloseTo(half, 12);
      expect(engineLR('great-grandparent', 'maternal', pair, 0)).toBeCloseTo(engineLR('first-cousins', 'paternal', pair, 0), 12);
    }
  });

  it('pairwise LRs have no mutation: they equal the engine without mutation, and differ from it with mutation', () => {
    const mutating = makeMarkerModel({ name: 'TH01', alleles: ALLELES, frequencies: P, mutation: { female: { model: 'equal', rate: 0.005 }, male: { model: 'equal', rate: 0.005 } } });
    const ped = relationshipPedigree('parent-child');
    const withMutation = (g1: G, g2: G): number => kinshipLR({ hypotheses: [ped, unrelated], markers: [mutating], genotypes: { A: { TH01: g1 }, B: { TH01: g2 } } }).total.LR;
    // an inconsistent pair: excluded pairwise, small but positive with mutation
    expect(pairwise('parent-child', [['10', '10'], ['11', '11']], 0)).toBe(0);
    expect(withMutation(['10', '10'], ['11', '11'])).toBeGreaterThan(0);
    // a consistent pair: close but not equal
    const consistent: [G, G] = [['10', '11'], ['10', '12']];
    expect(withMutation(...consistent)).not.toBeCloseTo(pairwise('parent-child', consistent, 0), 9);
    expect(withMutation(...consistent)).toBeCloseTo(pairwise('parent-child', consistent, 0), 1);
  });
});

describe('pairwiseLR and kinshipLR share one result shape', () => {
  const vWA = makeMarkerModel({ name: 'vWA', alleles: ALLELES, frequencies: P });
  const duo = relationshipPedigree('parent-child');
  const near = (x: number): unknown => (Number.isFinite(x) ? expect.closeTo(x, 12) : x);
  const expected = (r: RatioValue): unknown => ({ lnLR: near(r.lnLR), log10LR: r.log10LR === null ? null : near(r.log10LR), LR: near(r.LR), status: r.status });
  const fields = (r: RatioValue): RatioValue => ({ lnLR: r.lnLR, log10LR: r.log10LR, LR: r.LR, status: r.status });
  it.each([
    ['ok', { TH01: ['10', '11'], vWA: ['12', '12'] }, { TH01: ['10', '13'], vWA: ['12', '13'] }],
    ['excluded', { TH01: ['10', '11'], vWA: ['12', '12'] }, { TH01: ['12', '13'], vWA: ['12', '13'] }],
    ['ok, nobody typed at vWA', { TH01: ['10', '11'] }, { TH01: ['10', '13'] }],
  ] as const)('%s: same total, marker names, logs and statuses', (_label, a, b) => {
    const pedigree = kinshipLR({ hypotheses: [duo, unrelated], markers: [marker, vWA], genotypes: { A: a, B: b } });
    const pairwise = pairwiseLR({ relationship: 'parent-child', genotypes1: a, genotypes2: b, frequencies: (_locus, x) => P[ALLELES.indexOf(x)] ?? 0, loci: ['TH01', 'vWA'] });
    expect(fields(pairwise.total)).toEqual(expected(pedigree.total));
    expect(pairwise.markers.map((m) => ({ name: m.name, ...fields(m) }))).toEqual(pedigree.markers.map((m) => ({ name: m.name, ...(expected(m) as object) })));
  });
});
