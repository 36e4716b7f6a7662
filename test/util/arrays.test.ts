import { describe, expect, it } from 'vitest';
import { appendAll, maxOf } from '../../src/util/arrays.js';

describe('appendAll / maxOf at national size', () => {
  const big = Array.from({ length: 200_000 }, (_, i) => i);

  it('a spread push of 200,000 elements overflows the stack (the failure this guards against)', () => {
    expect(() => [].push(...(big as never[]))).toThrow(RangeError);
  });

  it('appends 200,000 elements in order', () => {
    const out = appendAll([-1], big);
    expect(out.length).toBe(200_001);
    expect(out[0]).toBe(-1);
    expect(out[200_000]).toBe(199_999);
  });

  it('takes the maximum of 200,000 values', () => {
    expect(maxOf(big)).toBe(199_999);
    expect(maxOf([], 0)).toBe(0);
    expect(maxOf([-5, -3])).toBe(-3);
  });
});
