/**
 * identifyChildren: database-wide posteriors (each child's posteriors over its
 * candidates, the rest of the run and "none" sum to 1), one-to-one groups,
 * decisions; independent of input order and of the thread split; LRs untouched.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runSearchParallel } from '../../../src/cli/parallelSearch.js';
import { builtinTable } from '../../../src/frequencies/builtin.js';
import type { Profile } from '../../../src/profile/Profile.js';
import { databasePosterior } from '../../../src/search/decide/databasePosterior.js';
import { identifyChildren, MAX_LINK_POSTERIOR, validateIdentifyOptions, type Identification } from '../../../src/search/decide/identifyChildren.js';
import { encodeChildren } from '../../../src/search/encodeChildren.js';
import type { Family } from '../../../src/search/Family.js';
import { buildFamilyIndex, orderFamilies } from '../../../src/search/familyIndex.js';
import { planSearch } from '../../../src/search/plan.js';
import { mergeScans, rebaseScan, scanRange, type PartialScan } from '../../../src/search/scan.js';
import { finishSearch, searchFamilies, type SearchOptions } from '../../../src/search/searchFamilies.js';
import { makeRng, randomProfile, simulateFamily, type Rng } from '../../arbitraries/search.js';

const table = builtinTable('nist1036-cauc');
const LOCI = ['TH01', 'TPOX', 'D13S317', 'D16S539', 'D5S818', 'D8S1179', 'CSF1PO', 'D7S820', 'vWA', 'FGA'];
const base: SearchOptions = { frequencies: table, minLoci: 3, topK: 3 };

function scenario(seed: number, nFamilies: number, nUnrelated: number): { families: Family[]; children: Profile[]; rng: Rng } {
  const rng = makeRng(seed);
  const sims = Array.from({ length: nFamilies }, (_, i) => simulateFamily(rng, table, LOCI, `F${String(i).padStart(2, '0')}`, { dropout: 0.05 }));
  const children = [...sims.slice(0, Math.ceil(nFamilies / 2)).map((s) => s.truth), ...Array.from({ length: nUnrelated }, (_, i) => randomProfile(rng, table, LOCI, `U${i}`, 0.05))];
  return { families: sims.map((s) => s.family), children, rng };
}

function shuffle<T>(rng: Rng, xs: readonly T[]): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Per child: Σ posteriors of its listed pairs + other + none. */
function totals(id: Identification): number[] {
  return id.decisions
    .filter((d) => d.posteriorNone !== null)
    .map((d) => id.pairs.filter((p) => p.child === d.child).reduce((s, p) => s + p.posterior, 0) + (d.posteriorNone as number) + (d.posteriorOther as number));
}

