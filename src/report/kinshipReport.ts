/**
 * The content of a case report (one page per case of `strkin lr` or per pair
 * of `strkin search`): a plain, JSON-ready value built from a
 * {@link KinshipResult}, then written as HTML ({@link kinshipReportHtml}), JSON
 * ({@link kinshipReportJson}) or CSV ({@link kinshipReportCsv}). Pure: every
 * input, including the time, is an argument.
 */
import type { KinshipResult, GenotypeData } from '../likelihood/kinshipLR.js';
import type { MarkerStatus, RatioValue } from '../likelihood/LRResult.js';
import type { Pedigree, Person } from '../pedigree/Pedigree.js';
import { formatGenotype, type Genotype } from '../profile/genotype.js';
import type { Profile } from '../profile/Profile.js';
import type { Family } from '../search/Family.js';
import { posteriorFromLnLR } from '../search/posterior.js';
import { csvTextCell } from '../util/csv.js';
import { lrJson, type LRJson } from './lrJson.js';
import { hypothesisInWords, joinWords, relationshipWord } from './relationshipWords.js';
import { ENFSI_VERBAL_SCALE, verbalEquivalent, type VerbalEquivalent, type VerbalScale } from './verbalScale.js';

/** A typed person of a report: one genotype column. */
export interface ReportPerson {
  /** Person id in the pedigree (for a search pair, the child's sample name for the child). */
  readonly id: string;
  /** Sample name of the profile, where it differs from the id or is known. */
  readonly sample: string | null;
  /** `child`, or the person's relationship under H1 (`mother`, `paternal grandmother`, ...). */
  readonly role: string;
}

/** One row of the per-locus table. */
export interface ReportLocus {
  readonly locus: string;
  /** Genotype of each person of {@link KinshipReport.people}, in order (`12/14`); null when untyped. */
  readonly genotypes: readonly (string | null)[];
  /** LR with the mutation model. */
  readonly withMutation: LRJson;
  /** LR without mutation (equal to `withMutation` when the locus has no mutation model). */
  readonly withoutMutation: LRJson;
  /** Status of the locus: the status of the LR with mutation, `inconsistent` when it is possible only through a mutation. */
  readonly status: MarkerStatus | 'inconsistent';
}

/** A hypothesis of a report. */
export interface ReportHypothesis {
  readonly key: string;
  /** The label given with the case (or written by strkin for a search pair). */
  readonly label: string;
  /** The pedigree in words, generated from the pedigree. */
  readonly words: string;
}

/** An input file and its SHA-256 checksum. */
export interface ReportInput {
  readonly file: string;
  readonly sha256: string;
}

/** Where a report's numbers come from: enough to recompute them. */
export interface ReportProvenance {
  readonly strkinVersion: string;
  /** When the report was made (ISO 8601). */
  readonly generated: string;
  readonly frequencies: { readonly name: string; readonly checksum: string | null; readonly rareAlleleRule: string | null } | null;
  readonly theta: number;
  /** Mutation model name as chosen (`stepwise`, `as given in the case`, ...). */
  readonly mutationModel: string;
  /** Female and male mutation settings of every locus. */
  readonly mutation: readonly { readonly marker: string; readonly female: string; readonly male: string }[];
  readonly convention: string;
  readonly inputs: readonly ReportInput[];
}

/** Everything one report page shows. */
export interface KinshipReport {
  readonly format: 'strkin-kinship-report';
  readonly formatVersion: 1;
  readonly title: string;
  readonly kind: 'case' | 'search-pair';
  /** Case id, or the pair (child, family, missing person). */
  readonly subject: Readonly<Record<string, string>>;
  readonly people: readonly ReportPerson[];
  readonly hypotheses: readonly ReportHypothesis[];
  /** The H1 pedigree as drawn: its people, who is typed, who is missing. */
  readonly pedigree: { readonly persons: readonly Person[]; readonly typed: readonly string[]; readonly missing: readonly string[]; readonly labels: Readonly<Record<string, string>> };
  readonly loci: readonly ReportLocus[];
  readonly total: LRJson;
  readonly totalWithoutMutation: LRJson;
  /** Loci whose data are impossible without mutation. */
  readonly inconsistentLoci: number;
  readonly posterior: { readonly prior: number; readonly posterior: number | null; /** 1 − posterior, computed on its own so that it keeps its digits when the posterior is near 1. */ readonly oneMinusPosterior: number | null; readonly priorNote: string };
  readonly verbal: VerbalEquivalent & { readonly citation: string };
  /** Extra lines for the reader (the search's decision for the child, ...). */
  readonly notes: readonly string[];
  readonly provenance: ReportProvenance;
}

