/**
 * Posteriors of identifications under the one-to-one constraint (a missing
 * person is at most one child, a child at most one missing person), jointly
 * over a connected group of candidate pairs: exact by dynamic programming over
 * every one-to-one assignment when the group is small enough, a documented
 * approximation beyond.
 */

/** One child of a group: its weight of staying unmatched in the group and its linked targets. */
export interface GroupChild {
  /** Weight of "matched to no target of the group" (independent posterior of none + of unlisted targets). */
  readonly unmatched: number;
  /** Linked targets (indices into the group's targets) and their weights (independent posteriors). */
  readonly edges: readonly { readonly target: number; readonly weight: number }[];
}

/** A group: children, `targets` target columns, edges from children to targets. */
export interface AssignmentGroup {
  readonly children: readonly GroupChild[];
  readonly targets: number;
}

/** Joint posteriors of a group. */
export interface JointPosteriors {
  /** Per child, per edge (parallel to `edges`): P(child is that target | data, one-to-one). */
  readonly pair: readonly (readonly number[])[];
  /** Per child: P(matched to no target of the group). */
  readonly unmatched: readonly number[];
  /** `exact` (every assignment) or `approximate` (see {@link approximateJointPosteriors}). */
  readonly method: 'exact' | 'approximate';
}

/**
 * Largest exact problem: (rows) × 2^(smaller side) states of the dynamic
 * programme, 2^21 (about 2 million; e.g. 12 children against up to 511 targets,
 * or any group with at most 15 on its smaller side and 63 on the other).
 */
export const EXACT_ASSIGNMENT_STATES = 2 ** 21;

/** Number of states {@link exactJointPosteriors} would use for a group (Infinity when the smaller side exceeds 30). */
export function assignmentStates(group: AssignmentGroup): number {
  const small = Math.min(group.children.length, group.targets);
  const large = Math.max(group.children.length, group.targets);
  return small > 30 ? Number.POSITIVE_INFINITY : (large + 1) * 2 ** small;
}

/**
 * Joint posteriors of a group, exact when {@link assignmentStates} ≤
 * {@link EXACT_ASSIGNMENT_STATES}, else {@link approximateJointPosteriors}.
 *
 * The model: each child c is one target t of the group (weight w_ct, its
 * independent database-wide posterior), or none of them (weight u_c: "none"
 * plus the targets outside the group); an assignment's weight is the product
 * over children, and only one-to-one assignments are allowed. The posterior of
 * (c, t) is the total weight of the assignments giving t to c over the total
 * weight. Without links to share, this is the independent posterior.
 *
 * Cost: exact O(states × edges per row); approximate O(iterations × edges).
 */
export function jointPosteriors(group: AssignmentGroup): JointPosteriors {
  return assignmentStates(group) <= EXACT_ASSIGNMENT_STATES ? exactJointPosteriors(group) : approximateJointPosteriors(group);
}

/**
 * Exact joint posteriors by a forward-backward pass over rows with a bitmask of
 * the columns taken (rows: the larger side; columns: the smaller side, ≤ 30),
 * in log space (weights from 1 down to 1e−300 and beyond mix without underflow).
 *
 * Cost: O(rows × 2^columns × edges per row).
 */
