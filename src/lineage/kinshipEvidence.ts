/**
 * A kinship case's LR by evidence type: the autosomal markers through
 * `kinshipLR`, the Y haplotypes through the paternal line, and their product.
 */
import { kinshipLR, type KinshipCase, type KinshipResult } from '../likelihood/kinshipLR.js';
import { caseYLineageLR, type CaseY } from './caseY.js';
import { combineEvidence, type CombinedEvidence } from './combineEvidence.js';
import type { YLineageResult } from './yLineageLR.js';
import { xHaplotypeKinshipLR, type XHaplotypeOptions } from './xHaplotypes.js';

/** The result of {@link kinshipEvidence}. */
export interface KinshipEvidence extends CombinedEvidence {
  /** The `kinshipLR` result of the case's markers. */
  readonly autosomal: KinshipResult;
  /** The Y comparison, when the case has a `y` section. */
  readonly y?: YLineageResult;
}

/**
 * The LR of a case per evidence type and in total: `kinshipLR` for the
 * markers, the Y-STR LR along H1's paternal line when the case has Y
 * evidence ({@link caseYLineageLR}), multiplied under the independence
 * assumption stated in the result (`combineEvidence`).
 *
 * With `xHaplotypes`, the X markers of its linkage groups are one haplotype marker per group
 * (`xHaplotypeKinshipLR`).
 *
 * Cost: `kinshipLR` plus `yLineageLR`.
 *
 * @throws `ValidationError` from `kinshipLR` and {@link caseYLineageLR} (e.g. `y-female-link`).
 */
export function kinshipEvidence(input: KinshipCase & { readonly y?: CaseY; readonly xHaplotypes?: XHaplotypeOptions }): KinshipEvidence {
  const autosomal = input.xHaplotypes !== undefined ? xHaplotypeKinshipLR(input, input.xHaplotypes) : kinshipLR(input);
  const y = input.y !== undefined ? caseYLineageLR(input.hypotheses, input.y) : undefined;
  // X markers are part of the engine's result; split them out as their own evidence type.
  const split = autosomal.byEvidenceType;
  const combined = combineEvidence({ autosomal: split !== undefined ? split.autosomal : autosomal.total, ...(split !== undefined ? { X: split.X } : {}), ...(y !== undefined ? { Y: y.total } : {}) });
  return { ...combined, autosomal, ...(y !== undefined ? { y } : {}) };
}
