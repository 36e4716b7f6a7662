/**
 * Lineage markers for synthetic searches (`simulateSearchScenario`'s `xLoci`
 * and `yLoci`): seeded synthetic X-STR frequencies, a seeded synthetic Y-STR
 * population with its haplotype database, and the X genotypes and Y haplotypes
 * of a simulated family. No real X or Y data ship with strkin
 * (docs/lineage.md), so every figure made with these is on synthetic data.
 */
import { ValidationError } from '../errors/StrkinError.js';
import { makeFrequencyTable, type FrequencyTable, type LocusInput } from '../frequencies/FrequencyTable.js';
import { makeHaplotypeDatabase, type HaplotypeCount, type HaplotypeDatabase } from '../lineage/haplotypeDatabase.js';
import { BUILTIN_Y_MUTATION_RATES } from '../lineage/yMutationRates.js';
import type { MarkerModel } from '../likelihood/MarkerModel.js';
import type { Genotype } from '../profile/genotype.js';
import { ARGUS_X12_LINKAGE_GROUPS } from '../profile/xLoci.js';
import type { YHaplotype } from '../profile/yHaplotype.js';
import { dropMarkerX } from './dropGenesX.js';
import { writeShown, type DropPlan } from './dropGenes.js';
import { makeRandom, seedIssue, type Random } from './random.js';
import { cumulative, searchCdf } from './sampling.js';

/**
 * Number of alleles of each Argus X-12 locus in {@link syntheticXTable}: strkin's
 * choice, of the order of the kit's allelic ladders (6 to 20 alleles), not
 * taken from a population study.
 */
export const SYNTHETIC_X_ALLELES: Readonly<Record<string, number>> = Object.freeze({
  DXS10148: 12, DXS10135: 20, DXS8378: 6, DXS7132: 8, DXS10079: 9, DXS10074: 10,
  DXS10103: 7, HPRTB: 8, DXS10101: 14, DXS10146: 13, DXS10134: 14, DXS7423: 6,
});

/**
 * The Y-STR loci of the Yfiler Plus kit that have a built-in mutation rate
 * ({@link BUILTIN_Y_MUTATION_RATES}): its 23 single-copy loci (the kit's two
 * multi-copy loci DYS385 and DYF387S1 have no published rate there).
 */
export const YFILER_PLUS_SINGLE_COPY: readonly string[] = Object.freeze(Object.keys(BUILTIN_Y_MUTATION_RATES));

/**
 * A frequency table made of `table`'s loci plus seeded synthetic frequencies for
 * the twelve Argus X-12 loci: at each locus k alleles (`SYNTHETIC_X_ALLELES`),
 * integer repeat labels from a seeded start in 7..12, frequencies drawn from a
 * flat Dirichlet (normalised exponential draws) and floored at 0.005 before
 * normalising, which gives heterozygosities of about 1 − 2/(k + 1) (0.71 to
 * 0.90), the range reported for these loci. The table's name gains
 * `+synthetic-x-<seed>`; its checksum covers the added loci.
 *
 * Cost: O(loci × alleles).
 *
 * @throws `ValidationError` `bad-seed`.
 * @example
 * ```ts
 * const t = syntheticXTable(builtinTable(), 1);
 * Object.keys(t.loci).includes('DXS10135'); // => true
 * t.name; // => 'nist1036-cauc+synthetic-x-1'
 * ```
 */
export function syntheticXTable(table: FrequencyTable, seed: number): FrequencyTable {
  const issue = seedIssue(seed);
  if (issue !== undefined) throw new ValidationError(issue);
  const random = makeRandom((seed ^ 0x78667271) >>> 0);
  const loci: LocusInput[] = Object.values(table.loci).map((l) => ({ locus: l.locus, alleles: l.alleles, frequencies: l.frequencies, ...(l.counts !== undefined ? { counts: l.counts } : {}), ...(l.nAlleles !== undefined ? { nAlleles: l.nAlleles } : {}), ...(l.fmin !== undefined ? { fmin: l.fmin } : {}) }));
  for (const group of ARGUS_X12_LINKAGE_GROUPS) {
    for (const locus of group.loci) {
      const k = SYNTHETIC_X_ALLELES[locus] as number;
      const start = random.int(7, 13);
      const raw = Array.from({ length: k }, () => Math.max(-Math.log(1 - random.float()), 1e-9));
      const sum = raw.reduce((a, b) => a + b, 0);
      const floored = raw.map((x) => Math.max(x / sum, 0.005));
      const total = floored.reduce((a, b) => a + b, 0);
      loci.push({ locus, alleles: floored.map((_, i) => String(start + i)), frequencies: floored.map((x) => x / total) });
    }
  }
  return makeFrequencyTable({ name: `${table.name}+synthetic-x-${seed}`, loci, ...(table.population !== undefined ? { population: table.population } : {}), source: `${table.source ?? table.name}; X loci synthetic (strkin syntheticXTable, seed ${seed})` });
}

