/**
 * National-size inputs (issue 13, item 1): merging 200,000 family targets or
 * rejected families and reading 200,000 profiles must not overflow the stack
 * (a spread `push(...array)` did, past about 125,000 elements).
 */
import { describe, expect, it } from 'vitest';
import { concatParts, type Part } from '../../src/cli/parallelSearch.js';
import type { RejectedFamily } from '../../src/search/Family.js';
import type { SearchTarget } from '../../src/search/familyIndex.js';
import type { PartialScan } from '../../src/search/scan.js';

const emptyScan = (start: number, end: number): PartialScan => ({
  topK: 1,
  childK: 1,
  targetK: 1,
  targetStart: start,
  targetEnd: end,
  childCount: new Int32Array(0),
  childScore: new Float64Array(0),
  childTarget: new Int32Array(0),
  childLoci: new Uint8Array(0),
  childInconsistent: new Uint8Array(0),
  targetCount: new Int32Array(0),
  targetScore: new Float64Array(0),
  targetChild: new Int32Array(0),
  targetLoci: new Uint8Array(0),
  targetInconsistent: new Uint8Array(0),
  childScored: new Float64Array(0),
  childInsufficient: new Float64Array(0),
  targetScored: new Float64Array(0),
  childExcludedByAge: new Float64Array(0),
  targetExcludedByAge: new Float64Array(0),
  targetInsufficient: new Float64Array(0),
  childExcluded: new Float64Array(0),
  targetExcluded: new Float64Array(0),
  childSum: new Float64Array(0),
  targetSum: new Float64Array(0),
});

describe('concatParts at national size', () => {
  it('joins 200,000 targets and 200,000 rejected families', () => {
    const n = 200_000;
    const targets = Array.from({ length: n }, (_, i) => ({ family: `F${i}` }) as unknown as SearchTarget);
    const rejected = Array.from({ length: n }, (_, i) => ({ id: `R${String(n - i).padStart(6, '0')}`, reasons: ['x'] }) as unknown as RejectedFamily);
    const part: Part = { targets, familyCount: n, rejected, scan: emptyScan(0, n) };
    const out = concatParts([part, { ...part, scan: emptyScan(0, n) }], rejected);
    expect(out.targets.length).toBe(2 * n);
    expect(out.rejected.length).toBe(3 * n);
    expect(out.rejected[0]?.id).toBe('R000001');
    expect(out.familyCount).toBe(2 * n);
    expect(out.scans[1]?.targetStart).toBe(n);
  });
});
