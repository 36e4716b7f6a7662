import { makeFrequencyTable } from '../../src/frequencies/FrequencyTable.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IBD_COEFFICIENTS, KAPPA_SUM_TOLERANCE, PAIRWISE_RELATIONSHIPS, validateKappa, type Kappa, type PairwiseRelationship } from '../../src/likelihood/ibd.js';
import { pairwiseLR, pairwiseMarkerLR } from '../../src/likelihood/pairwiseLR.js';
import { UNTYPED_ALLELE, pairwiseLnLRIndexed, pairwiseLnLRProfileIndexed, pairwiseMarkerLRIndexed } from '../../src/likelihood/pairwiseKernels.js';
import { ValidationError } from '../../src/errors/StrkinError.js';
import type { Genotype } from '../../src/profile/genotype.js';

// domain.md §6: pa=.1, pb=.2, pc=.05, pd=.3 unless stated.
const P: Record<string, number> = { a: 0.1, b: 0.2, c: 0.05, d: 0.3 };
const freqOf = (allele: string): number => P[allele] ?? 0;
const K = IBD_COEFFICIENTS;
type G = readonly [string, string];
const g = (text: string): G => [text[0] ?? '', text[1] ?? ''];
const lr = (rel: PairwiseRelationship, g1: string, g2: string, theta = 0, f = freqOf): number => pairwiseMarkerLR(g(g1), g(g2), f, K[rel], theta);

describe('IBD_COEFFICIENTS (domain.md §3.1)', () => {
  it('every relationship has valid coefficients and the table of §3.1', () => {
    for (const rel of PAIRWISE_RELATIONSHIPS) expect(validateKappa(K[rel])).toEqual([]);
    expect(PAIRWISE_RELATIONSHIPS).toHaveLength(11);
    expect(K['double-first-cousins']).toEqual({ k0: 9 / 16, k1: 3 / 8, k2: 1 / 16 });
    expect(K['half-first-cousins']).toEqual({ k0: 7 / 8, k1: 1 / 8, k2: 0 });
    expect(K['great-grandparent']).toEqual(K['first-cousins']);
    expect(K.grandparent).toEqual(K['half-siblings']);
    expect(K.avuncular).toEqual(K['half-siblings']);
  });
});

describe('validateKappa tolerance', () => {
  it('refuses a sum off by more than KAPPA_SUM_TOLERANCE', () => {
    expect(validateKappa({ k0: 0.75, k1: 0.25 + KAPPA_SUM_TOLERANCE * 2, k2: 0 })).toHaveLength(1);
  });
});

describe('worked values, theta = 0 (domain.md §6)', () => {
  it('duo AF aa, C aa, pa=.05: 20', () => {
    expect(lr('parent-child', 'aa', 'aa', 0, (x) => (x === 'a' ? 0.05 : 0.5))).toBeCloseTo(20, 9);
  });
  it('duo AF ab, C ab: 3.75', () => expect(lr('parent-child', 'ab', 'ab')).toBeCloseTo(3.75, 9));
  it('duo AF ab, C ac: 2.5', () => expect(lr('parent-child', 'ab', 'ac')).toBeCloseTo(2.5, 9));
  it('duo AF aa, C ab: 5', () => expect(lr('parent-child', 'aa', 'ab')).toBeCloseTo(5, 9));
  it('duo AF bb, C ac, no mutation: 0', () => expect(lr('parent-child', 'bb', 'ac')).toBe(0));
  it('full sibs aa,aa: 30.25', () => expect(lr('full-siblings', 'aa', 'aa')).toBeCloseTo(30.25, 9));
  it('full sibs ab,ab: 8.375', () => expect(lr('full-siblings', 'ab', 'ab')).toBeCloseTo(8.375, 9));
  it('full sibs aa,ab: 2.75', () => expect(lr('full-siblings', 'aa', 'ab')).toBeCloseTo(2.75, 9));
  it('full sibs ab,ac: 1.5', () => expect(lr('full-siblings', 'ab', 'ac')).toBeCloseTo(1.5, 9));
  it('full sibs ab,cd: 0.25', () => expect(lr('full-siblings', 'ab', 'cd')).toBeCloseTo(0.25, 12));
  it('half sibs aa,aa: 5.5', () => expect(lr('half-siblings', 'aa', 'aa')).toBeCloseTo(5.5, 9));
  it('half sibs ab,ab: 2.375', () => expect(lr('half-siblings', 'ab', 'ab')).toBeCloseTo(2.375, 9));
  it('grandparent aa, grandchild ab: 3', () => expect(lr('grandparent', 'aa', 'ab')).toBeCloseTo(3, 9));
  it('first cousins aa,aa: 3.25', () => expect(lr('first-cousins', 'aa', 'aa')).toBeCloseTo(3.25, 9));
  it('first cousins ab,ac: 1.375', () => expect(lr('first-cousins', 'ab', 'ac')).toBeCloseTo(1.375, 9));
});