/** Settings of the synthetic Y population of a scenario. */
export interface YPopulationSettings {
  /** Men per generation (constant). Default 10,000. */
  readonly size: number;
  /** Generations of Wright-Fisher descent from one founder haplotype. Default 400. */
  readonly generations: number;
  /** Men of the last generation in the haplotype database. Default 3,000. */
  readonly databaseSize: number;
}

/** Defaults of {@link YPopulationSettings}. */
export const DEFAULT_Y_POPULATION: YPopulationSettings = Object.freeze({ size: 10_000, generations: 400, databaseSize: 3000 });

/** A simulated Y population: its database, a source of unrelated men, and one meiosis. @internal */
export interface YPopulation {
  readonly loci: readonly string[];
  readonly database: HaplotypeDatabase;
  /** A man of the last generation outside the database, uniformly (with replacement). */
  draw(random: Random): Int16Array;
  /** A son's haplotype: each locus one repeat up or down with probability rate/2 each. */
  meiosis(father: Int16Array, random: Random): Int16Array;
  toHaplotype(values: Int16Array): YHaplotype;
}

/**
 * Wright-Fisher men with single-step mutation at the built-in Y rates (the model
 * of `simulateYLineages`, in typed arrays so that national sizes take seconds):
 * every man of a generation picks his father uniformly from the previous one.
 * The database is the first `databaseSize` men of the last generation (men are
 * exchangeable), unrelated men are drawn from the others.
 *
 * Cost: O(size × generations × loci). @internal
 */
export function makeYPopulation(loci: readonly string[], settings: YPopulationSettings, random: Random): YPopulation {
  const L = loci.length;
  const rates = loci.map((l) => BUILTIN_Y_MUTATION_RATES[l]);
  const bad = loci.filter((_, i) => rates[i] === undefined);
  const { size, generations, databaseSize } = settings;
  if (bad.length > 0 || L === 0) throw new ValidationError({ code: 'bad-y-loci', message: `Y loci must be single-copy loci with a built-in mutation rate (yLoci = ${bad.length > 0 ? bad.join(',') : '[]'})`, path: ['yLoci'] });
  if (!(Number.isSafeInteger(size) && Number.isSafeInteger(generations) && Number.isSafeInteger(databaseSize) && databaseSize >= 1 && generations >= 0 && size > databaseSize)) {
    throw new ValidationError({ code: 'bad-y-population', message: `Y population needs integers with 1 ≤ databaseSize < size and generations ≥ 0 (size = ${String(size)}, generations = ${String(generations)}, databaseSize = ${String(databaseSize)})`, path: ['yPopulation'] });
  }
  const mu = Float64Array.from(rates as number[]);
  let men = new Int16Array(size * L);
  for (let l = 0; l < L; l++) {
    const v = random.int(10, 25);
    for (let i = 0; i < size; i++) men[i * L + l] = v;
  }
  let next = new Int16Array(size * L);
  const lnStay = Array.from(mu, (m) => Math.log1p(-m));
  for (let g = 0; g < generations; g++) {
    for (let i = 0; i < size; i++) {
      const p = random.int(0, size) * L;
      next.set(men.subarray(p, p + L), i * L);
    }
    // Each man mutates at locus l with probability μ_l (one repeat up or down, ½ each): the men
    // who do are found by geometric gaps, the same Bernoulli process as one draw per man and locus.
    for (let l = 0; l < L; l++) {
      const ln = lnStay[l] as number;
      if (ln === 0) continue;
      for (let i = Math.floor(Math.log1p(-random.float()) / ln); i < size; i += 1 + Math.floor(Math.log1p(-random.float()) / ln)) {
        next[i * L + l] = (next[i * L + l] as number) + (random.float() < 0.5 ? 1 : -1);
      }
    }
    [men, next] = [next, men];
  }
  const toHaplotype = (values: Int16Array): YHaplotype => {
    const out: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
    loci.forEach((l, i) => (out[l] = [String(values[i])]));
    return { loci: out, flags: [] };
  };
  const counts = new Map<string, HaplotypeCount & { count: number }>();
  for (let i = 0; i < databaseSize; i++) {
    const v = men.subarray(i * L, (i + 1) * L);
    const key = v.join(',');
    const entry = counts.get(key);
    if (entry !== undefined) entry.count += 1;
    else counts.set(key, { alleles: toHaplotype(v).loci, count: 1 });
  }
  const final = men;
  return {
    loci,
    database: makeHaplotypeDatabase(`synthetic Y (Wright-Fisher, ${size} men, ${generations} generations, ${databaseSize} sampled)`, loci, [...counts.values()]),
    draw: (r) => copyMan(final, r.int(databaseSize, size), L),
    meiosis: (father, r) => {
      const son = new Int16Array(L);
      for (let l = 0; l < L; l++) {
        const u = r.float();
        const m = mu[l] as number;
        son[l] = (father[l] as number) + (u < m / 2 ? 1 : u < m ? -1 : 0);
      }
      return son;
    },
    toHaplotype,
  };
}

