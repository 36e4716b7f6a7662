/**
 * Every case of the independent validation set (test/fixtures/validation,
 * computed with pedprobr / forrel::kinshipLR, see its README) must agree with
 * strkin to a relative error of 1e-9, marker by marker and in total.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCase } from '../../src/io/caseFile.js';
import { kinshipLR } from '../../src/likelihood/kinshipLR.js';

interface Expected {
  lr_per_marker: Record<string, number> | number[];
  lik_H1_per_marker?: Record<string, number> | number[];
  lr_total: number;
  log10_lr_total: number | null;
  lr_total_is_zero: boolean;
}
interface RawCase {
  id: string;
  category: string;
  description: string;
  markers: { name: string }[];
  expected: Expected;
}

const file = new URL('../fixtures/validation/cases.json', import.meta.url);
const cases = (JSON.parse(readFileSync(file, 'utf8')) as { cases: RawCase[] }).cases;
const REL = 1e-9;

function close(actual: number, expected: number): boolean {
  if (expected === 0) return actual === 0;
  return Math.abs(actual - expected) <= REL * Math.abs(expected);
}

function perMarker(expected: Record<string, number> | number[], names: string[]): number[] {
  return Array.isArray(expected) ? expected : names.map((n) => expected[n] as number);
}

describe('validation cases (pedprobr / forrel::kinshipLR)', () => {
  it('has all 75 cases', () => {
    expect(cases.length).toBe(75);
  });
  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, raw) => {
    const kase = parseCase(raw);
    const result = kinshipLR(kase);
    const names = raw.markers.map((m) => m.name);
    const lrs = perMarker(raw.expected.lr_per_marker, names);
    result.markers.forEach((m, i) => {
      const want = lrs[i] as number;
      if (!close(m.LR, want)) throw new Error(`${raw.id} marker ${m.name}: LR ${m.LR} != expected ${want} (rel err ${Math.abs(m.LR - want) / want})`);
    });
    if (raw.expected.lr_total_is_zero) {
      expect(result.total.LR).toBe(0);
      expect(result.total.log10LR).toBeNull();
    } else {
      expect(close(result.total.LR, raw.expected.lr_total), `total ${result.total.LR} vs ${raw.expected.lr_total}`).toBe(true);
      expect(Math.abs((result.total.log10LR as number) - (raw.expected.log10_lr_total as number))).toBeLessThan(1e-9 * Math.max(1, Math.abs(raw.expected.log10_lr_total as number)));
    }
  });
});
