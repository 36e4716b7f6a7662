/**
 * The LR distribution of one (family, missing person) under H1 and H2 in bins
 * of log10 LR, for plots.
 */
import type { TargetDistributions } from './locusDistributions.js';
import { exceedanceH1H2 } from './pairedGrid.js';
import { gridLocus, type ValidPowerSettings } from './powerFigures.js';

/** One bin of an {@link lrCurve}: P(from ≤ log10 LR < from + width) under H1 and H2. */
export interface LRCurveBin {
  /** Lower edge of the bin (log10 LR); the first bin also holds everything below, the last everything above (LR 0 is in neither). */
  readonly log10LR: number;
  readonly h1: number;
  readonly h2: number;
}

/** The binned LR distributions of one (family, missing person). */
export interface LRCurve {
  readonly family: string;
  readonly missing: string;
  readonly bins: readonly LRCurveBin[];
}

/**
 * The distribution of a family's total log10 LR under H1 and H2, in bins of
 * `width` from `from` to `to` (the end bins hold the tails; LR 0 outcomes are
 * left out), from the same grid convolution as the power figures.
 *
 * Cost: one {@link exceedanceH1H2} with (to − from)/width + 1 thresholds.
 * @example
 * ```ts
 * const father: Profile = { sample: 'AF', sex: 'male', genotypes: { TH01: ['6', '9.3'] }, skipped: [] };
 * const { families } = parseFamilies('family,sample,relationship\nF1,AF,father\n', { profiles: [father] });
 * const plan = planSearch(families, [], { frequencies: builtinTable(), mutation: 'none' });
 * const d = familyDistributions(families[0]!, plan);
 * const curve = d.ok ? lrCurve(d.targets[0]!, validatePowerOptions({ gridStep: 0.01 })) : null;
 * curve?.bins.length; // => 80
 * ```
 */
export function lrCurve(target: TargetDistributions, settings: ValidPowerSettings, from = -10, to = 30, width = 0.5): LRCurve {
  const n = Math.round((to - from) / width);
  const xs = Array.from({ length: n + 1 }, (_, i) => from + i * width);
  // Everything with an LR above 0: the lowest edge moved far down.
  const all = [-1e6, ...xs.slice(1)];
  const e = exceedanceH1H2(target.loci.map(gridLocus), all, settings.gridStep, settings.massTolerance, settings.exactH2 ? 'exact' : 'tilted');
  const bins: LRCurveBin[] = [];
  for (let i = 0; i < n; i++) {
    const last = i === n - 1;
    bins.push({ log10LR: xs[i] as number, h1: Math.max(0, (e.h1[i] as number) - (last ? 0 : (e.h1[i + 1] as number))), h2: Math.max(0, (e.h2[i] as number) - (last ? 0 : (e.h2[i + 1] as number))) });
  }
  return { family: target.family, missing: target.missing, bins };
}
