/**
 * The likelihood ratio of Y-STR haplotypes along a paternal line: is the man
 * whose haplotype is `child` the paternal-line relative, `m` meioses away, of
 * a typed reference, or unrelated to him?
 */
import { ValidationError, type Issue } from '../errors/StrkinError.js';
import { combineRatios, ratio, type RatioValue } from '../likelihood/LRResult.js';
import { alleleRepeat, microvariantGroup, type Allele } from '../profile/allele.js';
import { formatYAlleles, type YHaplotype } from '../profile/yHaplotype.js';
import { matchProbability, type HaplotypeDatabase, type MatchMethod, type MatchProbability } from './haplotypeDatabase.js';
import { checkTree, treeDistance, type CheckedTree, type PaternalLineTree } from './paternalTree.js';
import { checkMeioses, lnStepProbability } from './stepwise.js';
import { lnCopyPredictive, lnLocusJoint } from './yTreeLikelihood.js';
import { logSumExp } from '../likelihood/logSumExp.js';
import type { MatchCounter } from './matchCounter.js';
import { resolveYRates, Y_RATES_SOURCE, type YLocusRate, type YMutationRates } from './yMutationRates.js';

/** A typed paternal-line reference and his distance to the man in question. */
export interface YReference {
  readonly id: string;
  readonly haplotype: YHaplotype;
  /** Meioses between the reference and the man in question along the paternal line (e.g. from `paternalMeioses`). */
  readonly meioses: number;
}

/** Options of {@link yLineageLR}. */
export interface YLineageOptions {
  /** The population sample of haplotypes for the match probability. */
  readonly database: HaplotypeDatabase;
  /** Match probability method; default `counting` ((x+1)/(N+1)). */
  readonly method?: MatchMethod;
  /** Mutation rates; default the built-in table (loci without a rate there need `rates` or `defaultRate`). */
  readonly mutation?: YMutationRates;
  /**
   * The paternal-line tree joining the man in question (`tree.person`) and every
   * reference (by id), e.g. from `paternalLineTree`. Needed with several
   * references; with one, the default is the line of his `meioses`.
   */
  readonly tree?: PaternalLineTree;
  /** The match probability from a `makeMatchCounter` of the same database (the same values, remembered); default `matchProbability`. */
  readonly matchCounter?: MatchCounter;
}

/** Why a locus typed in both men was left out of the comparison. */
export type YNotComparedReason = 'off-ladder' | 'copy-count' | 'not-in-database';

/** One locus of {@link yLineageLR}. */
export interface YLocusComparison {
  readonly name: string;
  /** The man in question's alleles (`13,16`). */
  readonly child: string;
  /** The closest reference's alleles at this locus (`-` when he is untyped there). */
  readonly reference: string;
  /** Every reference typed at this locus, in the order given: his alleles, and whether he is compared here (not when off-ladder or with another number of copies). */
  readonly references: readonly { readonly id: string; readonly alleles: string; readonly used: boolean }[];
  /**
   * `ok`: compared; `excluded`: impossible under the single-step model given the
   * references (e.g. different microvariant groups); `undefined`: the references'
   * own alleles are impossible on their tree (0/0); `not-compared`: left out (see `reason`).
   */
  readonly status: 'ok' | 'excluded' | 'undefined' | 'not-compared';
  /** ln P(the man's alleles | the compared references' alleles, the tree); 0 when not compared; −Infinity when excluded or undefined. */
  readonly lnP: number;
  /** The per-copy rate used (the locus rate divided by its copies); null when not compared. */
  readonly rate: number | null;
  /** The man's alleles differ from a compared reference's (from the closest typed reference's when not compared): at least one mutation needed. */
  readonly differs: boolean;
  readonly reason?: YNotComparedReason;
}