export function exactJointPosteriors(group: AssignmentGroup): JointPosteriors {
  const C = group.children.length;
  const T = group.targets;
  const childRows = C >= T;
  // rows: each has a log unmatched weight and edges (column, log weight).
  const rows: { u: number; cols: number[]; w: number[] }[] = [];
  if (childRows) {
    for (const c of group.children) rows.push({ u: Math.log(c.unmatched), cols: c.edges.map((e) => e.target), w: c.edges.map((e) => Math.log(e.weight)) });
  } else {
    // Rows are targets (unmatched weight 1); child c's unmatched weight u_c is factored out of every
    // assignment: edge weight w_ct / u_c (an unmatched weight that underflowed to 0 is taken as 1e-300).
    for (let t = 0; t < T; t++) rows.push({ u: 0, cols: [], w: [] });
    group.children.forEach((c, ci) => {
      const lnU = Math.log(Math.max(c.unmatched, 1e-300));
      for (const e of c.edges) {
        const row = rows[e.target] as { u: number; cols: number[]; w: number[] };
        row.cols.push(ci);
        row.w.push(Math.log(e.weight) - lnU);
      }
    });
  }
  const R = rows.length;
  const K = childRows ? T : C;
  const S = 2 ** K;
  const NEG = Number.NEGATIVE_INFINITY;
  // back[i][mask]: ln of the total weight of rows i.. given the columns in mask are taken.
  const back: Float64Array[] = new Array<Float64Array>(R + 1);
  back[R] = new Float64Array(S);
  for (let i = R - 1; i >= 0; i--) {
    const r = rows[i] as { u: number; cols: number[]; w: number[] };
    const next = back[i + 1] as Float64Array;
    const cur = new Float64Array(S);
    for (let mask = 0; mask < S; mask++) {
      let v = r.u + (next[mask] as number);
      for (let k = 0; k < r.cols.length; k++) {
        const bit = 1 << (r.cols[k] as number);
        if ((mask & bit) === 0) v = lse(v, (r.w[k] as number) + (next[mask | bit] as number));
      }
      cur[mask] = v;
    }
    back[i] = cur;
  }
  const lnZ = back[0]?.[0] as number;
  // Forward pass (fwd[mask]: ln weight of rows before i using exactly mask) with the edge marginals.
  let fwd = new Float64Array(S).fill(NEG);
  fwd[0] = 0;
  const edgeP: number[][] = rows.map((r) => r.cols.map(() => NEG));
  for (let i = 0; i < R; i++) {
    const r = rows[i] as { u: number; cols: number[]; w: number[] };
    const next = back[i + 1] as Float64Array;
    const nf = new Float64Array(S).fill(NEG);
    const pe = edgeP[i] as number[];
    for (let mask = 0; mask < S; mask++) {
      const f = fwd[mask] as number;
      if (f === NEG) continue;
      nf[mask] = lse(nf[mask] as number, f + r.u);
      for (let k = 0; k < r.cols.length; k++) {
        const bit = 1 << (r.cols[k] as number);
        if ((mask & bit) !== 0) continue;
        const fw = f + (r.w[k] as number);
        pe[k] = lse(pe[k] as number, fw + (next[mask | bit] as number));
        nf[mask | bit] = lse(nf[mask | bit] as number, fw);
      }
    }
    for (let k = 0; k < pe.length; k++) pe[k] = Math.exp((pe[k] as number) - lnZ);
    fwd = nf;
  }
  // Back to children's terms.
  const pair = group.children.map((c) => c.edges.map(() => 0));
  if (childRows) {
    group.children.forEach((_, ci) => (pair[ci] = (edgeP[ci] as number[]).map((p) => clamp01(p))));
  } else {
    rows.forEach((r, t) => {
      r.cols.forEach((ci, k) => {
        // the k-th column of row t is child ci's edge to t
        const e = (group.children[ci] as GroupChild).edges.findIndex((x) => x.target === t);
        (pair[ci] as number[])[e] = clamp01((edgeP[t] as number[])[k] as number);
      });
    });
  }
  const unmatched = pair.map((ps) => clamp01(1 - ps.reduce((s, p) => s + p, 0)));
  return { pair, unmatched, method: 'exact' };
}

/** ln(e^a + e^b) without overflow. */
function lse(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

/** Iterations of {@link approximateJointPosteriors}. */
export const APPROXIMATION_ITERATIONS = 200;

/**
 * Approximate joint posteriors for groups too large to enumerate: the
 * mean-field ("each child sees the others through their current marginals")
 * fixed point q_c(t) ∝ w_ct · Π_{c' ≠ c} (1 − q_c'(t)), q_c(unmatched) ∝ u_c,
 * damped, {@link APPROXIMATION_ITERATIONS} rounds. Each child's marginals sum to
 * 1; a target's marginals over children are not forced to sum to at most 1.
 * Exact when no two children share a target.
 *
 * Cost: O(iterations × edges).
 */
export function approximateJointPosteriors(group: AssignmentGroup): JointPosteriors {
  const C = group.children.length;
  const q: number[][] = group.children.map((c) => {
    const tot = c.unmatched + c.edges.reduce((s, e) => s + e.weight, 0);
    return c.edges.map((e) => (tot > 0 ? e.weight / tot : 0));
  });
  // Claims on each target: (child, edge index).
  const claims: { c: number; k: number }[][] = Array.from({ length: group.targets }, () => []);
  group.children.forEach((child, c) => child.edges.forEach((e, k) => (claims[e.target] as { c: number; k: number }[]).push({ c, k })));
  for (let it = 0; it < APPROXIMATION_ITERATIONS; it++) {
    for (let c = 0; c < C; c++) {
      const child = group.children[c] as GroupChild;
      const qc = q[c] as number[];
      // Π over the other children of (1 − their current claim on t)
      const raw = child.edges.map((e) => {
        let free = 1;
        for (const x of claims[e.target] as { c: number; k: number }[]) if (x.c !== c) free *= 1 - ((q[x.c] as number[])[x.k] as number);
        return e.weight * free;
      });
      const tot = child.unmatched + raw.reduce((s, x) => s + x, 0);
      for (let k = 0; k < raw.length; k++) qc[k] = 0.5 * (qc[k] as number) + 0.5 * (tot > 0 ? (raw[k] as number) / tot : 0);
    }
  }
  const unmatched = q.map((qc) => clamp01(1 - qc.reduce((s, x) => s + x, 0)));
  return { pair: q.map((qc) => qc.map(clamp01)), unmatched, method: 'approximate' };
}
