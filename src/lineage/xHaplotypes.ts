/**
 * X-STR linkage groups with haplotype frequencies (docs/lineage.md, "Haplotype
 * frequencies per linkage group"): the loci of a group are one multi-allelic
 * marker whose alleles are the group's haplotypes, passed whole through every
 * meiosis (no recombination inside a group); a woman's phase is unknown, so her
 * likelihood sums over the haplotype pairs her genotypes allow.
 */
import { ValidationError, type Issue } from '../errors/StrkinError.js';
import { combineRatios, ratio, type RatioValue } from '../likelihood/LRResult.js';
import { kinshipLR, type GenotypeData, type KinshipCase, type KinshipResult, type MarkerLR } from '../likelihood/kinshipLR.js';
import { logSumExp } from '../likelihood/logSumExp.js';
import { makeMarkerModel, type MarkerModel } from '../likelihood/MarkerModel.js';
import { isNoMutation } from '../mutation/mutationMatrix.js';
import { sexById } from '../likelihood/xKinship.js';
import type { Allele } from '../profile/allele.js';
import type { Genotype } from '../profile/genotype.js';

/** Haplotype frequencies of one linkage group of X loci. */
export interface XHaplotypeGroup {
  /** The group's name (e.g. `I` for Argus X-12 group I). */
  readonly name: string;
  /** The group's loci (marker names of the case; order of the haplotypes' alleles). */
  readonly loci: readonly string[];
  /** Distinct haplotypes: one allele per locus, with a count (chromosomes carrying it) or a frequency. */
  readonly haplotypes: readonly { readonly alleles: readonly Allele[]; readonly count?: number; readonly frequency?: number }[];
}

/** Options of {@link xHaplotypeKinshipLR}. */
export interface XHaplotypeOptions {
  readonly groups: readonly XHaplotypeGroup[];
  /**
   * Frequency of a haplotype of the case that the group's table lacks. Default with
   * counts: 1/(N + 1), N the chromosomes counted in the group; with frequencies it
   * must be given (`x-haplotype-unseen` otherwise).
   */
  readonly unseenFrequency?: number;
}

/** What a linkage group contributed to {@link xHaplotypeKinshipLR}. */
export interface XHaplotypeGroupResult {
  readonly group: string;
  /** The group's markers of the case that were replaced by the haplotype marker. */
  readonly loci: readonly string[];
  /** The name of the haplotype marker in `markers` (`X haplotype I (DXS10148+DXS10135+DXS8378)`). */
  readonly marker: string;
  /** Haplotypes of the case the table lacks, each at the unseen frequency (before the space is divided by its sum). */
  readonly unseen: readonly string[];
  readonly unseenFrequency: number | null;
  /** Phase resolutions summed over (the product over typed women of their haplotype pairs). */
  readonly resolutions: number;
}

/** {@link kinshipLR}'s result with the linkage groups' haplotype markers in place of their loci. */
export interface XHaplotypeKinshipResult extends KinshipResult {
  readonly xHaplotypes: readonly XHaplotypeGroupResult[];
}

/** Most phase resolutions summed over per group. */
export const MAX_PHASE_RESOLUTIONS = 4096;

/** The model, stated in every result. */
export const X_HAPLOTYPE_MODEL: string =
  'the loci of a linkage group are one marker whose alleles are haplotypes (no recombination inside a group, no mutation); founders draw haplotypes from the group\'s table (theta: one urn of haplotypes); a woman\'s phase is unknown: the likelihood sums over every pair of haplotypes her genotypes allow; groups and other markers independent';

const label = (alleles: readonly Allele[]): string => alleles.join('-');

/** The unordered haplotype pairs a woman's genotypes at the group's loci allow (phase unknown). */
function phasePairs(genotypes: readonly Genotype[]): [string, string][] {
  const out = new Map<string, [string, string]>();
  const het = genotypes.map((g) => g[1] !== null && g[1] !== g[0]);
  const first = het.indexOf(true);
  const n = het.filter(Boolean).length;
  for (let mask = 0; mask < 2 ** Math.max(n - 1, 0); mask++) {
    const h1: Allele[] = [];
    const h2: Allele[] = [];
    let bit = 0;
    genotypes.forEach((g, l) => {
      const a = g[0];
      const b = g[1] ?? g[0];
      // The first heterozygous locus fixes which haplotype is called h1; the others flip by the mask.
      const flip = het[l] === true && l !== first ? ((mask >> bit++) & 1) === 1 : false;
      h1.push(flip ? b : a);
      h2.push(flip ? a : b);
    });
    const pair: [string, string] = [label(h1), label(h2)];
    out.set([...pair].sort().join('|'), pair);
  }
  return [...out.values()];
}

