/**
 * The locus plan of a search: which loci are compared, and the allele list,
 * frequencies and mutation models of each, shared by every family and child
 * so that every family table of a locus has the same genotype count.
 */
import { checkSearchLineage, lineageProvenance, type SearchLineage } from './lineageTerms.js';
import { StrkinError, ValidationError } from '../errors/StrkinError.js';
import { indexPedigree, type IndexedPedigree } from '../likelihood/kinshipLR.js';
import type { FrequencyTable, LocusFrequencies } from '../frequencies/FrequencyTable.js';
import { alleleSpace } from '../frequencies/markerFrequencies.js';
import { describeFrequencyOptions, findLocus, minimumFrequency, type FrequencyOptions } from '../frequencies/rareAllele.js';
import { describeSilentFrequencies, resolveSilentFrequencies, type SilentFrequencyOption } from '../frequencies/silentFrequency.js';
import { makeMarkerModel, type MarkerModel } from '../likelihood/MarkerModel.js';
import { defaultMutation, mutationRatesIssues, type MutationRates } from '../mutation/defaultRates.js';
import { describeMutation, NO_MUTATION, type MutationModelName, type SexSpecificMutation } from '../mutation/mutationMatrix.js';
import { genotypeCount, genotypeIndex, type Genotype } from '../profile/genotype.js';
import { compareAlleles } from '../profile/allele.js';
import type { Profile } from '../profile/Profile.js';
import { canonicalLocus, locusKind } from '../profile/loci.js';
import { STRKIN_VERSION } from '../version.js';
import { DEFAULT_X_LINKAGE, describeXLinkage, X_LINKAGE_MODES, type XLinkageMode } from './xLinkage.js';
import type { Family } from './Family.js';

/**
 * Mutation settings of a search: a model name (built-in per-locus rates through
 * `defaultMutation(locus, model)`), or explicit settings per canonical locus name
 * (loci not listed get no mutation).
 */
export type SearchMutation = MutationModelName | Readonly<Record<string, SexSpecificMutation>>;

/** Options shared by the index build and the search. */
export interface FamilyIndexOptions {
  /** Allele frequencies. */
  readonly frequencies: FrequencyTable;
  /** Rare-allele rule and renormalisation; default as in {@link FrequencyOptions}. */
  readonly frequencyOptions?: FrequencyOptions;
  /** Mutation model; default `'stepwise'` with the built-in per-locus rates (`defaultMutation(locus, 'stepwise')`). */
  readonly mutation?: SearchMutation;
  /**
   * One mutation rate per sex for every locus, replacing the built-in per-locus
   * rates of a model name (`mutation: 'equal'`, rates 0.001: the casework setting
   * "equal, rate 0.001"); a sex left out keeps the built-in rates. Ignored with
   * explicit per-locus settings. Default: the built-in rates.
   */
  readonly mutationRates?: MutationRates;
  /** Balding-Nichols theta in [0, 1); default 0. */
  readonly theta?: number;
  /**
   * Loci to compare (any spelling; canonicalised). Default: every locus of the
   * frequency table typed in at least one reference, in table order.
   */
  readonly loci?: readonly string[];
  /**
   * Silent (null) allele frequency, for every locus or per locus; default 0 (none). A typed
   * homozygote a/a (reference or child) may then be a/silent (docs/statistics.md, "Silent alleles").
   */
  readonly silentFrequency?: SilentFrequencyOption;
  /** Y-STR evidence: a haplotype database, method and rates (docs/lineage.md). Default: none (autosomal only). */
  readonly lineage?: SearchLineage;
  /**
   * Compare X-chromosomal loci (docs/lineage.md, "X in the search"). `searchFamilies`,
   * `strkin search`, the family index, `familyPower` and `strkin power` set it (default true
   * there); elsewhere the default false lists X loci as unused, and an X locus named in `loci` is an
   * `x-locus-not-supported` error.
   */
  readonly xLoci?: boolean;
  /**
   * Loci of one X linkage group (docs/lineage.md, "Linkage in the search"): `'safe'` (default) uses every
   * locus for a family whose pedigree is linkage-safe and one locus per group otherwise (exact under linkage
   * equilibrium); `'unlinked'` uses every locus and multiplies their LRs as if unlinked.
   */
  readonly xLinkage?: XLinkageMode;
}

