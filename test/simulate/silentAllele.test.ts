// Simulation with a silent allele (docs/statistics.md, "Silent alleles"): simulated
// typings show a/silent as a/a and silent/silent as nothing (the marker is left out of
// the person's genotypes). Checked against the apparent genotype probabilities by
// chi-square (seeded; upper 0.1% points), plain and conditional gene dropping, and
// the simulated LRs against kinshipLR of the same typings.
import { describe, expect, it } from 'vitest';
import { builtinTable } from '../../src/frequencies/builtin.js';
import { kinshipLR } from '../../src/likelihood/kinshipLR.js';
import { makeMarkerModel, SILENT_ALLELE } from '../../src/likelihood/MarkerModel.js';
import { makePedigree } from '../../src/pedigree/validatePedigree.js';
import { makeRandom } from '../../src/simulate/random.js';
import { simulateGenotypes } from '../../src/simulate/simulateGenotypes.js';
import { simulateLRDistribution } from '../../src/simulate/simulateLRDistribution.js';
import { simulationMarkers } from '../../src/simulate/simulationMarkers.js';
import { CHI2_999, chiSquare, nuclearFamily } from './helpers.js';

/** Upper 0.1% point of the chi-square distribution with 15 degrees of freedom (any chi-square table). */
const CHI2_999_DF15 = 37.697;
const s = 0.1;
/** Alleles a, b with table frequencies .3, .7 and a silent allele: a' = .27, b' = .63. */
const marker = makeMarkerModel({ name: 'M', alleles: ['a', 'b'], frequencies: [0.3, 0.7], silentFrequency: s });
const pa = 0.3 * (1 - s);
const pb = 0.7 * (1 - s);

/** Outcome cells: a/a, a/b, b/b, nothing. */
function cell(g: readonly [string, string | null] | undefined): number {
  if (g === undefined) return 3;
  expect(g).not.toContain(SILENT_ALLELE);
  return g[0] === 'a' && g[1] === 'a' ? 0 : g[0] === 'a' ? 1 : 2;
}

