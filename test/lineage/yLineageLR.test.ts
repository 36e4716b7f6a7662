// The Y-STR LR along a paternal line (src/lineage/yLineageLR.ts): closed forms,
// multi-copy loci, off-ladder alleles, properties and simulated lineages.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeHaplotypeDatabase, matchProbability } from '../../src/lineage/haplotypeDatabase.js';
import { yLineageLR } from '../../src/lineage/yLineageLR.js';
import { BUILTIN_Y_MUTATION_RATES } from '../../src/lineage/yMutationRates.js';
import type { YHaplotype } from '../../src/profile/yHaplotype.js';
import { simulateYLineages } from '../../src/simulate/simulateYLineages.js';

const hap = (loci: Record<string, string[]>): YHaplotype => ({ loci, flags: [] });
const A = { DYS19: ['14'], DYS390: ['24'], DYS385: ['13', '16'] };
const db = makeHaplotypeDatabase('test', ['DYS19', 'DYS390', 'DYS385'], [
  { alleles: A, count: 4 },
  { alleles: { DYS19: ['15'], DYS390: ['23'], DYS385: ['11', '14'] }, count: 5 },
  { alleles: { DYS19: ['14'], DYS390: ['23'], DYS385: ['13', '14'] }, count: 1 },
]);
const zero = { rates: { DYS19: 0, DYS390: 0, DYS385: 0 } };

