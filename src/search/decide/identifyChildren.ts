/**
 * A decision per child from a search: database-wide posteriors, the one-to-one
 * constraint over connected groups of candidate pairs, and a threshold.
 */
import { ValidationError, type Issue } from '../../errors/StrkinError.js';
import type { SearchResult } from '../searchFamilies.js';
import { databasePosterior, DEFAULT_PRIOR_IN_DATABASE, listedPosteriorOf } from './databasePosterior.js';
import { approximateJointPosteriors, assignmentStates, EXACT_ASSIGNMENT_STATES, exactJointPosteriors, type AssignmentGroup } from './jointPosteriors.js';

/** Default posterior a child needs to be `identified` (disaster-victim identification practice). */
export const DEFAULT_IDENTIFY_POSTERIOR = 0.9999;
/** Default posterior from which a pair links children and missing persons into one group of the one-to-one assignment. */
export const DEFAULT_LINK_POSTERIOR = 0.01;
/**
 * Highest link cut-off: a group too large for the exact method is split by
 * raising its cut-off tenfold, up to this; beyond, the approximation is used.
 * At 0.5 a child links to at most one missing person.
 */
export const MAX_LINK_POSTERIOR = 0.5;
/** Default posterior from which a pair is shown among a child's `candidates`. */
export const DEFAULT_CANDIDATE_POSTERIOR = 0.01;
/** Default number of candidates shown per child. */
export const DEFAULT_CANDIDATES_SHOWN = 5;

/** The decisions a child can get. */
export type DecisionKind = 'identified' | 'candidates' | 'no candidate' | 'insufficient data' | 'excluded by metadata';
/** Every decision, in report order. */
export const DECISION_KINDS: readonly DecisionKind[] = Object.freeze(['identified', 'candidates', 'no candidate', 'insufficient data', 'excluded by metadata'] as const);

/** Options of {@link identifyChildren}; every field has a documented default. */
export interface IdentifyOptions {
  /** π = P(a child belongs to one of the searched families), in (0, 1). Default {@link DEFAULT_PRIOR_IN_DATABASE} (0.5). Also used, per family target, as P(the missing person is among the children searched). */
  readonly priorInDatabase?: number;
  /** Posterior needed for `identified`, in (0, 1]. Default {@link DEFAULT_IDENTIFY_POSTERIOR} (0.9999). */
  readonly identify?: number;
  /** Apply the one-to-one constraint. Default true. */
  readonly oneToOne?: boolean;
  /** A pair links its child and missing person into a group when its independent posterior is at least this, in (0, 1). Default {@link DEFAULT_LINK_POSTERIOR} (0.01). */
  readonly linkPosterior?: number;
  /** Posterior from which a pair is listed among `candidates`, in (0, 1). Default {@link DEFAULT_CANDIDATE_POSTERIOR} (0.01). */
  readonly candidatePosterior?: number;
  /** Candidates listed per child (integer ≥ 0). Default {@link DEFAULT_CANDIDATES_SHOWN} (5). */
  readonly candidatesShown?: number;
  /** Largest group solved exactly, in states of the dynamic programme (an integer ≥ 1). Default {@link EXACT_ASSIGNMENT_STATES} (2^21). */
  readonly exactAssignmentStates?: number;
  /** Sample ids in input order: decisions are listed in this order (a repeated id: its first entry is the child searched, the next ones the rejected duplicates). Default: the order of `result.accounting.children`. */
  readonly order?: readonly string[];
}

/** A candidate missing person of a child. */
export interface Candidate {
  readonly family: string;
  readonly missing: string;
  readonly posterior: number;
  readonly log10LR: number | null;
}

