/**
 * The one-to-one assignment: the exact dynamic programme equals brute-force
 * enumeration of every one-to-one assignment on small random problems; the
 * approximation is exact when no two children share a target.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { approximateJointPosteriors, exactJointPosteriors, jointPosteriors, type AssignmentGroup } from '../../../src/search/decide/jointPosteriors.js';

/** Every one-to-one assignment, by recursion over children (weights in log space): the posterior of each edge and of each child's "unmatched". */
function bruteForce(group: AssignmentGroup): { pair: number[][]; unmatched: number[] } {
  const C = group.children.length;
  const all: { ln: number; choice: number[] }[] = [];
  const choice = new Array<number>(C).fill(-1);
  const used = new Set<number>();
  const rec = (c: number, ln: number): void => {
    if (c === C) {
      all.push({ ln, choice: [...choice] });
      return;
    }
    const child = group.children[c]!;
    choice[c] = -1;
    rec(c + 1, ln + Math.log(child.unmatched));
    child.edges.forEach((e, k) => {
      if (used.has(e.target)) return;
      used.add(e.target);
      choice[c] = k;
      rec(c + 1, ln + Math.log(e.weight));
      used.delete(e.target);
    });
    choice[c] = -1;
  };
  rec(0, 0);
  const top = Math.max(...all.map((a) => a.ln));
  const pair = group.children.map((c) => c.edges.map(() => 0));
  const unmatched = new Array<number>(C).fill(0);
  let Z = 0;
  for (const a of all) {
    const w = Math.exp(a.ln - top);
    Z += w;
    a.choice.forEach((k, ci) => {
      if (k < 0) unmatched[ci] = (unmatched[ci] as number) + w;
      else (pair[ci] as number[])[k] = ((pair[ci] as number[])[k] as number) + w;
    });
  }
  return { pair: pair.map((ps) => ps.map((p) => p / Z)), unmatched: unmatched.map((u) => u / Z) };
}

/** A random group: children with a few edges to targets, weights including tiny and dominant ones. */
const groupArb: fc.Arbitrary<AssignmentGroup> = fc
  .record({ targets: fc.integer({ min: 1, max: 5 }), children: fc.integer({ min: 1, max: 6 }) })
  .chain(({ targets, children }) =>
    fc.record({
      targets: fc.constant(targets),
      children: fc.array(
        fc.record({
          unmatched: fc.oneof(fc.double({ min: 1e-12, max: 1, noNaN: true }), fc.constant(1e-200)),
          edges: fc.uniqueArray(fc.record({ target: fc.integer({ min: 0, max: targets - 1 }), weight: fc.oneof(fc.double({ min: 1e-9, max: 1, noNaN: true }), fc.constant(1)) }), { selector: (e) => e.target, maxLength: targets }),
        }),
        { minLength: children, maxLength: children },
      ),
    }),
  );

describe('joint posteriors under the one-to-one constraint', () => {
  it('the exact method equals enumeration of every one-to-one assignment (rows as children or as targets)', () => {
    fc.assert(
      fc.property(groupArb, (group) => {
        const want = bruteForce(group);
        const got = exactJointPosteriors(group);
        expect(got.method).toBe('exact');
        got.pair.forEach((ps, c) => ps.forEach((p, k) => expect(Math.abs(p - (want.pair[c]![k] as number))).toBeLessThan(1e-9)));
        got.unmatched.forEach((u, c) => expect(Math.abs(u - (want.unmatched[c] as number))).toBeLessThan(1e-9));
        // each child's posteriors sum to 1; each target is at most one child
        got.pair.forEach((ps, c) => expect(Math.abs(ps.reduce((s, p) => s + p, 0) + (got.unmatched[c] as number) - 1)).toBeLessThan(1e-9));
        for (let t = 0; t < group.targets; t++) {
          let s = 0;
          group.children.forEach((ch, c) => ch.edges.forEach((e, k) => (s += e.target === t ? (got.pair[c]![k] as number) : 0)));
          expect(s).toBeLessThan(1 + 1e-9);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('jointPosteriors is the exact method on small groups; the approximation is exact when no target is shared', () => {
    fc.assert(
      fc.property(groupArb, (group) => {
        expect(jointPosteriors(group).method).toBe('exact');
        const disjoint: AssignmentGroup = { targets: group.children.length * group.targets, children: group.children.map((c, i) => ({ unmatched: c.unmatched, edges: c.edges.map((e) => ({ target: i * group.targets + e.target, weight: e.weight })) })) };
        const exact = exactJointPosteriors(disjoint);
        const approx = approximateJointPosteriors(disjoint);
        approx.pair.forEach((ps, c) => ps.forEach((p, k) => expect(Math.abs(p - (exact.pair[c]![k] as number))).toBeLessThan(1e-9)));
      }),
      { numRuns: 100 },
    );
  });

  it('two children claiming one missing person share it: worked example', () => {
    // Child A: weight 0.9 on t, 0.1 unmatched; child B: 0.9 on t, 0.1 unmatched.
    // Assignments: none (0.01), A-t (0.09), B-t (0.09): P(A-t) = 0.09/0.19.
    const g: AssignmentGroup = { targets: 1, children: [{ unmatched: 0.1, edges: [{ target: 0, weight: 0.9 }] }, { unmatched: 0.1, edges: [{ target: 0, weight: 0.9 }] }] };
    const r = exactJointPosteriors(g);
    expect(r.pair[0]![0]).toBeCloseTo(0.09 / 0.19, 12);
    expect(r.unmatched[1]).toBeCloseTo(0.1 / 0.19, 12);
  });
});
