/**
 * Silent alleles in the search (docs/statistics.md, "Silent alleles"): a
 * family table's a/a entry is the LR of an apparent a/a (true a/a or
 * a/silent), references' apparent homozygotes may carry the silent allele,
 * every pair the search reports equals familyLR of that pair with the same
 * silent frequencies, other records change no pair's LR, and silent frequency
 * 0 gives results bit-identical to no option.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinTable } from '../../src/frequencies/builtin.js';
import { makeFrequencyTable } from '../../src/frequencies/FrequencyTable.js';
import type { MutationModelName } from '../../src/mutation/mutationMatrix.js';
import { makeGenotype, type Genotype } from '../../src/profile/genotype.js';
import type { Profile } from '../../src/profile/Profile.js';
import type { Family } from '../../src/search/Family.js';
import { familyLR } from '../../src/search/familyLR.js';
import { searchFamilies, type Match, type SearchOptions } from '../../src/search/searchFamilies.js';
import { makeRng, randomProfile, simulateFamily, type Rng } from '../arbitraries/search.js';

const LOCI = ['TH01', 'TPOX', 'D13S317', 'D16S539', 'D5S818', 'CSF1PO'];
const table = builtinTable('nist1036-cauc');

/** Shows some heterozygotes as homozygotes (as a silent allele would) and gives some alleles the table lacks. */
function blur(rng: Rng, p: Profile, rate: number): Profile {
  const genotypes: Record<string, Genotype> = {};
  for (const [l, g] of Object.entries(p.genotypes)) {
    if (g[1] === null || !(rng() < rate)) genotypes[l] = g;
    else if (rng() < 0.2) genotypes[l] = makeGenotype(g[0], '30');
    else genotypes[l] = makeGenotype(g[0], g[0]);
  }
  return { ...p, genotypes };
}

interface World {
  readonly families: Family[];
  readonly children: Profile[];
}

function world(seed: number, prefix: string, nFamilies: number, nUnrelated: number, small: boolean): World {
  const rng = makeRng(seed);
  const families: Family[] = [];
  const children: Profile[] = [];
  for (let i = 0; i < nFamilies; i++) {
    let sim = simulateFamily(rng, table, LOCI, `${prefix}F${i}`, { dropout: 0.1, typed: 1 + Math.floor(rng() * (small ? 2 : 3)) });
    if (small) for (let k = 0; k < 40 && sim.family.pedigree.persons.length > 4; k++) sim = simulateFamily(rng, table, LOCI, `${prefix}F${i}`, { dropout: 0.1, typed: 1 + Math.floor(rng() * 2) });
    const references = Object.fromEntries(Object.entries(sim.family.references).map(([id, p]) => [id, blur(rng, p, 0.2)]));
    families.push({ ...sim.family, references });
    children.push(blur(rng, { ...sim.truth, sample: `${prefix}${sim.truth.sample}` }, 0.2));
  }
  for (let i = 0; i < nUnrelated; i++) children.push(blur(rng, randomProfile(rng, table, LOCI, `${prefix}U${i}`, 0.1), 0.2));
  return { families, children };
}

const modelArb = fc.constantFrom<MutationModelName>('none', 'equal', 'proportional', 'stepwise', 'onestep');
/** A number for every locus, or a per-locus record (some loci without, one spelled differently). */
const silentArb = fc.oneof(
  fc.double({ min: 0.001, max: 0.2, noNaN: true }),
  fc.tuple(fc.double({ min: 0.001, max: 0.2, noNaN: true }), fc.double({ min: 0.001, max: 0.2, noNaN: true })).map(([a, b]) => ({ THO1: a, D5S818: b, TPOX: 0 })),
);
const key = (m: Match): string => `${m.child}\u0000${m.family}\u0000${m.missing}`;

