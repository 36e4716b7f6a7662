/**
 * Issue 7, item 5: search options are checked at entry, before any work, with
 * named defaults; K is capped at what can exist.
 */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/StrkinError.js';
import { makeFrequencyTable } from '../../src/frequencies/FrequencyTable.js';
import { relationshipPedigree } from '../../src/pedigree/relationshipPedigree.js';
import type { Profile } from '../../src/profile/Profile.js';
import type { Family } from '../../src/search/Family.js';
import { buildFamilyIndex } from '../../src/search/familyIndex.js';
import { encodeChildren } from '../../src/search/encodeChildren.js';
import { mergeScans, scanRange } from '../../src/search/scan.js';
import { finishSearch, searchFamilies } from '../../src/search/searchFamilies.js';
import { DEFAULT_BLOCK_TARGETS, DEFAULT_MIN_LOCI, DEFAULT_TOP_K, defaultPrior, validateSearchOptions } from '../../src/search/searchOptions.js';
import { screenRelatives } from '../../src/search/screenRelatives.js';
import { DEFAULT_THETA } from '../../src/likelihood/theta.js';
import { refused } from '../refused.js';

const table = makeFrequencyTable({ name: 'hand', n: 500, loci: { TH01: { '6': 0.1, '7': 0.2, '8': 0.05, '9': 0.3, '9.3': 0.35 } } });
const prof = (sample: string, a: string, b: string, sex: Profile['sex'] = 'unknown'): Profile => ({ sample, sex, genotypes: { TH01: [a, b] }, skipped: [] });
const duo = (id: string, a: string, b: string): Family => ({ id, pedigree: relationshipPedigree('parent-child', { a: 'AF', b: 'M', sexA: 'male' }), missing: ['M'], references: { AF: prof(`${id}-AF`, a, b, 'male') } });
const base = { frequencies: table, mutation: 'none' as const, minLoci: 1 };