describe('worked values with theta (domain.md §6)', () => {
  it('duo aa,aa, theta .01: 7.906976744', () => expect(lr('parent-child', 'aa', 'aa', 0.01)).toBeCloseTo(7.906976744, 8));
  it('duo ab,ab, theta .03: 3.269649888', () => expect(lr('parent-child', 'ab', 'ab', 0.03)).toBeCloseTo(3.269649888, 8));
  it('duo AF ab, C ac, theta .03: 2.086614173', () => expect(lr('parent-child', 'ab', 'ac', 0.03)).toBeCloseTo(2.086614173, 8));
  it('duo AF aa, C ab, theta .03: 3.375796178', () => expect(lr('parent-child', 'aa', 'ab', 0.03)).toBeCloseTo(3.375796178, 8));
  it('full sibs aa,aa, theta .01: 20.98089701', () => expect(lr('full-siblings', 'aa', 'aa', 0.01)).toBeCloseTo(20.98089701, 7));
  it('full sibs ab,ab, theta .03: 6.682174494', () => expect(lr('full-siblings', 'ab', 'ab', 0.03)).toBeCloseTo(6.682174494, 8));
  it('half sibs ab,ab, theta .03: 2.134824944', () => expect(lr('half-siblings', 'ab', 'ab', 0.03)).toBeCloseTo(2.134824944, 8));
});

// ---- independent machinery for the property tests ----------------------------

const N_ALLELES = 4;
/** Every unordered genotype over `n` alleles as index pairs. */
function allGenotypes(n: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) out.push([i, j]);
  return out;
}
/** P(a sequence of allele draws) from the Balding-Nichols urn (domain.md §3.2). */
function urnSequence(draws: readonly number[], p: readonly number[], t: number): number {
  let prob = 1;
  const counts = new Map<number, number>();
  draws.forEach((x, n) => {
    prob *= ((counts.get(x) ?? 0) * t + (1 - t) * (p[x] ?? 0)) / (1 + (n - 1) * t);
    counts.set(x, (counts.get(x) ?? 0) + 1);
  });
  return prob;
}
const sameGenotype = (x: readonly [number, number], y: readonly [number, number]): boolean =>
  (x[0] === y[0] && x[1] === y[1]) || (x[0] === y[1] && x[1] === y[0]);
/**
 * Joint P(G1, G2) with `ibd` alleles IBD, by brute force over the ordered
 * founder-allele draws (4 - ibd distinct founder alleles drawn from the urn).
 */
function jointBrute(g1: readonly [number, number], g2: readonly [number, number], ibd: 0 | 1 | 2, p: readonly number[], t: number): number {
  const n = p.length;
  let total = 0;
  const seqs = (k: number): number[][] => (k === 0 ? [[]] : seqs(k - 1).flatMap((s) => Array.from({ length: n }, (_, x) => [...s, x])));
  for (const s of seqs(4 - ibd)) {
    const [x0, x1, x2, x3] = s as [number, number, number, number];
    // ordered genotypes: person 1 = (x0, x1); person 2 shares `ibd` of them, in order.
    const h1: [number, number] = [x0, x1];
    const h2: [number, number] = ibd === 2 ? [x0, x1] : ibd === 1 ? [x0, x2] : [x2, x3];
    if (sameGenotype(h1, g1) && sameGenotype(h2, g2)) total += urnSequence(s, p, t);
  }
  return total;
}

