/**
 * strkin: forensic DNA kinship matching with autosomal STR markers.
 *
 * One public surface, grouped by domain: profiles, frequencies, pedigrees,
 * mutation models, {@link kinshipLR} and {@link pairwiseLR} (one result shape,
 * {@link LRResult}), search, simulation, and the readers and writers of `io`.
 * Every export is listed by name. The kernels and building blocks under these
 * calls (the likelihood engine, family tables, the scan, text plumbing) are in
 * the `strkin/engine` entry.
 * @packageDocumentation
 * @module strkin
 */

// errors
export { StrkinError, ParseError, ValidationError, ModelError, formatIssue, safely } from './errors/StrkinError.js';
export type { Issue, Result } from './errors/StrkinError.js';

// profile
export { AUTOSOMAL_LOCI, LOCUS_SETS, canonicalLocus, locusKind, locusSet } from './profile/loci.js';
export type { LocusKind, LocusSet } from './profile/loci.js';
export { parseAllele, isOffLadder, alleleRepeat, microvariantGroup, compareAlleles } from './profile/allele.js';
export type { Allele } from './profile/allele.js';
export { makeGenotype, isComplete, formatGenotype } from './profile/genotype.js';
export type { Genotype } from './profile/genotype.js';
export { ProfileBuilder, describeProfile, genotypeAt } from './profile/Profile.js';
export type { Profile, Sex, SkipReason, SkippedLocus, ProfileSource, ProfileReadOptions, BadAlleleRule } from './profile/Profile.js';

// frequencies
// (section: frequencies)
export { FREQUENCY_SUM_TOLERANCE, makeFrequencyTable } from './frequencies/FrequencyTable.js';
export type { FrequencyTable, LocusFrequencies, FrequencyTableInput, LocusInput, MakeFrequencyTableOptions } from './frequencies/FrequencyTable.js';
export { frequencyTableChecksum } from './frequencies/checksum.js';
export type { FrequencyTableContent } from './frequencies/checksum.js';
export { DEFAULT_MIN_FREQUENCY, describeFrequencyOptions, minimumFrequency } from './frequencies/rareAllele.js';
export type { RareAlleleRule, FrequencyOptions } from './frequencies/rareAllele.js';
export { markerFrequencies, alleleSpace } from './frequencies/markerFrequencies.js';
export type { MarkerFrequencies } from './frequencies/markerFrequencies.js';
export { BUILTIN_TABLES, DEFAULT_TABLE_NAME, builtinTable } from './frequencies/builtin.js';
export type { BuiltinTableInfo } from './frequencies/builtin.js';

