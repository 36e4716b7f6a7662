/**
 * Synthetic missing-children searches: families with typed references, found
 * children some of whom truly belong to a family, and the truth. Used by
 * `strkin demo`, benchmarks and validation studies.
 */
import { ValidationError, type Issue } from '../errors/StrkinError.js';
import type { FrequencyTable } from '../frequencies/FrequencyTable.js';
import type { MutationModelName } from '../mutation/mutationMatrix.js';
import type { RelationWord } from '../pedigree/pedigreeFromRelations.js';
import type { Genotype } from '../profile/genotype.js';
import { locusSet } from '../profile/loci.js';
import type { Profile, Sex } from '../profile/Profile.js';
import type { BirthYears } from '../profile/born.js';
import type { Family } from '../search/Family.js';
import type { MarkerModel } from '../likelihood/MarkerModel.js';
import { dropMarker, genotypeLabeler } from './dropGenes.js';
import { familyShapes } from './familyShapes.js';
import { makeRandom, seedIssue, type Random } from './random.js';
import { BUILTIN_RATE_MODELS } from '../mutation/defaultRates.js';
import { shuffle } from './sampling.js';
import { drawPerson, locusSamplers } from './simulateProfile.js';
import { simulationMarkers } from './simulationMarkers.js';
import { dict } from '../util/dict.js';
import { checkObject } from '../util/args.js';
import { locusKind } from '../profile/loci.js';
import type { HaplotypeDatabase } from '../lineage/haplotypeDatabase.js';
import { BUILTIN_Y_MUTATION_RATES } from '../lineage/yMutationRates.js';
import { ARGUS_X12_LINKAGE_GROUPS } from '../profile/xLoci.js';
import { DEFAULT_Y_POPULATION, familyLineage, makeYPopulation, unrelatedX, type YPopulation, type YPopulationSettings } from './scenarioLineage.js';

/**
 * A kind of family for {@link simulateSearchScenario}: the relations of the
 * references to the missing person, in the order they are used (a family
 * with k references takes the first k), and how often the kind occurs.
 */
export interface FamilyStructure {
  /** Short name, e.g. `mother+father`. */
  readonly name: string;
  /** Relative frequency (> 0) among the structures. */
  readonly weight: number;
  /** Number of missing persons (full siblings of each other when 2 or more). */
  readonly missing: number;
  /** Relations of the references to the (first) missing person, in order of use. */
  readonly relations: readonly RelationWord[];
}

/**
 * The default mix of family kinds: mother (22%), father (10%), mother and
 * father (20%), full siblings (14%), paternal grandparents (8%), maternal
 * aunt/uncle (8%), maternal half-sibling (8%), and two missing siblings (10%).
 * Each lists four relations, so families with 1 to 4 references of every
 * kind occur. The weights are strkin's choice, meant to look like a
 * missing-children database, not taken from a published registry.
 */
export const DEFAULT_FAMILY_STRUCTURES: readonly FamilyStructure[] = Object.freeze([
  { name: 'mother', weight: 0.22, missing: 1, relations: ['mother', 'full-sibling', 'full-sibling', 'grandmother-maternal'] },
  { name: 'father', weight: 0.1, missing: 1, relations: ['father', 'full-sibling', 'uncle-paternal', 'full-sibling'] },
  { name: 'mother+father', weight: 0.2, missing: 1, relations: ['mother', 'father', 'full-sibling', 'full-sibling'] },
  { name: 'full-siblings', weight: 0.14, missing: 1, relations: ['full-sibling', 'full-sibling', 'full-sibling', 'full-sibling'] },
  { name: 'paternal-grandparents', weight: 0.08, missing: 1, relations: ['grandfather-paternal', 'grandmother-paternal', 'uncle-paternal', 'aunt-paternal'] },
  { name: 'aunt-uncle', weight: 0.08, missing: 1, relations: ['aunt-maternal', 'uncle-maternal', 'grandmother-maternal', 'aunt-maternal'] },
  { name: 'half-sibling', weight: 0.08, missing: 1, relations: ['half-sibling-maternal', 'mother', 'half-sibling-maternal', 'full-sibling'] },
  { name: 'two-missing-siblings', weight: 0.1, missing: 2, relations: ['mother', 'father', 'full-sibling', 'grandmother-maternal'] },
] satisfies FamilyStructure[]);

