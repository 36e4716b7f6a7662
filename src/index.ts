/**
 * strkin: forensic DNA kinship matching with autosomal STR markers.
 *
 * One public surface, grouped by domain. Every export is listed by name.
 * @packageDocumentation
 */

// errors
export { StrkinError, ParseError, ValidationError, ModelError, IssueCollector, formatIssue, safely } from './errors/StrkinError.js';
export type { Issue, Result } from './errors/StrkinError.js';

// profile
export { AUTOSOMAL_LOCI, LOCUS_SETS, canonicalLocus, locusKey, locusKind, locusSet } from './profile/loci.js';
export type { LocusKind, LocusSet } from './profile/loci.js';
export { readAlleleCell, parseAllele, isOffLadder, alleleRepeat, microvariantGroup, compareAlleles } from './profile/allele.js';
export type { Allele, AlleleCell } from './profile/allele.js';
export { makeGenotype, isComplete, formatGenotype, genotypeCount, genotypeIndex, genotypeAlleles } from './profile/genotype.js';
export type { Genotype } from './profile/genotype.js';
export { ProfileBuilder, describeProfile, genotypeAt } from './profile/Profile.js';
export type { Profile, Sex, SkipReason, SkippedLocus, ProfileSource, ProfileReadOptions, BadAlleleRule } from './profile/Profile.js';

// frequencies
// (section: frequencies)

// io
// (section: io)

// mutation
// (section: mutation)

// pedigree
export type { Person, Pedigree } from './pedigree/Pedigree.js';
// (section: pedigree)

// likelihood
// (section: likelihood)

// search
// (section: search)

// simulate
// (section: simulate)