/**
 * `kinshipLR` with haplotype frequencies for linkage groups of X loci: the case's
 * markers of each group are replaced by one X marker whose alleles are the
 * group's haplotypes (the table's, marginalised onto the loci the case has, plus
 * the case's unseen haplotypes at `unseenFrequency`, the space divided by its sum
 * as for alleles). A man's haplotype is his one allele at each locus; a woman's
 * two haplotypes are unknown in phase, so each hypothesis's likelihood is the sum
 * over every combination of the typed women's haplotype pairs (disjoint events)
 * of the X engine's likelihood. No recombination inside a group; no mutation
 * (a group marker with a mutation model is refused, `x-haplotype-mutation`).
 * With haplotype frequencies equal to the products of the loci's frequencies the
 * LR equals the unlinked one when every mother is a founder with one child;
 * otherwise a shared meiosis or a mother's X from a typed relative correlates the loci (tested).
 *
 * Cost: `kinshipLR` of the other markers plus, per group, resolutions × the X engine
 * on the haplotype marker (at most {@link MAX_PHASE_RESOLUTIONS} resolutions).
 *
 * @throws `ValidationError` with codes `x-haplotype-group` (a group's locus that is not an X
 * marker of the case, or a bad table), `x-haplotype-partial` (a person typed at some but not all
 * of a group's loci), `x-haplotype-mutation`, `x-haplotype-unseen`, `x-haplotype-too-costly`,
 * `x-heterozygous-male`, `x-sex-unknown`, and those of `kinshipLR`.
 * @example
 * ```ts
 * const pedigree = { persons: [
 *   { id: 'F', sex: 'male', father: null, mother: null },
 *   { id: 'M', sex: 'female', father: null, mother: null },
 *   { id: 'D', sex: 'female', father: 'F', mother: 'M' },
 * ] } as const;
 * const unrelated = { persons: [{ id: 'F', sex: 'male', father: null, mother: null }, { id: 'D', sex: 'female', father: null, mother: null }] } as const;
 * const marker = (name: string) => makeMarkerModel({ name, alleles: ['1', '2'], frequencies: [0.5, 0.5], chromosome: 'X' });
 * const group = { name: 'I', loci: ['DXS10148', 'DXS10135'], haplotypes: [
 *   { alleles: ['1', '1'], frequency: 0.4 }, { alleles: ['1', '2'], frequency: 0.1 },
 *   { alleles: ['2', '1'], frequency: 0.1 }, { alleles: ['2', '2'], frequency: 0.4 },
 * ] };
 * const r = xHaplotypeKinshipLR({ hypotheses: [pedigree, unrelated], markers: [marker('DXS10148'), marker('DXS10135')],
 *   genotypes: { F: { DXS10148: ['1', null], DXS10135: ['1', null] }, D: { DXS10148: ['1', '1'], DXS10135: ['1', '1'] } } }, { groups: [group] });
 * r.total.LR; // => 2.5 // 1/q(1-1): the father passes his haplotype 1-1 whole
 * ```
 */