describe('silent alleles in the search', () => {
  let compared = 0;
  it('every pair a search reports equals familyLR of that pair with the same silent frequencies (1e-10 in log10)', () => {
    fc.assert(
      fc.property(fc.integer(), modelArb, fc.constantFrom(0, 0.02), silentArb, (seed, mutation, theta, silentFrequency) => {
        const { families, children } = world(seed, '', 3, 2, theta > 0);
        const options: SearchOptions = { frequencies: table, mutation, theta, minLoci: 1, topK: 10, silentFrequency };
        const result = searchFamilies(children, families, options);
        for (const m of result.matches) {
          if (m.log10LR !== null) compared++;
          const family = families.find((f) => f.id === m.family)!;
          const child = children.find((c) => c.sample === m.child)!;
          const alone = familyLR(child, family, m.missing, options);
          // A per-locus record names TH01 and D5S818 only: the pair's provenance lists them when it compares one.
          if (typeof silentFrequency === 'number' || alone.markers.some((x) => x.name === 'TH01' || x.name === 'D5S818')) expect(alone.provenance.silentFrequencies?.length ?? 0).toBeGreaterThan(0);
          expect(m.lociCompared).toBe(alone.markers.length);
          expect(m.lociInconsistent).toBe(alone.inconsistentLoci);
          if (alone.total.log10LR === null) expect(m.log10LR).toBeNull();
          else expect(Math.abs((m.log10LR as number) - alone.total.log10LR)).toBeLessThan(1e-10);
        }
      }),
      { numRuns: 6 },
    );
    expect(compared).toBeGreaterThan(20); // the property was not vacuous
  }, 300_000);

  it('adding children and families changes no pair’s LR by a bit (silent alleles on)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer(), modelArb, silentArb, (seed, otherSeed, mutation, silentFrequency) => {
        const mine = world(seed, '', 3, 2, false);
        const others = world(otherSeed, 'x', 2, 3, false);
        const options: SearchOptions = { frequencies: table, mutation, minLoci: 1, topK: 10, silentFrequency };
        const alone = searchFamilies(mine.children, mine.families, options);
        const crowded = searchFamilies([...others.children, ...mine.children], [...mine.families, ...others.families], options);
        const byPair = new Map(crowded.matches.map((m) => [key(m), m]));
        for (const m of alone.matches) {
          const same = byPair.get(key(m));
          expect(same, key(m)).toBeDefined();
          expect(Object.is(same?.lnLR, m.lnLR), `${key(m)}: ${m.lnLR} vs ${same?.lnLR}`).toBe(true);
          expect(same?.lociInconsistent).toBe(m.lociInconsistent);
        }
      }),
      { numRuns: 5 },
    );
  }, 300_000);

  it('silent frequency 0 (a number or a record of zeros) gives results bit-identical to no option', () => {
    fc.assert(
      fc.property(fc.integer(), modelArb, fc.constantFrom(0, 0.02), fc.constantFrom<number | Record<string, number>>(0, { TH01: 0, FGA: 0 }), (seed, mutation, theta, silentFrequency) => {
        const { families, children } = world(seed, '', 3, 2, theta > 0);
        const options: SearchOptions = { frequencies: table, mutation, theta, minLoci: 1, topK: 10 };
        const plain = searchFamilies(children, families, options);
        const zero = searchFamilies(children, families, { ...options, silentFrequency });
        expect(zero).toStrictEqual(plain);
      }),
      { numRuns: 6 },
    );
  }, 300_000);
});

describe('silent alleles in the search: closed forms', () => {
  const t = makeFrequencyTable({ name: 'doc', loci: { TH01: { '6': 0.1, '7': 0.2, '8': 0.7 } } });
  const s = 0.05;
  const pa = 0.1 * (1 - s);
  const pb = 0.2 * (1 - s);
  const father = (a: string, b: string): Profile => ({ sample: 'AF', sex: 'male', genotypes: { TH01: makeGenotype(a, b) }, skipped: [] });
  const family = (af: Profile): Family => ({
    id: 'F',
    pedigree: { persons: [{ id: 'AF', sex: 'male', father: null, mother: null }, { id: 'MO', sex: 'female', father: null, mother: null }, { id: 'C', sex: 'unknown', father: 'AF', mother: 'MO' }] },
    missing: ['C'],
    references: { AF: af },
  });
  const child = (a: string, b: string): Profile => ({ sample: 'child', sex: 'unknown', genotypes: { TH01: makeGenotype(a, b) }, skipped: [] });
  const options: SearchOptions = { frequencies: t, mutation: 'none', minLoci: 1, silentFrequency: s };

  it('father 6/6, child 6/6: PI = (pa² + 3·pa·s + s²) / (pa·(pa + 2s)²)', () => {
    const m = searchFamilies([child('6', '6')], [family(father('6', '6'))], options).matches[0];
    expect(m?.LR).toBeCloseTo((pa * pa + 3 * pa * s + s * s) / (pa * (pa + 2 * s) ** 2), 12);
  });

  it('father 6/6, child 7/7: not an exclusion (both may carry the silent allele), LR = s / ((pa + 2s)(pb + 2s))', () => {
    const m = searchFamilies([child('7', '7')], [family(father('6', '6'))], { ...options, threshold: 1e-9 }).matches[0];
    expect(m?.LR).toBeCloseTo(s / ((pa + 2 * s) * (pb + 2 * s)), 12);
    expect(m?.lociInconsistent).toBe(0);
    // Without the silent allele it is an exclusion, counted as inconsistent.
    const plain = searchFamilies([child('7', '7')], [family(father('6', '6'))], { ...options, silentFrequency: 0, threshold: 1e-9 }).matches[0];
    expect(plain?.lociInconsistent ?? 1).toBe(1);
  });

  it('rejects a bad silent frequency and a locus the table lacks', () => {
    expect(() => searchFamilies([], [family(father('6', '6'))], { ...options, silentFrequency: 1 })).toThrow(/Silent allele frequency must be a number in \[0, 1\)/);
    expect(() => searchFamilies([], [family(father('6', '6'))], { ...options, silentFrequency: { FGA: 0.01 } })).toThrow(/Silent allele frequency given for a locus frequency table doc lacks/);
  });
});
