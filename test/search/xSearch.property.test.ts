/**
 * The trustworthy-numbers invariant (domain.md §5) with X-chromosomal loci: every
 * pair a search reports equals familyLR of that pair alone (kinshipLR with the X
 * markers, on the pair's own allele space) to 1e-10 in log10, with its per-type
 * split; and adding other children and families changes no pair's LR by a bit.
 * X genotypes are gene-dropped by the X rules in this file (a son one of his
 * mother's alleles, a daughter her father's one and one of her mother's); the X
 * frequencies are synthetic.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinTable } from '../../src/frequencies/builtin.js';
import { makeFrequencyTable } from '../../src/frequencies/FrequencyTable.js';
import type { MutationModelName } from '../../src/mutation/mutationMatrix.js';
import { makeGenotype, type Genotype } from '../../src/profile/genotype.js';
import type { Profile, Sex } from '../../src/profile/Profile.js';
import type { Person } from '../../src/pedigree/Pedigree.js';
import type { Family } from '../../src/search/Family.js';
import { familyLR } from '../../src/search/familyLR.js';
import { searchFamilies, type Match, type SearchOptions } from '../../src/search/searchFamilies.js';
import { makeRng, simulateFamily, randomProfile, type Rng } from '../arbitraries/search.js';

const AUTOSOMAL = ['TH01', 'TPOX', 'D13S317'];
const X = ['DXS10135', 'HPRTB'];
const builtin = builtinTable('nist1036-cauc');
const X_ALLELES = ['17', '18', '19', '20', '21'];
const X_FREQ = [0.1, 0.15, 0.2, 0.25, 0.3];
const table = makeFrequencyTable({
  name: 'x-synthetic',
  loci: [
    ...AUTOSOMAL.map((locus) => ({ locus, alleles: builtin.loci[locus]!.alleles, frequencies: builtin.loci[locus]!.frequencies })),
    ...X.map((locus) => ({ locus, alleles: X_ALLELES, frequencies: X_FREQ })),
  ],
});

function drawX(rng: Rng): string {
  let u = rng();
  for (let i = 0; i < X_ALLELES.length; i++) {
    u -= X_FREQ[i] as number;
    if (u < 0) return X_ALLELES[i] as string;
  }
  return X_ALLELES[X_ALLELES.length - 1] as string;
}

const SEXES: readonly Sex[] = ['male', 'female'];

/** Gives every person of unknown sex a sex (the missing person sometimes stays unknown) and gene-drops X genotypes (a male a/a). */
function withX(rng: Rng, family: Family, truth: Profile): { family: Family; truth: Profile } {
  const persons: Person[] = family.pedigree.persons.map((p) => (p.sex !== 'unknown' ? p : { ...p, sex: p.id === 'M' && rng() < 0.2 ? 'unknown' : (SEXES[rng() < 0.5 ? 0 : 1] as Sex) }));
  const byId = new Map(persons.map((p) => [p.id, p]));
  const xs = new Map<string, Record<string, [string, string]>>();
  const drop = (id: string): Record<string, [string, string]> => {
    const done = xs.get(id);
    if (done !== undefined) return done;
    const p = byId.get(id)!;
    const male = p.sex === 'male' || (p.sex === 'unknown' && rng() < 0.5);
    const fa = p.father !== null ? drop(p.father) : null;
    const mo = p.mother !== null ? drop(p.mother) : null;
    const g: Record<string, [string, string]> = {};
    for (const l of X) {
      const fromMother = mo !== null ? (mo[l] as [string, string])[rng() < 0.5 ? 0 : 1] : drawX(rng);
      const fromFather = fa !== null ? (fa[l] as [string, string])[0] : drawX(rng);
      g[l] = male ? [fromMother, fromMother] : [fromFather, fromMother];
    }
    xs.set(id, g);
    return g;
  };
  const addX = (p: Profile, id: string, sex: Sex): Profile => {
    const genotypes: Record<string, Genotype> = { ...p.genotypes };
    for (const [l, [a, b]] of Object.entries(drop(id))) if (rng() < 0.9) genotypes[l] = makeGenotype(a, b);
    return { ...p, sex, genotypes };
  };
  const references = Object.fromEntries(Object.entries(family.references).map(([id, p]) => [id, addX(p, id, byId.get(id)!.sex)]));
  const mSex = byId.get('M')!.sex;
  // The child's own sex: the missing person's, sometimes unknown.
  const childSex: Sex = mSex === 'unknown' ? (SEXES[rng() < 0.5 ? 0 : 1] as Sex) : rng() < 0.15 ? 'unknown' : mSex;
  return { family: { ...family, pedigree: { persons }, references }, truth: addX(truth, 'M', childSex) };
}