const freqsArb = fc
  .array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: N_ALLELES, maxLength: N_ALLELES })
  .map((w) => {
    const s = w.reduce((a, b) => a + b, 0);
    return w.map((x) => x / s);
  });
const genotypeArb = fc.tuple(fc.nat({ max: N_ALLELES - 1 }), fc.nat({ max: N_ALLELES - 1 }));
const relationshipArb = fc.constantFrom(...PAIRWISE_RELATIONSHIPS);
const thetaArb = fc.constantFrom(0, 0.01, 0.03, 0.05, 0.2);

describe('pairwise LR properties', () => {
  it('agrees with brute-force enumeration of urn draws (joint probabilities) for every relationship and theta', () => {
    fc.assert(
      fc.property(freqsArb, genotypeArb, genotypeArb, relationshipArb, thetaArb, (p, g1, g2, rel, t) => {
        const kappa = K[rel];
        const j0 = jointBrute(g1, g2, 0, p, t);
        const expected = kappa.k0 + (kappa.k1 * jointBrute(g1, g2, 1, p, t) + kappa.k2 * jointBrute(g1, g2, 2, p, t)) / j0;
        const got = pairwiseMarkerLRIndexed(g1[0], g1[1], g2[0], g2[1], Float64Array.from(p), kappa, t);
        expect(got).toBeCloseTo(expected, 9);
      }),
    );
  });

  it('LR(unrelated) = 1 for any genotypes, frequencies and theta', () => {
    fc.assert(
      fc.property(freqsArb, genotypeArb, genotypeArb, thetaArb, (p, g1, g2, t) => {
        expect(pairwiseMarkerLRIndexed(g1[0], g1[1], g2[0], g2[1], Float64Array.from(p), K.unrelated, t)).toBeCloseTo(1, 12);
      }),
    );
  });

  it('is symmetric: LR(g1, g2) = LR(g2, g1)', () => {
    fc.assert(
      fc.property(freqsArb, genotypeArb, genotypeArb, relationshipArb, thetaArb, (p, g1, g2, rel, t) => {
        const f = Float64Array.from(p);
        const x = pairwiseMarkerLRIndexed(g1[0], g1[1], g2[0], g2[1], f, K[rel], t);
        const y = pairwiseMarkerLRIndexed(g2[0], g2[1], g1[0], g1[1], f, K[rel], t);
        expect(x).toBeCloseTo(y, 10);
      }),
    );
  });

  it('theta = 0 matches the closed forms of domain.md §3.1 (paternity index, full-sib index, half-sib and cousin classes)', () => {
    fc.assert(
      fc.property(freqsArb, (p) => {
        const [pa, pb, pc] = p as [number, number, number, number];
        const f = (x: string): number => p['abcd'.indexOf(x)] ?? 0;
        const pi: Record<string, number> = { 'aa,aa': 1 / pa, 'aa,ab': 1 / (2 * pa), 'ab,ab': (pa + pb) / (4 * pa * pb), 'ab,ac': 1 / (4 * pa), 'ab,cd': 0 };
        const fsi: Record<string, number> = {
          'aa,aa': (1 + pa) ** 2 / (4 * pa ** 2),
          'aa,ab': (1 + pa) / (4 * pa),
          'ab,ab': (1 + pa + pb + 2 * pa * pb) / (8 * pa * pb),
          'ab,ac': (1 + 2 * pa) / (8 * pa),
          'ab,cd': 1 / 4,
        };
        for (const [pair, x1] of Object.entries(pi)) {
          const [u, v] = pair.split(',') as [string, string];
          expect(lr('parent-child', u, v, 0, f)).toBeCloseTo(x1, 8);
          expect(lr('half-siblings', u, v, 0, f)).toBeCloseTo(1 / 2 + x1 / 2, 8);
          expect(lr('grandparent', u, v, 0, f)).toBeCloseTo(1 / 2 + x1 / 2, 8);
          expect(lr('avuncular', u, v, 0, f)).toBeCloseTo(1 / 2 + x1 / 2, 8);
          expect(lr('first-cousins', u, v, 0, f)).toBeCloseTo(3 / 4 + x1 / 4, 8);
          expect(lr('great-grandparent', u, v, 0, f)).toBeCloseTo(3 / 4 + x1 / 4, 8);
          expect(lr('full-siblings', u, v, 0, f)).toBeCloseTo(fsi[pair] ?? NaN, 8);
        }
        // NRC II 4.10 at theta = 0 reduces to the match probability; identical twins: 1 / P(G)
        expect(lr('identical-twins', 'aa', 'aa', 0, f)).toBeCloseTo(1 / pa ** 2, 6);
        expect(lr('identical-twins', 'ac', 'ac', 0, f)).toBeCloseTo(1 / (2 * pa * pc), 6);
      }),
    );
  });

  it('E[LR | unrelated] = 1 exactly over G2 drawn from the urn given G1, for every G1, relationship and theta in {0, .01, .05}', () => {
    const p = [0.1, 0.2, 0.3, 0.4];
    const f = Float64Array.from(p);
    const genotypes = allGenotypes(N_ALLELES);
    for (const t of [0, 0.01, 0.05]) {
      for (const rel of PAIRWISE_RELATIONSHIPS) {
        for (const g1 of genotypes) {
          const pG1 = jointBrute(g1, g1, 2, p, t); // P(G1) itself (2 IBD: only person 1's alleles drawn)
          let expectation = 0;
          let mass = 0;
          for (const g2 of genotypes) {
            const pG2givenG1 = jointBrute(g1, g2, 0, p, t) / pG1;
            mass += pG2givenG1;
            expectation += pG2givenG1 * pairwiseMarkerLRIndexed(g1[0], g1[1], g2[0], g2[1], f, K[rel], t);
          }
          expect(mass).toBeCloseTo(1, 12);
          expect(expectation).toBeCloseTo(1, 12);
        }
      }
    }
  });

  it('pairwiseLnLRIndexed is the log of the linear kernel', () => {
    const f = Float64Array.from([0.1, 0.2, 0.05, 0.3]);
    expect(pairwiseLnLRIndexed(0, 0, 0, 0, f, K['full-siblings'], 0)).toBeCloseTo(Math.log(30.25), 12);
    expect(pairwiseLnLRIndexed(1, 1, 0, 2, f, K['parent-child'], 0)).toBe(-Infinity);
  });
});

