/**
 * Families and children with X-chromosomal loci for search and index tests: the
 * autosomal part simulated as in ./search.ts, X genotypes gene-dropped by the X
 * rules (a son one of his mother's alleles, a daughter her father's one and one of
 * her mother's; a male a/a); sexes drawn, the missing person's and the child's
 * sometimes unknown. The X frequencies are synthetic.
 */
import { builtinTable } from '../../src/frequencies/builtin.js';
import { makeFrequencyTable } from '../../src/frequencies/FrequencyTable.js';
import { makeGenotype, type Genotype } from '../../src/profile/genotype.js';
import type { Profile, Sex } from '../../src/profile/Profile.js';
import type { Person } from '../../src/pedigree/Pedigree.js';
import type { Family } from '../../src/search/Family.js';
import { makeRng, simulateFamily, randomProfile, type Rng } from './search.js';

export const AUTOSOMAL = ['TH01', 'TPOX', 'D13S317'];
export const X = ['DXS10135', 'HPRTB'];
const builtin = builtinTable('nist1036-cauc');
const X_ALLELES = ['17', '18', '19', '20', '21'];
const X_FREQ = [0.1, 0.15, 0.2, 0.25, 0.3];
export const table = makeFrequencyTable({
  name: 'x-synthetic',
  loci: [
    ...AUTOSOMAL.map((locus) => ({ locus, alleles: builtin.loci[locus]!.alleles, frequencies: builtin.loci[locus]!.frequencies })),
    ...X.map((locus) => ({ locus, alleles: X_ALLELES, frequencies: X_FREQ })),
  ],
});

/**
 * X loci with linkage: two of Argus X-12 group I, three of group III, and DXS7133
 * (in no group), with frequencies that differ per locus (so that heterozygosity
 * chooses a locus per group); the world is dropped unlinked (the search's results
 * are compared with familyLR, not with the truth).
 */
export const X_LINKED = ['DXS10135', 'DXS8378', 'HPRTB', 'DXS10101', 'DXS10103', 'DXS7133'];
const LINKED_FREQ: Readonly<Record<string, readonly number[]>> = {
  DXS10135: X_FREQ,
  DXS8378: [0.2, 0.2, 0.2, 0.2, 0.2],
  HPRTB: [0.5, 0.2, 0.1, 0.1, 0.1],
  DXS10101: [0.1, 0.15, 0.2, 0.25, 0.3],
  DXS10103: [0.3, 0.25, 0.2, 0.15, 0.1],
  DXS7133: [0.4, 0.3, 0.1, 0.1, 0.1],
};
export const linkedTable = makeFrequencyTable({
  name: 'x-synthetic-linked',
  loci: [
    ...AUTOSOMAL.map((locus) => ({ locus, alleles: builtin.loci[locus]!.alleles, frequencies: builtin.loci[locus]!.frequencies })),
    ...X_LINKED.map((locus) => ({ locus, alleles: X_ALLELES, frequencies: [...(LINKED_FREQ[locus] as readonly number[])] })),
  ],
});

function drawX(rng: Rng, freq: readonly number[] = X_FREQ): string {
  let u = rng();
  for (let i = 0; i < X_ALLELES.length; i++) {
    u -= freq[i] as number;
    if (u < 0) return X_ALLELES[i] as string;
  }
  return X_ALLELES[X_ALLELES.length - 1] as string;
}
const freqOf = (l: string): readonly number[] => LINKED_FREQ[l] ?? X_FREQ;

const SEXES: readonly Sex[] = ['male', 'female'];

/** Gives every person of unknown sex a sex (the missing person sometimes stays unknown) and gene-drops X genotypes (a male a/a). */
function withX(rng: Rng, family: Family, truth: Profile, xLoci: readonly string[]): { family: Family; truth: Profile } {
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
    for (const l of xLoci) {
      const fromMother = mo !== null ? (mo[l] as [string, string])[rng() < 0.5 ? 0 : 1] : drawX(rng, freqOf(l));
      const fromFather = fa !== null ? (fa[l] as [string, string])[0] : drawX(rng, freqOf(l));
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

function unrelated(rng: Rng, sample: string, xLoci: readonly string[]): Profile {
  const p = randomProfile(rng, table, AUTOSOMAL, sample, 0.1);
  const sex: Sex = rng() < 0.2 ? 'unknown' : (SEXES[rng() < 0.5 ? 0 : 1] as Sex);
  const genotypes: Record<string, Genotype> = { ...p.genotypes };
  for (const l of xLoci) {
    const a = drawX(rng, freqOf(l));
    genotypes[l] = sex === 'male' ? makeGenotype(a, a) : makeGenotype(a, drawX(rng, freqOf(l)));
  }
  return { ...p, sex, genotypes };
}

/** Families (with their true missing persons as children) and unrelated children; `xLoci` default {@link X} (use {@link X_LINKED} with {@link linkedTable}). */
export function world(seed: number, prefix: string, nFamilies: number, nUnrelated: number, xLoci: readonly string[] = X): { families: Family[]; children: Profile[] } {
  const rng = makeRng(seed);
  const families: Family[] = [];
  const children: Profile[] = [];
  for (let i = 0; i < nFamilies; i++) {
    const sim = simulateFamily(rng, table, AUTOSOMAL, `${prefix}F${i}`, { dropout: 0.1 });
    const { family, truth } = withX(rng, sim.family, { ...sim.truth, sample: `${prefix}${sim.truth.sample}` }, xLoci);
    families.push(family);
    children.push(truth);
  }
  for (let i = 0; i < nUnrelated; i++) children.push(unrelated(rng, `${prefix}U${i}`, xLoci));
  return { families, children };
}