/** The decision about one child. */
export interface Decision {
  readonly child: string;
  readonly decision: DecisionKind;
  /** The identified missing person (null unless `identified`). */
  readonly family: string | null;
  readonly missing: string | null;
  readonly posterior: number | null;
  readonly log10LR: number | null;
  /** Best candidates (posterior ≥ `candidatePosterior`), best first. */
  readonly candidates: readonly Candidate[];
  /** P(the child is none of the missing persons of the run); null when not searched. */
  readonly posteriorNone: number | null;
  /** P(the child is a missing person of the run not listed among its matches); null when not searched. With the listed pairs and `posteriorNone`, sums to 1. */
  readonly posteriorOther: number | null;
  /** The child's group in the one-to-one assignment (null: no linked pair, or one-to-one off). */
  readonly group: { readonly id: number; readonly children: number; readonly targets: number; readonly method: 'exact' | 'approximate'; /** The link cut-off the group was solved at (raised above `linkPosterior` when the group was split). */ readonly linkPosterior: number } | null;
}

/** Posteriors of one reported pair (parallel to `result.matches`). */
export interface PairPosterior {
  readonly child: string;
  readonly family: string;
  readonly missing: string;
  /** Database-wide posterior over the child's candidates, without the one-to-one constraint. */
  readonly posteriorChild: number;
  /** Database-wide posterior over the target's children (the family side), without the one-to-one constraint. */
  readonly posteriorFamily: number;
  /** The posterior used for decisions: joint under one-to-one when on, else `posteriorChild`. */
  readonly posterior: number;
}

/** Sizes of the groups of the one-to-one assignment. */
export interface GroupSummary {
  readonly groups: number;
  readonly exact: number;
  readonly approximate: number;
  /** Groups too large for the exact method that were split by a higher link cut-off (see {@link MAX_LINK_POSTERIOR}). */
  readonly split: number;
  readonly largestChildren: number;
  readonly largestTargets: number;
  /** Number of groups by size "children x targets", e.g. `{ "1x1": 40, "2x1": 3 }`. */
  readonly sizes: Readonly<Record<string, number>>;
}

/** The result of {@link identifyChildren}. */
export interface Identification {
  /** One per child of the accounting (or per id of `order`). */
  readonly decisions: readonly Decision[];
  readonly pairs: readonly PairPosterior[];
  readonly counts: Readonly<Record<DecisionKind, number>>;
  /** Σ (1 − posterior) over the identifications. */
  readonly expectedFalseIdentifications: number;
  readonly groups: GroupSummary;
  readonly settings: { readonly priorInDatabase: number; readonly identify: number; readonly oneToOne: boolean; readonly linkPosterior: number; readonly candidatePosterior: number; readonly candidatesShown: number; readonly exactAssignmentStates: number };
}

const bad = (name: string, what: string, value: unknown): Issue => ({ code: 'bad-option', path: [name], message: `${what} (${name} = ${String(value)})` });
const inOpen = (x: unknown): boolean => typeof x === 'number' && x > 0 && x < 1;

/**
 * Checks the options of {@link identifyChildren} (every problem at once) and fills in the defaults.
 *
 * @throws {@link ValidationError} `bad-option` naming the option.
 * @example
 * ```ts
 * validateIdentifyOptions({}).identify; // 0.9999
 * ```
 */