// ---- the record-level API -------------------------------------------------------

const LOCI = ['TH01', 'vWA', 'FGA', 'D8S1179', 'D21S11'];
const ALLELES = ['a', 'b', 'c', 'd'];
const profileArb = fc.record(
  Object.fromEntries(LOCI.map((l) => [l, fc.option(fc.tuple(fc.constantFrom(...ALLELES), fc.constantFrom(...ALLELES)), { nil: undefined })])),
);
const asGenotypes = (rec: Record<string, [string, string] | undefined>): Record<string, Genotype> =>
  Object.fromEntries(Object.entries(rec).filter((e): e is [string, [string, string]] => e[1] !== undefined));

describe('pairwiseLR', () => {
  const frequencies = (_locus: string, allele: string): number => P[allele] ?? 0;

  it('reports each marker in log space with status, and totals that are the sum of markers', () => {
    const result = pairwiseLR({
      relationship: 'parent-child',
      genotypes1: { TH01: ['a', 'b'], vWA: ['a', 'a'], FGA: ['b', 'b'], D8S1179: ['a', null] },
      genotypes2: { TH01: ['a', 'c'], vWA: ['a', 'b'], FGA: ['a', 'c'], D21S11: ['a', 'b'] },
      frequencies,
    });
    expect(result.markers.map((m) => [m.name, m.status, m.LR])).toEqual([
      ['TH01', 'ok', expect.closeTo(2.5, 12)],
      ['vWA', 'ok', expect.closeTo(5, 12)],
      ['FGA', 'excluded', 0],
      ['D8S1179', 'untyped', 1],
      ['D21S11', 'untyped', 1],
    ]);
    expect(result.markers[3]?.note).toMatchInlineSnapshot(`"partial genotype of person 1 treated as untyped; person 2 untyped"`);
    expect(result.markers[2]?.lnLR).toBe(-Infinity);
    expect(result.markers[2]?.log10LR).toBeNull();
    expect(result.markers[3]).toMatchObject({ lnLR: 0, log10LR: 0, LR: 1 });
    expect(result.lociCompared).toBe(3);
    expect(result.total).toEqual({ lnLR: -Infinity, log10LR: null, LR: 0, status: 'excluded' });
  });

  it('sums marker logs, uses natural logs inside and log10 out, and accepts locus aliases', () => {
    const result = pairwiseLR({
      kappa: K['full-siblings'],
      genotypes1: { TH01: ['a', 'a'], vWA: ['a', 'b'] },
      genotypes2: { TH01: ['a', 'a'], vWA: ['a', 'b'] },
      frequencies,
      loci: ['THO1', 'VWA', 'TH01'],
    });
    expect(result.markers.map((m) => m.name)).toEqual(['TH01', 'vWA']);
    expect(result.total.lnLR).toBeCloseTo(Math.log(30.25 * 8.375), 12);
    expect(result.total.log10LR).toBeCloseTo(Math.log10(30.25 * 8.375), 12);
    expect(result.total.LR).toBeCloseTo(30.25 * 8.375, 9);
    expect(result.total.status).toBe('ok');
    expect(result.markers[0]?.log10LR).toBeCloseTo(Math.log10(30.25), 12);
  });

  it('never returns NaN, and the indexed profile kernel equals the record API', () => {
    fc.assert(
      fc.property(profileArb, profileArb, relationshipArb, thetaArb, (r1, r2, rel, t) => {
        const result = pairwiseLR({ relationship: rel, genotypes1: asGenotypes(r1), genotypes2: asGenotypes(r2), frequencies, theta: t, loci: LOCI });
        expect(Number.isNaN(result.total.lnLR)).toBe(false);
        for (const m of result.markers) expect(Number.isNaN(m.lnLR) || Number.isNaN(m.LR)).toBe(false);
        const sum = result.markers.reduce((s, m) => s + m.lnLR, 0);
        const enc = (rec: Record<string, [string, string] | undefined>): Uint16Array =>
          Uint16Array.from(LOCI.flatMap((l) => rec[l]?.map((a) => ALLELES.indexOf(a)) ?? [UNTYPED_ALLELE, UNTYPED_ALLELE]));
        const freqs = Float64Array.from(LOCI.flatMap(() => ALLELES.map((a) => P[a] ?? 0)));
        const offsets = Int32Array.from(LOCI.map((_, i) => i * ALLELES.length));
        const fast = pairwiseLnLRProfileIndexed(enc(r1), enc(r2), freqs, offsets, K[rel], t);
        if (sum === -Infinity) expect(fast).toBe(-Infinity);
        else {
          expect(fast).toBeCloseTo(sum, 9);
          expect(result.total.lnLR).toBeCloseTo(sum, 12);
        }
      }),
    );
  });

  it('keeps a huge total finite in log space (the running product is rescaled)', () => {
    const loci = 400;
    const freqs = new Float64Array(loci * 2).fill(0.001);
    const offsets = Int32Array.from({ length: loci }, (_, i) => 2 * i);
    const alleles = Uint16Array.from({ length: 2 * loci }, (_, i) => i % 2);
    // identical twins, heterozygous 0/1 everywhere: LR = 1/(2·.001·.001) per locus
    const ln = pairwiseLnLRProfileIndexed(alleles, alleles, freqs, offsets, K['identical-twins'], 0);
    expect(ln).toBeCloseTo(loci * Math.log(1 / (2e-6)), 6);
  });

  it('rejects bad input, listing every problem at once', () => {
    const base = { genotypes1: { TH01: ['a', 'x'] as Genotype }, genotypes2: { TH01: ['a', 'y'] as Genotype } };
    const messages = (fn: () => unknown): string[] => {
      try {
        fn();
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationError);
        return (e as ValidationError).issues.map((i) => `${i.code}: ${i.message}`);
      }
      throw new Error('did not throw');
    };
    expect(
      messages(() => pairwiseLR({ ...base, relationship: 'cousins' as PairwiseRelationship, theta: -0.1, frequencies: (_l, a) => (a === 'x' ? Number.NaN : a === 'y' ? 0 : 0.1) })),
    ).toMatchInlineSnapshot(`
      [
        "unknown-relationship: Unknown pairwise relationship; use one of parent-child, full-siblings, half-siblings, grandparent, avuncular, first-cousins, half-first-cousins, double-first-cousins, great-grandparent, identical-twins, unrelated or give kappa (relationship = "cousins")",
        "bad-theta: Theta must be a number in [0, 1) (theta = -0.1)",
        "bad-frequency: Allele frequency must be a number in (0, 1] (locus = TH01, allele = x, frequency = NaN)",
        "bad-frequency: Allele frequency must be a number in (0, 1] (locus = TH01, allele = y, frequency = 0)",
      ]
    `);
    expect(messages(() => pairwiseLR({ ...base, kappa: { k0: 0.5, k1: 0.6, k2: 0 }, theta: 1, frequencies: () => 1.5 }))).toMatchInlineSnapshot(`
      [
        "bad-kappa: IBD coefficients must sum to 1 (k0 + k1 + k2 = 1.1)",
        "bad-theta: Theta must be a number in [0, 1) (theta = 1)",
        "bad-frequency: Allele frequency must be a number in (0, 1] (locus = TH01, allele = a, frequency = 1.5)",
        "bad-frequency: Allele frequency must be a number in (0, 1] (locus = TH01, allele = x, frequency = 1.5)",
        "bad-frequency: Allele frequency must be a number in (0, 1] (locus = TH01, allele = y, frequency = 1.5)",
      ]
    `);
    expect(messages(() => pairwiseMarkerLR(['a', 'b'], ['a', 'c'], () => 0, { k0: -1, k1: 1, k2: 1 } as Kappa))).toMatchInlineSnapshot(`
      [
        "bad-kappa: IBD coefficient must be a number in [0, 1] (k0 = -1)",
        "bad-frequency: Allele frequency must be a number in (0, 1] (allele = a, frequency = 0)",
        "bad-frequency: Allele frequency must be a number in (0, 1] (allele = b, frequency = 0)",
        "bad-frequency: Allele frequency must be a number in (0, 1] (allele = c, frequency = 0)",
      ]
    `);
  });
});

