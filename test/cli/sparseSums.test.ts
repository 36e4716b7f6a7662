/**
 * Search workers send their per-child exact sums as non-zero limbs
 * (src/cli/sparseSums.ts); the main thread rebuilds one exact total instead of a
 * dense array per job (withChildSums). Both must give the bits of the dense path.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withChildSums } from '../../src/cli/parallelSearch.js';
import type { SearchWorkerReply } from '../../src/cli/searchWorker.js';
import { addSparse, fromSparse, toSparse } from '../../src/cli/sparseSums.js';
import { builtinTable } from '../../src/frequencies/builtin.js';
import { encodeChildren } from '../../src/search/encodeChildren.js';
import { buildFamilyIndex, orderFamilies, type SearchTarget } from '../../src/search/familyIndex.js';
import { planSearch } from '../../src/search/plan.js';
import { mergeScans, rebaseScan, scanRange, type PartialScan } from '../../src/search/scan.js';
import { finishSearch } from '../../src/search/searchFamilies.js';
import { simulateSearchScenario } from '../../src/simulate/simulateSearchScenario.js';

const sameBits = (a: Float64Array, b: Float64Array): boolean => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

describe('sparse sums', () => {
  it('round-trip every entry bit for bit (zeros, −0, integers, fractions, extremes)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(0), fc.constant(-0), fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.double({ noNaN: true })), { maxLength: 300 }), (values) => {
        const dense = Float64Array.from(values);
        const sparse = toSparse(dense);
        expect(sparse.at.length).toBe(values.filter((v) => !Object.is(v, 0)).length);
        expect(sameBits(fromSparse(sparse), dense)).toBe(true);
        const into = new Float64Array(dense.length);
        addSparse(into, sparse);
        expect(sameBits(into, Float64Array.from(dense, (v) => 0 + v))).toBe(true);
      }),
    );
  });

  it('refuse sums of another length', () => {
    expect(() => addSparse(new Float64Array(3), toSparse(new Float64Array(4)))).toThrow(RangeError);
  });
});

describe('withChildSums', () => {
  const table = builtinTable();
  const s = simulateSearchScenario({ table, seed: 23, families: 60, children: 40, related: 20 });
  const plan = planSearch(s.families, s.children, { frequencies: table, xLoci: true });
  const { ordered } = orderFamilies(s.families);
  const encoded = encodeChildren(s.children, plan);

  it.each([[[0, 60]], [[0, 25, 60]], [[0, 7, 30, 31, 60]]])('gives the merged scan and result of the dense parts (family ranges %j)', (bounds) => {
    let offset = 0;
    const dense: PartialScan[] = [];
    const replies: Extract<SearchWorkerReply, { ok: true }>[] = [];
    const targets: SearchTarget[] = [];
    for (let i = 1; i < bounds.length; i++) {
      const sub = buildFamilyIndex(ordered.slice(bounds[i - 1], bounds[i]), { plan });
      const scan = scanRange(sub, encoded, 0, sub.targets.length, {});
      const { childSum, ...rest } = scan;
      replies.push({ job: i - 1, ok: true, targets: sub.targets, familyCount: sub.familyCount, rejected: sub.rejected, scan: rest, childSum: toSparse(childSum) });
      dense.push(rebaseScan(scan, offset));
      targets.push(...sub.targets);
      offset += sub.targets.length;
    }
    const parts = withChildSums(replies, encoded.ids.length);
    let at = 0;
    const rebuilt = parts.map((p) => {
      const scan = rebaseScan(p.scan, at);
      at += p.targets.length;
      return scan;
    });
    const merged = mergeScans(rebuilt);
    const expected = mergeScans(dense);
    expect(sameBits(merged.childSum, expected.childSum)).toBe(true);
    expect(merged).toStrictEqual(expected);
    const finish = (scan: PartialScan) => finishSearch({ plan, targets, familyCount: s.families.length, rejected: [] }, encoded, scan, { familiesIn: s.families.length });
    expect(finish(merged)).toStrictEqual(finish(expected));
    // The sums are not trivial: some child has a non-zero sum in more than one part.
    expect(bounds.length === 2 || replies.filter((r) => r.childSum.at.length > 0).length > 1).toBe(true);
  });
});