export function validateIdentifyOptions(options: IdentifyOptions): Identification['settings'] {
  const issues: Issue[] = [];
  const { priorInDatabase, identify, linkPosterior, candidatePosterior, candidatesShown, oneToOne } = options;
  if (priorInDatabase !== undefined && !inOpen(priorInDatabase)) issues.push(bad('priorInDatabase', 'Prior that a child belongs to the searched families must be in (0, 1)', priorInDatabase));
  if (identify !== undefined && !(typeof identify === 'number' && identify > 0 && identify <= 1)) issues.push(bad('identify', 'Identification posterior must be in (0, 1]', identify));
  if (linkPosterior !== undefined && !inOpen(linkPosterior)) issues.push(bad('linkPosterior', 'Link posterior must be in (0, 1)', linkPosterior));
  if (candidatePosterior !== undefined && !inOpen(candidatePosterior)) issues.push(bad('candidatePosterior', 'Candidate posterior must be in (0, 1)', candidatePosterior));
  if (candidatesShown !== undefined && !(typeof candidatesShown === 'number' && Number.isSafeInteger(candidatesShown) && candidatesShown >= 0)) issues.push(bad('candidatesShown', 'Candidates shown must be an integer ≥ 0', candidatesShown));
  const { exactAssignmentStates } = options;
  if (exactAssignmentStates !== undefined && !(typeof exactAssignmentStates === 'number' && Number.isSafeInteger(exactAssignmentStates) && exactAssignmentStates >= 1)) issues.push(bad('exactAssignmentStates', 'Exact assignment states must be an integer ≥ 1', exactAssignmentStates));
  if (oneToOne !== undefined && typeof oneToOne !== 'boolean') issues.push(bad('oneToOne', 'oneToOne must be true or false', oneToOne));
  if (issues.length > 0) throw new ValidationError(issues);
  return {
    priorInDatabase: priorInDatabase ?? DEFAULT_PRIOR_IN_DATABASE,
    identify: identify ?? DEFAULT_IDENTIFY_POSTERIOR,
    oneToOne: oneToOne ?? true,
    linkPosterior: linkPosterior ?? DEFAULT_LINK_POSTERIOR,
    candidatePosterior: candidatePosterior ?? DEFAULT_CANDIDATE_POSTERIOR,
    candidatesShown: candidatesShown ?? DEFAULT_CANDIDATES_SHOWN,
    exactAssignmentStates: exactAssignmentStates ?? EXACT_ASSIGNMENT_STATES,
  };
}

interface ChildState {
  readonly id: string;
  readonly searched: boolean;
  /** Indices into result.matches. */
  readonly rows: number[];
  independent: number[];
  none: number;
  other: number;
  final: number[];
  finalNone: number;
  finalOther: number;
  group: Decision['group'];
}

/**
 * Decides, for every child of a search, `identified` (one missing person with
 * posterior ≥ `identify`), `candidates`, `no candidate` or `insufficient data`
 * (docs/identification.md).
 *
 * 1. Database-wide posteriors ({@link databasePosterior}): π spread evenly over
 *    every target (missing person) of the run, normalised with the exact Σ LR
 *    over all of them (`lnSumLR` of the accounting), against "none".
 * 2. One-to-one (on by default): pairs with independent posterior ≥
 *    `linkPosterior` link children and missing persons into connected groups;
 *    in each group the joint posteriors over every one-to-one assignment are
 *    computed exactly when the group is small enough
 *    ({@link EXACT_ASSIGNMENT_STATES}), approximately beyond
 *    (`approximateJointPosteriors`); group sizes are reported. Pairs outside
 *    the groups keep their share of each child's unmatched probability.
 * 3. A child's best pair with posterior ≥ `identify` is `identified`; else
 *    pairs with posterior ≥ `candidatePosterior` are its `candidates`; else
 *    `no candidate`. Children rejected or compared with no family on enough
 *    loci get `insufficient data`.
 *
 * For every child the posteriors of its listed pairs, of the unlisted targets
 * and of "none" sum to 1. A pair's LR is never changed: only posteriors are
 * database-wide.
 *
 * Cost: O(matches + Σ over groups of the group's cost); exact groups cost
 * O(rows × 2^smaller side).
 *
 * @throws {@link ValidationError} `bad-option` for bad options.
 * @example
 * ```ts
 * const result = searchFamilies(children, families, { frequencies: builtinTable() });
 * const { decisions, expectedFalseIdentifications } = identifyChildren(result, { identify: 0.9999 });
 * ```
 */