/** Options of {@link simulateSearchScenario}. Every field but `table` and `seed` has a default. */
export interface SearchScenarioOptions {
  /** Allele frequencies of the population (e.g. `builtinTable()`). */
  readonly table: FrequencyTable;
  /** Seed of the random source (an integer in [0, 2³² − 1]); recorded in the result. */
  readonly seed: number;
  /** Loci typed in children and in most references. Default: GlobalFiler (21 loci). */
  readonly loci?: readonly string[];
  /** Number of families (an integer ≥ 0). Default 2000 ({@link DEFAULT_SEARCH_SCENARIO}). */
  readonly families?: number;
  /** Number of found children (an integer ≥ 0). Default 500. */
  readonly children?: number;
  /** How many of the children are a missing person of some family (an integer in [0, children]). Default 300. */
  readonly related?: number;
  /** Inclusive range of the number of references per family, drawn uniformly (integers, 1 ≤ min ≤ max). Default [1, 4]. */
  readonly references?: readonly [number, number];
  /** The mix of family kinds. Default {@link DEFAULT_FAMILY_STRUCTURES}. */
  readonly structures?: readonly FamilyStructure[];
  /** Mutation model of the transmissions, with the built-in per-locus rates ({@link defaultMutation}). Default `'stepwise'`. */
  readonly mutation?: MutationModelName;
  /** Loci of the older kit some references were typed with. Default: Identifiler (15 loci); only loci also in `loci` are used. */
  readonly oldKit?: readonly string[];
  /** Share of references typed with `oldKit`, in [0, 1]. Default 0.2. */
  readonly oldKitRate?: number;
  /** Chance that a typed locus of any profile is missing (partial profiles from degraded samples), in [0, 1]. Default 0.02. */
  readonly locusDropRate?: number;
  /**
   * Inclusive range of the true years of birth of missing persons and unrelated
   * children, drawn uniformly (four-digit integers, min ≤ max); `null`: no years
   * of birth. Families give the missing person's exact year; a found child's
   * year is an estimate, the true year widened by 0 or 1 year on each side at
   * random (e.g. 2013-2014 for a child born in 2014). Drawn from a second random
   * stream of the seed, so genotypes and sexes do not depend on it. Default
   * [2005, 2020].
   */
  readonly birthYears?: readonly [number, number] | null;
  /**
   * X-STR loci typed in every found child and in a share `lineageTypedRate` of the
   * references (e.g. the twelve of Argus X-12); they must be in `table` (for
   * synthetic frequencies see `syntheticXTable`). Dropped with the X rules;
   * loci of one Argus X-12 linkage group are completely linked (one segregation per
   * child and group), groups and other loci independent. Default `[]` (none).
   * Drawn from their own random stream, so the autosomal data do not change.
   */
  readonly xLoci?: readonly string[];
  /**
   * Y-STR loci (single-copy, with a built-in rate, e.g. `YFILER_PLUS_SINGLE_COPY`)
   * typed in every male found child and in a share `lineageTypedRate` of the male
   * references. Haplotypes come from a seeded Wright-Fisher population (`yPopulation`)
   * whose database is the scenario's `yDatabase`; male founders of a family are
   * unrelated men of that population, sons inherit with single-step mutation. Default
   * `[]` (none). Own random stream.
   */
  readonly yLoci?: readonly string[];
  /** Share of references typed at `xLoci` and (men) `yLoci`, in [0, 1]. Default 1. */
  readonly lineageTypedRate?: number;
  /** The synthetic Y population. Default {@link DEFAULT_Y_POPULATION}. */
  readonly yPopulation?: YPopulationSettings;
}

/**
 * The defaults of {@link simulateSearchScenario}'s numeric and model options
 * (loci: GlobalFiler; old kit: Identifiler; structures:
 * {@link DEFAULT_FAMILY_STRUCTURES}).
 */
export const DEFAULT_SEARCH_SCENARIO: {
  readonly families: number;
  readonly children: number;
  readonly related: number;
  readonly references: readonly [number, number];
  readonly mutation: MutationModelName;
  readonly oldKitRate: number;
  readonly locusDropRate: number;
  readonly birthYears: readonly [number, number];
} = Object.freeze({ families: 2000, children: 500, related: 300, references: Object.freeze([1, 4] as const), mutation: 'stepwise', oldKitRate: 0.2, locusDropRate: 0.02, birthYears: Object.freeze([2005, 2020] as const) });

