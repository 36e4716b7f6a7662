/**
 * X and Y evidence of a simulated search enter each pair's LR, the database-wide
 * posteriors and the decisions: the total of a pair is its autosomal LR (the
 * same pair searched at autosomal loci only) times its X and Y LRs; the sums
 * behind the posteriors run over these totals; and Y is added only to pairs the
 * metadata keep (an excluded pair is counted, never scored).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { builtinTable } from '../../src/frequencies/builtin.js';
import { locusSet } from '../../src/profile/loci.js';
import { ARGUS_X12_LINKAGE_GROUPS } from '../../src/profile/xLoci.js';
import { identifyChildren } from '../../src/search/decide/identifyChildren.js';
import { searchFamilies, type SearchResult } from '../../src/search/searchFamilies.js';
import { syntheticXTable, YFILER_PLUS_SINGLE_COPY } from '../../src/simulate/scenarioLineage.js';
import { simulateSearchScenario, type SearchScenario } from '../../src/simulate/simulateSearchScenario.js';

const GLOBALFILER = locusSet('globalfiler')?.loci ?? [];
let scenario: SearchScenario;
let both: SearchResult;
let autosomal: SearchResult;

const logSumExp = (xs: readonly number[]): number => {
  const m = Math.max(...xs);
  return m === Number.NEGATIVE_INFINITY ? m : m + Math.log(xs.reduce((s, x) => s + Math.exp(x - m), 0));
};

beforeAll(() => {
  const table = syntheticXTable(builtinTable(), 11);
  scenario = simulateSearchScenario({ table, seed: 11, families: 40, children: 24, related: 16, xLoci: ARGUS_X12_LINKAGE_GROUPS.flatMap((g) => g.loci), yLoci: YFILER_PLUS_SINGLE_COPY, yPopulation: { size: 2000, generations: 100, databaseSize: 500 } });
  const database = scenario.yDatabase;
  if (database === undefined) throw new Error('no Y database');
  both = searchFamilies(scenario.children, scenario.families, { frequencies: table, topK: 1000, lineage: { database } });
  autosomal = searchFamilies(scenario.children, scenario.families, { frequencies: table, topK: 1000, loci: GLOBALFILER });
});

describe('X and Y evidence in a simulated search', () => {
  it('every pair: total = autosomal (searched alone) × X × Y, and X and Y are compared for some pairs', () => {
    const alone = new Map(autosomal.matches.map((m) => [`${m.child} ${m.missing}`, m.lnLR]));
    let withX = 0;
    let withY = 0;
    for (const m of both.matches) {
      const a = alone.get(`${m.child} ${m.missing}`);
      expect(a, `${m.child} ${m.missing}`).toBeDefined();
      const x = m.byType?.X ?? 0;
      const y = m.byType?.Y ?? 0;
      if (!Number.isFinite(m.lnLR) || a === undefined || !Number.isFinite(a)) continue;
      expect(m.lnLR / Math.LN10).toBeCloseTo((a as number) / Math.LN10 + x + y, 9);
      if (x !== 0) withX++;
      if (m.byType?.Y !== null && m.byType?.Y !== undefined) withY++;
    }
    expect(withX).toBeGreaterThan(0);
    expect(withY).toBeGreaterThan(0);
    expect(both.matches.length).toBe(autosomal.matches.length);
  });
  it('the posteriors\' sums run over the totals, and excluded pairs add nothing', () => {
    for (const c of both.accounting.children) {
      const lns = both.matches.filter((m) => m.child === c.id).map((m) => m.lnLR);
      expect(lns.length).toBe(c.pairsScored + c.pairsInsufficient);
      // LRs below 2^-64 add nothing to the exact sums (docs/identification.md §1): compare where the sum is far above.
      const expected = logSumExp(lns);
      // Each pair is cut to the grid 2^-64: the sum moves by at most n·2^-64, i.e. ln sum by n·2^-64/sum.
      const slack = (lns.length * 2 ** -64) / Math.exp(expected) + 1e-12;
      if (expected > -30) expect(Math.abs(c.lnSumLR - expected)).toBeLessThanOrEqual(slack);
      else expect(c.lnSumLR).toBeLessThanOrEqual(expected + 1e-9);
    }
    expect(both.accounting.pairsExcludedBySex + both.accounting.pairsExcludedByAge).toBeGreaterThan(0);
  });
  it('decisions carry the total LR, and identify the true missing person at least as often as autosomal loci alone', () => {
    const truthOf = (r: SearchResult): number => identifyChildren(r).decisions.filter((d) => d.decision === 'identified' && scenario.truth.get(d.child)?.missing === d.missing).length;
    const id = identifyChildren(both);
    for (const d of id.decisions) {
      if (d.decision !== 'identified') continue;
      const m = both.matches.find((x) => x.child === d.child && x.missing === d.missing);
      expect(d.log10LR).toBeCloseTo((m?.lnLR ?? 0) / Math.LN10, 9);
    }
    expect(truthOf(both)).toBeGreaterThanOrEqual(truthOf(autosomal));
    expect(id.decisions.filter((d) => d.decision === 'identified' && scenario.truth.get(d.child)?.missing !== d.missing)).toEqual([]);
  });
});
