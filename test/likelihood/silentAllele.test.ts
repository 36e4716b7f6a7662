/**
 * Silent (null) alleles in the pedigree engine (docs/statistics.md, "Silent
 * alleles"): closed forms derived by hand, the model's construction
 * (frequencies scaled by 1 − s, no mutation to or from the silent allele, as
 * Familias' FamiliasLocus), s = 0 bit-identical to no option, and property
 * tests on random pedigrees against brute-force enumeration over the true
 * genotypes and against summing the engine over explicit true genotypes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kinshipLR } from '../../src/likelihood/kinshipLR.js';
import { makeMarkerModel, SILENT_ALLELE, silentIndex, type MarkerModel } from '../../src/likelihood/MarkerModel.js';
import { lnLikelihood, lnQueryLikelihoods, type AlleleEvidence } from '../../src/likelihood/peel.js';
import { apparentLnProbabilities } from '../../src/likelihood/apparentGenotypes.js';
import type { MutationSpec } from '../../src/mutation/mutationMatrix.js';
import type { Pedigree, Person } from '../../src/pedigree/Pedigree.js';
import { makeGenotype } from '../../src/profile/genotype.js';
import { evidence, smallMarker, smallPedigree } from '../arbitraries/pedigrees.js';
import { lnLikelihoodReference } from './referenceEngine.js';

const founder = (id: string, sex: Person['sex']): Person => ({ id, sex, father: null, mother: null });
const DUO: Pedigree = { persons: [founder('AF', 'male'), founder('MO', 'female'), { id: 'C', sex: 'unknown', father: 'AF', mother: 'MO' }] };
const UNRELATED: Pedigree = { persons: [] };

/** Table frequencies a = .1, b = .2, rest .7 on z; silent frequency s. */
const abMarker = (s: number) => makeMarkerModel({ name: 'M', alleles: ['a', 'b', 'z'], frequencies: [0.1, 0.2, 0.7], silentFrequency: s });

function duoLR(marker: MarkerModel, af: string, c: string, theta = 0): number {
  return kinshipLR({
    hypotheses: [DUO, UNRELATED],
    markers: [marker],
    genotypes: { AF: { M: makeGenotype(af[0] as string, af[1] as string) }, C: { M: makeGenotype(c[0] as string, c[1] as string) } },
    theta,
  }).total.LR;
}