// io
// (section: io)
// frequency files
export { FREQUENCY_FORMATS, detectFrequencyFormat, parseFrequencies, safeParseFrequencies } from './io/frequencies/parseFrequencies.js';
export type { FrequencyFormat, ParseFrequenciesOptions } from './io/frequencies/parseFrequencies.js';
export { writeFrequenciesWide, writeFrequenciesLong, writeFrequenciesList } from './io/frequencies/writeFrequencies.js';
export { parseProfiles, safeParseProfiles } from './io/profiles/parseProfiles.js';
export type { ParseProfilesOptions } from './io/profiles/parseProfiles.js';
export type { ProfileFormat, ProfileParseResult, DelimitedProfileOptions } from './io/profiles/types.js';
export { detectProfileFormat } from './io/profiles/detectProfileFormat.js';
export { parseGeneMapper } from './io/profiles/parseGeneMapper.js';
export { parseWideProfiles } from './io/profiles/parseWideProfiles.js';
export { parseCmf } from './io/profiles/parseCmf.js';
export { parseProfilesJson, PROFILES_JSON_FORMAT, PROFILES_JSON_VERSION } from './io/profiles/parseProfilesJson.js';
export { writeProfilesCsv } from './io/profiles/writeProfilesCsv.js';
export type { WriteProfilesCsvOptions, ProfileCsvLayout } from './io/profiles/writeProfilesCsv.js';
export { writeProfilesJson } from './io/profiles/writeProfilesJson.js';
export { writeProfilesCmf } from './io/profiles/writeProfilesCmf.js';
export type { WriteProfilesCmfOptions } from './io/profiles/writeProfilesCmf.js';
// families files
export { parseFamilies, safeParseFamilies, detectFamiliesFormat, FAMILIES_FORMATS } from './io/families/parseFamilies.js';
export { familiesFromProfiles } from './io/families/familiesFromProfiles.js';
export type { FamiliesFromProfilesOptions } from './io/families/familiesFromProfiles.js';
export { writeFamiliesJson, FAMILIES_JSON_FORMAT, FAMILIES_JSON_VERSION } from './io/families/familiesJson.js';
export type { FamiliesFormat, ParseFamiliesOptions, FamiliesParseResult, ProfileLookup } from './io/families/types.js';
export { decodeText } from './io/decodeText.js';
// CSV cells: the formula guard (OWASP) and RFC 4180 quoting of every CSV writer, and its inverse used by every reader
export { csvTextCell, neutralizeCsvFormula, restoreCsvFormula } from './util/csv.js';
export type { TextInput, DecodeTextOptions } from './io/decodeText.js';

// mutation
// (section: mutation)
export { mutationMatrix, validateMutationSpec, describeMutation, NO_MUTATION, MUTATION_ROW_TOLERANCE } from './mutation/mutationMatrix.js';
export type { MutationSpec, MutationModelName, SexSpecificMutation } from './mutation/mutationMatrix.js';
export { AABB_2003_RATES, BUILTIN_RATE_MODELS, DEFAULT_OTHER_LOCUS_RATES, DEFAULT_STEPWISE_RANGE, DEFAULT_STEPWISE_RATE2, locusMutationRates, defaultMutation } from './mutation/defaultRates.js';
export type { LocusMutationRates } from './mutation/defaultRates.js';

// pedigree
export type { Person, Pedigree } from './pedigree/Pedigree.js';
// (section: pedigree)
export { validatePedigree, makePedigree, safeMakePedigree } from './pedigree/validatePedigree.js';
export { founders, nonFounders, isFounder, parentsOf, children, descendants, ancestors, hasLoops, relabel } from './pedigree/queries.js';
export { relationshipPedigree, RELATIONSHIPS } from './pedigree/relationshipPedigree.js';
export type { Relationship, RelationshipPedigreeOptions, LineSide } from './pedigree/relationshipPedigree.js';
export { pedigreeFromRelations, normalizeRelation, RELATION_WORDS } from './pedigree/pedigreeFromRelations.js';
export type { RelationWord, NormalizedRelation, MissingPersonSpec, RelativeSpec } from './pedigree/pedigreeFromRelations.js';

// likelihood
// (section: likelihood)
export { makeMarkerModel, FREQUENCY_ROUNDING_TOLERANCE } from './likelihood/MarkerModel.js';
export type { MarkerModel, MarkerInput } from './likelihood/MarkerModel.js';
export type { LRResult, MarkerRatio, RatioValue, MarkerStatus } from './likelihood/LRResult.js';
export { kinshipLR } from './likelihood/kinshipLR.js';
export type { KinshipCase, KinshipResult, MarkerLR, LRProvenance, GenotypeData } from './likelihood/kinshipLR.js';
export { DEFAULT_THETA } from './likelihood/theta.js';
export { parseCase, safeParseCase } from './io/caseFile.js';
export type { CaseFile, ParseCaseOptions, MarkerResolver } from './io/caseFile.js';
export { STRKIN_VERSION } from './version.js';
export { IBD_COEFFICIENTS, PAIRWISE_RELATIONSHIPS, KAPPA_SUM_TOLERANCE, validateKappa } from './likelihood/ibd.js';
export type { Kappa, PairwiseRelationship } from './likelihood/ibd.js';
export { pairwiseLR, pairwiseMarkerLR } from './likelihood/pairwiseLR.js';
export type { PairwiseLROptions, PairwiseLRBaseOptions, PairwiseLRResult, PairwiseMarkerResult } from './likelihood/pairwiseLR.js';