/** Which family and missing person a related child really is. */
export interface ScenarioTruth {
  readonly family: string;
  /** Person id of the missing person in the family's pedigree. */
  readonly missing: string;
}

/** The settings a scenario was made with (defaults filled in), for provenance. */
export interface ScenarioSettings {
  readonly table: { readonly name: string; readonly checksum: string };
  readonly loci: readonly string[];
  readonly families: number;
  readonly children: number;
  readonly related: number;
  readonly references: readonly [number, number];
  readonly structures: readonly string[];
  readonly mutation: MutationModelName;
  readonly oldKit: readonly string[];
  readonly oldKitRate: number;
  readonly locusDropRate: number;
  readonly birthYears: readonly [number, number] | null;
  readonly xLoci: readonly string[];
  readonly yLoci: readonly string[];
  readonly lineageTypedRate: number;
  readonly yPopulation: YPopulationSettings;
}

/** The result of {@link simulateSearchScenario}. */
export interface SearchScenario {
  /** Families `FAM-0001`...; references' person ids are also their sample names (`FAM-0001-mother`). */
  readonly families: Family[];
  /** Found children `CH-0001`..., related and unrelated in random order. */
  readonly children: Profile[];
  /** Child sample → the family and missing person it is; unrelated children are absent. */
  readonly truth: Map<string, ScenarioTruth>;
  /** Family id → name of its {@link FamilyStructure}. */
  readonly structures: Map<string, string>;
  /** The markers (frequencies and mutation matrices) the data were simulated with. */
  readonly markers: readonly MarkerModel[];
  readonly seed: number;
  readonly settings: ScenarioSettings;
  /** The Y haplotype database of the synthetic population (with `yLoci`), for the search's `lineage`. */
  readonly yDatabase?: HaplotypeDatabase;
}

const pad = (i: number, width: number): string => String(i).padStart(width, '0');

/** The settings of a scenario before the table is applied: every option with its default. */
export type ScenarioOptionValues = Required<Omit<SearchScenarioOptions, 'table' | 'seed'>> & { readonly seed: number };

/**
 * Checks the options of {@link simulateSearchScenario} before anything is
 * drawn and fills in the defaults ({@link DEFAULT_SEARCH_SCENARIO}, GlobalFiler
 * loci, Identifiler old kit, {@link DEFAULT_FAMILY_STRUCTURES}). Codes:
 * `bad-seed`, `bad-count` (families, children, related not integers ≥ 0),
 * `related-children`, `bad-references`, `no-structures`, `bad-weight`,
 * `bad-missing`, `no-relations`, `bad-rate` (oldKitRate, locusDropRate not in
 * [0, 1]), `bad-years` (birthYears), `bad-option` (an unknown mutation model), `no-loci`, `old-kit-loci`.
 * NaN and ±Infinity are refused wherever a number is. Loci missing from the
 * table are reported by the scenario itself (it needs the table).
 *
 * Cost: O(structures + loci).
 *
 * @throws {@link ValidationError} listing every problem.
 * @example
 * ```ts
 * validateSearchScenarioOptions({ table: builtinTable(), seed: 1 }).families; // => 2000
 * try {
 *   validateSearchScenarioOptions({ table: builtinTable(), seed: 1, families: -1 });
 * } catch (e) {
 *   (e as StrkinError).message; // => 'bad-count: Must be an integer ≥ 0 (families = -1)'
 * }
 * ```
 */