describe('silent allele: the marker', () => {
  it('adds the silent allele last, scales the other frequencies by 1 − s, and keeps it out of mutation (FamiliasLocus)', () => {
    const m = makeMarkerModel({ name: 'M', alleles: ['8', '9', '10'], frequencies: [0.2, 0.3, 0.5], silentFrequency: 0.05, mutation: { female: { model: 'equal', rate: 0.01 }, male: { model: 'stepwise', rate: 0.02, range: 0.5 } } });
    expect(m.alleles).toEqual(['8', '9', '10', SILENT_ALLELE]);
    expect(silentIndex(m)).toBe(3);
    expect(Array.from(m.frequencies)).toEqual([0.2 * 0.95, 0.3 * 0.95, 0.5 * 0.95, 0.05]);
    for (const M of [m.female, m.male]) {
      expect(M).not.toBeNull();
      const mat = M as Float64Array;
      // Row and column of the silent allele are the identity's.
      expect([mat[3 * 4 + 0], mat[3 * 4 + 1], mat[3 * 4 + 2], mat[3 * 4 + 3]]).toEqual([0, 0, 0, 1]);
      expect([mat[0 * 4 + 3], mat[1 * 4 + 3], mat[2 * 4 + 3]]).toEqual([0, 0, 0]);
    }
    // Equal: the rate is spread over the n − 1 = 2 other observed alleles.
    expect(m.female?.[0 * 4 + 1]).toBeCloseTo(0.005, 15);
  });

  it('divides the proportional rate by 1 − s, as Familias does, so that the mean rate over the whole space is the rate', () => {
    const s = 0.1;
    const m = makeMarkerModel({ name: 'M', alleles: ['8', '9', '10'], frequencies: [0.2, 0.3, 0.5], silentFrequency: s, mutation: { female: { model: 'proportional', rate: 0.01 }, male: { model: 'none' } } });
    const M = m.female as Float64Array;
    let mean = 0;
    for (let i = 0; i < 4; i++) mean += (m.frequencies[i] as number) * (1 - (M[i * 4 + i] as number));
    expect(mean).toBeCloseTo(0.01, 15);
    // Still stationary on the whole space.
    for (let j = 0; j < 4; j++) {
      let pj = 0;
      for (let i = 0; i < 4; i++) pj += (m.frequencies[i] as number) * (M[i * 4 + j] as number);
      expect(pj).toBeCloseTo(m.frequencies[j] as number, 15);
    }
  });

  it('s = 0 is exactly the marker without the option', () => {
    const input = { name: 'M', alleles: ['8', '9', '10'], frequencies: [0.2, 0.3, 0.5], mutation: { female: { model: 'equal' as const, rate: 0.01 }, male: { model: 'proportional' as const, rate: 0.02 } } };
    expect(makeMarkerModel({ ...input, silentFrequency: 0 })).toStrictEqual(makeMarkerModel(input));
  });

  it('rejects bad silent frequencies and an allele named like the silent one', () => {
    for (const s of [-0.1, 1, 1.5, Number.NaN]) {
      expect(() => makeMarkerModel({ name: 'M', alleles: ['8'], frequencies: [1], silentFrequency: s })).toThrow(/Silent allele frequency must be a number in \[0, 1\)/);
    }
    expect(() => makeMarkerModel({ name: 'M', alleles: ['8', SILENT_ALLELE], frequencies: [0.5, 0.5], silentFrequency: 0.1 })).toThrow(/Allele listed twice/);
  });

  it('refuses a genotype that names the silent allele (it is not observable)', () => {
    expect(() => kinshipLR({ hypotheses: [DUO, UNRELATED], markers: [abMarker(0.05)], genotypes: { AF: { M: makeGenotype('a', SILENT_ALLELE) } } })).toThrow(/Allele is not in the marker's frequency list/);
  });
});

describe('silent allele: closed forms (derived by hand, docs/statistics.md "Silent alleles")', () => {
  const s = 0.05;
  const pa = 0.1 * (1 - s);
  const pb = 0.2 * (1 - s);

  it('single person: P(apparent a/a) = pa² + 2·pa·s', () => {
    const m = abMarker(s);
    const ln = lnLikelihood({ father: [-1], mother: [-1], marker: m, evidence: [[0, 0]], theta: 0 });
    expect(Math.exp(ln)).toBeCloseTo(pa * pa + 2 * pa * s, 15);
    // A heterozygote is unchanged: 2·pa·pb.
    expect(Math.exp(lnLikelihood({ father: [-1], mother: [-1], marker: m, evidence: [[0, 1]], theta: 0 }))).toBeCloseTo(2 * pa * pb, 15);
  });

  it('single person with theta: P(apparent a/a) = pa(θ + (1−θ)pa)/1 + 2·pa(1−θ)s (one more allele in the urn)', () => {
    const theta = 0.03;
    const ln = lnLikelihood({ father: [-1], mother: [-1], marker: abMarker(s), evidence: [[0, 0]], theta });
    expect(Math.exp(ln)).toBeCloseTo(pa * (theta + (1 - theta) * pa) + 2 * pa * (1 - theta) * s, 15);
  });

  it('paternity index, child a/a and alleged father a/a: (pa² + 3·pa·s + s²) / (pa·(pa + 2s)²)', () => {
    const expected = (pa * pa + 3 * pa * s + s * s) / (pa * (pa + 2 * s) ** 2);
    expect(duoLR(abMarker(s), 'aa', 'aa')).toBeCloseTo(expected, 12);
    // Without the silent allele: 1/pa (domain.md §3.1).
    expect(duoLR(abMarker(0), 'aa', 'aa')).toBeCloseTo(10, 12);
  });

  it('opposite homozygotes, father a/a and child b/b: an exclusion without silent alleles, s / ((pa + 2s)(pb + 2s)) with them', () => {
    expect(duoLR(abMarker(0), 'aa', 'bb')).toBe(0);
    expect(duoLR(abMarker(s), 'aa', 'bb')).toBeCloseTo(s / ((pa + 2 * s) * (pb + 2 * s)), 12);
  });

  it('paternity index for heterozygous father a/b and child a/a: (pa + s) / (2·pa·(pa + 2s)) ... and for child a/b it is unchanged in form', () => {
    // H1: AF = a/b passes a (½); the child shows a/a when the mother gives a or s. H2: P(C shows a/a).
    expect(duoLR(abMarker(s), 'ab', 'aa')).toBeCloseTo((0.5 * (pa + s)) / (pa * pa + 2 * pa * s), 12);
    // Child a/b, father a/b: (pa + pb)/(4 pa pb) on the scaled frequencies.
    expect(duoLR(abMarker(s), 'ab', 'ab')).toBeCloseTo((pa + pb) / (4 * pa * pb), 12);
  });

  it('an untyped locus still gives LR 1', () => {
    const r = kinshipLR({ hypotheses: [DUO, UNRELATED], markers: [abMarker(s)], genotypes: { AF: {}, C: {} } });
    expect(r.markers[0]?.status).toBe('untyped');
    expect(r.total.LR).toBe(1);
  });

  it('records the silent frequencies in the provenance only when there are some', () => {
    const gt = { AF: { M: makeGenotype('a', 'a') }, C: { M: makeGenotype('a', 'a') } };
    expect(kinshipLR({ hypotheses: [DUO, UNRELATED], markers: [abMarker(s)], genotypes: gt }).provenance.silentFrequencies).toEqual([{ marker: 'M', frequency: s }]);
    expect('silentFrequencies' in kinshipLR({ hypotheses: [DUO, UNRELATED], markers: [abMarker(0)], genotypes: gt }).provenance).toBe(false);
  });
});

const TOL = 1e-9;
function sameLn(a: number, b: number): boolean {
  if (a === Number.NEGATIVE_INFINITY || b === Number.NEGATIVE_INFINITY) return a === b;
  return Math.abs(a - b) <= TOL * Math.max(1, Math.abs(a));
}
function logSumExp(xs: readonly number[]): number {
  const max = Math.max(...xs);
  if (max === Number.NEGATIVE_INFINITY) return max;
  return max + Math.log(xs.reduce((t, x) => t + Math.exp(x - max), 0));
}

/** The same marker with a silent allele s (rebuilt through makeMarkerModel from the observed space). */
function withSilent(marker: MarkerModel, s: number): MarkerModel {
  // Familias' proportional rate is divided by 1 − s: keep the arbitrary's (valid) rate after that division.
  const fit = (spec: MutationSpec): MutationSpec => (spec.model === 'proportional' ? { model: 'proportional', rate: spec.rate * (1 - s) } : spec);
  const mutation = { female: fit(marker.mutation.female), male: fit(marker.mutation.male) };
  return makeMarkerModel({ name: marker.name, alleles: marker.alleles, frequencies: marker.frequencies, mutation, silentFrequency: s });
}
/** The silent marker's numbers with the option removed: every genotype, silent ones included, is then read literally. */
function literal(marker: MarkerModel): MarkerModel {
  const { silentFrequency: _ignored, ...rest } = marker;
  return rest;
}

/**
 * Brute force over true genotypes (theta 0): every person's genotype over the
 * observed alleles and S; a typed homozygote a/a allows a/a and a/S, a typed
 * heterozygote itself, a partial a/- any genotype with a.
 */
function bruteForce(father: number[], mother: number[], marker: MarkerModel, ev: readonly AlleleEvidence[]): number {
  const n = marker.alleles.length;
  const S = n - 1;
  const genotypes: [number, number][] = [];
  for (let b = 0; b < n; b++) for (let a = 0; a <= b; a++) genotypes.push([a, b]);
  const allowed = ev.map((e) =>
    genotypes.map(([a, b]) => {
      if (e === null) return true;
      if (e[1] < 0) return a === e[0] || b === e[0];
      if (e[0] === e[1]) return (a === e[0] && b === e[0]) || (a === e[0] && b === S);
      return (a === e[0] && b === e[1]) || (a === e[1] && b === e[0]);
    }),
  );
  const p = marker.frequencies;
  const t = (m: Float64Array | null, [a, b]: [number, number], x: number): number => (m === null ? ((a === x ? 1 : 0) + (b === x ? 1 : 0)) / 2 : ((m[a * n + x] as number) + (m[b * n + x] as number)) / 2);
  const P = father.length;
  const choice = new Array<number>(P).fill(0);
  let total = 0;
  const visit = (i: number, prob: number): void => {
    if (prob === 0) return;
    if (i === P) {
      total += prob;
      return;
    }
    genotypes.forEach((g, k) => {
      if (!(allowed[i] as boolean[])[k]) return;
      choice[i] = k;
      let q: number;
      const f = father[i] as number;
      if (f < 0) q = g[0] === g[1] ? (p[g[0]] as number) ** 2 : 2 * (p[g[0]] as number) * (p[g[1]] as number);
      else {
        const gf = genotypes[choice[f] as number] as [number, number];
        const gm = genotypes[choice[mother[i] as number] as number] as [number, number];
        q = t(marker.male, gf, g[0]) * t(marker.female, gm, g[1]) + (g[0] !== g[1] ? t(marker.male, gf, g[1]) * t(marker.female, gm, g[0]) : 0);
      }
      visit(i + 1, prob * q);
    });
  };
  visit(0, 1);
  return Math.log(total);
}

const silentFrequency = fc.oneof(fc.constant(0.3), fc.double({ min: 1e-4, max: 0.3, noNaN: true }));
const problem = (maxSize: number, maxAlleles: number) =>
  fc
    .tuple(smallPedigree(maxSize), smallMarker(maxAlleles, true), silentFrequency)
    .chain(([ped, marker, s]) => fc.record({ ped: fc.constant(ped), marker: fc.constant(withSilent(marker, s)), ev: evidence(ped.father.length, marker.alleles.length) }));

describe('silent allele: property tests on random pedigrees (loops, inbreeding, every mutation model)', () => {
  it('the engine equals brute-force enumeration over the true genotypes (theta 0)', () => {
    fc.assert(
      fc.property(problem(5, 3), ({ ped, marker, ev }) => {
        const brute = bruteForce(ped.father, ped.mother, marker, ev);
        const engine = lnLikelihood({ father: ped.father, mother: ped.mother, marker, evidence: ev, theta: 0 });
        expect(sameLn(engine, brute), `engine ${engine} vs brute ${brute}`).toBe(true);
      }),
      { numRuns: 120 },
    );
  });

  it('the engine equals the sum of the plain engine over every true genotype behind the apparent homozygotes (theta 0 and 0.03), and the reference engine agrees', () => {
    fc.assert(
      fc.property(problem(6, 4), fc.constantFrom(0, 0.03), ({ ped, marker, ev }, theta) => {
        const S = silentIndex(marker);
        const input = { father: ped.father, mother: ped.mother, marker, evidence: ev, theta };
        const engine = lnLikelihood(input);
        expect(sameLn(engine, lnLikelihoodReference(input))).toBe(true);
        // Expand each typed homozygote a/a into a/a and a/S, on the literal marker.
        const homozygotes = ev.flatMap((e, i) => (e !== null && e[1] >= 0 && e[0] === e[1] ? [i] : []));
        if (homozygotes.length > 4) return;
        const terms: number[] = [];
        for (let mask = 0; mask < 1 << homozygotes.length; mask++) {
          const explicit = ev.slice();
          homozygotes.forEach((i, k) => {
            const a = (ev[i] as readonly [number, number])[0];
            if (mask & (1 << k)) explicit[i] = [a, S];
          });
          terms.push(lnLikelihood({ ...input, marker: literal(marker), evidence: explicit }));
        }
        expect(sameLn(engine, logSumExp(terms)), `engine ${engine} vs expanded ${logSumExp(terms)}`).toBe(true);
      }),
      { numRuns: 120 },
    );
  });

  it('apparent genotype probabilities of a typed person, plus the untyped outcome S/S, sum to 1 (theta 0 and 0.05)', () => {
    fc.assert(
      fc.property(smallPedigree(5), smallMarker(3), silentFrequency, fc.nat(), fc.constantFrom(0, 0.05), (ped, plain, s, pick, theta) => {
        const marker = withSilent(plain, s);
        const S = silentIndex(marker);
        const q = pick % ped.father.length;
        const ev: AlleleEvidence[] = ped.father.map(() => null);
        const lns: number[] = [];
        for (let y = 0; y < S; y++) for (let x = 0; x <= y; x++) {
          ev[q] = [x, y];
          lns.push(lnLikelihood({ father: ped.father, mother: ped.mother, marker, evidence: ev, theta }));
        }
        // Nothing seen: the true genotype is S/S.
        ev[q] = [S, S];
        lns.push(lnLikelihood({ father: ped.father, mother: ped.mother, marker, evidence: ev, theta }));
        expect(Math.abs(Math.exp(logSumExp(lns)) - 1)).toBeLessThan(1e-9);
      }),
      { numRuns: 60 },
    );
  });

  it('the folded predictive distribution of an untyped person equals typing them with the apparent genotype', () => {
    fc.assert(
      fc.property(problem(6, 4), fc.nat(), fc.constantFrom(0, 0.02), ({ ped, marker, ev }, pick, theta) => {
        const S = silentIndex(marker);
        const q = pick % ped.father.length;
        const evq = ev.slice();
        evq[q] = null;
        const input = { father: ped.father, mother: ped.mother, marker, evidence: evq, theta };
        const apparent = apparentLnProbabilities(lnQueryLikelihoods(input, q), S);
        let g = 0;
        for (let y = 0; y < S; y++) for (let x = 0; x <= y; x++, g++) {
          const typed = evq.slice();
          typed[q] = [x, y];
          expect(sameLn(apparent[g] as number, lnLikelihood({ ...input, evidence: typed }))).toBe(true);
        }
      }),
      { numRuns: 80 },
    );
  });
});