/** What every report builder needs besides the case itself. */
export interface ReportContext {
  /** Prior probability of H1, in (0, 1). */
  readonly prior: number;
  /** Why this prior (shown beside it). */
  readonly priorNote: string;
  /** Verbal scale. Default {@link ENFSI_VERBAL_SCALE}. */
  readonly scale?: VerbalScale;
  /** Input files with their SHA-256 checksums. */
  readonly inputs: readonly ReportInput[];
  /** Time of the report, ISO 8601. */
  readonly generated: string;
  /** Mutation model as chosen by the user. */
  readonly mutationModel: string;
  /** The rare-allele rule in words, where a table was used. */
  readonly rareAlleleRule?: string;
  /** Extra lines shown under the result. Default none. */
  readonly notes?: readonly string[];
}

const json = (v: RatioValue): LRJson => lrJson(v.lnLR, v.status);

/** The parts shared by both kinds of report. */
function common(result: KinshipResult, context: ReportContext): Pick<KinshipReport, 'total' | 'totalWithoutMutation' | 'inconsistentLoci' | 'posterior' | 'verbal' | 'notes' | 'provenance'> {
  const prior = context.prior;
  if (!(prior > 0 && prior < 1)) throw new RangeError(`The prior must be in (0, 1) (prior = ${String(prior)})`);
  const scale = context.scale ?? ENFSI_VERBAL_SCALE;
  const total = result.total;
  const p = result.provenance;
  return {
    total: json(total),
    totalWithoutMutation: json(result.noMutation ?? total),
    inconsistentLoci: result.inconsistentLoci,
    posterior: {
      prior,
      posterior: total.status === 'undefined' ? null : posteriorFromLnLR(total.lnLR, prior),
      oneMinusPosterior: total.status === 'undefined' ? null : posteriorFromLnLR(-total.lnLR, 1 - prior),
      priorNote: context.priorNote,
    },
    verbal: { ...verbalEquivalent(total.log10LR, total.status, scale), citation: scale.citation },
    notes: context.notes ?? [],
    provenance: {
      strkinVersion: p.strkinVersion,
      generated: context.generated,
      frequencies: p.frequencies !== undefined ? { name: p.frequencies.name, checksum: p.frequencies.checksum ?? null, rareAlleleRule: context.rareAlleleRule ?? p.frequencies.rareAlleleRule ?? null } : null,
      theta: p.theta,
      mutationModel: context.mutationModel,
      mutation: p.mutation,
      convention: p.convention,
      inputs: context.inputs,
    },
  };
}

function lociRows(result: KinshipResult, genotypes: GenotypeData, columns: readonly string[]): ReportLocus[] {
  return result.markers.map((m) => {
    const plain = m.noMutation ?? m;
    const inconsistent = m.status === 'ok' && (plain.status === 'excluded' || plain.status === 'undefined');
    return {
      locus: m.name,
      genotypes: columns.map((id) => {
        const g = genotypes[id]?.[m.name];
        return g === undefined ? null : formatGenotype(g);
      }),
      withMutation: json(m),
      withoutMutation: json(plain),
      status: inconsistent ? 'inconsistent' : m.status,
    };
  });
}

/** Generations above a person in a pedigree (0 for a founder or someone absent). */
function depthIn(pedigree: Pedigree, id: string): number {
  const byId = new Map(pedigree.persons.map((p) => [p.id, p]));
  const go = (x: string, seen: number): number => {
    const p = byId.get(x);
    if (p === undefined || p.father === null || p.mother === null || seen > byId.size) return 0;
    return 1 + Math.max(go(p.father, seen + 1), go(p.mother, seen + 1));
  };
  return go(id, 0);
}

/** A case of `strkin lr`: its hypotheses, genotypes and labels (the fields of a parsed case file that a report shows). */
export interface ReportCase {
  readonly id?: string;
  readonly hypotheses: readonly Pedigree[];
  readonly labels: readonly string[];
  readonly genotypes: GenotypeData;
}