export function validateSearchScenarioOptions(options: SearchScenarioOptions): ScenarioOptionValues {
  const d = DEFAULT_SEARCH_SCENARIO;
  const o: ScenarioOptionValues = {
    seed: options.seed,
    loci: options.loci ?? (locusSet('globalfiler')?.loci as readonly string[]),
    families: options.families ?? d.families,
    children: options.children ?? d.children,
    related: options.related ?? d.related,
    references: options.references ?? d.references,
    structures: options.structures ?? DEFAULT_FAMILY_STRUCTURES,
    mutation: options.mutation ?? d.mutation,
    oldKit: options.oldKit ?? (locusSet('identifiler')?.loci as readonly string[]),
    oldKitRate: options.oldKitRate ?? d.oldKitRate,
    locusDropRate: options.locusDropRate ?? d.locusDropRate,
    birthYears: options.birthYears === undefined ? d.birthYears : options.birthYears,
    xLoci: options.xLoci ?? [],
    yLoci: options.yLoci ?? [],
    lineageTypedRate: options.lineageTypedRate ?? 1,
    yPopulation: options.yPopulation ?? DEFAULT_Y_POPULATION,
  };
  const issues: Issue[] = [];
  const seed = seedIssue(o.seed);
  if (seed !== undefined) issues.push(seed);
  if (!BUILTIN_RATE_MODELS.includes(o.mutation)) issues.push({ code: 'bad-option', message: `Mutation must be ${BUILTIN_RATE_MODELS.join(', ')} (mutation = ${JSON.stringify(o.mutation)})`, path: ['mutation'] });
  const count = (name: 'families' | 'children' | 'related'): void => {
    const v = o[name];
    if (!Number.isInteger(v) || v < 0) issues.push({ code: 'bad-count', message: `Must be an integer ≥ 0 (${name} = ${String(v)})`, path: [name] });
  };
  count('families');
  count('children');
  count('related');
  if (o.related > o.children) issues.push({ code: 'related-children', message: `Related children cannot outnumber children (related = ${o.related}, children = ${o.children})`, path: ['related'] });
  const [lo, hi] = o.references;
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < 1 || hi < lo) issues.push({ code: 'bad-references', message: `References per family must be integers with 1 ≤ min ≤ max (references = [${String(lo)}, ${String(hi)}])`, path: ['references'] });
  if (o.structures.length === 0) issues.push({ code: 'no-structures', message: 'At least one family structure is needed (structures = [])', path: ['structures'] });
  o.structures.forEach((s, i) => {
    if (!(Number.isFinite(s.weight) && s.weight > 0)) issues.push({ code: 'bad-weight', message: `Structure weight must be a finite number > 0 (structure = ${s.name}, weight = ${String(s.weight)})`, path: ['structures', i, 'weight'] });
    if (!Number.isInteger(s.missing) || s.missing < 1) issues.push({ code: 'bad-missing', message: `Structure needs an integer ≥ 1 of missing persons (structure = ${s.name}, missing = ${String(s.missing)})`, path: ['structures', i, 'missing'] });
    if (s.relations.length === 0) issues.push({ code: 'no-relations', message: `Structure lists no relations (structure = ${s.name})`, path: ['structures', i, 'relations'] });
  });
  const notX = o.xLoci.filter((l) => locusKind(l) !== 'x');
  if (notX.length > 0) issues.push({ code: 'bad-x-loci', message: `X loci must be X-chromosomal loci (xLoci = ${notX.join(',')})`, path: ['xLoci'] });
  const notY = o.yLoci.filter((l) => !Object.hasOwn(BUILTIN_Y_MUTATION_RATES, l));
  if (notY.length > 0) issues.push({ code: 'bad-y-loci', message: `Y loci must be single-copy loci with a built-in mutation rate (yLoci = ${notY.join(',')})`, path: ['yLoci'] });
  for (const name of ['oldKitRate', 'locusDropRate', 'lineageTypedRate'] as const) {
    const v = o[name];
    if (!(v >= 0 && v <= 1)) issues.push({ code: 'bad-rate', message: `Rate must be in [0, 1] (${name} = ${String(v)})`, path: [name] });
  }
  if (o.birthYears !== null) {
    const [y0, y1] = o.birthYears;
    if (!Number.isInteger(y0) || !Number.isInteger(y1) || y0 < 1000 || y1 > 9999 || y1 < y0) issues.push({ code: 'bad-years', message: `Years of birth must be four-digit integers with min ≤ max (birthYears = [${String(y0)}, ${String(y1)}])`, path: ['birthYears'] });
  }
  if (o.loci.length === 0) issues.push({ code: 'no-loci', message: 'At least one locus is needed (loci = [])', path: ['loci'] });
  if (o.oldKitRate > 0 && !o.oldKit.some((l) => o.loci.includes(l))) issues.push({ code: 'old-kit-loci', message: `The old kit shares no locus with the loci (oldKit = ${o.oldKit.join(', ')})`, path: ['oldKit'] });
  if (issues.length > 0) throw new ValidationError(issues);
  return o;
}

function pickStructure(structures: readonly FamilyStructure[], total: number, random: Random): FamilyStructure {
  let u = random.float() * total;
  for (const s of structures) {
    if (u < s.weight) return s;
    u -= s.weight;
  }
  return structures[structures.length - 1] as FamilyStructure;
}