describe('simulated typings with a silent allele', () => {
  it('founders show a/a with p_a² + 2 p_a s, a/b with 2 p_a p_b, b/b with p_b² + 2 p_b s, nothing with s² (chi-square, df 3)', () => {
    const n = 10_000;
    const ped = makePedigree(Array.from({ length: n }, (_, i) => ({ id: `P${i}`, sex: 'unknown' as const, father: null, mother: null })));
    const { genotypes } = simulateGenotypes(ped, [marker], makeRandom(31));
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < n; i++) counts[cell(genotypes[`P${i}`]?.['M'])]! += 1;
    const expected = [pa * pa + 2 * pa * s, 2 * pa * pb, pb * pb + 2 * pb * s, s * s].map((p) => p * n);
    expect(chiSquare(counts, expected)).toBeLessThan(CHI2_999[3] as number);
    // A person showing nothing has no entry for the marker (not an empty genotype).
    expect(Object.values(genotypes).some((g) => !('M' in g))).toBe(true);
  });

  it('conditional draws: the child of a father shown a/a and a mother shown b/b is a/b, a/a (father a/s), b/b (mother b/s) or nothing', () => {
    // P(father a/s | shows a/a) = 2s/(p_a + 2s) = σa; P(mother b/s | shows b/b) = 2s/(p_b + 2s) = σb.
    // Child: a/b (1−σa/2)(1−σb/2); a/a (shown; true a/s) (1−σa/2)(σb/2); b/b (σa/2)(1−σb/2); nothing (σa/2)(σb/2).
    const sa = (2 * s) / (pa + 2 * s);
    const sb = (2 * s) / (pb + 2 * s);
    const expectedP = [(1 - sa / 2) * (sb / 2), (1 - sa / 2) * (1 - sb / 2), (sa / 2) * (1 - sb / 2), (sa / 2) * (sb / 2)];
    const random = makeRandom(32);
    const counts = [0, 0, 0, 0];
    const n = 2000;
    for (let r = 0; r < n; r++) {
      const out = simulateGenotypes(nuclearFamily(1), [marker], random, { typed: ['C1'], conditionOn: { F: { M: ['a', 'a'] }, M: { M: ['b', 'b'] } } });
      counts[cell(out.genotypes['C1']?.['M'])]! += 1;
    }
    expect(chiSquare(counts, expectedP.map((p) => p * n))).toBeLessThan(CHI2_999[3] as number);
  });

  it('two children drawn in a chain given the parents: the pair of typings follows the exact joint distribution (chi-square over 16 cells)', () => {
    // Given father shown a/a and mother shown b/b, the parents' true genotypes are fixed jointly for both children.
    const sa = (2 * s) / (pa + 2 * s);
    const sb = (2 * s) / (pb + 2 * s);
    // Child outcome given father allele (a or s) and mother allele (b or s).
    const show = (f: 'a' | 's', m: 'b' | 's'): number => (f === 'a' ? (m === 'b' ? 1 : 0) : m === 'b' ? 2 : 3);
    const joint = new Array<number>(16).fill(0);
    for (const [fs, pf] of [[false, 1 - sa], [true, sa]] as const) {
      for (const [ms, pm] of [[false, 1 - sb], [true, sb]] as const) {
        const fAlleles: ('a' | 's')[] = fs ? ['a', 's'] : ['a', 'a'];
        const mAlleles: ('b' | 's')[] = ms ? ['b', 's'] : ['b', 'b'];
        for (const f1 of fAlleles) for (const m1 of mAlleles) for (const f2 of fAlleles) for (const m2 of mAlleles) joint[show(f1, m1) * 4 + show(f2, m2)]! += pf * pm / 16;
      }
    }
    const random = makeRandom(33);
    const counts = new Array<number>(16).fill(0);
    const n = 3000;
    for (let r = 0; r < n; r++) {
      const out = simulateGenotypes(nuclearFamily(2), [marker], random, { typed: ['C1', 'C2'], conditionOn: { F: { M: ['a', 'a'] }, M: { M: ['b', 'b'] } } });
      counts[cell(out.genotypes['C1']?.['M']) * 4 + cell(out.genotypes['C2']?.['M'])]! += 1;
    }
    const expected = joint.map((p) => p * n);
    expect(expected.every((e) => e > 0)).toBe(true);
    expect(chiSquare(counts, expected)).toBeLessThan(CHI2_999_DF15);
  });

  it('simulationMarkers takes the option (a number or per locus) and s = 0 simulates exactly as without it', () => {
    const table = builtinTable('nist1036-cauc');
    const m = simulationMarkers(table, ['TH01', 'FGA'], { mutation: 'none', silentFrequency: { THO1: 0.02 } });
    expect(m[0]?.alleles.at(-1)).toBe(SILENT_ALLELE);
    expect(m[1]?.alleles).not.toContain(SILENT_ALLELE);
    const plain = simulationMarkers(table, ['TH01', 'FGA'], { mutation: 'stepwise' });
    const zero = simulationMarkers(table, ['TH01', 'FGA'], { mutation: 'stepwise', silentFrequency: 0 });
    expect(zero).toStrictEqual(plain);
    const duo = nuclearFamily(1);
    const a = simulateLRDistribution({ hypotheses: [duo, { persons: [] }], truth: 'H1', markers: plain, typed: ['F', 'C1'], n: 50, random: makeRandom(9) });
    const b = simulateLRDistribution({ hypotheses: [duo, { persons: [] }], truth: 'H1', markers: zero, typed: ['F', 'C1'], n: 50, random: makeRandom(9) });
    expect(Array.from(b.log10LR)).toStrictEqual(Array.from(a.log10LR));
  });

  it('simulated LRs are kinshipLR of the simulated typings (same seed, typings rebuilt with simulateGenotypes)', () => {
    const table = builtinTable('nist1036-cauc');
    const markers = simulationMarkers(table, ['TH01', 'TPOX', 'CSF1PO'], { mutation: 'none', silentFrequency: 0.2 });
    const duo = nuclearFamily(1);
    const typed = ['F', 'C1'];
    const d = simulateLRDistribution({ hypotheses: [duo, { persons: [] }], truth: 'H1', markers, typed, n: 40, random: makeRandom(21) });
    const random = makeRandom(21);
    let untyped = 0;
    for (let r = 0; r < 40; r++) {
      const { genotypes } = simulateGenotypes(duo, markers, random, { typed });
      untyped += typed.reduce((k, id) => k + markers.filter((mk) => !(mk.name in (genotypes[id] ?? {}))).length, 0);
      const lr = kinshipLR({ hypotheses: [duo, { persons: [] }], markers, genotypes }).total;
      expect(lr.status).not.toBe('excluded');
      expect(d.log10LR[r]).toBeCloseTo(lr.log10LR as number, 12);
    }
    // With s = 0.2, P(shows nothing) = 0.04 per person and locus: some of the 240 typings are empty.
    expect(untyped).toBeGreaterThan(0);
  });
});
