/**
 * A synthetic Y-STR population for tests and examples: Fisher-Wright male
 * lineages with single-step mutation, a haplotype database sampled from it,
 * and paternal-line relatives with known meioses.
 */
import { ValidationError, type Issue } from '../errors/StrkinError.js';
import { makeHaplotypeDatabase, type HaplotypeCount, type HaplotypeDatabase } from '../lineage/haplotypeDatabase.js';
import { checkMeioses } from '../lineage/stepwise.js';
import type { Allele } from '../profile/allele.js';
import type { YHaplotype } from '../profile/yHaplotype.js';
import { yLocusCopies } from '../profile/yLoci.js';
import { makeRandom, type Random } from './random.js';

/** One simulated locus: its name, the founder's repeat numbers (one per copy) and its per-meiosis mutation rate. */
export interface SimulatedYLocus {
  readonly name: string;
  /** Integer repeat numbers of the founder, one per copy (two at DYS385, ...). */
  readonly founder: readonly number[];
  /** Mutation rate per meiosis of the locus (split evenly between its copies). */
  readonly rate: number;
}

/** Options of {@link simulateYLineages}. */
export interface SimulateYOptions {
  readonly loci: readonly SimulatedYLocus[];
  /** Men per generation (constant). */
  readonly populationSize: number;
  /** Generations of Fisher-Wright descent from the founders. */
  readonly generations: number;
  /** Men of the last generation sampled into the database. */
  readonly databaseSize: number;
  /** Related pairs to draw, and the meioses between the two men of each pair. */
  readonly pairs?: { readonly count: number; readonly meioses: number };
  readonly seed: number;
}

/** Two men of one paternal line, `meioses` apart. */
export interface SimulatedYPair {
  /** The typed relative (e.g. the father). */
  readonly reference: YHaplotype;
  /** The man in question (e.g. the missing son). */
  readonly child: YHaplotype;
  readonly meioses: number;
}

/** The result of {@link simulateYLineages}. */
export interface SimulatedYPopulation {
  /** The database: `databaseSize` men of the last generation, as haplotype counts. */
  readonly database: HaplotypeDatabase;
  /** Related pairs: a common paternal ancestor drawn from the last generation (not from the database sample), the two men's lines descending from him. */
  readonly pairs: readonly SimulatedYPair[];
  /** Men of the last generation outside the database, one per pair: unrelated to the pair's reference (in the model's sense). */
  readonly unrelated: readonly YHaplotype[];
  readonly seed: number;
}

/** Steps one copy through one meiosis: +1 or −1 with probability rate/2 each. */
function step(value: number, rate: number, random: Random): number {
  const u = random.float();
  return u < rate / 2 ? value + 1 : u < rate ? value - 1 : value;
}

const descend = (h: readonly (readonly number[])[], rates: readonly number[], m: number, random: Random): number[][] => {
  let x = h.map((copies) => [...copies]);
  for (let k = 0; k < m; k++) x = x.map((copies, l) => copies.map((v) => step(v, (rates[l] as number) / copies.length, random)));
  return x;
};

const toHaplotype = (h: readonly (readonly number[])[], loci: readonly SimulatedYLocus[]): YHaplotype => {
  const out: Record<string, Allele[]> = Object.create(null) as Record<string, Allele[]>;
  loci.forEach((l, i) => (out[l.name] = [...(h[i] as number[])].sort((a, b) => a - b).map(String)));
  return { loci: out, flags: [] };
};

/**
 * Simulates Y lineages: a constant population of `populationSize` men, all
 * starting with the founder haplotype; in each of `generations` generations
 * every man picks his father uniformly from the previous generation
 * (Wright-Fisher) and inherits his haplotype, each copy of each locus moving
 * one repeat up or down with probability rate/2 each (per copy: the locus rate
 * divided by its copies). `databaseSize` men of the last generation form the
 * database. Each related pair picks a man of the last generation outside the
 * database as the common paternal ancestor and descends the reference and the
 * man in question from him: father and son (`meioses` 1) are the ancestor
 * and one son; for m ≥ 2 the two lines take ⌊m/2⌋ and ⌈m/2⌉ meioses. Another
 * man outside the database is drawn as an unrelated comparison per pair.
 * Repeat numbers are unbounded integers (no microvariants, no off-ladder).
 *
 * Reference: Wright-Fisher model, e.g. Hartl & Clark, Principles of Population Genetics.
 *
 * Cost: O(populationSize × generations × loci).
 *
 * @throws `ValidationError` (code `bad-simulation`) for sizes that are not positive integers,
 * a database larger than the population, founder copies that do not match the locus, or rates outside [0, 1).
 * @example
 * ```ts
 * const sim = simulateYLineages({ loci: [{ name: 'DYS19', founder: [14], rate: 0.01 }], populationSize: 50, generations: 20, databaseSize: 30, pairs: { count: 2, meioses: 1 }, seed: 7 });
 * sim.database.size; // => 30
 * sim.pairs.length; // => 2
 * ```
 */
