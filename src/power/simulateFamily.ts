/**
 * Simulated children for a real family: genotypes drawn from the family's exact
 * per-locus distributions (references as typed), under H1 or H2, with the LR a
 * search reports for each.
 */
import { ValidationError } from '../errors/StrkinError.js';
import type { TargetDistributions } from './locusDistributions.js';

/** A source of uniform numbers in [0, 1) (for example `makeRandom(seed)`). */
export interface UniformSource {
  float(): number;
}

/** Children simulated for one (family, missing person). */
export interface FamilySimulation {
  readonly family: string;
  readonly missing: string;
  readonly truth: 'H1' | 'H2';
  /** log10 LR of each simulated child against the family (−Infinity for LR 0). */
  readonly log10LR: Float64Array;
  /** Loci where each child is inconsistent with the family without mutation. */
  readonly inconsistentLoci: Uint16Array;
}

function cumulative(p: Float64Array): Float64Array {
  const c = new Float64Array(p.length);
  let s = 0;
  for (let i = 0; i < p.length; i++) c[i] = s += p[i] as number;
  return c;
}

/** The first index whose cumulative probability exceeds u·total. */
function draw(c: Float64Array, u: number): number {
  const x = u * (c[c.length - 1] as number);
  let lo = 0;
  let hi = c.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((c[mid] as number) > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Simulates `n` children of a family at the loci where its references are typed
 * (`familyDistributions` of strkin/engine): under H1 each locus's genotype is drawn from
 * P(g | references) (the missing person given the references as typed, a second
 * missing person summed out), under H2 from the population's P(g) on the
 * family's allele space; loci independently, as they are given the references.
 * Each child's log10 LR is the sum of the family's per-locus values: the LR a
 * search reports for that child. Deterministic for a given random source.
 *
 * Cost: O(n · loci · log G) after O(Σ G) set-up.
 *
 * @throws {@link ValidationError} when n is not an integer in [1, 10^7].
 * @example
 * ```ts
 * const father: Profile = { sample: 'AF', sex: 'male', genotypes: { TH01: ['6', '9.3'] }, skipped: [] };
 * const { families } = parseFamilies('family,sample,relationship\nF1,AF,father\n', { profiles: [father] });
 * const plan = planSearch(families, [], { frequencies: builtinTable(), mutation: 'none' });
 * const d = familyDistributions(families[0]!, plan);
 * const sim = d.ok ? simulateFamily(d.targets[0]!, 'H1', 100, makeRandom(1)) : null;
 * sim?.log10LR.length; // => 100
 * ```
 */
export function simulateFamily(target: TargetDistributions, truth: 'H1' | 'H2', n: number, random: UniformSource): FamilySimulation {
  if (!(Number.isInteger(n) && n >= 1 && n <= 1e7)) throw new ValidationError({ code: 'bad-n', message: `Number of simulations must be an integer in [1, 10000000] (n = ${String(n)})`, path: ['n'] });
  const loci = target.loci.map((d) => ({ c: cumulative(truth === 'H1' ? d.h1 : d.h2), log10LR: d.lnLR.map((x) => x / Math.LN10), inconsistent: d.inconsistent }));
  const log10LR = new Float64Array(n);
  const inconsistentLoci = new Uint16Array(n);
  for (let k = 0; k < n; k++) {
    let s = 0;
    let bad = 0;
    for (const l of loci) {
      const g = draw(l.c, random.float());
      s += l.log10LR[g] as number;
      bad += l.inconsistent[g] as number;
    }
    log10LR[k] = s;
    inconsistentLoci[k] = bad;
  }
  return { family: target.family, missing: target.missing, truth, log10LR, inconsistentLoci };
}