describe('pairwiseLR with a frequency table: the pair’s own allele space', () => {
  const table = makeFrequencyTable({ name: 'doc', loci: { TH01: { '6': 0.1, '7': 0.2, '8': 0.7 } } });
  const rule = { rareAllele: { rule: 'fixed', value: 0.01 } } as const;
  it('father 6/7, child 6/10 (10 unseen, fixed 0.01): PI = 1.01 / 0.4 (docs/statistics.md worked example)', () => {
    const r = pairwiseLR({ relationship: 'parent-child', genotypes1: { TH01: ['6', '7'] }, genotypes2: { TH01: ['6', '10'] }, frequencies: table, frequencyOptions: rule });
    expect(r.total.LR).toBeCloseTo(2.525, 12);
  });
  it('reports a locus the table lacks and unseen alleles under rule error', () => {
    expect(() => pairwiseLR({ relationship: 'full-siblings', genotypes1: { FGA: ['20', '21'] }, genotypes2: { FGA: ['20', '21'] }, frequencies: table })).toThrow(/locus-not-in-table/);
    expect(() => pairwiseLR({ relationship: 'full-siblings', genotypes1: { TH01: ['6', '10'] }, genotypes2: { TH01: ['6', '7'] }, frequencies: table, frequencyOptions: { rareAllele: { rule: 'error' } } })).toThrow(/rare-allele/);
  });
});