/**
 * One locus of a plan. Plain data (structured-cloneable, so workers can receive it).
 *
 * Two allele lists: `alleles` indexes genotypes (the table's alleles plus every
 * observed allele the table lacks, so that one genotype index means the same in
 * every family table and every child), while each family's likelihoods are
 * computed on its own case space, `tableAlleles` plus the alleles of that family
 * and of the child compared ({@link alleleSpace}).
 */
export interface LocusPlan {
  /** Canonical locus name. */
  readonly name: string;
  /** Genotype-index alleles: table alleles plus every observed allele the table lacks, sorted (compareAlleles). */
  readonly alleles: readonly string[];
  /** The table's alleles at this locus, sorted. */
  readonly tableAlleles: readonly string[];
  /** The table's frequencies, parallel to `tableAlleles`. */
  readonly tableFrequencies: readonly number[];
  /** Frequency of an allele the table lacks (before the division by the case's sum); null under the rare-allele rule `error`. */
  readonly minFrequency: number | null;
  /** Observed alleles absent from the table (in `alleles`, not in `tableAlleles`). */
  readonly rare: readonly string[];
  /**
   * Genotype indices (over `alleles`) of the children's genotypes that carry an
   * allele absent from the table, sorted: a family lacking that allele computes
   * these entries on its space extended by it. Other genotypes with such alleles
   * are not filled, and {@link encodeChildren} refuses children whose genotype is not here.
   */
  readonly childRareGenotypes: readonly number[];
  readonly mutation: SexSpecificMutation;
  /** Number of genotypes n(n+1)/2 over `alleles`. */
  readonly genotypes: number;
  /**
   * Silent allele frequency of the locus, present only when positive: every case space then
   * has the silent allele too, and a table entry for a/a is the LR of the apparent a/a
   * (true a/a or a/silent). `alleles` and `genotypes` stay over the observed alleles.
   */
  readonly silentFrequency?: number;
  /** `'X'` for an X-chromosomal locus (present only then): tables per the missing person's sex, read only by children of that sex. */
  readonly chromosome?: 'X';
}

/** Provenance recorded with every search result. */
export interface SearchProvenance {
  readonly strkinVersion: string;
  readonly frequencies: { readonly name: string; readonly checksum: string; readonly rareAlleleRule: string };
  readonly theta: number;
  /** `'stepwise'`, `'none'`, ... or `'custom'` for explicit per-locus settings. */
  readonly mutationModel: string;
  /** Female and male settings per locus, as `describeMutation` writes them. */
  readonly mutationRates: readonly { readonly locus: string; readonly female: string; readonly male: string }[];
  /** Seed of any random choice (the search itself draws none: null). */
  readonly seed: number | null;
  /** Silent allele frequencies per locus (`describeSilentFrequencies`), present only when some locus has one. */
  readonly silentFrequencies?: string;
  /** Y-STR evidence, when the search adds it: the database, the match-probability method, the rates and the model. */
  readonly lineage?: {
    readonly database: { readonly name: string; readonly size: number; readonly loci: readonly string[] };
    readonly method: string;
    readonly rates: readonly { readonly locus: string; readonly rate: number; readonly source: string }[];
    readonly ratesSource: string;
    readonly model: string;
    readonly independence: string;
  };
  /** X-chromosomal loci compared (present only when some are): their names and the independence assumption under which the X LR multiplies the others. */
  readonly xLoci?: { readonly loci: readonly string[]; readonly independence: string; readonly linkage: string };
}

/** Why an X-chromosomal locus is not compared where `xLoci` is off. */
const X_NOT_IN_SEARCH = 'X-chromosomal: not compared where xLoci is off (searchFamilies, strkin search, the family index and power compare X loci by default)';
/** The assumption under which a pair's X LR multiplies its autosomal (and Y) LR. */
const X_INDEPENDENCE = 'autosomal, X and Y markers assumed independent given the pedigrees (the pair\'s LR is the product of the per-type LRs)';
/** Why an X-chromosomal locus with a silent allele frequency is not compared. */
const X_SILENT = 'X-chromosomal with a silent allele frequency: not compared by the search';

/** A locus of the input that is not compared, with the reason. */
export interface UnusedLocus {
  readonly locus: string;
  readonly reason: string;
}