/**
 * The report of one case ({@link KinshipResult} of `kinshipLR` on `kase`):
 * typed people youngest first under H1 (the child's column first), each
 * hypothesis in words from its pedigree, the H1 pedigree to draw, the per-locus
 * table with and without mutation, the total, the posterior at `context.prior`,
 * the verbal equivalent and the provenance.
 *
 * Cost: O(loci × typed people + typed people² × pedigree size).
 *
 * @example
 * ```ts
 * const kase = {
 *   hypotheses: [{ persons: [{ id: 'AF', sex: 'male', father: null, mother: null }, { id: 'MO', sex: 'female', father: null, mother: null }, { id: 'C', sex: 'male', father: 'AF', mother: 'MO' }] }, { persons: [] }],
 *   labels: ['AF is the father of C', 'AF and C are unrelated'],
 *   markers: [makeMarkerModel({ name: 'TH01', alleles: ['6', '7'], frequencies: [0.05, 0.95] })],
 *   genotypes: { AF: { TH01: makeGenotype('6', '6') }, C: { TH01: makeGenotype('6', '6') } },
 * };
 * const report = buildCaseReport(kase, kinshipLR(kase), { prior: 0.5, priorNote: 'equal priors', inputs: [], generated: '2026-01-01T00:00:00Z', mutationModel: 'none' });
 * report.total.LR; // => 20
 * report.hypotheses[0]?.words; // => 'C is the son of AF'
 * report.verbal.words; // => 'moderate support'
 * ```
 */
export function buildCaseReport(kase: ReportCase, result: KinshipResult, context: ReportContext): KinshipReport {
  const h1 = kase.hypotheses[0] ?? { persons: [] };
  const typedIn = Object.keys(kase.genotypes);
  const typed = typedIn.map((id, i) => ({ id, i, d: depthIn(h1, id) })).sort((a, b) => b.d - a.d || a.i - b.i).map((x) => x.id);
  const first = typed[0];
  const people: ReportPerson[] = typed.map((id, i) => ({ id, sample: null, role: i === 0 ? 'child' : first !== undefined ? (relationshipWord(h1, id, first) ?? 'unrelated under H1') : '' }));
  return {
    format: 'strkin-kinship-report',
    formatVersion: 1,
    title: kase.id !== undefined ? `Kinship report: case ${kase.id}` : 'Kinship report',
    kind: 'case',
    subject: kase.id !== undefined ? { case: kase.id } : {},
    people,
    hypotheses: kase.hypotheses.map((h, i) => ({ key: `H${i + 1}`, label: (kase.labels[i] ?? '').replace(new RegExp(`^H${i + 1}:\\s*`), ''), words: hypothesisInWords(h, typed) })),
    pedigree: { persons: h1.persons, typed: typed.filter((id) => h1.persons.some((p) => p.id === id)), missing: [], labels: {} },
    loci: lociRows(result, kase.genotypes, typed),
    ...common(result, context),
  };
}

/** Options of {@link buildPairReport}. */
export interface PairReportInput {
  readonly child: Profile;
  readonly family: Family;
  /** The missing person of the family the child is compared with. */
  readonly missing: string;
}

/**
 * The report of one pair of a search: the child as the missing person
 * `missing` of `family` (H1) or unrelated to it (H2), from the
 * {@link KinshipResult} that `familyLR(child, family, missing, options)` gives.
 * The child's column comes first, then each reference with their relationship
 * to the missing person; H1 reads "The child X is the missing person M of
 * family F: the son of the reference mother (sample S) and ...".
 *
 * Cost: O(loci × references + references × pedigree size).
 *
 * @example
 * ```ts
 * const options = { frequencies: builtinTable('nist1036-cauc'), minLoci: 1 };
 * const result = familyLR(children[0], family, family.missing[0], options);
 * const report = buildPairReport({ child: children[0], family, missing: family.missing[0] }, result, { prior: 0.01, priorNote: 'the search prior', inputs: [], generated: '2026-01-01T00:00:00Z', mutationModel: 'stepwise' });
 * report.loci.length === result.markers.length; // => true
 * report.people[0]?.role; // => 'child'
 * ```
 */