describe('database-wide posteriors', () => {
  it('worked example: 4 missing persons, LRs 1000, 1, 1, 1, π = 0.5', () => {
    const p = databasePosterior([Math.log(1000), 0], Math.log(1003), 4, 0.5);
    // (π/n)·LR / ((π/n)·Σ + 1 − π) = 1000/(1003 + 4)
    expect(p.listed[0]).toBeCloseTo(1000 / 1007, 14);
    expect(p.listed[1]).toBeCloseTo(1 / 1007, 14);
    expect(p.other).toBeCloseTo(2 / 1007, 14);
    expect(p.none).toBeCloseTo(4 / 1007, 14);
  });

  it('the accounting’s lnSumLR is ln Σ LR over every family of the run (all pairs, to 1e-12)', () => {
    const { families, children } = scenario(3, 6, 4);
    const all = searchFamilies(children, families, { ...base, topK: 100, minLoci: 1 });
    for (const c of all.accounting.children) {
      const lns = all.matches.filter((m) => m.child === c.id && m.rankForChild !== null).map((m) => m.lnLR);
      expect(lns.length).toBe(families.length);
      const m = Math.max(...lns);
      const want = m + Math.log(lns.reduce((s, x) => s + Math.exp(x - m), 0));
      expect(Math.abs(c.lnSumLR - want)).toBeLessThan(1e-12 * Math.max(1, Math.abs(want)));
    }
  });

  it('each child’s posteriors over its candidates, the rest of the run and "none" sum to 1, with and without one-to-one', () => {
    fc.assert(
      fc.property(fc.integer(), fc.double({ min: 0.01, max: 0.99, noNaN: true }), fc.boolean(), (seed, prior, oneToOne) => {
        const { families, children } = scenario(seed, 6, 3);
        const id = identifyChildren(searchFamilies(children, families, base), { priorInDatabase: prior, oneToOne, linkPosterior: 1e-3 });
        for (const t of totals(id)) expect(Math.abs(t - 1)).toBeLessThan(1e-9);
        for (const p of id.pairs) for (const x of [p.posterior, p.posteriorChild, p.posteriorFamily]) expect(x >= 0 && x <= 1).toBe(true);
      }),
      { numRuns: 10 },
    );
  });

  it('decisions do not depend on input order or on the split of the families in ranges (threads)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer(), fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 3 }), async (seed, cuts) => {
        const { families, children, rng } = scenario(seed, 6, 3);
        const whole = identifyChildren(searchFamilies(children, families, base));
        expect(identifyChildren(searchFamilies(shuffle(rng, children), shuffle(rng, families), base))).toStrictEqual(whole);
        const plan = planSearch(families, children, base);
        const { ordered } = orderFamilies(families);
        const encoded = encodeChildren(children, plan);
        const bounds = [...new Set([0, ...cuts.map((c) => Math.min(c, ordered.length)), ordered.length])].sort((x, y) => x - y);
        let offset = 0;
        const scans: PartialScan[] = [];
        const targets = [];
        let familyCount = 0;
        for (let i = 1; i < bounds.length; i++) {
          const sub = buildFamilyIndex(ordered.slice(bounds[i - 1], bounds[i]), { plan });
          scans.push(rebaseScan(scanRange(sub, encoded, 0, sub.targets.length, { ...base, blockTargets: 1 + (i % 3) }), offset));
          targets.push(...sub.targets);
          familyCount += sub.familyCount;
          offset += sub.targets.length;
        }
        const split = finishSearch({ plan, targets, familyCount, rejected: [] }, encoded, mergeScans(scans.reverse()), { ...base, familiesIn: families.length });
        expect(identifyChildren(split)).toStrictEqual(whole);
        expect(identifyChildren(await runSearchParallel(children, families, { ...base, threads: 1 }))).toStrictEqual(whole);
      }),
      { numRuns: 6 },
    );
  });
});

describe('groups too large for the exact method', () => {
  it('are split at a higher link posterior, then approximated: posteriors still sum to 1 and a clear identification stays', () => {
    let splits = 0;
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 40 }), (seed, states) => {
        const { families, children } = scenario(seed, 6, 4);
        const result = searchFamilies(children, families, { ...base, topK: 6 });
        const exact = identifyChildren(result, { linkPosterior: 1e-6, identify: 0.99 });
        const small = identifyChildren(result, { linkPosterior: 1e-6, identify: 0.99, exactAssignmentStates: states });
        for (const t of totals(small)) expect(Math.abs(t - 1)).toBeLessThan(1e-9);
        expect(small.groups.exact + small.groups.approximate).toBe(small.groups.groups);
        for (const d of small.decisions) {
          if (d.group === null) continue;
          const { children: c, targets: t } = d.group;
          // exact only within the limit; approximate only once the link posterior reached its highest value
          if (d.group.method === 'exact') expect((Math.max(c, t) + 1) * 2 ** Math.min(c, t)).toBeLessThanOrEqual(states);
          else expect(d.group.linkPosterior).toBe(MAX_LINK_POSTERIOR);
        }
        splits += small.groups.split;
        // an identification at 0.99 by the exact joint method is not lost by splitting (the changes are of the order of the dropped links)
        for (const d of exact.decisions) if (d.decision === 'identified' && (d.posterior as number) > 0.999) expect(small.decisions.find((x) => x.child === d.child)?.family).toBe(d.family);
      }),
      { numRuns: 10 },
    );
    expect(splits).toBeGreaterThan(0); // the split path ran
  });
});

