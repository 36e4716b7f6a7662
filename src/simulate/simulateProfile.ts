/**
 * Profiles of unrelated people, drawn from a frequency table.
 */
import { StrkinError, ValidationError, type Issue } from '../errors/StrkinError.js';
import { markerFrequencies } from '../frequencies/markerFrequencies.js';
import type { FrequencyTable } from '../frequencies/FrequencyTable.js';
import { genotypeIndex, makeGenotype, type Genotype } from '../profile/genotype.js';
import type { Profile, Sex } from '../profile/Profile.js';
import type { Random } from './random.js';
import { searchCdf } from './sampling.js';
import { appendAll } from '../util/arrays.js';
import { dict } from '../util/dict.js';
import { checkArray, checkObject } from '../util/args.js';

/** Options of {@link simulateProfile}. */
export interface SimulateProfileOptions {
  /** Sample name. Default `'SIM'`. */
  readonly sample?: string;
  /** Sex recorded in the profile. Default: `male` or `female` with probability 1/2 each (one draw). */
  readonly sex?: Sex;
}

interface LocusSampler {
  readonly locus: string;
  readonly alleles: readonly string[];
  readonly cdf: Float64Array;
  /** Shared genotype tuples by genotype index, filled on demand. */
  readonly labels: (Genotype | undefined)[];
}

const samplers = new WeakMap<FrequencyTable, Map<string, LocusSampler>>();

/** The table's alleles at a locus with a normalised cumulative distribution (cached per table and locus name). */
export function locusSampler(table: FrequencyTable, locus: string): LocusSampler {
  let byLocus = samplers.get(table);
  if (byLocus === undefined) {
    byLocus = new Map();
    samplers.set(table, byLocus);
  }
  const cached = byLocus.get(locus);
  if (cached !== undefined) return cached;
  const f = markerFrequencies(table, locus, []);
  const cdf = new Float64Array(f.frequencies.length);
  let sum = 0;
  f.frequencies.forEach((p, i) => {
    sum += p;
    cdf[i] = sum;
  });
  for (let i = 0; i < cdf.length; i++) cdf[i] = (cdf[i] as number) / sum;
  cdf[cdf.length - 1] = 1;
  const sampler = { locus: f.locus, alleles: f.alleles, cdf, labels: [] };
  byLocus.set(locus, sampler);
  return sampler;
}

/** Samplers for a locus list, reporting every locus missing from the table at once. */
export function locusSamplers(table: FrequencyTable, loci: readonly string[]): LocusSampler[] {
  const issues: Issue[] = [];
  const out: LocusSampler[] = [];
  loci.forEach((locus, i) => {
    try {
      out.push(locusSampler(table, locus));
    } catch (error) {
      if (!(error instanceof StrkinError)) throw error;
      appendAll(issues, error.issues.map((issue) => ({ ...issue, path: ['loci', i, ...issue.path] })));
    }
  });
  if (issues.length > 0) throw new ValidationError(issues);
  return out;
}

/** One HWE genotype from a sampler. */
export function drawGenotype(s: LocusSampler, random: Random): Genotype {
  const n = s.alleles.length;
  const a = searchCdf(s.cdf, 0, n, random.float());
  const b = searchCdf(s.cdf, 0, n, random.float());
  const g = genotypeIndex(a, b);
  let label = s.labels[g];
  if (label === undefined) {
    label = Object.freeze(makeGenotype(s.alleles[a] as string, s.alleles[b] as string)) as Genotype;
    s.labels[g] = label;
  }
  return label;
}

/**
 * The draws of {@link simulateProfile}, in its order: the sex (unless given; male or
 * female with probability 1/2, one draw), then one genotype per sampler.
 */
export function drawPerson(list: readonly LocusSampler[], random: Random, sex?: Sex): { readonly sex: Sex; readonly genotypes: Genotype[] } {
  const drawnSex: Sex = sex ?? (random.float() < 0.5 ? 'male' : 'female');
  return { sex: drawnSex, genotypes: list.map((s) => drawGenotype(s, random)) };
}

/**
 * The profile of a person unrelated to anyone: at each locus, two alleles
 * drawn independently from the table's frequencies (Hardy-Weinberg
 * equilibrium; frequencies used in proportion to their sum). Only the table's
 * alleles occur. Genotypes are keyed by canonical locus name.
 *
 * Cost: O(loci × log alleles) (the first call per table and locus also reads
 * the table, O(alleles log alleles)).
 *
 * @throws {@link ValidationError} `locus-not-in-table` listing every locus the table lacks.
 * @example
 * ```ts
 * const table = makeFrequencyTable({ name: 'demo', loci: { TH01: { '6': 0.25, '9.3': 0.75 } } });
 * const profile = simulateProfile(table, ['TH01'], makeRandom(1), { sample: 'U-1', sex: 'female' });
 * profile.sample; // => 'U-1'
 * profile.genotypes['TH01']; // e.g. ['9.3', '9.3'] (probability 0.5625)
 * ```
 */
export function simulateProfile(table: FrequencyTable, loci: readonly string[], random: Random, options: SimulateProfileOptions = {}): Profile {
  checkObject(table, 'table');
  checkObject(table.loci, 'table.loci');
  checkArray(loci, 'loci');
  checkObject(random, 'random');
  checkObject(options, 'options');
  const list = locusSamplers(table, loci);
  const drawn = drawPerson(list, random, options.sex);
  const genotypes: Record<string, Genotype> = dict();
  list.forEach((s, i) => {
    genotypes[s.locus] = drawn.genotypes[i] as Genotype;
  });
  return { sample: options.sample ?? 'SIM', sex: drawn.sex, genotypes, skipped: [], source: { format: 'simulated' } };
}
