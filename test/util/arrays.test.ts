import { describe, expect, it } from 'vitest';
import { appendAll, codeUnitString, maxOf } from '../../src/util/arrays.js';

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

describe('codeUnitString', () => {
  it('writes the first `length` code units, for short keys (a reused plain array) and long ones (chunks of 1,024)', () => {
    for (const length of [0, 1, 7, 255, 256, 257, 1024, 3000]) {
      const codes = Uint16Array.from({ length: length + 5 }, (_, i) => (i * 7919 + length) % 0x10000);
      const key = codeUnitString(codes, length);
      expect(key.length).toBe(length);
      for (let i = 0; i < length; i++) expect(key.charCodeAt(i)).toBe(codes[i]);
    }
  });

  it('gives different strings for keys of different lengths that share a prefix (the plain arrays are per length)', () => {
    const codes = new Uint16Array([3, 1, 4, 1, 5, 9, 2, 6]);
    expect(codeUnitString(codes, 5)).not.toBe(codeUnitString(codes, 6));
    expect(codeUnitString(codes, 5)).toBe(String.fromCharCode(3, 1, 4, 1, 5));
  });
});