export function xHaplotypeKinshipLR(input: KinshipCase, options: XHaplotypeOptions): XHaplotypeKinshipResult {
  const issues: Issue[] = [];
  const byName = new Map(input.markers.map((m) => [m.name, m]));
  const grouped = new Set<string>();
  const plans: { readonly group: XHaplotypeGroup; readonly loci: string[]; readonly idx: number[] }[] = [];
  for (const group of options.groups) {
    const idx: number[] = [];
    const loci: string[] = [];
    group.loci.forEach((l, i) => {
      const m = byName.get(l);
      if (m === undefined) return;
      if (m.chromosome !== 'X') issues.push({ code: 'x-haplotype-group', message: `A linkage group's locus must be an X marker of the case (group = ${group.name}, marker = ${l})`, path: ['groups', group.name, l] });
      else if (!isNoMutation(m.mutation.female) || !isNoMutation(m.mutation.male)) issues.push({ code: 'x-haplotype-mutation', message: `Haplotype frequencies are used without mutation: set the marker's mutation to none, or leave its group out (group = ${group.name}, marker = ${l})`, path: ['groups', group.name, l] });
      else if ((m.silentFrequency ?? 0) > 0) issues.push({ code: 'x-haplotype-mutation', message: `A silent allele cannot be used with haplotype frequencies (group = ${group.name}, marker = ${l})`, path: ['groups', group.name, l] });
      if (grouped.has(l)) issues.push({ code: 'x-haplotype-group', message: `A locus is in two linkage groups (marker = ${l})`, path: ['groups', group.name, l] });
      grouped.add(l);
      idx.push(i);
      loci.push(l);
    });
    if (loci.length > 0) plans.push({ group, loci, idx });
  }
  if (issues.length > 0) throw new ValidationError(issues);
  const rest = kinshipLR({ ...input, markers: input.markers.filter((m) => !grouped.has(m.name)) });
  const sex = sexById(input.hypotheses, issues);
  const groupMarkers: MarkerLR[] = [];
  const results: XHaplotypeGroupResult[] = [];
  for (const { group, loci, idx } of plans) {
    const r = groupLR(input, group, loci, idx, sex, options.unseenFrequency, issues);
    if (r !== null) {
      groupMarkers.push(r.marker);
      results.push(r.result);
    }
  }
  if (issues.length > 0) throw new ValidationError(issues);
  const markers = [...rest.markers, ...groupMarkers];
  const nH = input.hypotheses.length;
  const lnLikelihoods = Array.from({ length: nH }, (_, h) => markers.reduce((s, m) => s + (m.lnLikelihoods[h] as number), 0));
  const xNames = new Set([...input.markers.filter((m) => m.chromosome === 'X' && !grouped.has(m.name)).map((m) => m.name), ...groupMarkers.map((m) => m.name)]);
  const byType: { autosomal: RatioValue; X: RatioValue } = { autosomal: combineRatios(markers.filter((m) => !xNames.has(m.name))), X: combineRatios(markers.filter((m) => xNames.has(m.name))) };
  const inconsistent = groupMarkers.filter((m) => m.status === 'excluded' || m.status === 'undefined').length;
  return {
    ...rest,
    total: combineRatios(markers),
    markers,
    lnLikelihoods,
    noMutation: rest.noMutation === null ? null : combineRatios([rest.noMutation, ...groupMarkers]),
    inconsistentLoci: rest.inconsistentLoci + inconsistent,
    byEvidenceType: byType,
    xHaplotypes: results,
  };
}