/** The loci, allele lists and models of a search (see {@link planSearch}). */
export interface SearchPlan {
  readonly loci: readonly LocusPlan[];
  readonly theta: number;
  /** Whether any locus has a mutation model (else the no-mutation table is the main table). */
  readonly hasMutation: boolean;
  /** Typed loci of references or children that are not compared. */
  readonly unusedLoci: readonly UnusedLocus[];
  readonly provenance: SearchProvenance;
  /** The Y-STR settings, when the search adds Y evidence. */
  readonly lineage?: SearchLineage;
  /** How loci of one X linkage group are used (`xLinkage`; default `'safe'`). */
  readonly xLinkage: XLinkageMode;
}

/**
 * Plans a search: chooses the loci and builds, per locus, the genotype-index
 * allele list shared by every family and child (the table's alleles plus every
 * allele observed in any reference or child) and the list of children's
 * genotypes that carry alleles the table lacks. Frequencies are not shared: each
 * (child, family) pair is evaluated on its own case space (table alleles plus
 * that pair's alleles, divided by their sum; {@link alleleSpace}), so that a
 * pair's LR never depends on other records. Under the rare-allele rule `error`
 * the lists hold the table's alleles only; profiles with other alleles are then
 * handled by the index build (family rejected) and the child encoder (locus set
 * aside).
 *
 * Cost: O(total typed loci of all profiles + Σ A_l log A_l).
 *
 * @throws `ValidationError` `bad-theta`, `bad-option` (mutation rates), `locus-not-in-table` (an asked-for locus, or a locus of
 * `silentFrequency`, that the table lacks), `bad-silent-frequency`.
 * @example
 * ```ts
 * const plan = planSearch([], [], { frequencies: builtinTable('nist1036-cauc'), loci: ['TH01'] });
 * plan.loci[0]?.genotypes; // 36 (8 alleles)
 * ```
 */