/** Provenance of a Y result. */
export interface YProvenance {
  readonly method: MatchMethod;
  readonly database: { readonly name: string; readonly size: number; readonly loci: number };
  readonly rates: readonly YLocusRate[];
  readonly ratesSource: string;
  readonly model: string;
  readonly references: readonly { readonly id: string; readonly meioses: number }[];
  /** The paternal-line tree of the comparison (given, or the line of the one reference). */
  readonly tree: PaternalLineTree;
}

/** The result of {@link yLineageLR}. */
export interface YLineageResult {
  /** LR = P(man's haplotype | reference's, m meioses) / P(man's haplotype | unrelated). */
  readonly total: RatioValue;
  /** The closest typed paternal-line reference (first listed among equals); every reference is compared (see `provenance.references`). */
  readonly reference: string;
  /** Meioses between the man in question and {@link YLineageResult.reference}. */
  readonly meioses: number;
  readonly loci: readonly YLocusComparison[];
  readonly lociCompared: number;
  /** Compared loci where the two men differ. */
  readonly lociDiffering: number;
  /** ln of the numerator P(man's haplotype | references' haplotypes, tree): Σ over compared loci of `lnP`. */
  readonly lnNumerator: number;
  /** The denominator: the man's haplotype's match probability at the compared loci. */
  readonly match: MatchProbability;
  readonly provenance: YProvenance;
}

/** The model, stated in every result. */
export const Y_MODEL: string =
  'symmetric single-step mutation per meiosis (up and down mu/2 each), loci independent given the references; numerator P(man | references) = joint probability of the typed men on the paternal-line tree / joint probability of the references, summed over the untyped men\'s alleles with a flat prior on the common ancestor\'s; a multi-copy locus sums over the orderings of its copies, each at the locus rate / copies; off-ladder alleles and multi-copy loci with unequal copy numbers are not compared; denominator: the match probability of the man\'s haplotype at the compared loci';

/**
 * ln P(child's alleles | reference's alleles, m meioses) at one locus: one
 * allele per copy. The copies of a multi-copy locus are unordered, so the
 * probability sums over the distinct ways of pairing the child's alleles with
 * the reference's copies. `null` when the alleles cannot be compared (an
 * off-ladder allele, or unequal numbers of alleles).
 */
function lnLocusProbability(child: readonly Allele[], ref: readonly Allele[], m: number, rate: number): number | null {
  if (child.length !== ref.length || child.length === 0) return null;
  if ([...child, ...ref].some((a) => alleleRepeat(a) === undefined)) return null;
  const perms = new Set<string>();
  const terms: number[] = [];
  const permute = (rest: readonly Allele[], chosen: readonly Allele[]): void => {
    if (rest.length === 0) {
      const key = chosen.join(',');
      if (perms.has(key)) return;
      perms.add(key);
      let ln = 0;
      chosen.forEach((c, i) => {
        const r = ref[i] as Allele;
        if (microvariantGroup(c) !== microvariantGroup(r)) ln = Number.NEGATIVE_INFINITY;
        else ln += lnStepProbability(Math.round((alleleRepeat(c) as number) - (alleleRepeat(r) as number)), m, rate);
      });
      terms.push(ln);
      return;
    }
    rest.forEach((a, i) => permute([...rest.slice(0, i), ...rest.slice(i + 1)], [...chosen, a]));
  };
  permute(child, []);
  const max = Math.max(...terms);
  if (max === Number.NEGATIVE_INFINITY) return max;
  return max + Math.log(terms.reduce((s, t) => s + Math.exp(t - max), 0));
}


/** Checked trees, per tree object (a search compares many men with one family's tree). */
const CHECKED = new WeakMap<PaternalLineTree, CheckedTree>();
/** ln J(references) per tree object, by locus, compared references, their alleles and rate: it does not depend on the man in question. */
const REFERENCE_JOINTS = new WeakMap<PaternalLineTree, Map<string, number>>();
/** At a single-copy locus: the man's predictive law given the references (ln J(references, man = x), ln J(references), the references' microvariant group), per tree object. */
const PREDICTIVE = new WeakMap<PaternalLineTree, Map<string, { readonly lo: number; readonly ln: Float64Array; readonly lnRefs: number; readonly group: number } | null>>();