describe('decisions', () => {
  it('a child typed at 10 loci against its two parents is identified; decisions keep the pair’s log10LR; unrelated children are not', () => {
    const rng = makeRng(11);
    const sims = Array.from({ length: 8 }, (_, i) => simulateFamily(rng, table, LOCI, `F${i}`, { typed: 4 }));
    const children = [...sims.map((s) => s.truth), ...Array.from({ length: 5 }, (_, i) => randomProfile(rng, table, LOCI, `U${i}`))];
    const result = searchFamilies(children, sims.map((s) => s.family), { ...base, minLoci: 8 });
    const id = identifyChildren(result, { identify: 0.99 });
    for (const d of id.decisions) {
      if (d.decision === 'identified') {
        expect(d.child).toBe(`truth:${d.family}`);
        const m = result.matches.find((x) => x.child === d.child && x.family === d.family && x.missing === d.missing);
        expect(d.log10LR).toBe(m?.log10LR);
      }
      if (d.child.startsWith('U')) expect(d.decision).not.toBe('identified');
    }
    expect(id.counts.identified).toBeGreaterThan(0);
    expect(id.expectedFalseIdentifications).toBeCloseTo(id.decisions.filter((d) => d.decision === 'identified').reduce((s, d) => s + 1 - (d.posterior as number), 0), 14);
  });

  it('one-to-one: the same profile under two ids cannot both be one missing person (each ≈ 1/2); without the constraint both are identified', () => {
    const rng = makeRng(5);
    const sim = simulateFamily(rng, table, LOCI, 'F0', { typed: 4 });
    const others = Array.from({ length: 3 }, (_, i) => simulateFamily(rng, table, LOCI, `F${i + 1}`).family);
    const twin: Profile = { ...sim.truth, sample: 'twin' };
    const result = searchFamilies([sim.truth, twin], [sim.family, ...others], { ...base, minLoci: 8 });
    const free = identifyChildren(result, { oneToOne: false, identify: 0.9 });
    expect(free.counts.identified).toBe(2);
    const joint = identifyChildren(result, { identify: 0.9 });
    expect(joint.counts.identified).toBe(0);
    expect(joint.counts.candidates).toBe(2);
    const d = joint.decisions[0]!;
    expect(d.candidates[0]?.posterior).toBeGreaterThan(0.45);
    expect(d.candidates[0]?.posterior).toBeLessThan(0.5);
    expect(d.group).toMatchObject({ children: 2, targets: 1, method: 'exact' });
    expect(joint.groups).toMatchObject({ groups: 1, exact: 1, approximate: 0, largestChildren: 2, largestTargets: 1 });
  });

  it('order: one decision per id given, in that order; rejected and blank children get "insufficient data"', () => {
    const { families, children } = scenario(2, 4, 2);
    const blank: Profile = { sample: 'blank', sex: 'unknown', genotypes: {}, skipped: [] };
    const input = [blank, ...children, children[0] as Profile];
    const result = searchFamilies(input, families, base);
    const id = identifyChildren(result, { order: input.map((c) => c.sample) });
    expect(id.decisions.map((d) => d.child)).toEqual(input.map((c) => c.sample));
    expect(id.decisions[0]?.decision).toBe('insufficient data');
    expect(id.decisions[input.length - 1]?.decision).toBe('insufficient data');
    expect(id.decisions[1]?.decision).not.toBe('insufficient data');
    expect(Object.values(id.counts).reduce((s, n) => s + n, 0)).toBe(input.length);
  });

  it('rejects bad options, every one at once', () => {
    expect(() => validateIdentifyOptions({ priorInDatabase: 1, identify: 0, linkPosterior: Number.NaN, candidatesShown: -1 })).toThrowErrorMatchingInlineSnapshot(`[ValidationError: bad-option: Prior that a child belongs to the searched families must be in (0, 1) (priorInDatabase = 1) (and 3 more issues)]`);
    expect(validateIdentifyOptions({})).toMatchObject({ priorInDatabase: 0.5, identify: 0.9999, oneToOne: true, linkPosterior: 0.01, candidatePosterior: 0.01 });
  });
});
