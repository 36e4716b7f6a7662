/**
 * finishSearch's rows: every pair in a child's or a family's top K once, in the
 * documented order (child, rank for the child with unranked pairs last, log LR
 * descending, target order), with both ranks; and the family-side posterior of
 * identifyChildren, computed once per target, equal bit for bit to
 * databasePosterior of the single pair.
 */
import { describe, expect, it } from 'vitest';
import { builtinTable } from '../../src/frequencies/builtin.js';
import { databasePosterior } from '../../src/search/decide/databasePosterior.js';
import { identifyChildren } from '../../src/search/decide/identifyChildren.js';
import { searchFamilies } from '../../src/search/searchFamilies.js';
import { simulateSearchScenario } from '../../src/simulate/simulateSearchScenario.js';

const table = builtinTable();
// Few children per family and a small K: many pairs are in a family's top K only.
const scenario = simulateSearchScenario({ table, seed: 31, families: 120, children: 90, related: 40 });
const result = searchFamilies(scenario.children, scenario.families, { frequencies: table, topK: 2, ignoreMetadata: true });

describe('finishSearch: the rows', () => {
  it('lists each pair once, ranked pairs of a child first, then its family-only pairs by log LR', () => {
    const familyOnly = result.matches.filter((m) => m.rankForChild === null).length;
    expect(familyOnly).toBeGreaterThan(20);
    const keys = result.matches.map((m) => `${m.child}|${m.family}|${m.missing}`);
    expect(new Set(keys).size).toBe(keys.length);
    const children = scenario.children.map((c) => c.sample).sort();
    const childIndex = new Map(children.map((c, i) => [c, i]));
    for (let i = 1; i < result.matches.length; i++) {
      const a = result.matches[i - 1];
      const b = result.matches[i];
      if (a === undefined || b === undefined) throw new Error('no match');
      const ca = childIndex.get(a.child) as number;
      const cb = childIndex.get(b.child) as number;
      expect(ca).toBeLessThanOrEqual(cb);
      if (ca !== cb) continue;
      const ra = a.rankForChild ?? Infinity;
      const rb = b.rankForChild ?? Infinity;
      expect(ra).toBeLessThanOrEqual(rb);
      if (ra === Infinity && rb === Infinity) expect(a.lnLR).toBeGreaterThanOrEqual(b.lnLR);
      else if (rb !== Infinity) expect(rb).toBe(ra + 1);
    }
    // Ranks for a family: 1..n for each missing person, over the rows that carry one.
    const ranks = new Map<string, number[]>();
    for (const m of result.matches) if (m.rankForFamily !== null) ranks.set(`${m.family}|${m.missing}`, [...(ranks.get(`${m.family}|${m.missing}`) ?? []), m.rankForFamily]);
    for (const list of ranks.values()) expect(list.sort((x, y) => x - y)).toEqual(list.map((_, i) => i + 1));
    // Every child's K best are listed with their ranks.
    for (const c of children) expect(result.matches.filter((m) => m.child === c && m.rankForChild !== null).length).toBeLessThanOrEqual(2);
  });
});

describe('identifyChildren: family-side posteriors', () => {
  it('equal databasePosterior of the single pair with its target’s Σ LR, bit for bit', () => {
    const { pairs } = identifyChildren(result);
    const searched = result.accounting.children.filter((c) => c.status !== 'rejected').length;
    const sum = new Map(result.accounting.families.flatMap((f) => f.missing.map((m, i) => [`${f.id}|${m}`, f.lnSumLR[i] as number] as const)));
    expect(pairs).toHaveLength(result.matches.length);
    result.matches.forEach((m, i) => {
      const expected = databasePosterior([m.lnLR], sum.get(`${m.family}|${m.missing}`) ?? Number.NEGATIVE_INFINITY, searched, 0.5).listed[0];
      expect(Object.is(pairs[i]?.posteriorFamily, expected)).toBe(true);
    });
  });
});