const copyMan = (men: Int16Array, i: number, L: number): Int16Array => men.slice(i * L, (i + 1) * L);

/** What {@link familyLineage} gives for the typed people of a family (indexed like `plan.typed`). @internal */
export interface FamilyLineage {
  /** X genotypes per typed person (empty records without X loci). */
  readonly x: readonly Record<string, Genotype>[];
  /** Y haplotype values per typed person; null for a woman or without Y loci. */
  readonly y: readonly (Int16Array | null)[];
}

/**
 * X genotypes and Y haplotypes of a family's typed people, dropped through the
 * pedigree: X markers group by group (`groups`: indices into `xMarkers`), one
 * segregation draw per child and group, so linked markers travel together
 * (complete linkage within an Argus X-12 cluster, clusters independent); Y from
 * each male founder (an unrelated man of the population) down father-to-son
 * lines, one meiosis each. Every person of the plan needs a sex for X.
 *
 * Cost: O(people × (X markers + Y loci)). @internal
 */
export function familyLineage(plan: DropPlan, xMarkers: readonly MarkerModel[], groups: readonly (readonly number[])[], y: YPopulation | null, random: Random): FamilyLineage {
  const n = plan.ids.length;
  const x = plan.typed.map(() => Object.create(null) as Record<string, Genotype>);
  if (xMarkers.length > 0) {
    const alleles = new Int32Array(2 * n);
    const segregation = new Uint8Array(n);
    for (const group of groups) {
      for (const i of plan.order) segregation[i] = random.float() < 0.5 ? 0 : 1;
      for (const k of group) {
        const marker = xMarkers[k] as MarkerModel;
        dropMarkerX(plan, marker, random, 0, alleles, segregation);
        plan.typed.forEach((i, t) => writeShown(x[t], marker, alleles[2 * i] as number, alleles[2 * i + 1] as number));
      }
    }
  }
  const ys: (Int16Array | null)[] = new Array<Int16Array | null>(n).fill(null);
  if (y !== null) {
    plan.order.forEach((i, k) => {
      if (plan.sex[i] !== 'male') return;
      const f = plan.father[i] as number;
      ys[i] = k < plan.founderCount || f < 0 ? y.draw(random) : y.meiosis(ys[f] ?? y.draw(random), random);
    });
  }
  return { x, y: plan.typed.map((i) => ys[i] ?? null) };
}

/**
 * One X genotype per locus for an unrelated person of known sex: a male one
 * allele (written a/a), a female two, from the markers' frequencies. @internal
 */
export function unrelatedX(markers: readonly MarkerModel[], male: boolean, random: Random): Record<string, Genotype> {
  const out = Object.create(null) as Record<string, Genotype>;
  for (const marker of markers) {
    const cdf = cumulative(marker.frequencies);
    const a = searchCdf(cdf, 0, marker.alleles.length, random.float());
    const b = male ? a : searchCdf(cdf, 0, marker.alleles.length, random.float());
    writeShown(out, marker, a, b);
  }
  return out;
}
