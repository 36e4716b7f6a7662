/**
 * `strkin search` decisions: the `decisions` contract in JSON and as CSV
 * (`--decisions`), one entry per child in input order; `--identify`,
 * `--prior-in-database`, `--no-one-to-one`; the summary on stderr.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run.js';

const fixture = (p: string) => new URL(`../../fixtures/${p}`, import.meta.url).pathname;
const base = ['search', '--unidentified', fixture('profiles/genemapper-globalfiler.txt'), '--families', fixture('families/relationships.csv'), '--profiles', fixture('profiles/reference-families.csv'), '--top', '3', '--no-progress', '--threads', '1'];
const dir = mkdtempSync(join(tmpdir(), 'strkin-identify-'));

interface Out {
  decisions: { child: string; decision: string; family: string | null; missing: string | null; posterior: number | null; log10LR: number | null }[];
  identification: { settings: { identify: number; priorInDatabase: number; oneToOne: boolean }; counts: Record<string, number>; expectedFalseIdentifications: number };
  matches: { child: string; family: string; log10LR: number | null }[];
  accounting: { children: { id: string }[] };
}

describe('strkin search: decisions', () => {
  it('JSON carries one decision per child in input order; --decisions writes the same as CSV; the summary counts them', async () => {
    const file = join(dir, 'decisions.csv');
    const r = await runCli([...base, '--format', 'json', '--identify', '0.99', '--decisions', file]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Out;
    const input = readFileSync(fixture('profiles/genemapper-globalfiler.txt'), 'utf8');
    const order = out.decisions.map((d) => d.child);
    expect(new Set(order).size).toBe(out.accounting.children.length);
    // input order: each id appears in the file in this order
    const positions = order.map((id) => input.indexOf(id));
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const d of out.decisions) {
      expect(Object.keys(d)).toEqual(['child', 'decision', 'family', 'missing', 'posterior', 'log10LR']);
      if (d.decision === 'identified') {
        expect(d.posterior).toBeGreaterThanOrEqual(0.99);
        expect(out.matches.find((m) => m.child === d.child && m.family === d.family)?.log10LR).toBe(d.log10LR);
      } else expect([d.family, d.missing, d.posterior, d.log10LR]).toEqual([null, null, null, null]);
    }
    // The fixtures' references were written so that UHR-0003 is the missing child of F001.
    expect(out.decisions.find((d) => d.child === 'UHR-0003')).toMatchObject({ decision: 'identified', family: 'F001' });
    const csv = readFileSync(file, 'utf8').trim().split('\n');
    expect(csv[0]).toBe('child,decision,family,missing,posterior,log10LR');
    expect(csv.slice(1).map((l) => l.split(',')[0])).toEqual(order);
    expect(csv.slice(1).map((l) => l.split(',')[1])).toEqual(out.decisions.map((d) => d.decision));
    expect(r.stderr).toMatch(new RegExp(`decisions: ${out.identification.counts.identified} identified, `));
    expect(r.stderr).toMatch(/expected false identifications: /);
    expect(r.stderr).toMatch(/one-to-one: \d+ groups/);
  });

  it('--prior-in-database and --no-one-to-one reach the settings; bad values are usage errors', async () => {
    const r = await runCli([...base, '--format', 'json', '--prior-in-database', '0.2', '--no-one-to-one']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Out;
    expect(out.identification.settings).toMatchObject({ priorInDatabase: 0.2, oneToOne: false, identify: 0.9999 });
    expect(r.stderr).toMatch(/one-to-one: off/);
    const bad = await runCli([...base, '--identify', '2', '--prior-in-database', '1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/option --identify: bad-option: Identification posterior must be in \(0, 1\] \(identify = 2\)/);
    expect(bad.stderr).toMatch(/option --prior-in-database: bad-option: /);
  });
});

describe('strkin demo: decisions against the truth', () => {
  it('prints correct, wrong and missed per decision for related and unrelated children; the rows add up to the children', async () => {
    const r = await runCli(['demo', '--families', '40', '--children', '24', '--related', '12', '--seed', '3', '--threads', '1']);
    expect(r.code, r.stderr).toBe(0);
    const rows = r.stdout.split('\n').filter((l) => /^ {2}(identified|candidates|no candidate|insufficient data|excluded by metadata) /.test(l));
    expect(rows.length).toBe(5);
    const numbers = rows.map((l) => (l.match(/\d+/g) ?? []).map(Number));
    const related = numbers.reduce((s, n) => s + n[0]! + n[1]! + n[2]!, 0);
    const unrelated = numbers.reduce((s, n) => s + n[3]! + n[4]!, 0);
    expect(related).toBe(12);
    expect(unrelated).toBe(12);
    expect(r.stdout).toMatch(/expected false identifications: /);
  });
});

describe('strkin search: the sex filter', () => {
  it('counts the pairs excluded by sex in the summary and the JSON; --ignore-metadata keeps them', async () => {
    const on = await runCli([...base, '--format', 'json', '--top', '6']);
    const off = await runCli([...base, '--format', 'json', '--top', '6', '--ignore-metadata']);
    expect(on.code, on.stderr).toBe(0);
    const a = JSON.parse(on.stdout) as { accounting: { pairsExcludedBySex: number; pairsScored: number }; matches: unknown[] };
    const b = JSON.parse(off.stdout) as { accounting: { pairsExcludedBySex: number; pairsScored: number }; matches: unknown[] };
    expect(a.accounting.pairsExcludedBySex).toBe(3);
    expect(b.accounting.pairsExcludedBySex).toBe(0);
    expect(a.matches.length + 3).toBe(b.matches.length);
    expect(on.stderr).toMatch(/excluded by sex: 3; excluded by year of birth: 0 \(age tolerance 2 years\)\)/);
    expect(off.stderr).toMatch(/excluded by metadata: none, metadata ignored\)/);
  });

  it('years of birth from a Born column of the profiles and of the families file exclude pairs more than --age-tolerance apart', async () => {
    // UHR-0001 born 2013-2014 (an estimate); F001's missing person (sex unknown) 2009: 2009 + 2 < 2013.
    const gm = readFileSync(fixture('profiles/genemapper-globalfiler.txt'), 'utf8').trimEnd().split('\n');
    const kids = join(dir, 'kids-born.txt');
    writeFileSync(kids, gm.map((l, i) => `${l}\t${i === 0 ? 'Born' : l.includes('\tUHR-0001\t') ? '2013-2014' : ''}`).join('\n') + '\n');
    const fam = join(dir, 'families-born.csv');
    writeFileSync(fam, readFileSync(fixture('families/relationships.csv'), 'utf8').trimEnd().split('\n').map((l, i) => `${l},${i === 0 ? 'Born' : ''}`).join('\n') + '\n');
    const famWithF001 = join(dir, 'families-born2.csv');
    writeFileSync(famWithF001, readFileSync(fam, 'utf8').replace('F001,REF-F001-M,mother,Missing F001,female,', 'F001,,missing,Missing F001,,2009\nF001,REF-F001-M,mother,Missing F001,female,'));
    const args = ['search', '--unidentified', kids, '--families', famWithF001, '--profiles', fixture('profiles/reference-families.csv'), '--top', '6', '--no-progress', '--threads', '1', '--format', 'json'];
    type Acc = { accounting: { pairsExcludedBySex: number; pairsExcludedByAge: number; children: { id: string; pairsExcludedByAge: number }[] }; settings: { ageTolerance: number } };
    const on = await runCli(args);
    expect(on.code, on.stderr).toBe(0);
    const a = JSON.parse(on.stdout) as Acc;
    expect(a.settings.ageTolerance).toBe(2);
    expect(a.accounting.children.find((c) => c.id === 'UHR-0001')?.pairsExcludedByAge).toBe(a.accounting.pairsExcludedByAge);
    expect(a.accounting.pairsExcludedByAge).toBe(1);
    expect(on.stderr).toMatch(/excluded by year of birth: 1 \(age tolerance 2 years\)/);
    const wide = JSON.parse((await runCli([...args, '--age-tolerance', '4'])).stdout) as Acc;
    expect([wide.accounting.pairsExcludedByAge, wide.settings.ageTolerance]).toEqual([0, 4]);
    const off = JSON.parse((await runCli([...args, '--ignore-metadata'])).stdout) as Acc;
    expect(off.accounting.pairsExcludedByAge + off.accounting.pairsExcludedBySex).toBe(0);
    const bad = await runCli([...args, '--age-tolerance', '-1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/option --age-tolerance: bad-option: Age tolerance must be a finite number of years ≥ 0/);
  });
});