// search
// (section: search)
export type { Family, FamilySource, RejectedFamily } from './search/Family.js';
export type { FamilyIndexOptions, SearchMutation, SearchProvenance, UnusedLocus } from './search/plan.js';
export type { ChildLocusNote } from './search/encodeChildren.js';
export type { ScanOptions } from './search/scan.js';
export { searchFamilies } from './search/searchFamilies.js';
export { familyLR } from './search/familyLR.js';
export type { SearchOptions, SearchResult, Match, ChildOutcome, FamilyOutcome, SearchAccounting, SearchSettings } from './search/searchFamilies.js';
export { posteriorFromLnLR } from './search/posterior.js';
export { validateSearchOptions, defaultPrior, DEFAULT_TOP_K, DEFAULT_MIN_LOCI, DEFAULT_BLOCK_TARGETS } from './search/searchOptions.js';
export type { ValidSearchOptions } from './search/searchOptions.js';
export { identifyChildren, validateIdentifyOptions, DECISION_KINDS, DEFAULT_IDENTIFY_POSTERIOR, DEFAULT_LINK_POSTERIOR, MAX_LINK_POSTERIOR, DEFAULT_CANDIDATE_POSTERIOR, DEFAULT_CANDIDATES_SHOWN } from './search/decide/identifyChildren.js';
export type { IdentifyOptions, Identification, Decision, DecisionKind, Candidate, PairPosterior, GroupSummary } from './search/decide/identifyChildren.js';
export { databasePosterior, DEFAULT_PRIOR_IN_DATABASE } from './search/decide/databasePosterior.js';
export type { DatabasePosterior } from './search/decide/databasePosterior.js';
export { screenRelatives, screeningFamilies, DEFAULT_SCREENING_RELATIONSHIPS } from './search/screenRelatives.js';
export { writeSearchCsv, writeSearchJson, searchJsonRow, SEARCH_CSV_COLUMNS } from './report/searchReport.js';
export type { SearchJsonRow } from './report/searchReport.js';
export { lrJson } from './report/lrJson.js';
export type { LRJson } from './report/lrJson.js';
export { writeDecisionsCsv, decisionJsonRow, identificationJson, DECISIONS_CSV_COLUMNS } from './report/decisionsReport.js';
export type { DecisionJsonRow } from './report/decisionsReport.js';

// simulate
// (section: simulate)
export { makeRandom, MAX_SEED } from './simulate/random.js';
export type { Random } from './simulate/random.js';
export { simulateGenotypes } from './simulate/simulateGenotypes.js';
export type { SimulateGenotypesOptions, SimulatedGenotypes } from './simulate/simulateGenotypes.js';
export { simulateProfile } from './simulate/simulateProfile.js';
export type { SimulateProfileOptions } from './simulate/simulateProfile.js';
export { simulationMarkers } from './simulate/simulationMarkers.js';
export type { SimulationMarkersOptions } from './simulate/simulationMarkers.js';
export { summarizeLRs, DEFAULT_LR_THRESHOLDS, DEFAULT_LR_QUANTILES, DEFAULT_DECISION_THRESHOLD, LOG10_TIE_TOLERANCE } from './simulate/summarizeLRs.js';
export type { Truth, LRSummary, LRQuantile, Exceedance, ErrorRates, SummarizeLRsOptions } from './simulate/summarizeLRs.js';
export { simulateLRDistribution, validateSimulateOptions, MAX_SIMULATIONS } from './simulate/simulateLRDistribution.js';
export type { SimulateLROptions, LRDistribution, ValidSimulateOptions } from './simulate/simulateLRDistribution.js';
export { simulateSearchScenario, validateSearchScenarioOptions, DEFAULT_FAMILY_STRUCTURES, DEFAULT_SEARCH_SCENARIO } from './simulate/simulateSearchScenario.js';
export type { SearchScenarioOptions, SearchScenario, ScenarioTruth, ScenarioSettings, FamilyStructure, ScenarioOptionValues } from './simulate/simulateSearchScenario.js';