/**
 * The man's predictive law at a single-copy locus given two or more usable
 * references on the tree (cached per tree): his repeat states from `lo`, ln J
 * per state, ln J(references) and their microvariant group; null when the
 * references are impossible together there (0/0). {@link yLineageLR} reads a
 * man's ln P from it (see `lnSingleCopy`), as does the search's Y term.
 *
 * Cost: O(window × tree meioses) the first time per (tree, locus, references' alleles), then O(1).
 * @internal
 */
export function singleCopyPredictive(tree: PaternalLineTree, checked: CheckedTree, person: number, name: string, rate: number, usable: readonly { readonly node: number; readonly alleles: readonly Allele[] }[]): { readonly lo: number; readonly ln: Float64Array; readonly lnRefs: number; readonly group: number } | null {
  let cache = PREDICTIVE.get(tree);
  if (cache === undefined) PREDICTIVE.set(tree, (cache = new Map()));
  const key = `${person}|${name}|${rate}|${usable.map((x) => `${x.node}:${x.alleles[0] as Allele}`).join(';')}`;
  let pred = cache.get(key);
  if (pred === undefined) {
    const group = microvariantGroup(usable[0]?.alleles[0] as Allele) as number;
    pred = null;
    if (usable.every((x) => microvariantGroup(x.alleles[0] as Allele) === group)) {
      const states = new Map(usable.map((x) => [x.node, Math.round((alleleRepeat(x.alleles[0] as Allele) as number) - group / 10)]));
      const p = lnCopyPredictive(checked, states, person, rate);
      if (p !== null) pred = { lo: p.lo, ln: p.ln, lnRefs: logSumExp(p.ln), group };
    }
    if (cache.size < 4096) cache.set(key, pred);
  }
  return pred;
}

/** ln P(man's one allele | the references' at a single-copy locus), from the predictive law of the tree (cached per tree). */
function lnSingleCopy(tree: PaternalLineTree, checked: CheckedTree, person: number, name: string, rate: number, child: Allele, usable: readonly { readonly node: number; readonly alleles: readonly Allele[] }[]): { readonly lnP: number; readonly undefinedRefs: boolean } {
  const pred = singleCopyPredictive(tree, checked, person, name, rate, usable);
  if (pred === null) return { lnP: Number.NEGATIVE_INFINITY, undefinedRefs: true };
  return { lnP: lnPredictive(pred, microvariantGroup(child) as number, alleleRepeat(child) as number), undefinedRefs: false };
}

/**
 * ln P(man's allele | references) from a predictive law of {@link singleCopyPredictive}, for an
 * allele of microvariant group `group` and repeat number `repeat`: −Infinity outside the law's
 * group or window. The search's Y term reads the law the same way.
 * @internal
 */
export function lnPredictive(pred: { readonly lo: number; readonly ln: Float64Array; readonly lnRefs: number; readonly group: number }, group: number, repeat: number): number {
  if (group !== pred.group) return Number.NEGATIVE_INFINITY;
  const x = Math.round(repeat - pred.group / 10) - pred.lo;
  const ln = x >= 0 && x < pred.ln.length ? (pred.ln[x] as number) : Number.NEGATIVE_INFINITY;
  return ln === Number.NEGATIVE_INFINITY ? ln : ln - pred.lnRefs;
}

/**
 * The tree of a comparison and each reference's node; checks ids and meioses.
 * @throws `ValidationError` `y-tree-required`, `y-tree`, `y-tree-mismatch`, and those of `checkTree`.
 * @internal
 */