export function identifyChildren(result: SearchResult, options: IdentifyOptions = {}): Identification {
  const settings = validateIdentifyOptions(options);
  const π = settings.priorInDatabase;
  const matches = result.matches;
  const targetKey = (family: string, missing: string): string => `${family}\u0000${missing}`;
  const searchedChildren = result.accounting.children.filter((c) => c.status !== 'rejected').length;
  // Family side: a pair's posterior is databasePosterior([lnLR], Σ LR of its target over the children
  // searched, children searched, π), one denominator per target (family id → missing id → posterior of ln LR).
  const familySide = new Map<string, Map<string, (lnLR: number) => number>>();
  if (searchedChildren > 0) {
    for (const f of result.accounting.families) {
      let byMissing = familySide.get(f.id);
      if (byMissing === undefined) familySide.set(f.id, (byMissing = new Map()));
      for (let i = 0; i < f.missing.length; i++) byMissing.set(f.missing[i] as string, listedPosteriorOf(f.lnSumLR[i] as number, searchedChildren, π));
    }
  }

  const states: ChildState[] = [];
  const byId = new Map<string, ChildState>();
  for (const c of result.accounting.children) {
    const st: ChildState = { id: c.id, searched: c.status !== 'rejected', rows: [], independent: [], none: 1, other: 0, final: [], finalNone: 1, finalOther: 0, group: null };
    states.push(st);
    if (c.status !== 'rejected' && !byId.has(c.id)) byId.set(c.id, st);
  }
  matches.forEach((m, i) => byId.get(m.child)?.rows.push(i));
  const childOutcome = new Map(result.accounting.children.filter((c) => c.status !== 'rejected').map((c) => [c.id, c]));
  for (const st of byId.values()) {
    const o = childOutcome.get(st.id);
    const n = o === undefined ? 0 : o.pairsScored + o.pairsInsufficient;
    if (o === undefined || n === 0) continue;
    const p = databasePosterior(
      st.rows.map((r) => (matches[r] as (typeof matches)[number]).lnLR),
      o.lnSumLR,
      n,
      π,
    );
    st.independent = [...p.listed];
    st.none = p.none;
    st.other = p.other;
    st.final = [...p.listed];
    st.finalNone = p.none;
    st.finalOther = p.other;
  }

  // One-to-one: groups of linked pairs (union-find over children and targets), solved jointly.
  const groupCount: Record<string, number> = {};
  let nGroups = 0;
  let nExact = 0;
  let nApprox = 0;
  let nRaised = 0;
  let largestChildren = 0;
  let largestTargets = 0;
  interface Link {
    readonly st: ChildState;
    readonly k: number;
    readonly t: string;
    readonly w: number;
  }
  /** Solves the groups the links at or above `cutoff` make; a group too large for the exact method is split by a 10× higher cut-off, up to MAX_LINK_POSTERIOR. */
  const solve = (all: readonly Link[], cutoff: number): void => {
    const links = all.filter((l) => l.w >= cutoff);
    // Union-find over numbered nodes: a child by its state, a target by its key.
    const childNode = new Map<ChildState, number>();
    const targetNode = new Map<string, number>();
    const parent: number[] = [];
    const node = <K>(map: Map<K, number>, key: K): number => {
      let n = map.get(key);
      if (n === undefined) {
        n = parent.length;
        map.set(key, n);
        parent.push(n);
      }
      return n;
    };
    const find = (x: number): number => {
      let r = x;
      while (parent[r] !== r) r = parent[r] as number;
      for (let y = x; y !== r; ) {
        const next = parent[y] as number;
        parent[y] = r;
        y = next;
      }
      return r;
    };
    for (const l of links) {
      const a = find(node(targetNode, l.t));
      const b = find(node(childNode, l.st));
      if (a !== b) parent[a] = b;
    }
    // Groups in a deterministic order: by their smallest child id (code-unit order).
    interface Group {
      first: string;
      readonly children: ChildState[];
      readonly members: Set<ChildState>;
      readonly targets: Map<string, number>;
      readonly links: Link[];
    }
    const groups = new Map<number, Group>();
    for (const l of links) {
      const root = find(childNode.get(l.st) as number);
      let g = groups.get(root);
      if (g === undefined) groups.set(root, (g = { first: l.st.id, children: [], members: new Set(), targets: new Map(), links: [] }));
      if (!g.members.has(l.st)) {
        g.members.add(l.st);
        g.children.push(l.st);
        if (l.st.id < g.first) g.first = l.st.id;
      }
      if (!g.targets.has(l.t)) g.targets.set(l.t, g.targets.size);
      g.links.push(l);
    }
    for (const g of [...groups.values()].sort((x, y) => (x.first < y.first ? -1 : x.first > y.first ? 1 : 0))) {
      const problem: AssignmentGroup = { targets: g.targets.size, children: [] };
      const edgesOf = new Map<ChildState, { target: number; weight: number; k: number }[]>();
      for (const l of g.links) {
        let list = edgesOf.get(l.st);
        if (list === undefined) edgesOf.set(l.st, (list = []));
        list.push({ target: g.targets.get(l.t) as number, weight: l.w, k: l.k });
      }
      const children = g.children.map((st) => {
        const edges = edgesOf.get(st) ?? [];
        const linked = new Set(edges.map((e) => e.k));
        // Unmatched in the group: none, unlisted targets and the child's pairs that do not link.
        const unmatched = st.none + st.other + st.independent.reduce((s, p, k) => (linked.has(k) ? s : s + p), 0);
        return { unmatched: Math.max(unmatched, 0), edges: edges.map((e) => ({ target: e.target, weight: e.weight })) };
      });
      const sized: AssignmentGroup = { ...problem, children };
      if (assignmentStates(sized) > settings.exactAssignmentStates && cutoff < MAX_LINK_POSTERIOR) {
        nRaised++;
        solve(g.links, Math.min(MAX_LINK_POSTERIOR, cutoff * 10));
        continue;
      }
      const joint = assignmentStates(sized) <= settings.exactAssignmentStates ? exactJointPosteriors(sized) : approximateJointPosteriors(sized);
      nGroups++;
      g.children.forEach((st, ci) => {
        const edges = edgesOf.get(st) ?? [];
        const u = sized.children[ci]?.unmatched as number;
        const ju = joint.unmatched[ci] as number;
        const scale = u > 0 ? ju / u : 0;
        // Unlinked pairs, unlisted targets and "none" share the joint unmatched probability in proportion to their independent posteriors.
        st.final = st.independent.map((p) => p * scale);
        edges.forEach((e, j) => (st.final[e.k] = (joint.pair[ci] as number[])[j] as number));
        st.finalNone = st.none * scale;
        st.finalOther = st.other * scale;
        st.group = { id: nGroups, children: g.children.length, targets: g.targets.size, method: joint.method, linkPosterior: cutoff };
      });
      if (joint.method === 'exact') nExact++;
      else nApprox++;
      largestChildren = Math.max(largestChildren, g.children.length);
      largestTargets = Math.max(largestTargets, g.targets.size);
      const size = `${g.children.length}x${g.targets.size}`;
      groupCount[size] = (groupCount[size] ?? 0) + 1;
    }
  };
  if (settings.oneToOne) {
    const links: Link[] = [];
    // Only pairs at or above the first cut-off can link (solve keeps those alone).
    for (const st of byId.values()) {
      st.rows.forEach((r, k) => {
        const w = st.independent[k] as number;
        if (!(w >= settings.linkPosterior)) return;
        const m = matches[r] as (typeof matches)[number];
        links.push({ st, k, t: `t:${targetKey(m.family, m.missing)}`, w });
      });
    }
    solve(links, settings.linkPosterior);
  }

  // Pairs.
  const pairPosterior = new Array<number>(matches.length).fill(0);
  const pairIndependent = new Array<number>(matches.length).fill(0);
  for (const st of byId.values())
    st.rows.forEach((r, k) => {
      pairPosterior[r] = st.final[k] as number;
      pairIndependent[r] = st.independent[k] as number;
    });
  // A target the accounting lacks has no Σ LR (none is expected: every matched target is accounted).
  const noSum = searchedChildren > 0 ? listedPosteriorOf(Number.NEGATIVE_INFINITY, searchedChildren, π) : undefined;
  const pairs: PairPosterior[] = matches.map((m, i) => {
    const fam = noSum === undefined ? 0 : (familySide.get(m.family)?.get(m.missing) ?? noSum)(m.lnLR);
    return { child: m.child, family: m.family, missing: m.missing, posteriorChild: pairIndependent[i] as number, posteriorFamily: fam, posterior: pairPosterior[i] as number };
  });

  // Decisions.
  const decide = (st: ChildState): Decision => {
    const outcome = childOutcome.get(st.id);
    if (outcome !== undefined && byId.get(st.id) === st && outcome.status === 'excluded-by-metadata') {
      return { child: st.id, decision: 'excluded by metadata', family: null, missing: null, posterior: null, log10LR: null, candidates: [], posteriorNone: null, posteriorOther: null, group: null };
    }
    if (!st.searched || outcome === undefined || byId.get(st.id) !== st || outcome.status === 'insufficient-data') {
      return { child: st.id, decision: 'insufficient data', family: null, missing: null, posterior: null, log10LR: null, candidates: [], posteriorNone: null, posteriorOther: null, group: null };
    }
    const ranked = st.rows
      .map((r, k) => ({ m: matches[r] as (typeof matches)[number], p: st.final[k] as number }))
      .sort((a, b) => b.p - a.p || (b.m.lnLR > a.m.lnLR ? 1 : b.m.lnLR < a.m.lnLR ? -1 : 0) || (a.m.family < b.m.family ? -1 : a.m.family > b.m.family ? 1 : 0) || (a.m.missing < b.m.missing ? -1 : a.m.missing > b.m.missing ? 1 : 0));
    const candidates = ranked.filter((x) => x.p >= settings.candidatePosterior).slice(0, settings.candidatesShown).map((x) => ({ family: x.m.family, missing: x.m.missing, posterior: x.p, log10LR: x.m.log10LR }));
    const best = ranked[0];
    if (best !== undefined && best.p >= settings.identify) {
      return { child: st.id, decision: 'identified', family: best.m.family, missing: best.m.missing, posterior: best.p, log10LR: best.m.log10LR, candidates, posteriorNone: st.finalNone, posteriorOther: st.finalOther, group: st.group };
    }
    return { child: st.id, decision: candidates.length > 0 ? 'candidates' : 'no candidate', family: null, missing: null, posterior: null, log10LR: null, candidates, posteriorNone: st.finalNone, posteriorOther: st.finalOther, group: st.group };
  };
  let decisions = states.map(decide);
  if (options.order !== undefined) {
    const queue = new Map<string, Decision[]>();
    for (const d of decisions) {
      const q = queue.get(d.child);
      if (q === undefined) queue.set(d.child, [d]);
      else q.push(d);
    }
    decisions = options.order.map((id) => queue.get(id)?.shift() ?? { child: id, decision: 'insufficient data', family: null, missing: null, posterior: null, log10LR: null, candidates: [], posteriorNone: null, posteriorOther: null, group: null });
  }
  const counts = Object.fromEntries(DECISION_KINDS.map((k) => [k, 0])) as Record<DecisionKind, number>;
  let expectedFalse = 0;
  for (const d of decisions) {
    counts[d.decision]++;
    if (d.decision === 'identified') expectedFalse += 1 - (d.posterior as number);
  }
  return {
    decisions,
    pairs,
    counts,
    expectedFalseIdentifications: expectedFalse,
    groups: { groups: nGroups, exact: nExact, approximate: nApprox, split: nRaised, largestChildren, largestTargets, sizes: groupCount },
    settings,
  };
}
