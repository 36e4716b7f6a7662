// The case format's `y` section, kinshipEvidence and `strkin lr` with Y evidence (fixtures/lineage/).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCase } from '../../src/io/caseFile.js';
import { parseHaplotypeDatabase } from '../../src/io/lineage/haplotypeDatabaseFile.js';
import { kinshipEvidence } from '../../src/lineage/kinshipEvidence.js';
import { lnStepProbability } from '../../src/lineage/stepwise.js';
import { BUILTIN_Y_MUTATION_RATES } from '../../src/lineage/yMutationRates.js';
import { runCli } from '../cli/run.js';

const dir = new URL('../../fixtures/lineage/', import.meta.url);
const caseText = readFileSync(new URL('y-case.json', dir), 'utf8');
const dbText = readFileSync(new URL('y-database.csv', dir), 'utf8');
const resolveHaplotypeDatabase = (name: string) => parseHaplotypeDatabase(readFileSync(new URL(name, dir)), { name });

describe('case format: y section', () => {
  it('reads the fixture case; the Y LR is the exact-match closed form over 3 meioses', () => {
    const kase = parseCase(caseText, { file: 'y-case.json', resolveHaplotypeDatabase });
    expect(kase.y?.person).toBe('C');
    const e = kinshipEvidence(kase);
    expect(e.y?.meioses).toBe(3);
    expect(e.y?.lociDiffering).toBe(0);
    // Exact match at 15 loci: Π P_3(0; mu_l) / ((x+1)/(N+1)).
    const db = parseHaplotypeDatabase(dbText);
    const lnNum = (e.y?.loci ?? []).reduce((s, l) => s + lnStepProbability(0, 3, BUILTIN_Y_MUTATION_RATES[l.name] as number), 0);
    expect(e.y?.match.size).toBe(db.size);
    expect(e.byType.Y?.lnLR).toBeCloseTo(lnNum - Math.log(((e.y?.match.count ?? 0) + 1) / (db.size + 1)), 12);
    // Avuncular, theta 0: 1/2 + 1/2 * 1/(4 pa) and 1/2 + 1/2 * 1/(2 pa) (domain.md §3.1) = 1.75 each.
    expect(e.byType.autosomal.LR).toBeCloseTo(1.75 * 1.75, 12);
    expect(e.total.lnLR).toBeCloseTo(e.byType.autosomal.lnLR + (e.byType.Y?.lnLR ?? Number.NaN), 12);
    expect(e.assumption).toMatch(/independent/);
  });

  it('accepts an inline database and the kappa method', () => {
    const value = JSON.parse(caseText) as Record<string, Record<string, unknown>>;
    const y = value['y'] as Record<string, unknown>;
    y['database'] = { name: 'tiny', haplotypes: [{ DYS19: '13', count: 2 }, { DYS19: '14', count: 1 }] };
    y['method'] = 'kappa';
    y['haplotypes'] = { U: { DYS19: '13' }, C: { DYS19: 14 } };
    const e = kinshipEvidence(parseCase(value));
    // Seen once: (1+1)/(3+1); one step in 3 meioses at DYS19's rate.
    expect(e.y?.match.probability).toBeCloseTo(0.5, 15);
    expect(e.byType.Y?.lnLR).toBeCloseTo(lnStepProbability(1, 3, BUILTIN_Y_MUTATION_RATES['DYS19'] as number) - Math.log(0.5), 12);
  });

  it('refuses a reference linked through a woman, and an H2 that relates the two men', () => {
    const value = JSON.parse(caseText) as { hypotheses: { H1: { individuals: { id: string; father: string | null; mother: string | null; sex: string }[] }; H2: { individuals: unknown[] } } };
    // U becomes C's maternal uncle: his mother's brother.
    const h1 = value.hypotheses.H1.individuals;
    const m = h1.find((p) => p.id === 'M');
    const f = h1.find((p) => p.id === 'F');
    if (m === undefined || f === undefined) throw new Error('fixture changed');
    Object.assign(m, { father: 'GF', mother: 'GM' });
    Object.assign(f, { father: null, mother: null });
    expect(() => kinshipEvidence(parseCase(value, { resolveHaplotypeDatabase }))).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ code: 'y-female-link', path: ['y', 'haplotypes', 'U'] })] }));
    const same = JSON.parse(caseText) as { hypotheses: { H1: unknown; H2: unknown } };
    same.hypotheses.H2 = same.hypotheses.H1;
    expect(() => kinshipEvidence(parseCase(same, { resolveHaplotypeDatabase }))).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ code: 'y-h2-related' })] }));
  });

  it('reports bad y sections with paths', () => {
    const value = JSON.parse(caseText) as Record<string, unknown>;
    value['y'] = { person: 3, haplotypes: { C: { DYS385a: '13', DYS19: 'x' } }, database: 'db.csv', method: 'frequency' };
    try {
      parseCase(value, { file: 'c.json' });
      expect.unreachable();
    } catch (error) {
      expect((error as { issues: { code: string }[] }).issues.map((i) => i.code)).toEqual(['bad-y-section', 'y-unknown-locus', 'bad-y-haplotype', 'missing-haplotype-database', 'y-match-method']);
    }
  });
});