export function comparisonTree(references: readonly YReference[], given: PaternalLineTree | undefined): { readonly tree: PaternalLineTree; readonly checked: CheckedTree; readonly person: number; readonly nodes: readonly number[] } {
  let tree = given;
  if (tree === undefined) {
    if (references.length > 1) throw new ValidationError({ code: 'y-tree-required', message: `Several Y references need the paternal-line tree that joins them to the man in question (option tree, e.g. from paternalLineTree) (references = ${references.map((r) => r.id).join(',')})`, path: ['tree'] });
    const r = references[0] as YReference;
    const id = `${r.id}#person`;
    tree = { person: id, nodes: [{ id: r.id, father: null }, { id, father: r.id, meioses: r.meioses }] };
    // The line of one reference: nothing to check (the closed form uses his meioses).
    return { tree, checked: { ids: [r.id, id], parent: [-1, 0], length: [0, r.meioses], index: new Map([[r.id, 0], [id, 1]]) }, person: 1, nodes: [0] };
  }
  let checked = CHECKED.get(tree);
  if (checked === undefined) {
    checked = checkTree(tree);
    CHECKED.set(tree, checked);
  }
  const person = checked.index.get(tree.person) as number;
  const issues: Issue[] = [];
  const nodes = references.map((r) => {
    const v = checked.index.get(r.id);
    if (v === undefined || v === person) {
      issues.push({ code: 'y-tree', message: `A reference must be a man of the paternal-line tree other than the man in question (reference = ${JSON.stringify(r.id)})`, path: ['references', r.id] });
      return -1;
    }
    const d = treeDistance(checked, person, v);
    if (d !== r.meioses) issues.push({ code: 'y-tree-mismatch', message: `A reference's meioses differ from the tree's (reference = ${JSON.stringify(r.id)}, meioses = ${r.meioses}, on the tree = ${d})`, path: ['references', r.id] });
    return v;
  });
  if (new Set(references.map((r) => r.id)).size !== references.length) issues.push({ code: 'y-tree', message: `A reference is listed twice (references = ${references.map((r) => r.id).join(',')})`, path: ['references'] });
  if (issues.length > 0) throw new ValidationError(issues);
  return { tree, checked, person, nodes };
}

/**
 * The Y-STR likelihood ratio of "the man with haplotype `child` is on the
 * paternal-line tree of the typed references" against "he is unrelated to
 * their paternal line":
 *
 * LR = P(child | references, tree) / P(child),
 *
 * which equals P(child, references | related) / P(child, references | unrelated):
 * the references' joint probability is the same under both hypotheses. Per
 * compared locus (loci independent), with one reference m meioses away the
 * numerator is the symmetric single-step probability of the repeat differences
 * (`lnStepProbability`); with several, it is the joint probability of every
 * typed man's alleles on the tree divided by the references' own, each summed
 * over the untyped men's alleles with the single-step law along every meiosis
 * and a flat prior on the common ancestor's allele (so that one reference gives
 * the closed form above exactly). The denominator is the match probability of
 * the child's haplotype at the compared loci (`matchProbability`). A reference
 * off-ladder or with another number of copies at a locus is left out there; a
 * locus is compared when the child and at least one reference are. Closed
 * form: an exact match, one meiosis, no mutation (rate 0) gives LR = 1/p.
 *
 * Cost: O(loci × (window × tree meioses) × orderings of multi-copy alleles) with several
 * references, O(loci) with one; plus O(database size × loci) the first time a database meets a loci list.
 *
 * @throws `ValidationError` with codes `y-no-reference`, `bad-meioses`, `y-tree-required`
 * (several references without `tree`), `y-tree`, `y-tree-mismatch`, `y-tree-too-large`, and those of
 * `resolveYRates` and `matchProbability`.
 * @example
 * ```ts
 * const db = makeHaplotypeDatabase('tiny', ['DYS19', 'DYS390'], [
 *   { alleles: { DYS19: ['14'], DYS390: ['24'] }, count: 3 },
 *   { alleles: { DYS19: ['15'], DYS390: ['23'] }, count: 6 },
 * ]);
 * const son = { loci: { DYS19: ['14'], DYS390: ['24'] }, flags: [] };
 * const father = { id: 'F', haplotype: son, meioses: 1 };
 * yLineageLR(son, [father], { database: db, mutation: { rates: { DYS19: 0, DYS390: 0 } } }).total.LR; // => 2.5 // 1/((3+1)/(9+1))
 * ```
 */