describe('validateSearchOptions', () => {
  it('fills in the named defaults', () => {
    expect(validateSearchOptions({})).toEqual({ topK: DEFAULT_TOP_K, minLoci: DEFAULT_MIN_LOCI, threshold: null, prior: null, theta: DEFAULT_THETA, blockTargets: DEFAULT_BLOCK_TARGETS });
    expect([DEFAULT_TOP_K, DEFAULT_MIN_LOCI, DEFAULT_BLOCK_TARGETS, DEFAULT_THETA]).toEqual([10, 10, 64, 0]);
    expect(defaultPrior(3)).toBe(0.25);
    expect(defaultPrior(0)).toBe(0.5);
    expect(validateSearchOptions({ topK: 100_000, minLoci: 1, threshold: 1e-300, prior: 1e-9, theta: 0.999, blockTargets: 1, mutation: 'onestep' })).toEqual({ topK: 100_000, minLoci: 1, threshold: 1e-300, prior: 1e-9, theta: 0.999, blockTargets: 1 });
  });

  it('rejects topK: NaN, negative, zero, Infinity, non-integer, not a number', () => {
    const bad = [Number.NaN, -1, 0, Number.POSITIVE_INFINITY, 2.5, '10' as unknown as number];
    expect(bad.flatMap((topK) => refused(() => validateSearchOptions({ topK })))).toMatchInlineSnapshot(`
      [
        "bad-option [topK]: Matches kept per child and per family must be an integer ≥ 1 (topK = NaN)",
        "bad-option [topK]: Matches kept per child and per family must be an integer ≥ 1 (topK = -1)",
        "bad-option [topK]: Matches kept per child and per family must be an integer ≥ 1 (topK = 0)",
        "bad-option [topK]: Matches kept per child and per family must be an integer ≥ 1 (topK = Infinity)",
        "bad-option [topK]: Matches kept per child and per family must be an integer ≥ 1 (topK = 2.5)",
        "bad-option [topK]: Matches kept per child and per family must be an integer ≥ 1 (topK = "10")",
      ]
    `);
  });

  it('rejects minLoci: NaN, negative, zero, Infinity, non-integer', () => {
    expect([Number.NaN, -3, 0, Number.POSITIVE_INFINITY, 1.5].flatMap((minLoci) => refused(() => validateSearchOptions({ minLoci })))).toMatchInlineSnapshot(`
      [
        "bad-option [minLoci]: Minimum loci compared must be an integer ≥ 1 (minLoci = NaN)",
        "bad-option [minLoci]: Minimum loci compared must be an integer ≥ 1 (minLoci = -3)",
        "bad-option [minLoci]: Minimum loci compared must be an integer ≥ 1 (minLoci = 0)",
        "bad-option [minLoci]: Minimum loci compared must be an integer ≥ 1 (minLoci = Infinity)",
        "bad-option [minLoci]: Minimum loci compared must be an integer ≥ 1 (minLoci = 1.5)",
      ]
    `);
  });

  it('rejects threshold: NaN, negative, zero, Infinity', () => {
    expect([Number.NaN, -1, 0, Number.POSITIVE_INFINITY].flatMap((threshold) => refused(() => validateSearchOptions({ threshold })))).toMatchInlineSnapshot(`
      [
        "bad-option [threshold]: LR threshold must be a finite number > 0 (threshold = NaN)",
        "bad-option [threshold]: LR threshold must be a finite number > 0 (threshold = -1)",
        "bad-option [threshold]: LR threshold must be a finite number > 0 (threshold = 0)",
        "bad-option [threshold]: LR threshold must be a finite number > 0 (threshold = Infinity)",
      ]
    `);
  });

  it('rejects a prior outside (0, 1), NaN and Infinity', () => {
    expect([0, 1, -0.5, 1.5, Number.NaN, Number.POSITIVE_INFINITY].flatMap((prior) => refused(() => validateSearchOptions({ prior })))).toMatchInlineSnapshot(`
      [
        "bad-option [prior]: Prior must be in (0, 1) (prior = 0)",
        "bad-option [prior]: Prior must be in (0, 1) (prior = 1)",
        "bad-option [prior]: Prior must be in (0, 1) (prior = -0.5)",
        "bad-option [prior]: Prior must be in (0, 1) (prior = 1.5)",
        "bad-option [prior]: Prior must be in (0, 1) (prior = NaN)",
        "bad-option [prior]: Prior must be in (0, 1) (prior = Infinity)",
      ]
    `);
  });

  it('rejects theta outside [0, 1), NaN and Infinity', () => {
    expect([-0.01, 1, Number.NaN, Number.POSITIVE_INFINITY].flatMap((theta) => refused(() => validateSearchOptions({ theta })))).toMatchInlineSnapshot(`
      [
        "bad-theta [theta]: Theta must be in [0, 1) (theta = -0.01)",
        "bad-theta [theta]: Theta must be in [0, 1) (theta = 1)",
        "bad-theta [theta]: Theta must be in [0, 1) (theta = NaN)",
        "bad-theta [theta]: Theta must be in [0, 1) (theta = Infinity)",
      ]
    `);
  });

  it('rejects blockTargets and an unknown mutation model; lists every problem at once', () => {
    expect(refused(() => validateSearchOptions({ blockTargets: 0, mutation: 'custom', topK: -1, prior: 2 }))).toMatchInlineSnapshot(`
      [
        "bad-option [topK]: Matches kept per child and per family must be an integer ≥ 1 (topK = -1)",
        "bad-option [blockTargets]: Targets per cache block must be an integer ≥ 1 (blockTargets = 0)",
        "bad-option [prior]: Prior must be in (0, 1) (prior = 2)",
        "bad-option [mutation]: Mutation must be none, equal, proportional, stepwise, onestep or settings per locus (mutation = "custom")",
      ]
    `);
  });
});

