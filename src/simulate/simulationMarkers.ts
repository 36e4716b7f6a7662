/**
 * Marker models for simulation, built from a frequency table and a locus list.
 */
import { StrkinError, ValidationError, type Issue } from '../errors/StrkinError.js';
import { locusKind } from '../profile/loci.js';
import { markerFrequencies } from '../frequencies/markerFrequencies.js';
import type { FrequencyTable } from '../frequencies/FrequencyTable.js';
import { resolveSilentFrequencies, type SilentFrequencyOption } from '../frequencies/silentFrequency.js';
import { makeMarkerModel, type MarkerModel } from '../likelihood/MarkerModel.js';
import { defaultMutation } from '../mutation/defaultRates.js';
import type { MutationModelName, SexSpecificMutation } from '../mutation/mutationMatrix.js';
import { appendAll } from '../util/arrays.js';

/** Options of {@link simulationMarkers}. */
export interface SimulationMarkersOptions {
  /**
   * Mutation model: a model name, used with the built-in per-locus rates of
   * {@link defaultMutation} (AABB 2003; stepwise range 0.5, rate2 1e-6), or a
   * function giving the settings of each locus. Default `'stepwise'`.
   * `'none'` gives markers without mutation.
   */
  readonly mutation?: MutationModelName | ((locus: string) => SexSpecificMutation);
  /**
   * Silent (null) allele frequency, for every locus or per locus; default 0 (none). Simulated
   * people then carry the silent allele, shown as a typing shows it (docs/statistics.md, "Silent alleles").
   */
  readonly silentFrequency?: SilentFrequencyOption;
}

/**
 * One {@link MarkerModel} per locus from a frequency table: the table's
 * alleles and frequencies as written (no rare alleles are added: simulated
 * people carry only the table's alleles) and a mutation model with the
 * built-in rates. Use the same markers to simulate and to compute LRs, so that
 * the data come from the model that scores them.
 *
 * Cost: O(loci × n²) for n alleles per locus (the mutation matrices).
 *
 * @throws {@link ValidationError} `locus-not-in-table` (every missing locus at once)
 * or `duplicate-marker` when two names denote the same locus; `bad-silent-frequency`.
 * @example
 * ```ts
 * const markers = simulationMarkers(builtinTable(), ['TH01', 'vWA'], { mutation: 'stepwise' });
 * markers.map((m) => m.name); // => ['TH01', 'vWA']
 * markers[1]?.mutation.male; // => { model: 'stepwise', rate: 0.0017, range: 0.5, rate2: 1e-6 }
 * ```
 */
export function simulationMarkers(table: FrequencyTable, loci: readonly string[], options: SimulationMarkersOptions = {}): MarkerModel[] {
  const mutation = options.mutation ?? 'stepwise';
  const silent = resolveSilentFrequencies(options.silentFrequency, table);
  const issues: Issue[] = [];
  const markers: MarkerModel[] = [];
  const names = new Set<string>();
  loci.forEach((locus, i) => {
    try {
      const f = markerFrequencies(table, locus, []);
      if (names.has(f.locus)) {
        issues.push({ code: 'duplicate-marker', message: `Locus listed twice (locus = ${locus}, canonical = ${f.locus})`, path: ['loci', i] });
        return;
      }
      names.add(f.locus);
      const s = silent.get(f.locus);
      markers.push(makeMarkerModel({ name: f.locus, alleles: f.alleles, frequencies: f.frequencies, mutation: typeof mutation === 'function' ? mutation(f.locus) : defaultMutation(f.locus, mutation), ...(locusKind(f.locus) === 'x' ? { chromosome: 'X' as const } : {}), ...(s !== undefined && locusKind(f.locus) !== 'x' ? { silentFrequency: s } : {}) }));
    } catch (error) {
      if (!(error instanceof StrkinError)) throw error;
      appendAll(issues, error.issues.map((issue) => ({ ...issue, path: ['loci', i, ...issue.path] })));
    }
  });
  if (issues.length > 0) throw new ValidationError(issues);
  return markers;
}