/** One group's haplotype marker: the sum over phase resolutions of the X engine's likelihoods per hypothesis. */
function groupLR(input: KinshipCase, group: XHaplotypeGroup, loci: readonly string[], idx: readonly number[], sex: ReadonlyMap<string, string>, unseenOption: number | undefined, issues: Issue[]): { marker: MarkerLR; result: XHaplotypeGroupResult } | null {
  const before = issues.length;
  const name = `X haplotype ${group.name} (${loci.join('+')})`;
  // The table marginalised onto the case's loci of the group.
  const counts = group.haplotypes.every((h) => h.count !== undefined);
  const table = new Map<string, number>();
  let size = 0;
  for (const h of group.haplotypes) {
    const w = counts ? (h.count as number) : (h.frequency ?? Number.NaN);
    if (!(Number.isFinite(w) && w > 0) || h.alleles.length !== group.loci.length) {
      issues.push({ code: 'x-haplotype-group', message: `A haplotype needs one allele per locus and a positive count or frequency (group = ${group.name}, haplotype = ${label(h.alleles)})`, path: ['groups', group.name] });
      continue;
    }
    size += w;
    const key = label(idx.map((i) => h.alleles[i] as Allele));
    table.set(key, (table.get(key) ?? 0) + w);
  }
  if (issues.length > before) return null;
  // Each typed person's haplotypes: one for a man, the phase pairs for a woman.
  const people: { readonly id: string; readonly pairs: [string, string | null][] }[] = [];
  for (const [id, row] of Object.entries(input.genotypes)) {
    const gs = loci.map((l) => row[l]);
    const typedAt = gs.filter((g) => g !== undefined).length;
    if (typedAt === 0) continue;
    if (typedAt < loci.length) {
      issues.push({ code: 'x-haplotype-partial', message: `A person typed at a linkage group with haplotype frequencies must be typed at every locus of the group the case uses (person = ${id}, group = ${group.name}, loci = ${loci.join(', ')})`, path: ['genotypes', id] });
      continue;
    }
    const s = sex.get(id) ?? 'unknown';
    const genotypes = gs as Genotype[];
    if (s === 'unknown') issues.push({ code: 'x-sex-unknown', message: `A person typed at an X marker needs a sex (person = ${id}, group = ${group.name})`, path: ['genotypes', id] });
    else if (s === 'male') {
      const bad = genotypes.findIndex((g) => g[1] !== null && g[1] !== g[0]);
      if (bad >= 0) issues.push({ code: 'x-heterozygous-male', message: `A male has one X allele; two different alleles at an X marker are an error (person = ${id}, marker = ${loci[bad]})`, path: ['genotypes', id, loci[bad] as string] });
      else people.push({ id, pairs: [[label(genotypes.map((g) => g[0])), null]] });
    } else people.push({ id, pairs: phasePairs(genotypes) });
  }
  if (issues.length > before) return null;
  if (people.length === 0) return { marker: { name, lnLikelihoods: input.hypotheses.map(() => 0), lnLR: 0, log10LR: 0, LR: 1, status: 'untyped' }, result: { group: group.name, loci, marker: name, unseen: [], unseenFrequency: null, resolutions: 0 } };
  const resolutions = people.reduce((n, p) => n * p.pairs.length, 1);
  if (resolutions > MAX_PHASE_RESOLUTIONS) {
    issues.push({ code: 'x-haplotype-too-costly', message: `Too many phase resolutions to sum over for one linkage group (group = ${group.name}, resolutions = ${resolutions}, limit = ${MAX_PHASE_RESOLUTIONS})`, path: ['groups', group.name] });
    return null;
  }
  const seen = new Set(people.flatMap((p) => p.pairs.flatMap((x) => x.filter((h): h is string => h !== null))));
  const unseen = [...seen].filter((h) => !table.has(h)).sort();
  const unseenFrequency = unseen.length === 0 ? null : (unseenOption ?? (counts ? 1 / (size + 1) : null));
  if (unseen.length > 0 && unseenFrequency === null) {
    issues.push({ code: 'x-haplotype-unseen', message: `A haplotype of the case is not in the group's table, which gives frequencies, not counts: give unseenFrequency (--x-haplotype-unseen) (group = ${group.name}, haplotypes = ${unseen.join(', ')})`, path: ['groups', group.name] });
    return null;
  }
  const alleles = [...table.keys(), ...unseen];
  const frequencies = [...[...table.values()].map((w) => w / size), ...unseen.map(() => unseenFrequency as number)];
  const sum = frequencies.reduce((a, b) => a + b, 0);
  const marker: MarkerModel = makeMarkerModel({ name, alleles, frequencies: frequencies.map((f) => f / sum), chromosome: 'X' });
  const nH = input.hypotheses.length;
  const terms: number[][] = Array.from({ length: nH }, () => []);
  const choice = new Array<number>(people.length).fill(0);
  for (let c = 0; c < resolutions; c++) {
    let restC = c;
    const genotypes: Record<string, Record<string, Genotype>> = {};
    people.forEach((p, i) => {
      choice[i] = restC % p.pairs.length;
      restC = Math.floor(restC / p.pairs.length);
      genotypes[p.id] = { [name]: p.pairs[choice[i] as number] as Genotype };
    });
    const r = kinshipLR({ hypotheses: input.hypotheses, markers: [marker], genotypes: genotypes as GenotypeData, ...(input.theta !== undefined ? { theta: input.theta } : {}) });
    const m = r.markers[0] as MarkerLR;
    for (let h = 0; h < nH; h++) (terms[h] as number[]).push(m.lnLikelihoods[h] as number);
  }
  const lnLikelihoods = terms.map((t) => logSumExp(t));
  return {
    marker: { name, lnLikelihoods, ...ratio(lnLikelihoods[0] as number, lnLikelihoods[1] as number) },
    result: { group: group.name, loci, marker: name, unseen, unseenFrequency, resolutions },
  };
}
