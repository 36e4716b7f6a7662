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
export { readBornCell, formatBirthYears, MIN_BIRTH_YEAR, MAX_BIRTH_YEAR } from './profile/born.js';
export type { BirthYears, BornCell } from './profile/born.js';

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
export { mutationRatesIssues } from './mutation/defaultRates.js';
export type { MutationRates } from './mutation/defaultRates.js';
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
export { SILENT_ALLELE, silentIndex } from './likelihood/MarkerModel.js';
export { resolveSilentFrequencies, describeSilentFrequencies, validateSilentFrequencyOption } from './frequencies/silentFrequency.js';
export type { SilentFrequencyOption, SilentFrequencies } from './frequencies/silentFrequency.js';
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
export { DEFAULT_AGE_TOLERANCE } from './search/searchOptions.js';
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
// case reports (strkin lr --report, strkin search --report): content, HTML, JSON, CSV, verbal scale, pedigree drawing
export { buildCaseReport, buildPairReport, kinshipReportJson, kinshipReportCsv } from './report/kinshipReport.js';
export type { KinshipReport, ReportCase, ReportContext, ReportInput, ReportLocus, ReportPerson, ReportHypothesis, ReportProvenance, PairReportInput } from './report/kinshipReport.js';
export { kinshipReportHtml, formatLRText } from './report/reportHtml.js';
export { buildSearchReportIndex, searchReportIndexHtml, searchReportIndexJson, pairReportFileName } from './report/searchReportIndex.js';
export type { SearchReportIndex, SearchReportPair, SearchReportContext } from './report/searchReportIndex.js';
export { verbalEquivalent, parseVerbalScale, ENFSI_VERBAL_SCALE } from './report/verbalScale.js';
export type { VerbalScale, VerbalLevel, VerbalEquivalent } from './report/verbalScale.js';
export { pedigreeSvg } from './report/pedigreeSvg.js';
export type { PedigreeSvgOptions } from './report/pedigreeSvg.js';
export { relationshipWord, hypothesisInWords } from './report/relationshipWords.js';
export { escapeHtml } from './util/html.js';

// index (persistent family index: docs/index-format.md)
// (section: index)
export { buildFamilyIndexStore, openFamilyIndexStore, checkIndexModel, indexModel, modelOptions, planIndexBuild, buildIndexShardFile, indexManifestOf, DEFAULT_SHARD_FAMILIES } from './index/familyIndexStore.js';
export { addToIndex, removeFromIndex } from './index/updateIndex.js';
export type { IndexStoreOptions, IndexUpdate, FamilyIndexStore, OpenIndexOptions, IndexBuildPlan } from './index/familyIndexStore.js';
export { searchIndex, searchIndexPart, mergeSearchParts, encodeSearchPart, decodeSearchPart, indexIdentity, SEARCH_PART_FORMAT, SEARCH_PART_VERSION } from './index/searchIndex.js';
export type { IndexSearchPart } from './index/searchIndex.js';
export { INDEX_FORMAT, INDEX_FORMAT_VERSION, familyContentHash, encodeIndexManifest, decodeIndexManifest, encodeIndexShard, decodeIndexShard, sha256Hex } from './index/indexFormat.js';
export type { IndexManifest, IndexModel, IndexShard, IndexShardEntry, ShardFamily, ShardTarget, StoredFamily } from './index/indexFormat.js';
export { planIndexSearchPart, scanIndexShard, collectIndexSearchPart } from './index/searchIndex.js';
export type { IndexSearchSetup, IndexShardScan, IndexSearchCollector } from './index/searchIndex.js';

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
export { syntheticXTable, SYNTHETIC_X_ALLELES, YFILER_PLUS_SINGLE_COPY, DEFAULT_Y_POPULATION } from './simulate/scenarioLineage.js';
export type { YPopulationSettings } from './simulate/scenarioLineage.js';

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
export { paternalLineTree } from './lineage/paternalTree.js';
export { xHaplotypeKinshipLR, X_HAPLOTYPE_MODEL, MAX_PHASE_RESOLUTIONS } from './lineage/xHaplotypes.js';
export type { XHaplotypeGroup, XHaplotypeOptions, XHaplotypeGroupResult, XHaplotypeKinshipResult } from './lineage/xHaplotypes.js';
export { parseXHaplotypeFrequencies } from './io/lineage/xHaplotypeFile.js';
export type { ParseXHaplotypeOptions } from './io/lineage/xHaplotypeFile.js';
export type { PaternalLineTree, PaternalTreeNode } from './lineage/paternalTree.js';
export { makeMatchCounter } from './lineage/matchCounter.js';
export type { MatchCounter } from './lineage/matchCounter.js';
export { makeYPairScorer } from './lineage/yPairScorer.js';
export type { YPairScorer } from './lineage/yPairScorer.js';
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
export { validatePowerOptions, identificationLR, POWER_THRESHOLDS, DEFAULT_POWER_THRESHOLD, DEFAULT_SUGGESTION_STRATA } from './power/powerFigures.js';
export { DEFAULT_POWER_TOLERANCE } from './power/pairedGrid.js';
export { SUGGESTION_TOLERANCE } from './power/powerFigures.js';
export type { PowerOptions, PowerResult, FamilyPower, PowerExceedance, ValidPowerSettings, RelativeSuggestion } from './power/powerFigures.js';
export { DEFAULT_GRID_STEP, DEFAULT_MASS_TOLERANCE } from './power/lrGrid.js';
export { suggestRelatives, candidateRelatives } from './power/suggestRelatives.js';
export { simulateFamily } from './power/simulateFamily.js';
export type { FamilySimulation, UniformSource } from './power/simulateFamily.js';
export type { CandidateRelative } from './power/suggestRelatives.js';
export { writePowerCsv, writePowerJson, powerCsvColumns } from './report/powerReport.js';
export { powerCharts, writePowerHtml } from './report/powerHtml.js';
export type { PowerChart, RenderedChart } from './report/powerHtml.js';
export type { LRCurve, LRCurveBin } from './power/lrCurve.js';
export type { PowerJsonRow } from './report/powerReport.js';

// X-chromosomal markers
// (section: X markers)
export { X_LOCI, ARGUS_X12_LINKAGE_GROUPS, linkedXLoci } from './profile/xLoci.js';
export type { XLinkageGroup } from './profile/xLoci.js';
export type { Chromosome } from './likelihood/MarkerModel.js';
export type { EvidenceTypeLRs } from './likelihood/xKinship.js';
export { DEFAULT_X_LINKAGE, X_LINKAGE_MODES } from './search/xLinkage.js';
export type { XLinkageMode } from './search/xLinkage.js';
