/**
 * X markers in the case format and `strkin lr`: `"chromosome": "X"`, a male's
 * genotype as one allele (`["a"]`), the autosomal and X LRs apart
 * (`log10LR_autosomal`, `log10LR_X`), linkage warnings on stderr, and the errors
 * of a heterozygous male and of a bad chromosome. Frequencies are synthetic.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCase } from '../../src/io/caseFile.js';
import { kinshipLR } from '../../src/likelihood/kinshipLR.js';
import { ParseError } from '../../src/errors/StrkinError.js';
import { runCli } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'strkin-lr-x-'));
const PA = 0.1;

const individuals = [
  { id: 'AF', father: null, mother: null, sex: 'male' },
  { id: 'MO', father: null, mother: null, sex: 'female' },
  { id: 'D', father: 'AF', mother: 'MO', sex: 'female' },
];
const marker = (name: string, chromosome?: string): Record<string, unknown> => ({ name, alleles: ['a', 'b', 'c'], frequencies: [PA, 0.2, 0.7], ...(chromosome !== undefined ? { chromosome } : {}) });

function write(name: string, kase: unknown): string {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(kase));
  return file;
}

const fatherDaughter = (markers: unknown[], genotypes: unknown): unknown => ({
  id: 'x-duo',
  hypotheses: { H1: { label: 'AF is the father of D', individuals }, H2: { label: 'unrelated', individuals: [] } },
  markers,
  genotypes,
});

describe('case format: X markers', () => {
  it('reads "chromosome": "X" and a male genotype of one allele; the paternity index is 1/p_a for a daughter a/a', () => {
    const kase = parseCase(fatherDaughter([marker('X1', 'X')], { AF: { X1: ['a'] }, D: { X1: ['a', 'a'] } }));
    expect(kase.markers[0]?.chromosome).toBe('X');
    expect(kinshipLR(kase).total.LR).toBeCloseTo(1 / PA, 12);
  });

  it('treats a marker named after a registry X locus as X when chromosome is absent, and "autosomal" overrides it', () => {
    expect(parseCase(fatherDaughter([marker('DXS10135')], {})).markers[0]?.chromosome).toBe('X');
    expect(parseCase(fatherDaughter([marker('DXS10135', 'autosomal')], {})).markers[0]?.chromosome).toBeUndefined();
    expect(parseCase(fatherDaughter([marker('TH01')], {})).markers[0]?.chromosome).toBeUndefined();
  });

  it('rejects a bad chromosome (bad-chromosome)', () => {
    expect(() => parseCase(fatherDaughter([marker('X1', 'Y')], {}))).toThrowError(ParseError);
    try {
      parseCase(fatherDaughter([marker('X1', 'Y')], {}));
    } catch (e) {
      expect((e as ParseError).issues.map((i) => i.code)).toEqual(['bad-chromosome']);
    }
  });
});

describe('strkin lr with X markers', () => {
  it('gives LR 10 on the documented example (test/fixtures/x/father-daughter-x.json, docs/case-format.md)', async () => {
    const file = new URL('../fixtures/x/father-daughter-x.json', import.meta.url).pathname;
    const run = await runCli(['lr', file, '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { total: { LR: number }; log10LR_X: number; log10LR_autosomal: number };
    expect(out.total.LR).toBeCloseTo(10, 12);
    expect(out.log10LR_X).toBeCloseTo(1, 12);
    expect(out.log10LR_autosomal).toBe(0);
  });

  it('prints the autosomal and X LRs apart and their product as the total', async () => {
    const file = write('mixed', fatherDaughter([marker('TH01'), marker('X1', 'X')], { AF: { TH01: ['a', 'a'], X1: ['a'] }, D: { TH01: ['a', 'b'], X1: ['a', 'b'] } }));
    const run = await runCli(['lr', file, '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { total: { log10LR: number }; log10LR_autosomal: number; log10LR_X: number; evidenceTypes: { assumption: string } };
    expect(out.log10LR_autosomal).toBeCloseTo(Math.log10(1 / (2 * PA)), 12);
    expect(out.log10LR_X).toBeCloseTo(Math.log10(1 / (2 * PA)), 12);
    expect(out.total.log10LR).toBeCloseTo(out.log10LR_autosomal + out.log10LR_X, 12);
    expect(out.evidenceTypes.assumption).toMatch(/independent/);
    const table = await runCli(['lr', file]);
    expect(table.stdout).toMatch(/autosomal LR = 5\.00000 .*; X LR = 5\.00000 .*; total = their product/);
  });

  it('notes on stderr and in the JSON when two X markers of one Argus X-12 linkage group are typed', async () => {
    const file = write('linked', fatherDaughter([marker('DXS10148'), marker('DXS8378')], { AF: { DXS10148: ['a'], DXS8378: ['b'] }, D: { DXS10148: ['a', 'c'], DXS8378: ['b', 'b'] } }));
    const run = await runCli(['lr', file, '--json']);
    expect(run.code).toBe(0);
    // A father and his daughter are linkage-safe: the note says the product is exact under linkage equilibrium.
    expect(run.stderr).toContain('x-linked-markers-safe: X markers of one Argus X-12 linkage group are used together; every hypothesis\'s pedigree is linkage-safe');
    expect((JSON.parse(run.stdout) as { warnings: { code: string }[] }).warnings.map((w) => w.code)).toEqual(['x-linked-markers-safe']);
  });

  it('exits 1 with x-heterozygous-male for a male typed with two alleles', async () => {
    const file = write('het-male', fatherDaughter([marker('X1', 'X')], { AF: { X1: ['a', 'b'] }, D: { X1: ['a', 'b'] } }));
    const run = await runCli(['lr', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('x-heterozygous-male: A male has one X allele');
  });
});
