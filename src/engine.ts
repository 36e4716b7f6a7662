/**
 * strkin/engine: the building blocks under strkin's public calls, for tools
 * that need to go below them (running a search across worker threads, reading
 * a family table, calling the likelihood engine on parent index arrays,
 * screening with the allocation-free pairwise kernels).
 *
 * ```ts
 * import { kinshipLR, searchFamilies } from 'strkin';            // what most users call
 * import { planSearch, buildFamilyIndex, scanRange } from 'strkin/engine';
 * ```
 *
 * These exports are documented and tested like the root ones, but they are
 * lower-level: most take indices and typed arrays, several are unchecked hot
 * paths (the caller guarantees valid input), and their shapes follow the
 * engine. Errors they throw are the same `StrkinError` classes as the
 * root entry's (`instanceof` works across both).
 *
 * What is here: the steps of a search ({@link planSearch} →
 * {@link buildFamilyIndex} → {@link encodeChildren} → {@link scanRange} /
 * {@link mergeScans} → {@link finishSearch}, which `searchFamilies` runs in one
 * call); the per-marker likelihood engine ({@link lnLikelihood},
 * {@link lnQueryLikelihoods}) and the helpers that feed it
 * ({@link indexPedigree}, {@link evidenceFor}); ratio arithmetic
 * ({@link ratio}, {@link combineRatios}); the pairwise kernels; genotype index
 * arithmetic; delimited-text plumbing; the issue collector used by readers.
 * @packageDocumentation
 * @module strkin/engine
 */

// errors
export { IssueCollector } from './errors/StrkinError.js';

// profile: locus keys, allele cells and genotype index arithmetic
export { locusKey } from './profile/loci.js';
export { readAlleleCell } from './profile/allele.js';
export type { AlleleCell } from './profile/allele.js';
export { genotypeCount, genotypeIndex, genotypeAlleles } from './profile/genotype.js';

// frequencies
export { canonicalFrequencyText } from './frequencies/checksum.js';

// io: delimited-text plumbing under the readers
export { readDelimited, eachDelimitedRow, writeDelimited, detectDelimiter, stripBom } from './io/text.js';
export type { Delimiter, TextRow, TextHeader, TextTable, ReadDelimitedOptions, RowVisitor } from './io/text.js';

// mutation
export { isNoMutation } from './mutation/mutationMatrix.js';

// likelihood: the per-marker engine and its inputs
export { withoutMutation } from './likelihood/MarkerModel.js';
export { apparentLnProbabilities } from './likelihood/apparentGenotypes.js';
export { ratio, combineRatios } from './likelihood/LRResult.js';
export { indexPedigree, evidenceFor } from './likelihood/kinshipLR.js';
export type { IndexedPedigree } from './likelihood/kinshipLR.js';
export { lnLikelihood, lnQueryLikelihoods, THETA_ENUMERATION_LIMIT } from './likelihood/peel.js';
export type { AlleleEvidence, PeelInput } from './likelihood/peel.js';
export { pairwiseMarkerLRIndexed, pairwiseLnLRIndexed, pairwiseLnLRProfileIndexed, UNTYPED_ALLELE } from './likelihood/pairwiseKernels.js';

// search: the steps of searchFamilies
export { planSearch } from './search/plan.js';
export type { LocusPlan, SearchPlan } from './search/plan.js';
export { buildFamilyIndex, orderFamilies } from './search/familyIndex.js';
export type { FamilyIndex, BuildFamilyIndexOptions, SearchTarget, TableLayout } from './search/familyIndex.js';
export { encodeChildren } from './search/encodeChildren.js';
export type { EncodedChildren, RejectedChild } from './search/encodeChildren.js';
export { scanRange, mergeScans, rebaseScan } from './search/scan.js';
export type { PartialScan } from './search/scan.js';
export { finishSearch } from './search/searchFamilies.js';
export { SUM_LIMBS, LN_GRID, ADDS_BEFORE_CARRY, addLnTerm2, normaliseLimbs, addLimbs, lnOfLimbs } from './search/exactSum.js';
// search/decide: the one-to-one assignment under identifyChildren
export { jointPosteriors, exactJointPosteriors, approximateJointPosteriors, assignmentStates, EXACT_ASSIGNMENT_STATES, APPROXIMATION_ITERATIONS } from './search/decide/jointPosteriors.js';
export type { AssignmentGroup, GroupChild, JointPosteriors } from './search/decide/jointPosteriors.js';
export type { SearchTargets } from './search/searchFamilies.js';

// power: the exact per-locus distributions and the grid convolution under familyPower
export { familyDistributions } from './power/locusDistributions.js';
export type { LocusDistribution, TargetDistributions, FamilyDistributions } from './power/locusDistributions.js';
export { powerRows, finishPower } from './power/familyPower.js';
export { powerFigures, withRunSize } from './power/powerFigures.js';
export { exceedance } from './power/lrGrid.js';
export { candidatePower } from './power/suggestRelatives.js';
export type { GridLocus, GridExceedance } from './power/lrGrid.js';
export { exceedanceH1H2 } from './power/pairedGrid.js';
export { lrCurve } from './power/lrCurve.js';
export type { PairedGridLocus, PairedExceedance } from './power/pairedGrid.js';
export type { PairedH2 } from './power/pairedGrid.js';