describe('yLineageLR closed forms', () => {
  it('one meiosis, exact match, no mutation: LR = 1/p with p = (x+1)/(N+1)', () => {
    const r = yLineageLR(hap(A), [{ id: 'F', haplotype: hap(A), meioses: 1 }], { database: db, mutation: zero });
    expect(r.total.LR).toBeCloseTo(11 / 5, 12);
    expect(r.match.probability).toBeCloseTo(5 / 11, 15);
    expect(r.lociCompared).toBe(3);
  });

  it('exact match over m meioses with rates: LR = Π P_m(0) / p; a one-step difference gives (mu/2)(...) / p', () => {
    const mu = { DYS19: 0.002, DYS390: 0.004, DYS385: 0.006 };
    const r1 = yLineageLR(hap(A), [{ id: 'F', haplotype: hap(A), meioses: 1 }], { database: db, mutation: { rates: mu } });
    // DYS385: two copies at 0.003 each; the crossed pairing (13->16, 16->13) is impossible in one meiosis.
    expect(r1.total.LR).toBeCloseTo((0.998 * 0.996 * 0.997 ** 2) / (5 / 11), 12);
    const child = hap({ ...A, DYS19: ['15'] });
    const r2 = yLineageLR(child, [{ id: 'F', haplotype: hap(A), meioses: 1 }], { database: db, mutation: { rates: mu } });
    // The child's haplotype is not in the database: p = 1/11.
    expect(r2.total.LR).toBeCloseTo((0.001 * 0.996 * 0.997 ** 2) / (1 / 11), 12);
    expect(r2.lociDiffering).toBe(1);
  });

  it('multi-copy loci sum over the pairings of the copies', () => {
    const child = hap({ DYS385: ['13', '14'] });
    const r = yLineageLR(child, [{ id: 'F', haplotype: hap({ DYS385: ['13', '14'] }), meioses: 1 }], { database: db, mutation: { rates: { DYS385: 0.01 } } });
    const c = 0.005; // per copy
    const lnP = r.loci.find((l) => l.name === 'DYS385')?.lnP ?? Number.NaN;
    expect(Math.exp(lnP)).toBeCloseTo((1 - c) ** 2 + (c / 2) ** 2, 15);
  });

  it('off-ladder alleles and unequal copy numbers are not compared; a microvariant-group change is excluded', () => {
    const ref = hap({ DYS19: ['14'], DYS390: ['24'], DYS385: ['13', '16'] });
    const child = hap({ DYS19: ['OL'], DYS390: ['24'], DYS385: ['13', '16', '17'] });
    const r = yLineageLR(child, [{ id: 'F', haplotype: ref, meioses: 1 }], { database: db, mutation: zero });
    expect(r.loci.map((l) => [l.name, l.status, l.reason])).toEqual([
      ['DYS19', 'not-compared', 'off-ladder'],
      ['DYS390', 'ok', undefined],
      ['DYS385', 'not-compared', 'copy-count'],
    ]);
    // Denominator at DYS390 only: 24 is carried by 4 of 10 men.
    expect(r.total.LR).toBeCloseTo(11 / 5, 12);
    const micro = yLineageLR(hap({ DYS390: ['24.2'] }), [{ id: 'F', haplotype: ref, meioses: 2 }], { database: db, mutation: { rates: { DYS390: 0.01 } } });
    expect(micro.total.status).toBe('excluded');
    expect(micro.total.LR).toBe(0);
  });

  it('names the closest reference (the first listed among equals) and compares every reference on the tree', () => {
    const far = { id: 'U', haplotype: hap(A), meioses: 3 };
    const near = { id: 'B', haplotype: hap({ ...A, DYS19: ['15'] }), meioses: 2 };
    // C and his brother B are sons of the untyped F; U is F's brother.
    const tree = { person: 'C', nodes: [{ id: 'G', father: null }, { id: 'F', father: 'G' }, { id: 'U', father: 'G' }, { id: 'C', father: 'F' }, { id: 'B', father: 'F' }] };
    const r = yLineageLR(hap(A), [far, near], { database: db, tree, mutation: { rates: { DYS19: 0.002, DYS390: 0.002, DYS385: 0.002 } } });
    expect([r.reference, r.meioses]).toEqual(['B', 2]);
    expect(r.provenance.references).toEqual([{ id: 'U', meioses: 3 }, { id: 'B', meioses: 2 }]);
    expect(r.provenance.tree).toBe(tree);
    expect(r.loci.find((l) => l.name === 'DYS19')?.references).toEqual([{ id: 'U', alleles: '14', used: true }, { id: 'B', alleles: '15', used: true }]);
    // Both references count: the LR differs from the closest reference's alone.
    const alone = yLineageLR(hap(A), [near], { database: db, mutation: { rates: { DYS19: 0.002, DYS390: 0.002, DYS385: 0.002 } } });
    expect(r.lnNumerator).toBeGreaterThan(alone.lnNumerator + 1);
  });

  it('uses the built-in rates, and refuses a locus without a rate unless a default is given', () => {
    const r = yLineageLR(hap({ DYS19: ['14'], DYS390: ['24'] }), [{ id: 'F', haplotype: hap({ DYS19: ['14'], DYS390: ['24'] }), meioses: 1 }], { database: db });
    expect(r.provenance.rates.map((x) => [x.locus, x.rate, x.source])).toEqual([['DYS19', BUILTIN_Y_MUTATION_RATES['DYS19'], 'builtin'], ['DYS390', BUILTIN_Y_MUTATION_RATES['DYS390'], 'builtin']]);
    expect(() => yLineageLR(hap(A), [{ id: 'F', haplotype: hap(A), meioses: 1 }], { database: db })).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ code: 'y-no-mutation-rate' })] }));
    expect(yLineageLR(hap(A), [{ id: 'F', haplotype: hap(A), meioses: 1 }], { database: db, mutation: { defaultRate: 0.002 } }).provenance.rates.at(-1)).toEqual({ locus: 'DYS385', rate: 0.002, source: 'default' });
  });

  it('no reference or no shared locus', () => {
    expect(() => yLineageLR(hap(A), [], { database: db })).toThrow(/at least one typed paternal-line reference/);
    const r = yLineageLR(hap({ DYS19: ['14'] }), [{ id: 'F', haplotype: hap({ DYS390: ['24'] }), meioses: 1 }], { database: db, mutation: zero });
    expect(r.total).toEqual({ lnLR: 0, log10LR: 0, LR: 1, status: 'untyped' });
  });
});