// lineage: Y-STR haplotypes (docs/lineage.md)
export { SINGLE_COPY_Y_LOCI, MULTI_COPY_Y_LOCI, Y_KITS, yKit, canonicalYLocus, yLocusCopies } from './profile/yLoci.js';
export type { YKit, YLocusName } from './profile/yLoci.js';
export { Y_NULL_ALLELE, formatYAlleles } from './profile/yHaplotype.js';
export type { YHaplotype, YFlag, YFlagKind } from './profile/yHaplotype.js';
export { lnStepProbability, MAX_MEIOSES } from './lineage/stepwise.js';
export { makeHaplotypeDatabase, matchProbability } from './lineage/haplotypeDatabase.js';
export type { HaplotypeDatabase, HaplotypeCount, MatchMethod, MatchProbability } from './lineage/haplotypeDatabase.js';
export { BUILTIN_Y_MUTATION_RATES, Y_RATES_SOURCE, resolveYRates } from './lineage/yMutationRates.js';
export type { YMutationRates, YLocusRate } from './lineage/yMutationRates.js';
export { paternalMeioses } from './lineage/paternalLine.js';
export { yLineageLR, Y_MODEL } from './lineage/yLineageLR.js';
export type { YReference, YLineageOptions, YLineageResult, YLocusComparison, YNotComparedReason, YProvenance } from './lineage/yLineageLR.js';
export { combineEvidence, INDEPENDENCE_ASSUMPTION } from './lineage/combineEvidence.js';
export type { EvidenceByType, CombinedEvidence } from './lineage/combineEvidence.js';
export { caseYLineageLR } from './lineage/caseY.js';
export type { CaseY } from './lineage/caseY.js';
export { kinshipEvidence } from './lineage/kinshipEvidence.js';
export type { KinshipEvidence } from './lineage/kinshipEvidence.js';
export type { HaplotypeDatabaseResolver } from './io/lineage/caseY.js';
export { SEARCH_CSV_TYPE_COLUMNS } from './report/searchReport.js';
export type { SearchLineage, TargetLineage } from './search/lineageTerms.js';
export { parseHaplotypeDatabase, writeHaplotypeDatabase } from './io/lineage/haplotypeDatabaseFile.js';
export type { ParseHaplotypeDatabaseOptions } from './io/lineage/haplotypeDatabaseFile.js';
export { simulateYLineages } from './simulate/simulateYLineages.js';
export type { SimulateYOptions, SimulatedYLocus, SimulatedYPopulation, SimulatedYPair } from './simulate/simulateYLineages.js';

// power
// (section: power)
export { familyPower } from './power/familyPower.js';
export { validatePowerOptions, POWER_THRESHOLDS, DEFAULT_POWER_THRESHOLD } from './power/powerFigures.js';
export type { PowerOptions, PowerResult, FamilyPower, PowerExceedance, ValidPowerSettings, RelativeSuggestion } from './power/powerFigures.js';
export { DEFAULT_GRID_STEP, DEFAULT_MASS_TOLERANCE } from './power/lrGrid.js';
export { suggestRelatives, candidateRelatives } from './power/suggestRelatives.js';
export type { CandidateRelative } from './power/suggestRelatives.js';
export { writePowerCsv, writePowerJson, powerCsvColumns } from './report/powerReport.js';
export type { PowerJsonRow } from './report/powerReport.js';
