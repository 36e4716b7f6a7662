/**
 * Seeded generators of synthetic search data: families with typed references
 * and the true missing person's profile (gene dropping without mutation), and
 * unrelated children, all drawn from a frequency table.
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { FrequencyTable } from '../../src/frequencies/FrequencyTable.js';
import type { Person } from '../../src/pedigree/Pedigree.js';
import { makeGenotype, type Genotype } from '../../src/profile/genotype.js';
import type { Profile, Sex } from '../../src/profile/Profile.js';
import type { Family } from '../../src/search/Family.js';

/** A seeded source of uniform numbers in [0, 1). */
export type Rng = () => number;

/** A seeded generator (pure-rand xoroshiro128+). */
export function makeRng(seed: number): Rng {
  const g = xoroshiro128plus(seed);
  return () => uniformFloat64(g);
}

/** An allele of `locus` drawn from the table's frequencies. */
export function drawAllele(rng: Rng, table: FrequencyTable, locus: string): string {
  const entry = table.loci[locus];
  if (entry === undefined) throw new Error(`no locus ${locus}`);
  let u = rng() * entry.frequencies.reduce((s, f) => s + f, 0);
  for (let i = 0; i < entry.alleles.length; i++) {
    u -= entry.frequencies[i] as number;
    if (u < 0) return entry.alleles[i] as string;
  }
  return entry.alleles[entry.alleles.length - 1] as string;
}

type Genome = Record<string, readonly [string, string]>;

function founder(rng: Rng, table: FrequencyTable, loci: readonly string[]): Genome {
  return Object.fromEntries(loci.map((l) => [l, [drawAllele(rng, table, l), drawAllele(rng, table, l)] as const]));
}

function child(rng: Rng, father: Genome, mother: Genome): Genome {
  return Object.fromEntries(Object.keys(father).map((l) => [l, [(father[l] as readonly [string, string])[rng() < 0.5 ? 0 : 1], (mother[l] as readonly [string, string])[rng() < 0.5 ? 0 : 1]] as const]));
}

/** A profile from a genome, with each locus untyped with probability `dropout`. */
export function toProfile(rng: Rng, sample: string, genome: Genome, dropout = 0, sex: Sex = 'unknown'): Profile {
  const genotypes: Record<string, Genotype> = {};
  for (const [l, [a, b]] of Object.entries(genome)) if (!(rng() < dropout)) genotypes[l] = makeGenotype(a, b);
  return { sample, sex, genotypes, skipped: [] };
}

/** An unrelated person's profile. */
export function randomProfile(rng: Rng, table: FrequencyTable, loci: readonly string[], sample: string, dropout = 0): Profile {
  return toProfile(rng, sample, founder(rng, table, loci), dropout);
}

/** A synthetic family and the true profile of its missing person. */
export interface SimulatedFamily {
  readonly family: Family;
  /** The missing person's profile (sample id `truth:<family id>`). */
  readonly truth: Profile;
}

/**
 * A family of 3-10 people around missing person `M`: parents `F`, `Mo`, full
 * siblings `S1..`, paternal grandparents `GF`, `GM`, a paternal uncle `U`; a
 * random non-empty subset of them typed (`typed` = how many, default 1-4).
 */
export function simulateFamily(rng: Rng, table: FrequencyTable, loci: readonly string[], id: string, options: { readonly typed?: number; readonly dropout?: number } = {}): SimulatedFamily {
  const siblings = Math.floor(rng() * 3);
  const withGrandparents = rng() < 0.5;
  const gf = founder(rng, table, loci);
  const gm = founder(rng, table, loci);
  const f = withGrandparents ? child(rng, gf, gm) : founder(rng, table, loci);
  const u = child(rng, gf, gm);
  const mo = founder(rng, table, loci);
  const m = child(rng, f, mo);
  const persons: Person[] = [
    { id: 'F', sex: 'male', father: withGrandparents ? 'GF' : null, mother: withGrandparents ? 'GM' : null },
    { id: 'Mo', sex: 'female', father: null, mother: null },
    { id: 'M', sex: 'unknown', father: 'F', mother: 'Mo' },
  ];
  const genomes: Record<string, Genome> = { F: f, Mo: mo };
  for (let s = 1; s <= siblings; s++) {
    persons.push({ id: `S${s}`, sex: 'unknown', father: 'F', mother: 'Mo' });
    genomes[`S${s}`] = child(rng, f, mo);
  }
  if (withGrandparents) {
    persons.push({ id: 'GF', sex: 'male', father: null, mother: null }, { id: 'GM', sex: 'female', father: null, mother: null }, { id: 'U', sex: 'male', father: 'GF', mother: 'GM' });
    Object.assign(genomes, { GF: gf, GM: gm, U: u });
  }
  const candidates = Object.keys(genomes);
  const want = Math.min(candidates.length, options.typed ?? 1 + Math.floor(rng() * 4));
  const chosen: string[] = [];
  while (chosen.length < want) {
    const pick = candidates[Math.floor(rng() * candidates.length)] as string;
    if (!chosen.includes(pick)) chosen.push(pick);
  }
  const references: Record<string, Profile> = {};
  for (const p of chosen) references[p] = toProfile(rng, `${id}:${p}`, genomes[p] as Genome, options.dropout ?? 0);
  return { family: { id, pedigree: { persons }, missing: ['M'], references }, truth: toProfile(rng, `truth:${id}`, m) };
}