export function planSearch(families: readonly Family[], children: readonly Profile[], options: FamilyIndexOptions): SearchPlan {
  const theta = options.theta ?? 0;
  if (!(theta >= 0 && theta < 1)) throw new ValidationError({ code: 'bad-theta', message: `Theta must be in [0, 1) (theta = ${String(theta)})`, path: ['theta'] });
  const rateIssues = mutationRatesIssues(options.mutationRates);
  if (rateIssues.length > 0) throw new ValidationError(rateIssues);
  const xLinkage = options.xLinkage ?? DEFAULT_X_LINKAGE;
  if (!X_LINKAGE_MODES.includes(xLinkage)) throw new ValidationError({ code: 'bad-option', message: `xLinkage must be ${X_LINKAGE_MODES.join(' or ')} (xLinkage = ${JSON.stringify(xLinkage)})`, path: ['xLinkage'] });
  const table = options.frequencies;
  const freqOptions = options.frequencyOptions ?? {};
  const silent = resolveSilentFrequencies(options.silentFrequency, table);
  // Alleles seen per locus name as typed, then merged by canonical name (a few dozen names recur
  // over millions of typed loci). for-in: genotype records are null-prototype objects, where
  // Object.entries is several times slower.
  const seen = new Map<string, Set<string>>();
  const typedByRaw = new Set<string>();
  const note = (profile: Profile, isReference: boolean): void => {
    const genotypes = profile.genotypes;
    for (const locus in genotypes) {
      if (!Object.hasOwn(genotypes, locus)) continue;
      const g = genotypes[locus] as Genotype;
      let set = seen.get(locus);
      if (set === undefined) seen.set(locus, (set = new Set()));
      set.add(g[0]);
      if (g[1] !== null) set.add(g[1]);
      if (isReference) typedByRaw.add(locus);
    }
  };
  for (const f of families) for (const p of Object.values(f.references)) note(p, true);
  for (const c of children) note(c, false);
  const observed = new Map<string, Set<string>>();
  for (const [locus, alleles] of seen) {
    const name = canonicalLocus(locus) ?? locus;
    const set = observed.get(name);
    if (set === undefined) observed.set(name, alleles);
    else for (const a of alleles) set.add(a);
  }
  const typedBy = new Set([...typedByRaw].map((l) => canonicalLocus(l) ?? l));

  let names: string[];
  const unusedLoci: UnusedLocus[] = [];
  if (options.loci !== undefined) {
    names = [];
    const missing = [];
    for (const raw of options.loci) {
      const entry = findLocus(table, raw);
      if (entry === undefined) missing.push(raw);
      else if (!names.includes(entry.locus)) names.push(entry.locus);
    }
    if (missing.length > 0) {
      throw new ValidationError(missing.map((l) => ({ code: 'locus-not-in-table', message: `Frequency table ${table.name} has no frequencies for this locus (locus = ${JSON.stringify(l)})`, path: ['loci', l] })));
    }
  } else {
    names = Object.keys(table.loci).filter((l) => typedBy.has(l));
  }
  // X-chromosomal loci are compared only with `xLoci` (docs/lineage.md), and not with a silent allele; else listed as unused.
  const xOn = options.xLoci === true;
  if (!xOn && options.loci !== undefined) {
    const asked = names.filter((l) => locusKind(l) === 'x');
    if (asked.length > 0) throw new ValidationError(asked.map((l) => ({ code: 'x-locus-not-supported', message: `X-chromosomal loci are not compared where xLoci is off (locus = ${l})`, path: ['loci', l] })));
  }
  const xUnused = (l: string): string | null => (locusKind(l) !== 'x' ? null : !xOn ? X_NOT_IN_SEARCH : silent.has(l) ? X_SILENT : null);
  names = names.filter((l) => xUnused(l) === null);
  for (const l of [...observed.keys()].sort()) {
    if (names.includes(l)) continue;
    const inTable = findLocus(table, l) !== undefined;
    unusedLoci.push({ locus: l, reason: xUnused(l) ?? (!inTable ? 'not in the frequency table' : options.loci !== undefined ? 'not in the loci asked for' : 'typed in no reference') });
  }

  const model: SearchMutation = options.mutation ?? 'stepwise';
  const loci: LocusPlan[] = names.map((name) => {
    const entry = findLocus(table, name) as LocusFrequencies;
    const min = minimumFrequency(table, name, freqOptions.rareAllele);
    const known = new Set(entry.alleles);
    const rare = min === undefined ? [] : [...(observed.get(name) ?? [])].filter((a) => !known.has(a)).sort(compareAlleles);
    const alleles = rare.length === 0 ? [...entry.alleles] : [...entry.alleles, ...rare].sort(compareAlleles);
    const index = new Map(alleles.map((a, i) => [a, i]));
    const childRare = new Set<number>();
    if (rare.length > 0) {
      for (const c of children) {
        const g = Object.hasOwn(c.genotypes, name) ? c.genotypes[name] : undefined;
        if (g === undefined || g[1] === null || (known.has(g[0]) && known.has(g[1]))) continue;
        const a = index.get(g[0]);
        const b = index.get(g[1]);
        if (a !== undefined && b !== undefined) childRare.add(genotypeIndex(a, b));
      }
    }
    const mutation = locusMutation(model, name, options.mutationRates);
    const s = silent.get(name);
    return {
      name,
      alleles,
      tableAlleles: entry.alleles,
      tableFrequencies: entry.frequencies,
      minFrequency: min ?? null,
      rare,
      childRareGenotypes: [...childRare].sort((x, y) => x - y),
      mutation,
      genotypes: genotypeCount(alleles.length),
      ...(s !== undefined ? { silentFrequency: s } : {}),
      ...(locusKind(name) === 'x' ? { chromosome: 'X' as const } : {}),
    };
  });
  const hasMutation = loci.some((l) => l.mutation.female.model !== 'none' || l.mutation.male.model !== 'none');
  if (options.lineage !== undefined) checkSearchLineage(options.lineage);
  return {
    ...(options.lineage !== undefined ? { lineage: options.lineage } : {}),
    loci,
    theta,
    hasMutation,
    unusedLoci,
    xLinkage,
    provenance: {
      strkinVersion: STRKIN_VERSION,
      frequencies: { name: table.name, checksum: table.checksum, rareAlleleRule: describeFrequencyOptions(freqOptions) },
      theta,
      mutationModel: typeof model === 'string' ? model : 'custom',
      mutationRates: loci.map((l) => ({ locus: l.name, female: describeMutation(l.mutation.female), male: describeMutation(l.mutation.male) })),
      seed: null,
      ...(loci.some((l) => l.silentFrequency !== undefined) ? { silentFrequencies: describeSilentFrequencies(new Map(loci.flatMap((l) => (l.silentFrequency !== undefined ? [[l.name, l.silentFrequency] as const] : [])))) } : {}),
      ...(options.lineage !== undefined ? { lineage: lineageProvenance(options.lineage) } : {}),
      ...(loci.some((l) => l.chromosome === 'X') ? { xLoci: { loci: loci.filter((l) => l.chromosome === 'X').map((l) => l.name), independence: X_INDEPENDENCE, linkage: describeXLinkage(xLinkage) } } : {}),
    },
  };
}