describe('strkin lr with Y evidence', () => {
  const file = new URL('y-case.json', dir).pathname;
  it('--json: total is the product of the evidence types, each type beside it', async () => {
    const run = await runCli(['lr', file, '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { total: { log10LR: number }; byType: { autosomal: { log10LR: number }; Y: { log10LR: number } }; independence: string; y: { reference: string; meioses: number } };
    expect(out.total.log10LR).toBeCloseTo(out.byType.autosomal.log10LR + out.byType.Y.log10LR, 12);
    expect([out.y.reference, out.y.meioses]).toEqual(['U', 3]);
    expect(out.independence).toMatch(/product/);
  });

  it('several references: the grandfather typed too, compared jointly on the tree (P_2 from him per locus)', async () => {
    const value = JSON.parse(caseText) as { y: { haplotypes: Record<string, Record<string, string>>; database: string } };
    const u = value.y.haplotypes['U'] as Record<string, string>;
    value.y.haplotypes['GF'] = { ...u, DYS19: String(Number(u['DYS19']) + 1) };
    value.y.database = new URL('y-database.csv', dir).pathname;
    const tmp = mkdtempSync(join(tmpdir(), 'strkin-y-'));
    const path = join(tmp, 'case.json');
    writeFileSync(path, JSON.stringify(value));
    const run = await runCli(['lr', path, '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { y: { reference: string; meioses: number; loci: { name: string; lnP: number; references: { id: string; used: boolean }[] }[]; provenance: { references: { id: string; meioses: number }[] } } };
    expect([out.y.reference, out.y.meioses]).toEqual(['GF', 2]);
    expect(out.y.provenance.references).toEqual([{ id: 'U', meioses: 3 }, { id: 'GF', meioses: 2 }]);
    const dys19 = out.y.loci.find((l) => l.name === 'DYS19');
    // C differs from GF by one repeat at DYS19: P_2(1) given GF; U adds nothing given GF.
    expect(dys19?.lnP).toBeCloseTo(lnStepProbability(1, 2, BUILTIN_Y_MUTATION_RATES['DYS19'] as number), 12);
    const text = await runCli(['lr', path]);
    expect(text.stdout).toMatch(/Y-STR haplotypes: references U \(3 meioses\), GF \(2 meioses\), compared jointly on the paternal-line tree; 15 loci compared, 1 differing/);
  });

  it('text: the autosomal table, the Y loci and the evidence by type', async () => {
    const run = await runCli(['lr', file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/autosomal LR = 3\.06250/);
    expect(run.stdout).toMatch(/Y-STR haplotypes: reference U, 3 meiosis\(es\) along the paternal line; 15 loci compared, 0 differing/);
    expect(run.stdout).toMatch(/total \(product\) = /);
  });
});
