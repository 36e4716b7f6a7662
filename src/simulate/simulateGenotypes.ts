/**
 * Gene dropping: genotypes of people in a pedigree, simulated marker by marker.
 */
import { ValidationError, type Issue } from '../errors/StrkinError.js';
import type { MarkerModel } from '../likelihood/MarkerModel.js';
import { evidenceFor, type GenotypeData } from '../likelihood/kinshipLR.js';
import type { Pedigree } from '../pedigree/Pedigree.js';
import { makeGenotype, type Genotype } from '../profile/genotype.js';
import { checkMarkers, checkTheta, dropMarker, dropMarkerConditional, makeDropPlan, writeShown } from './dropGenes.js';
import type { Random } from './random.js';
import { dict } from '../util/dict.js';

/** Options of {@link simulateGenotypes}. */
export interface SimulateGenotypesOptions {
  /**
   * The people whose genotypes are returned. Default: every person of the
   * pedigree, plus the people of `conditionOn`. A typed id not in the pedigree
   * is an unrelated founder (as in {@link kinshipLR}).
   */
  readonly typed?: readonly string[];
  /**
   * Fixed genotypes (person → marker → genotype), e.g. a family's real
   * references: the other typed people are drawn from their distribution
   * given these. Default: none (plain gene dropping). Markers absent for a
   * person are not fixed.
   */
  readonly conditionOn?: GenotypeData;
  /**
   * Balding-Nichols theta for founder alleles (all founders of the simulated
   * people draw from one urn, as in {@link kinshipLR}). Default 0 (Hardy-Weinberg).
   */
  readonly theta?: number;
}

/** The result of {@link simulateGenotypes}. */
export interface SimulatedGenotypes {
  /** Person id → marker name → genotype (allele labels), for every typed person and marker. */
  readonly genotypes: Record<string, Record<string, Genotype>>;
  /** The seed of the random source used (reproduce with a fresh `makeRandom(seed)` and the same calls). */
  readonly seed: number;
}

/**
 * Simulates genotypes by gene dropping (MacCluer et al. 1986, "Pedigree
 * analysis by computer simulation", Zoo Biology 5:147): founders' alleles are
 * drawn from each marker's frequencies under Hardy-Weinberg equilibrium (or
 * the Balding-Nichols urn when `theta` > 0), and each child receives one
 * allele of each parent, chosen with probability 1/2 and passed through the
 * marker's mutation matrix: the mother's through `female`, the father's
 * through `male` (`null` = no mutation). Loci are independent (unlinked).
 * Frequencies are used in proportion (divided by their sum), so a table that
 * sums to 1 within tolerance is drawn from as written.
 *
 * With `conditionOn`, the typed people are drawn from their distribution given
 * the fixed genotypes, one person at a time, each by one peeling pass
 * (P(g | fixed data and earlier draws), the chain rule), which is exact for
 * any pedigree the likelihood engine handles.
 *
 * With a silent allele (`makeMarkerModel` `silentFrequency`) the genotypes are what a
 * typing shows: a/silent as a/a, and silent/silent as nothing (the marker is left out
 * of that person's genotypes, as an empty typed locus reads).
 *
 * Only the typed people and their ancestors are simulated. Random numbers are
 * taken marker by marker, so results depend on the order of `markers`.
 *
 * Cost: O(markers × people × log alleles) without conditioning; with it,
 * one peeling pass per marker and typed person not fixed.
 *
 * @param pedigree - Who is related to whom (see {@link makePedigree}).
 * @param markers - Allele lists, frequencies and mutation matrices (see {@link makeMarkerModel}).
 * @param random - The random source (see {@link makeRandom}); its seed is recorded.
 * @throws {@link ValidationError} for a bad theta, duplicated markers or typed
 * ids, a cycle, or a fixed allele not in a marker; {@link ModelError}
 * `impossible-condition` when the fixed genotypes are impossible.
 * @example
 * ```ts
 * const trio = makePedigree([
 *   { id: 'F', sex: 'male', father: null, mother: null },
 *   { id: 'M', sex: 'female', father: null, mother: null },
 *   { id: 'C', sex: 'female', father: 'F', mother: 'M' },
 * ]);
 * const th01 = makeMarkerModel({ name: 'TH01', alleles: ['6', '7', '9.3'], frequencies: [0.2, 0.3, 0.5] });
 * const { genotypes, seed } = simulateGenotypes(trio, [th01], makeRandom(7));
 * genotypes['C']?.['TH01']; // e.g. ['7', '9.3']: one allele from F, one from M
 * seed; // => 7
 * ```
 */
export function simulateGenotypes(pedigree: Pedigree, markers: readonly MarkerModel[], random: Random, options: SimulateGenotypesOptions = {}): SimulatedGenotypes {
  const theta = checkTheta(options.theta);
  checkMarkers(markers);
  const conditionOn = options.conditionOn ?? {};
  const fixedIds = Object.keys(conditionOn);
  const inPedigree = new Set(pedigree.persons.map((p) => p.id));
  const typed = options.typed ?? [...inPedigree, ...fixedIds.filter((id) => !inPedigree.has(id))];
  const typedSet = new Set(typed);
  const all = [...typed, ...fixedIds.filter((id) => !typedSet.has(id))];
  const plan = makeDropPlan(pedigree, all);
  const out: Record<string, Record<string, Genotype>> = dict();
  const typedIdx = plan.typed.slice(0, typed.length);
  for (const i of typedIdx) out[plan.ids[i] as string] = dict();

  if (fixedIds.length === 0) {
    const alleles = new Int32Array(2 * plan.ids.length);
    for (const marker of markers) {
      dropMarker(plan, marker, random, theta, alleles);
      for (const i of typedIdx) writeShown(out[plan.ids[i] as string], marker, alleles[2 * i] as number, alleles[2 * i + 1] as number);
    }
    return { genotypes: out, seed: random.seed };
  }
  const issues: Issue[] = [];
  const evidence = markers.map((m) => evidenceFor(m, plan.ids, conditionOn, issues));
  if (issues.length > 0) throw new ValidationError(issues);
  markers.forEach((marker, k) => {
    const ev = evidence[k] as ReturnType<typeof evidenceFor>;
    const targets = typedIdx.filter((i) => ev[i] === null);
    dropMarkerConditional(plan, marker, random, theta, ev, targets);
    for (const i of typedIdx) {
      const e = ev[i];
      if (e === null || e === undefined) continue;
      if (e[1] < 0) (out[plan.ids[i] as string] as Record<string, Genotype>)[marker.name] = makeGenotype(marker.alleles[e[0]] as string, null);
      else writeShown(out[plan.ids[i] as string], marker, e[0], e[1]);
    }
  });
  return { genotypes: out, seed: random.seed };
}
