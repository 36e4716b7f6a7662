/**
 * Evidence by type (autosomal, X, Y) and its product.
 */
import { combineRatios, type RatioValue } from '../likelihood/LRResult.js';

/** The independence assumption under which LRs of different evidence types multiply (stated in every combined result). */
export const INDEPENDENCE_ASSUMPTION: string =
  'the total is the product of the LRs of the evidence types: autosomal, X and Y markers are taken as independent given each hypothesis (different chromosomes; the Y haplotype\'s population frequency taken as independent of the autosomal and X genotypes)';

/** LRs by evidence type: `autosomal` always, `X` and `Y` where typed. */
export interface EvidenceByType {
  readonly autosomal: RatioValue;
  readonly X?: RatioValue;
  readonly Y?: RatioValue;
}

/** The product of the evidence types, with each type and the assumption. */
export interface CombinedEvidence {
  readonly byType: EvidenceByType;
  /** The product of `byType` (logs add; `untyped` types count as 1; see `combineRatios`). */
  readonly total: RatioValue;
  readonly assumption: string;
}

/**
 * Multiplies the LRs of the evidence types into one total (adds their logs),
 * keeping each type beside it and stating the independence assumption.
 *
 * Cost: O(1).
 *
 * @example
 * ```ts
 * const lr = (x: number) => ({ lnLR: Math.log(x), log10LR: Math.log10(x), LR: x, status: 'ok' as const });
 * combineEvidence({ autosomal: lr(1000), Y: lr(20) }).total.log10LR; // => Math.log10(20000)
 * ```
 */
export function combineEvidence(byType: EvidenceByType): CombinedEvidence {
  const parts = [byType.autosomal, ...(byType.X !== undefined ? [byType.X] : []), ...(byType.Y !== undefined ? [byType.Y] : [])];
  return { byType, total: combineRatios(parts), assumption: INDEPENDENCE_ASSUMPTION };
}