export function buildPairReport(pair: PairReportInput, result: KinshipResult, context: ReportContext): KinshipReport {
  const { child, family, missing } = pair;
  const refs = Object.keys(family.references);
  // The missing person takes the child's sex where the families file leaves it unknown (for the words only).
  const persons = family.pedigree.persons.map((p) => (p.id === missing && p.sex === 'unknown' && child.sex !== 'unknown' ? { ...p, sex: child.sex } : p));
  const pedigree: Pedigree = { persons };
  const sampleOf = (id: string): string => family.references[id]?.sample ?? id;
  const refName = (id: string): string => {
    const role = relationshipWord(pedigree, id, missing);
    const sample = sampleOf(id);
    return `${role === null ? 'reference' : `reference ${role}`} ${sample === id ? id : `${id} (sample ${sample})`}`;
  };
  // References with the same word share it: "the son of the reference mother X and the reference father Y".
  const byWord = new Map<string, string[]>();
  for (const id of refs) {
    const w = relationshipWord(pedigree, missing, id);
    const key = w === null ? '' : w;
    byWord.set(key, [...(byWord.get(key) ?? []), `the ${refName(id)}`]);
  }
  const words = [...byWord].map(([w, names]) => (w === '' ? `unrelated by descent to ${joinWords(names)}` : `the ${w} of ${joinWords(names)}`));
  const genotypes: Record<string, Readonly<Record<string, Genotype>>> = { [child.sample]: child.genotypes };
  for (const id of refs) genotypes[id] = family.references[id]?.genotypes ?? {};
  const childKey = refs.includes(child.sample) ? `${child.sample} (child)` : child.sample;
  if (childKey !== child.sample) genotypes[childKey] = child.genotypes;
  const labels: Record<string, string> = {};
  for (const id of refs) labels[id] = sampleOf(id);
  labels[missing] = `= ${child.sample}`;
  return {
    format: 'strkin-kinship-report',
    formatVersion: 1,
    title: `Kinship report: ${child.sample} and family ${family.id}`,
    kind: 'search-pair',
    subject: { child: child.sample, family: family.id, missing },
    people: [{ id: childKey, sample: child.sample, role: 'child' }, ...refs.map((id) => ({ id, sample: sampleOf(id), role: relationshipWord(pedigree, id, missing) ?? 'reference' }))],
    hypotheses: [
      { key: 'H1', label: `${child.sample} is ${missing} of family ${family.id}`, words: `The child ${child.sample} is the missing person ${missing} of family ${family.id}: ${joinWords(words)}.` },
      { key: 'H2', label: `${child.sample} is unrelated to family ${family.id}`, words: `The child ${child.sample} is unrelated to family ${family.id}; the references are related to each other as drawn in the pedigree.` },
    ],
    pedigree: { persons, typed: refs, missing: [missing], labels },
    loci: lociRows(result, genotypes, [childKey, ...refs]),
    ...common(result, context),
  };
}

/**
 * The report as JSON (2-space indent, one trailing newline): the
 * {@link KinshipReport} value itself, for machines. LRs follow the JSON rule of
 * `lrJson` (never Infinity or NaN).
 *
 * Cost: O(size of the report).
 */
export function kinshipReportJson(report: KinshipReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

const n = (x: number | null): string => (x === null ? '' : String(x));

/**
 * The per-locus table of a report as CSV, one row per locus: `locus`, one
 * `genotype:<person>` column per typed person, `LR`, `log10LR`, `status`,
 * `LR_without_mutation`, `log10LR_without_mutation`, `status_without_mutation`.
 * Text cells (names, genotypes) go through `csvTextCell` (formula guard and
 * RFC 4180 quoting); an empty cell is an untyped person or an LR that a double
 * cannot hold (see `lrJson`).
 *
 * Cost: O(loci × people).
 */
export function kinshipReportCsv(report: KinshipReport): string {
  const header = ['locus', ...report.people.map((p) => `genotype:${p.id}`), 'LR', 'log10LR', 'status', 'LR_without_mutation', 'log10LR_without_mutation', 'status_without_mutation'];
  const rows = report.loci.map((l) =>
    [csvTextCell(l.locus), ...l.genotypes.map((g) => csvTextCell(g ?? '')), n(l.withMutation.LR), n(l.withMutation.log10LR), l.status, n(l.withoutMutation.LR), n(l.withoutMutation.log10LR), l.withoutMutation.status].join(','),
  );
  return `${[header.map((h) => csvTextCell(h)).join(','), ...rows].join('\n')}\n`;
}