/**
 * A family's pedigree indexed for the engine, after the checks every use of a
 * family makes (missing people marked, distinct, in the pedigree and untyped;
 * references in the pedigree; `validatePedigree` through `indexPedigree`), or
 * every reason it cannot be used. Only StrkinErrors become reasons. @internal
 */
export function indexFamily(family: Family): { readonly ped: IndexedPedigree } | { readonly reasons: string[] } {
  const reasons: string[] = [];
  const ids = new Set(family.pedigree.persons.map((p) => p.id));
  if (family.missing.length === 0) reasons.push('no missing person is marked');
  if (new Set(family.missing).size !== family.missing.length) reasons.push(`a missing person is listed twice (missing = ${family.missing.join(', ')})`);
  for (const m of family.missing) {
    if (!ids.has(m)) reasons.push(`missing person is not in the pedigree (missing = ${m})`);
    if (Object.hasOwn(family.references, m)) reasons.push(`missing person has a reference profile (missing = ${m})`);
  }
  for (const r of Object.keys(family.references)) if (!ids.has(r)) reasons.push(`reference is not in the pedigree (reference = ${r})`);
  if (reasons.length > 0) return { reasons };
  try {
    return { ped: indexPedigree(family.pedigree, []) };
  } catch (e) {
    if (e instanceof StrkinError) return { reasons: e.issues.map((i) => `invalid pedigree: ${i.message}`) };
    throw e;
  }
}

/** The references of a family typed at one locus, in its case space. @internal */
export interface ReferencesAtLocus {
  /** (person index, genotype) of every reference typed at the locus whose alleles the rare-allele rule accepts. */
  readonly typed: [number, Genotype][];
  /** The alleles they carry that the table lacks, sorted: the family's space is the table plus these. */
  readonly extra: string[];
  /** One reason per reference refused by the rare-allele rule `error`. */
  readonly refused: string[];
}

/**
 * The references typed at `locus` and the alleles they add to the table (the
 * family's case space, docs/statistics.md "Alleles and frequencies"), shared by
 * the family tables and the power figures. `refs` are (person index, id, profile).
 * @internal
 */
export function referencesAtLocus(refs: readonly (readonly [number, string, Profile])[], locus: LocusPlan, table: ReadonlySet<string>): ReferencesAtLocus {
  const typed: [number, Genotype][] = [];
  const extra: string[] = [];
  const refused: string[] = [];
  for (const [i, id, profile] of refs) {
    const g = Object.hasOwn(profile.genotypes, locus.name) ? profile.genotypes[locus.name] : undefined;
    if (g === undefined) continue;
    const out0 = !table.has(g[0]);
    const out1 = g[1] !== null && !table.has(g[1]);
    if ((out0 || out1) && locus.minFrequency === null) {
      refused.push(`reference allele is not in the frequency table and rare alleles are rejected (reference = ${id}, locus = ${locus.name}, genotype = ${g[0]}/${g[1] ?? '-'})`);
      continue;
    }
    if (out0 && !extra.includes(g[0])) extra.push(g[0]);
    if (out1 && !extra.includes(g[1] as string)) extra.push(g[1] as string);
    typed.push([i, g]);
  }
  if (extra.length > 1) extra.sort(compareAlleles);
  return { typed, extra, refused };
}

/** The mutation settings of a search at one locus (canonical name). @internal */
export function locusMutation(model: SearchMutation, locus: string, rates: MutationRates = {}): SexSpecificMutation {
  return typeof model === 'string' ? defaultMutation(locus, model, rates) : (Object.hasOwn(model, locus) ? (model[locus] as SexSpecificMutation) : NO_MUTATION);
}

/**
 * The marker of a locus on the case space `tableAlleles` ∪ `extra` ({@link alleleSpace}),
 * with the plan's mutation model on that space, and the silent allele last when the locus
 * has one. @internal
 */
export function caseMarker(locus: LocusPlan, extra: readonly string[]): MarkerModel {
  const space = alleleSpace(locus.tableAlleles, locus.tableFrequencies, locus.minFrequency ?? 0, extra);
  return makeMarkerModel({ name: locus.name, alleles: space.alleles, frequencies: space.frequencies, mutation: locus.mutation, ...(locus.chromosome === 'X' ? { chromosome: 'X' as const } : {}), ...(locus.silentFrequency !== undefined ? { silentFrequency: locus.silentFrequency } : {}) });
}