function unrelated(rng: Rng, sample: string): Profile {
  const p = randomProfile(rng, table, AUTOSOMAL, sample, 0.1);
  const sex: Sex = rng() < 0.2 ? 'unknown' : (SEXES[rng() < 0.5 ? 0 : 1] as Sex);
  const genotypes: Record<string, Genotype> = { ...p.genotypes };
  for (const l of X) {
    const a = drawX(rng);
    genotypes[l] = sex === 'male' ? makeGenotype(a, a) : makeGenotype(a, drawX(rng));
  }
  return { ...p, sex, genotypes };
}

function world(seed: number, prefix: string, nFamilies: number, nUnrelated: number): { families: Family[]; children: Profile[] } {
  const rng = makeRng(seed);
  const families: Family[] = [];
  const children: Profile[] = [];
  for (let i = 0; i < nFamilies; i++) {
    const sim = simulateFamily(rng, table, AUTOSOMAL, `${prefix}F${i}`, { dropout: 0.1 });
    const { family, truth } = withX(rng, sim.family, { ...sim.truth, sample: `${prefix}${sim.truth.sample}` });
    families.push(family);
    children.push(truth);
  }
  for (let i = 0; i < nUnrelated; i++) children.push(unrelated(rng, `${prefix}U${i}`));
  return { families, children };
}

const modelArb = fc.constantFrom<MutationModelName>('none', 'equal', 'stepwise');
const key = (m: Match): string => `${m.child}\u0000${m.family}\u0000${m.missing}`;

describe('X loci: a pair’s LR is the pair’s alone', () => {
  let compared = 0;
  let withX = 0;
  it('every pair a search reports equals familyLR of that pair with the X markers (1e-10 in log10); X + autosomal = total', () => {
    fc.assert(
      fc.property(fc.integer(), modelArb, fc.constantFrom(0, 0.02), (seed, mutation, theta) => {
        const { families, children } = world(seed, '', 4, 3);
        const options: SearchOptions = { frequencies: table, mutation, theta, minLoci: 1, topK: 10 };
        const result = searchFamilies(children, families, options);
        for (const m of result.matches) {
          const family = families.find((f) => f.id === m.family)!;
          const child = children.find((c) => c.sample === m.child)!;
          const alone = familyLR(child, family, m.missing, options);
          expect(m.lociCompared).toBe(alone.markers.length);
          expect(m.lociInconsistent).toBe(alone.inconsistentLoci);
          if (alone.total.log10LR === null) expect(m.log10LR).toBeNull();
          else {
            compared++;
            expect(Math.abs((m.log10LR as number) - alone.total.log10LR)).toBeLessThan(1e-10);
            const xAlone = alone.markers.filter((r) => X.includes(r.name)).reduce((s, r) => s + (r.log10LR ?? Number.NaN), 0);
            if (alone.markers.some((r) => X.includes(r.name))) withX++;
            expect(Math.abs((m.byType?.X as number) - xAlone)).toBeLessThan(1e-10);
            expect(Math.abs((m.byType?.autosomal as number) + (m.byType?.X as number) - (m.log10LR as number))).toBeLessThan(1e-10);
          }
        }
      }),
      { numRuns: 12 },
    );
    expect(compared).toBeGreaterThan(20); // the property was not vacuous
    expect(withX).toBeGreaterThan(10);
  }, 300_000);

  it('adding children and families changes no pair’s LR by a bit', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer(), modelArb, (seed, otherSeed, mutation) => {
        const mine = world(seed, '', 3, 2);
        const others = world(otherSeed, 'x', 2, 3);
        const options: SearchOptions = { frequencies: table, mutation, minLoci: 1, topK: 10 };
        const alone = searchFamilies(mine.children, mine.families, options);
        const crowded = searchFamilies([...others.children, ...mine.children], [...mine.families, ...others.families], options);
        const byPair = new Map(crowded.matches.map((m) => [key(m), m]));
        for (const m of alone.matches) {
          const same = byPair.get(key(m));
          expect(same, key(m)).toBeDefined();
          expect(Object.is(same?.lnLR, m.lnLR), `${key(m)}: ${m.lnLR} vs ${same?.lnLR}`).toBe(true);
          expect(same?.lociCompared).toBe(m.lociCompared);
          expect(same?.byType).toEqual(m.byType);
        }
      }),
      { numRuns: 6 },
    );
  }, 300_000);
});