describe('yLineageLR properties', () => {
  const alleles = fc.integer({ min: 10, max: 17 }).map(String);
  const haplotype = fc.record({ DYS19: alleles, DYS390: alleles, DYS385: fc.tuple(alleles, alleles) }).map((h) => hap({ DYS19: [h.DYS19], DYS390: [h.DYS390], DYS385: [...h.DYS385].sort((a, b) => Number(a) - Number(b)) }));
  const rates = { rates: { DYS19: 0.01, DYS390: 0.02, DYS385: 0.05 } };

  // P(x's copies | y's) counts the orderings of x's unordered copies: the joint law of the two men,
  // numerator / orderings(x), is symmetric (one ordering when both copies carry one allele, two otherwise).
  const orderings = (h: YHaplotype): number => (new Set(h.loci['DYS385']).size === 2 ? 2 : 1);
  it('the numerator is symmetric in the two men (per ordering of the copies); no NaN; LR = numerator / match probability', () => {
    fc.assert(
      fc.property(haplotype, haplotype, fc.integer({ min: 0, max: 8 }), (x, y, m) => {
        const xy = yLineageLR(x, [{ id: 'R', haplotype: y, meioses: m }], { database: db, mutation: rates });
        const yx = yLineageLR(y, [{ id: 'C', haplotype: x, meioses: m }], { database: db, mutation: rates });
        expect(Number.isNaN(xy.total.lnLR) || Number.isNaN(xy.lnNumerator)).toBe(false);
        if (xy.lnNumerator === -Infinity) expect(yx.lnNumerator).toBe(-Infinity);
        else expect(xy.lnNumerator - Math.log(orderings(x))).toBeCloseTo(yx.lnNumerator - Math.log(orderings(y)), 12);
        if (xy.total.status === 'ok') expect(xy.total.lnLR).toBeCloseTo(xy.lnNumerator - Math.log(matchProbability(x, db).probability), 12);
      }),
    );
  });

  it('does not depend on the ids or on the order of the references', () => {
    // R is C's brother (2 meioses), S his paternal cousin (4).
    const tree = (c: string, r: string, s: string) => ({ person: c, nodes: [{ id: 'g', father: null }, { id: 'f', father: 'g' }, { id: 'u', father: 'g' }, { id: c, father: 'f' }, { id: r, father: 'f' }, { id: s, father: 'u' }] });
    fc.assert(
      fc.property(haplotype, haplotype, haplotype, (x, y, z) => {
        const a = yLineageLR(x, [{ id: 'R', haplotype: y, meioses: 2 }, { id: 'S', haplotype: z, meioses: 4 }], { database: db, mutation: rates, tree: tree('C', 'R', 'S') });
        const b = yLineageLR(x, [{ id: 'other', haplotype: z, meioses: 4 }, { id: 'name', haplotype: y, meioses: 2 }], { database: db, mutation: rates, tree: tree('me', 'name', 'other') });
        expect(b.total.status).toBe(a.total.status);
        expect(b.total.lnLR).toBeCloseTo(a.total.lnLR, 12);
      }),
    );
  });
});

describe('yLineageLR on simulated Fisher-Wright lineages (seeded)', () => {
  const loci = ['DYS19', 'DYS389I', 'DYS390', 'DYS391', 'DYS392', 'DYS393', 'DYS437', 'DYS438', 'DYS439', 'DYS448', 'DYS456', 'DYS458'];
  const founder: Record<string, number> = { DYS19: 14, DYS389I: 13, DYS390: 24, DYS391: 10, DYS392: 13, DYS393: 13, DYS437: 15, DYS438: 12, DYS439: 12, DYS448: 19, DYS456: 16, DYS458: 17 };
  const settings = (meioses: number, seed: number) => ({
    loci: loci.map((name) => ({ name, founder: [founder[name] as number], rate: BUILTIN_Y_MUTATION_RATES[name] as number })),
    populationSize: 400,
    generations: 400,
    databaseSize: 300,
    pairs: { count: 40, meioses },
    seed,
  });

  it('is deterministic for a seed', () => {
    expect(simulateYLineages(settings(1, 3))).toEqual(simulateYLineages(settings(1, 3)));
  });

  it.each([1, 2, 4])('related pairs %i meioses apart get LR > 1 on average, unrelated men less; no NaN', (m) => {
    const sim = simulateYLineages(settings(m, 11 + m));
    const lr = (child: YHaplotype, reference: YHaplotype): number => yLineageLR(child, [{ id: 'R', haplotype: reference, meioses: m }], { database: sim.database }).total.LR;
    const related = sim.pairs.map((p) => lr(p.child, p.reference));
    const unrelated = sim.pairs.map((p, i) => lr(sim.unrelated[i] as YHaplotype, p.reference));
    for (const x of [...related, ...unrelated]) expect(Number.isNaN(x)).toBe(false);
    const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean(related)).toBeGreaterThan(1);
    expect(related.filter((x) => x > 1).length).toBeGreaterThan(related.length / 2);
    expect(mean(unrelated)).toBeLessThan(mean(related));
  });
});