export function yLineageLR(child: YHaplotype, references: readonly YReference[], options: YLineageOptions): YLineageResult {
  if (references.length === 0) throw new ValidationError({ code: 'y-no-reference', message: 'A Y-STR comparison needs at least one typed paternal-line reference', path: ['references'] });
  for (const r of references) checkMeioses(r.meioses);
  const { tree, checked, person, nodes } = comparisonTree(references, options.tree);
  let joints = REFERENCE_JOINTS.get(tree);
  if (joints === undefined) REFERENCE_JOINTS.set(tree, (joints = new Map()));
  const closest = references.reduce((best, r) => (r.meioses < best.meioses ? r : best));
  const db = options.database;
  const typed = db.loci.filter((l) => Object.hasOwn(child.loci, l) && references.some((r) => Object.hasOwn(r.haplotype.loci, l)));
  const rates = new Map(resolveYRates(typed, options.mutation).map((r) => [r.locus, r]));
  const loci: YLocusComparison[] = [];
  const parts: RatioValue[] = [];
  const compared: string[] = [];
  const onLadder = (a: readonly Allele[]): boolean => a.length > 0 && a.every((x) => alleleRepeat(x) !== undefined);
  for (const name of typed) {
    const c = child.loci[name] as readonly Allele[];
    const refs = references.map((r, i) => ({ r, node: nodes[i] as number, alleles: Object.hasOwn(r.haplotype.loci, name) ? (r.haplotype.loci[name] as readonly Allele[]) : undefined })).filter((x): x is { r: YReference; node: number; alleles: readonly Allele[] } => x.alleles !== undefined);
    const usable = refs.filter((x) => onLadder(c) && x.alleles.length === c.length && onLadder(x.alleles));
    const near = refs.reduce((best, x) => (x.r.meioses < best.r.meioses ? x : best));
    const copies = Math.max(c.length, 1);
    const rate = (rates.get(name)?.rate ?? 0) / copies;
    const base = {
      name,
      child: formatYAlleles(c),
      reference: formatYAlleles(near.alleles),
      references: refs.map((x) => ({ id: x.r.id, alleles: formatYAlleles(x.alleles), used: usable.includes(x) })),
      differs: (usable.length > 0 ? usable : [near]).some((x) => c.join(',') !== x.alleles.join(',')),
    };
    if (usable.length === 0) {
      const reason: YNotComparedReason = onLadder(c) && refs.every((x) => x.alleles.length !== c.length) ? 'copy-count' : 'off-ladder';
      loci.push({ ...base, status: 'not-compared', lnP: 0, rate: null, reason });
      continue;
    }
    compared.push(name);
    let lnP: number;
    let status: YLocusComparison['status'];
    if (usable.length === 1) {
      const only = usable[0] as (typeof usable)[number];
      // His meioses equal the tree's distance (checked in comparisonTree).
      lnP = lnLocusProbability(c, only.alleles, only.r.meioses, rate) as number;
      status = lnP === Number.NEGATIVE_INFINITY ? 'excluded' : 'ok';
    } else if (c.length === 1) {
      const r = lnSingleCopy(tree, checked, person, name, rate, c[0] as Allele, usable);
      lnP = r.lnP;
      status = r.undefinedRefs ? 'undefined' : lnP === Number.NEGATIVE_INFINITY ? 'excluded' : 'ok';
    } else {
      const men = new Map<number, readonly Allele[]>(usable.map((x) => [x.node, x.alleles]));
      const key = `${name}|${rate}|${usable.map((x) => `${x.node}:${x.alleles.join(',')}`).join(';')}`;
      let lnRefs = joints.get(key);
      if (lnRefs === undefined) {
        lnRefs = lnLocusJoint(checked, men, rate);
        if (joints.size < 4096) joints.set(key, lnRefs);
      }
      const lnAll = lnLocusJoint(checked, new Map([...men, [person, c]]), rate);
      lnP = lnRefs === Number.NEGATIVE_INFINITY ? Number.NEGATIVE_INFINITY : lnAll - lnRefs;
      status = lnRefs === Number.NEGATIVE_INFINITY ? 'undefined' : lnP === Number.NEGATIVE_INFINITY ? 'excluded' : 'ok';
    }
    loci.push({ ...base, status, lnP, rate });
    parts.push(status === 'undefined' ? ratio(Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY) : ratio(lnP, 0));
  }
  for (const name of Object.keys(child.loci)) {
    if (db.loci.includes(name)) continue;
    const refs = references.filter((r) => Object.hasOwn(r.haplotype.loci, name));
    if (refs.length === 0) continue;
    const near = refs.reduce((best, r) => (r.meioses < best.meioses ? r : best));
    const c = formatYAlleles(child.loci[name]);
    loci.push({ name, child: c, reference: formatYAlleles(near.haplotype.loci[name]), references: refs.map((r) => ({ id: r.id, alleles: formatYAlleles(r.haplotype.loci[name]), used: false })), status: 'not-compared', lnP: 0, rate: null, differs: c !== formatYAlleles(near.haplotype.loci[name]), reason: 'not-in-database' });
  }
  const method = options.method ?? 'counting';
  const match = options.matchCounter !== undefined ? options.matchCounter(child, compared, method) : matchProbability(child, db, { method, loci: compared });
  const numerator = combineRatios(parts);
  const total: RatioValue = compared.length === 0 ? { lnLR: 0, log10LR: 0, LR: 1, status: 'untyped' } : numerator.status === 'ok' ? ratio(numerator.lnLR, Math.log(match.probability)) : numerator;
  return {
    total,
    reference: closest.id,
    meioses: closest.meioses,
    loci,
    lociCompared: compared.length,
    lociDiffering: loci.filter((l) => l.status !== 'not-compared' && l.differs).length,
    lnNumerator: numerator.lnLR,
    match,
    provenance: {
      method,
      database: { name: db.name, size: db.size, loci: db.loci.length },
      rates: [...rates.values()],
      ratesSource: Y_RATES_SOURCE,
      model: Y_MODEL,
      references: references.map((r) => ({ id: r.id, meioses: r.meioses })),
      tree,
    },
  };
}