/** Sex words imply, so that a random sex is drawn only for neutral relations. */
const SEXED: ReadonlySet<RelationWord> = new Set<RelationWord>([
  'mother', 'father', 'grandmother-maternal', 'grandfather-maternal', 'grandmother-paternal', 'grandfather-paternal',
  'aunt-maternal', 'uncle-maternal', 'aunt-paternal', 'uncle-paternal',
]);

/**
 * A synthetic missing-children search with a known truth. Each family gets a
 * structure (drawn by weight), 1-4 references (uniform in `references`), and
 * a pedigree built by {@link pedigreeFromRelations}; its references and
 * missing person(s) are gene-dropped together in that pedigree with the
 * chosen mutation model ({@link simulateGenotypes}' rules), so a related child
 * really is the missing person of its family. `related` missing persons
 * (distinct, uniformly among all missing persons) become found children;
 * the other `children − related` are unrelated people drawn under
 * Hardy-Weinberg equilibrium. Children are shuffled and named `CH-0001`...
 *
 * Realism: a share `oldKitRate` of references were typed with an older kit
 * (Identifiler's 15 loci by default, against GlobalFiler's 21), and every
 * typed locus of every profile is missing with probability `locusDropRate`.
 * Sexes: references take the sex of their relation (a mother is female);
 * missing persons and neutral relations (siblings) are male or female at
 * random. A found child has its missing person's sex. Years of birth: see
 * `birthYears` (the missing person's exact year in the family; an estimate
 * of one to three years for every found child).
 *
 * Cost: O(families × people × loci) draws plus one pedigree per family;
 * 2,000 families with up to 4 references and 500 children take about
 * 0.2 s on one core (see docs/simulation.md).
 *
 * @throws {@link ValidationError} for bad options, listing every problem
 * (including loci missing from the table).
 * @example
 * ```ts
 * const scenario = simulateSearchScenario({ table: builtinTable(), seed: 1, families: 20, children: 10, related: 6 });
 * scenario.families[0]?.id; // => 'FAM-0001'
 * scenario.children.length; // => 10
 * scenario.truth.size; // => 6
 * const [child, truth] = [...scenario.truth][0] ?? [];
 * // child: e.g. 'CH-0004'; truth: e.g. { family: 'FAM-0013', missing: 'FAM-0013-missing' }
 * ```
 */
