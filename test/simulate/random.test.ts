import { describe, expect, it } from 'vitest';
import { StrkinError } from '../../src/errors/StrkinError.js';
import { MAX_SEED, makeRandom } from '../../src/simulate/random.js';
import { CHI2_999, chiSquare } from './helpers.js';

describe('makeRandom', () => {
  it('records the seed and repeats its sequence for the same seed', () => {
    const a = makeRandom(123);
    const b = makeRandom(123);
    expect(a.seed).toBe(123);
    const xs = Array.from({ length: 50 }, () => [a.float(), a.int(0, 1000)]);
    const ys = Array.from({ length: 50 }, () => [b.float(), b.int(0, 1000)]);
    expect(xs).toEqual(ys);
  });

  it('gives different sequences for different seeds, including neighbouring ones', () => {
    const first = (seed: number): number[] => {
      const r = makeRandom(seed);
      return Array.from({ length: 4 }, () => r.float());
    };
    const seen = new Set<string>();
    for (let seed = 0; seed < 200; seed++) seen.add(first(seed).join(','));
    seen.add(first(MAX_SEED).join(','));
    expect(seen.size).toBe(201);
    // neighbouring seeds start uncorrelated: the first floats of seeds 0..999 are uniform
    const counts = new Array<number>(10).fill(0);
    for (let seed = 0; seed < 1000; seed++) {
      const u = makeRandom(seed).float();
      counts[Math.floor(u * 10)] = (counts[Math.floor(u * 10)] as number) + 1;
    }
    expect(chiSquare(counts, new Array<number>(10).fill(100))).toBeLessThan(CHI2_999[9] as number);
  });

  it('float is in [0, 1) with mean 1/2 and variance 1/12', () => {
    const r = makeRandom(9);
    const n = 50_000;
    let sum = 0;
    let sq = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = r.float();
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
      sq += u * u;
    }
    expect(outside).toBe(0);
    const mean = sum / n;
    // standard errors: sqrt(1/12/n) ≈ 0.0013 for the mean
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.006);
    expect(Math.abs(sq / n - mean * mean - 1 / 12)).toBeLessThan(0.003);
  });

  it('int(min, max) is uniform on [min, max)', () => {
    const r = makeRandom(10);
    const counts = new Array<number>(6).fill(0);
    let outside = 0;
    for (let i = 0; i < 60_000; i++) {
      const k = r.int(-2, 4);
      if (!(Number.isInteger(k) && k >= -2 && k < 4)) outside++;
      else counts[k + 2] = (counts[k + 2] as number) + 1;
    }
    expect(outside).toBe(0);
    expect(chiSquare(counts, new Array<number>(6).fill(10_000))).toBeLessThan(CHI2_999[5] as number);
    expect(r.int(5, 6)).toBe(5);
  });

  describe('rejects bad input', () => {
    it.each([-1, 1.5, MAX_SEED + 1, Number.NaN, Number.POSITIVE_INFINITY])('seed %s', (seed) => {
      expect(() => makeRandom(seed)).toThrow(StrkinError);
      try {
        makeRandom(seed);
      } catch (error) {
        expect((error as StrkinError).code).toBe('bad-seed');
      }
    });
    it('message names the value', () => {
      expect(() => makeRandom(-1)).toThrowErrorMatchingInlineSnapshot(`[ValidationError: bad-seed: Seed must be an integer in [0, 4294967295] (seed = -1)]`);
    });
    it('empty or non-integer ranges', () => {
      const r = makeRandom(1);
      expect(() => r.int(3, 3)).toThrow(/min < max/);
      expect(() => r.int(0, 2.5)).toThrow(/min < max/);
    });
  });
});