export function simulateYLineages(options: SimulateYOptions): SimulatedYPopulation {
  const issues: Issue[] = [];
  const bad = (message: string, path: string): void => void issues.push({ code: 'bad-simulation', message, path: [path] });
  const posInt = (x: number): boolean => Number.isSafeInteger(x) && x > 0;
  const pairCount = options.pairs?.count ?? 0;
  if (!posInt(options.populationSize)) bad(`Population size must be a positive integer (populationSize = ${String(options.populationSize)})`, 'populationSize');
  if (!Number.isSafeInteger(options.generations) || options.generations < 0) bad(`Generations must be a non-negative integer (generations = ${String(options.generations)})`, 'generations');
  if (!posInt(options.databaseSize) || options.databaseSize + 2 * pairCount > options.populationSize) bad(`The database and the pairs' ancestors and unrelated men must fit in the population (databaseSize = ${String(options.databaseSize)}, pairs = ${pairCount}, populationSize = ${String(options.populationSize)})`, 'databaseSize');
  if (!Number.isSafeInteger(pairCount) || pairCount < 0) bad(`Pair count must be a non-negative integer (count = ${String(pairCount)})`, 'pairs');
  if (options.loci.length === 0) bad('At least one locus is needed', 'loci');
  for (const l of options.loci) {
    if (l.founder.length !== yLocusCopies(l.name) || l.founder.some((v) => !Number.isSafeInteger(v))) bad(`Founder repeat numbers must be integers, one per copy (locus = ${l.name}, founder = ${l.founder.join(',')})`, 'loci');
    if (!(l.rate >= 0 && l.rate < 1)) bad(`Mutation rate must be in [0, 1) (locus = ${l.name}, rate = ${String(l.rate)})`, 'loci');
  }
  if (issues.length > 0) throw new ValidationError(issues);
  if (options.pairs !== undefined) checkMeioses(options.pairs.meioses);
  const random = makeRandom(options.seed);
  const rates = options.loci.map((l) => l.rate);
  let men: number[][][] = Array.from({ length: options.populationSize }, () => options.loci.map((l) => [...l.founder]));
  for (let g = 0; g < options.generations; g++) {
    const prev = men;
    men = prev.map(() => descend(prev[random.int(0, prev.length)] as number[][], rates, 1, random));
  }
  // A random order of the last generation: the database first, then the pairs' ancestors and the unrelated men.
  const order = men.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = random.int(0, i + 1);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const counts = new Map<string, { haplotype: YHaplotype; count: number }>();
  for (const i of order.slice(0, options.databaseSize)) {
    const h = toHaplotype(men[i] as number[][], options.loci);
    const key = JSON.stringify(h.loci);
    const entry = counts.get(key);
    if (entry !== undefined) entry.count += 1;
    else counts.set(key, { haplotype: h, count: 1 });
  }
  const haplotypes: HaplotypeCount[] = [...counts.values()].map((e) => ({ alleles: e.haplotype.loci, count: e.count }));
  const database = makeHaplotypeDatabase(`simulated (seed ${options.seed})`, options.loci.map((l) => l.name), haplotypes);
  const pairs: SimulatedYPair[] = [];
  const unrelated: YHaplotype[] = [];
  const m = options.pairs?.meioses ?? 0;
  for (let p = 0; p < pairCount; p++) {
    const ancestor = men[order[options.databaseSize + 2 * p] as number] as number[][];
    const up = Math.floor(m / 2);
    const reference = descend(ancestor, rates, up, random);
    const child = descend(ancestor, rates, m - up, random);
    pairs.push({ reference: toHaplotype(reference, options.loci), child: toHaplotype(child, options.loci), meioses: m });
    unrelated.push(toHaplotype(men[order[options.databaseSize + 2 * p + 1] as number] as number[][], options.loci));
  }
  return { database, pairs, unrelated, seed: options.seed };
}