/**
 * Loci of the database where the references' own haplotypes are impossible
 * together on their tree under the single-step model (their joint probability
 * is 0, so any man's Y LR against them is 0/0 there). References are grouped
 * by number of copies and off-ladder alleles are left out, as `yLineageLR` does.
 *
 * Cost: O(loci × {@link yLineageLR}'s per-locus cost).
 * @internal
 */
export function inconsistentYLoci(references: readonly YReference[], options: YLineageOptions): string[] {
  if (references.length < 2) return [];
  const { checked, nodes } = comparisonTree(references, options.tree);
  const loci = options.database.loci.filter((l) => references.filter((r) => Object.hasOwn(r.haplotype.loci, l)).length >= 2);
  const rates = new Map(resolveYRates(loci, options.mutation).map((r) => [r.locus, r.rate]));
  const out: string[] = [];
  for (const name of loci) {
    const byCopies = new Map<number, Map<number, readonly Allele[]>>();
    references.forEach((r, i) => {
      const a = Object.hasOwn(r.haplotype.loci, name) ? (r.haplotype.loci[name] as readonly Allele[]) : [];
      if (a.length === 0 || a.some((x) => alleleRepeat(x) === undefined)) return;
      const group = byCopies.get(a.length) ?? byCopies.set(a.length, new Map()).get(a.length) ?? new Map<number, readonly Allele[]>();
      group.set(nodes[i] as number, a);
    });
    for (const [copies, men] of byCopies) {
      if (men.size >= 2 && lnLocusJoint(checked, men, (rates.get(name) ?? 0) / copies) === Number.NEGATIVE_INFINITY) {
        out.push(name);
        break;
      }
    }
  }
  return out;
}