export function simulateSearchScenario(options: SearchScenarioOptions): SearchScenario {
  checkObject(options, 'options');
  const { seed: _seed, ...settings } = validateSearchScenarioOptions(options);
  const random = makeRandom(options.seed);
  const { table } = options;
  const markers = simulationMarkers(table, settings.loci, { mutation: settings.mutation });
  const markerNames = markers.map((m) => m.name);
  // Lineage markers (X, Y) come from their own streams, so the autosomal data, sexes and years are those of the same seed without them.
  const xMarkers = settings.xLoci.length === 0 ? [] : simulationMarkers(table, settings.xLoci, { mutation: settings.mutation });
  const xGroups = ARGUS_X12_LINKAGE_GROUPS.map((g) => xMarkers.flatMap((m, i) => (g.loci.includes(m.name) ? [i] : []))).filter((g) => g.length > 0);
  xMarkers.forEach((m, i) => {
    if (!ARGUS_X12_LINKAGE_GROUPS.some((g) => g.loci.includes(m.name))) xGroups.push([i]);
  });
  const yPop: YPopulation | null = settings.yLoci.length === 0 ? null : makeYPopulation(settings.yLoci, settings.yPopulation, makeRandom((options.seed ^ 0x79706f70) >>> 0));
  const lineageRandom = makeRandom((options.seed ^ 0x6c696e65) >>> 0);
  const hasLineage = xMarkers.length > 0 || yPop !== null;
  /** A profile with its X genotypes and Y haplotype (each locus dropped out at `locusDropRate`). */
  const addLineage = (p: Profile, x: Record<string, Genotype> | undefined, y: Int16Array | null | undefined): Profile => {
    const genotypes: Record<string, Genotype> = dict();
    for (const [k, g] of Object.entries(p.genotypes)) genotypes[k] = g;
    for (const m of xMarkers) {
      if (settings.locusDropRate > 0 && lineageRandom.float() < settings.locusDropRate) continue;
      const g = x?.[m.name];
      if (g !== undefined) genotypes[m.name] = g;
    }
    if (yPop === null || y === null || y === undefined) return { ...p, genotypes };
    const full = yPop.toHaplotype(y);
    const loci: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
    for (const l of yPop.loci) {
      if (settings.locusDropRate > 0 && lineageRandom.float() < settings.locusDropRate) continue;
      loci[l] = [...(full.loci[l] ?? [])];
    }
    return { ...p, genotypes, ...(Object.keys(loci).length > 0 ? { y: { loci, flags: [] } } : {}) };
  };
  const oldKitSet = new Set(simulationMarkers(table, settings.oldKit.filter((l) => settings.loci.includes(l)), { mutation: 'none' }).map((m) => m.name));
  const totalWeight = settings.structures.reduce((s, x) => s + x.weight, 0);
  const width = Math.max(4, String(settings.families).length);
  const childWidth = Math.max(4, String(settings.children).length);
  const randomSex = (): Sex => (random.float() < 0.5 ? 'male' : 'female');
  // Years of birth come from a second stream, so that genotypes and sexes are those of the same seed without years.
  const years = settings.birthYears;
  const meta = makeRandom((options.seed ^ 0x6d657461) >>> 0);
  const trueYear = (): number | undefined => (years === null ? undefined : meta.int(years[0], years[1] + 1));
  const estimate = (year: number | undefined): { born?: BirthYears } => (year === undefined ? {} : { born: { from: year - meta.int(0, 2), to: year + meta.int(0, 2) } });

  const inOldKit = markerNames.map((name) => oldKitSet.has(name));
  /** A profile from simulated genotypes (by marker index), with kit and dropout applied. */
  const toProfile = (sample: string, sex: Sex, all: readonly (Genotype | undefined)[], oldKit: boolean, extra: { family?: string; relationship?: string }): Profile => {
    const genotypes: Record<string, Genotype> = dict();
    for (let k = 0; k < markerNames.length; k++) {
      if (oldKit && inOldKit[k] !== true) continue;
      if (settings.locusDropRate > 0 && random.float() < settings.locusDropRate) continue;
      const g = all[k];
      if (g !== undefined) genotypes[markerNames[k] as string] = g;
    }
    return { sample, sex, genotypes, skipped: [], ...extra, source: { format: 'simulated' } };
  };

  const families: Family[] = [];
  const structures = new Map<string, string>();
  const missingPool: { family: string; missing: string; sex: Sex; year: number | undefined; genotypes: readonly (Genotype | undefined)[]; x?: Record<string, Genotype>; y?: Int16Array | null }[] = [];
  const [minRefs, maxRefs] = settings.references;
  const alleles = new Int32Array(64);
  const labelers = markers.map(genotypeLabeler);
  const shapeOf = familyShapes();
  for (let f = 1; f <= settings.families; f++) {
    const id = `FAM-${pad(f, width)}`;
    const structure = pickStructure(settings.structures, totalWeight, random);
    const k = random.int(minRefs, maxRefs + 1);
    const relations = structure.relations.slice(0, k);
    const missing = Array.from({ length: structure.missing }, (_, i) => ({ id: structure.missing === 1 ? `${id}-missing` : `${id}-missing-${i + 1}`, sex: randomSex() }));
    const seen = new Map<string, number>();
    const refs = relations.map((relation) => {
      const c = (seen.get(relation) ?? 0) + 1;
      seen.set(relation, c);
      const refId = c === 1 ? `${id}-${relation}` : `${id}-${relation}-${c}`;
      return SEXED.has(relation) ? { id: refId, relation } : { id: refId, relation, sex: randomSex() };
    });
    // the pedigree and plan depend on the structure, the number of references and the sexes only (ids aside)
    const { pedigree, plan, refSexes } = shapeOf(id, `${settings.structures.indexOf(structure)}|${k}|${missing.map((m) => m.sex).join()}|${refs.map((r) => r.sex ?? '').join()}`, missing, refs);
    const buffer = plan.ids.length * 2 <= alleles.length ? alleles : new Int32Array(plan.ids.length * 2);
    const typed = plan.typed;
    const simulated: (Genotype | undefined)[][] = typed.map(() => new Array<Genotype | undefined>(markers.length));
    for (let k = 0; k < markers.length; k++) {
      dropMarker(plan, markers[k] as MarkerModel, random, 0, buffer);
      const label = labelers[k] as (a: number, b: number) => Genotype | null;
      for (let t = 0; t < typed.length; t++) {
        const i = typed[t] as number;
        const g = label(buffer[2 * i] as number, buffer[2 * i + 1] as number);
        if (g !== null) (simulated[t] as (Genotype | undefined)[])[k] = g;
      }
    }
    const lineage = hasLineage ? familyLineage(plan, xMarkers, xGroups, yPop, lineageRandom) : null;
    const references: Record<string, Profile> = dict();
    refs.forEach((r, t) => {
      const oldKit = settings.oldKitRate > 0 && random.float() < settings.oldKitRate;
      const profile = toProfile(r.id, refSexes[t] as Sex, simulated[t] as (Genotype | undefined)[], oldKit, { family: id, relationship: r.relation });
      references[r.id] = lineage !== null && lineageRandom.float() < settings.lineageTypedRate ? addLineage(profile, lineage.x[t], lineage.y[t]) : profile;
    });
    const born: Record<string, BirthYears> = dict();
    missing.forEach((m, i) => {
      const year = trueYear();
      if (year !== undefined) born[m.id] = { from: year, to: year };
      missingPool.push({ family: id, missing: m.id, sex: m.sex, year, genotypes: simulated[refs.length + i] as (Genotype | undefined)[], ...(lineage !== null ? { x: lineage.x[refs.length + i], y: lineage.y[refs.length + i] ?? null } : {}) });
    });
    families.push({ id, pedigree, missing: missing.map((m) => m.id), references, ...(years === null ? {} : { born }) });
    structures.set(id, structure.name);
  }
  if (settings.related > missingPool.length) {
    throw new ValidationError({ code: 'related-missing', message: `More related children asked for than there are missing persons (related = ${settings.related}, missing persons = ${missingPool.length})`, path: ['related'] });
  }
  const chosen = shuffle(missingPool, random).slice(0, settings.related);
  type Pending = { readonly kind: 'related'; readonly source: (typeof missingPool)[number] } | { readonly kind: 'unrelated' };
  const pending: Pending[] = [...chosen.map((source) => ({ kind: 'related' as const, source })), ...Array.from({ length: settings.children - settings.related }, () => ({ kind: 'unrelated' as const }))];
  shuffle(pending, random);
  const truth = new Map<string, ScenarioTruth>();
  const samplers = settings.children > settings.related ? locusSamplers(table, markerNames) : [];
  const aligned = samplers.every((x, i) => x.locus === markerNames[i]);
  /** Draws keyed by the samplers' loci, read back by marker name (when a sampler's locus is not its marker's name). */
  const byName = (drawn: readonly Genotype[]): (Genotype | undefined)[] => {
    const record: Record<string, Genotype> = dict();
    samplers.forEach((x, i) => {
      record[x.locus] = drawn[i] as Genotype;
    });
    return markerNames.map((name) => record[name]);
  };
  const children = pending.map((p, i): Profile => {
    const sample = `CH-${pad(i + 1, childWidth)}`;
    if (p.kind === 'related') {
      truth.set(sample, { family: p.source.family, missing: p.source.missing });
      const base = toProfile(sample, p.source.sex, p.source.genotypes, false, {});
      return { ...(hasLineage ? addLineage(base, p.source.x, p.source.y) : base), ...estimate(p.source.year) };
    }
    // simulateProfile(table, markerNames, random)'s draws, without its record
    const { sex, genotypes: drawn } = drawPerson(samplers, random);
    const base = toProfile(sample, sex, aligned ? drawn : byName(drawn), false, {});
    const male = sex === 'male';
    return { ...(hasLineage ? addLineage(base, unrelatedX(xMarkers, male, lineageRandom), male && yPop !== null ? yPop.draw(lineageRandom) : null) : base), ...estimate(trueYear()) };
  });
  return {
    families,
    children,
    truth,
    structures,
    markers,
    seed: random.seed,
    settings: {
      ...settings,
      table: { name: table.name, checksum: table.checksum },
      loci: markerNames,
      oldKit: [...oldKitSet],
      structures: settings.structures.map((s) => s.name),
    },
    ...(yPop !== null ? { yDatabase: yPop.database } : {}),
  };
}