describe('the search functions check their options before any work', () => {
  const children = [prof('C1', '6', '7'), prof('C2', '6', '9')];
  const families = [duo('F1', '6', '6'), duo('F2', '7', '9')];

  it('searchFamilies and screenRelatives throw a ValidationError before planning', () => {
    // options whose frequency table cannot be read: any planning or table building would throw a plain Error
    const untouchable = (options: object) => Object.defineProperty({ ...base, ...options }, 'frequencies', { get: () => { throw new Error('work started before validation'); } }) as typeof base;
    expect(() => searchFamilies(children, families, untouchable({}))).toThrow('work started before validation');
    for (const options of [{ threshold: -1 }, { topK: Number.NaN }, { minLoci: Number.NaN }, { prior: 1 }, { theta: 1 }, { blockTargets: 0.5 }]) {
      expect(() => searchFamilies(children, families, untouchable(options))).toThrow(ValidationError);
      expect(() => screenRelatives(children, [prof('R', '6', '7')], untouchable(options))).toThrow(ValidationError);
    }
  });

  it('scanRange and finishSearch check theirs too (a bad prior is a ValidationError, not a RangeError)', () => {
    const index = buildFamilyIndex(families, { ...base, children });
    const encoded = encodeChildren(children, index.plan);
    expect(refused(() => scanRange(index, encoded, 0, index.targets.length, { topK: 0, threshold: Number.NaN }))).toMatchInlineSnapshot(`
      [
        "bad-option [topK]: Matches kept per child and per family must be an integer ≥ 1 (topK = 0)",
        "bad-option [threshold]: LR threshold must be a finite number > 0 (threshold = NaN)",
      ]
    `);
    const scan = scanRange(index, encoded, 0, index.targets.length, { minLoci: 1 });
    expect(refused(() => finishSearch(index, encoded, scan, { prior: 0, familiesIn: 2 }))).toMatchInlineSnapshot(`
      [
        "bad-option [prior]: Prior must be in (0, 1) (prior = 0)",
      ]
    `);
  });
});

describe('K is capped at what can exist', () => {
  const children = [prof('C1', '6', '7'), prof('C2', '6', '9'), prof('C3', '7', '9')];
  const families = [duo('F1', '6', '6'), duo('F2', '7', '9')];

  it('a huge topK allocates children × targets at most, and gives the same result as K = targets', () => {
    const index = buildFamilyIndex(families, { ...base, children });
    const encoded = encodeChildren(children, index.plan);
    const scan = scanRange(index, encoded, 0, index.targets.length, { topK: 1_000_000_000, minLoci: 1 });
    expect([scan.topK, scan.childK, scan.targetK]).toEqual([1_000_000_000, 2, 3]);
    expect(scan.childScore.length).toBe(3 * 2);
    expect(scan.targetScore.length).toBe(2 * 3);
    const huge = searchFamilies(children, families, { ...base, topK: 1_000_000_000 });
    const exact = searchFamilies(children, families, { ...base, topK: 3 });
    expect(huge.matches).toEqual(exact.matches);
    expect(huge.settings.topK).toBe(1_000_000_000);
  });

  it('split scans with different per-child caps merge to the one-scan result', () => {
    const many = [duo('F1', '6', '6'), duo('F2', '7', '9'), duo('F3', '6', '7'), duo('F4', '9', '9.3'), duo('F5', '8', '6')];
    const index = buildFamilyIndex(many, { ...base, children });
    const encoded = encodeChildren(children, index.plan);
    const whole = scanRange(index, encoded, 0, 5, { topK: 4, minLoci: 1 });
    const parts = [scanRange(index, encoded, 0, 1, { topK: 4, minLoci: 1 }), scanRange(index, encoded, 1, 5, { topK: 4, minLoci: 1 })];
    expect(parts.map((p) => p.childK)).toEqual([1, 4]);
    const merged = mergeScans(parts);
    expect(merged.childK).toBe(4);
    const a = finishSearch(index, encoded, whole, { familiesIn: 5 });
    const b = finishSearch(index, encoded, merged, { familiesIn: 5 });
    expect(b.matches).toEqual(a.matches);
  });
});
