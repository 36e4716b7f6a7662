/**
 * The report options of the built CLI, run as a process on fixture files
 * (issue 10): `strkin lr --report FILE` (.html, .json, .csv), `--prior`,
 * `--verbal-scale`, `--force`; `strkin search --report DIR`.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { strkin, tempDir } from './process.js';

const dir = tempDir('report');
const CASE = 'fixtures/cases/grandmother.json';
const SEARCH = ['search', '--unidentified', 'fixtures/profiles/genemapper-globalfiler.txt', '--families', 'fixtures/families/relationships.csv', '--profiles', 'fixtures/profiles/reference-families.csv', '--threshold', '1000', '--threads', '1', '--no-progress'];

interface ReportJson {
  total: { log10LR: number | null };
  loci: { locus: string; status: string }[];
  posterior: { prior: number; posterior: number };
  verbal: { words: string; scale: string; supports: string };
  hypotheses: { key: string; words: string }[];
  provenance: { inputs: { file: string; sha256: string }[]; frequencies: { name: string; checksum: string }; theta: number; mutationModel: string };
}

describe('strkin lr --report', () => {
  it('.json: the same LR as --json, one entry per locus, provenance with input checksums, ENFSI words', () => {
    const out = join(dir, 'case.json');
    const r = strkin(['lr', CASE, '--mutation', 'stepwise', '--report', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`report written to ${out}`);
    const report = JSON.parse(readFileSync(out, 'utf8')) as ReportJson;
    const printed = JSON.parse(r.stdout) as { total: { log10LR: number }; markers: unknown[] };
    expect(report.total.log10LR).toBe(printed.total.log10LR);
    expect(report.loci).toHaveLength(printed.markers.length);
    expect(report.loci.find((l) => l.locus === 'D8S1179')?.status).toBe('inconsistent');
    // LR 465.2 (log10 2.668): moderately strong support on the ENFSI scale
    expect(report.verbal).toMatchObject({ words: 'moderately strong support', scale: 'ENFSI 2015', supports: 'H1' });
    expect(report.hypotheses[0]?.words).toBe('C is the son of MO and the grandson of GM; MO is the daughter of GM');
    expect(report.provenance.inputs).toEqual([{ file: CASE, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    expect(report.provenance.frequencies.name).toBe('nist1036-cauc');
    expect(report.provenance.mutationModel).toMatch(/^stepwise/);
    expect(report.posterior.prior).toBe(0.5);
  });

  it('.html: a self-contained page, one row per locus; an existing file is refused without --force (exit 2)', () => {
    const out = join(dir, 'case.html');
    expect(strkin(['lr', CASE, '--report', out, '-q']).code).toBe(0);
    const html = readFileSync(out, 'utf8');
    const body = /<table class="loci">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
    expect(body.match(/<tr>/g)).toHaveLength(15);
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|<link /);
    const again = strkin(['lr', CASE, '--report', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/: out-exists: /);
    expect(strkin(['lr', CASE, '--report', out, '--force', '-q']).code).toBe(0);
  });

  it('.csv: one row per locus; another extension is a usage error', () => {
    const out = join(dir, 'case.csv');
    expect(strkin(['lr', CASE, '--report', out, '-q']).code).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(16);
    expect(lines[0]).toBe('locus,genotype:C,genotype:MO,genotype:GM,LR,log10LR,status,LR_without_mutation,log10LR_without_mutation,status_without_mutation');
    const bad = strkin(['lr', CASE, '--report', join(dir, 'case.txt')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/case\.txt: report-extension: The report file must end in \.html, \.json or \.csv/);
  });

  it('--prior sets the posterior; a prior outside (0, 1) is a usage error', () => {
    const out = join(dir, 'prior.json');
    expect(strkin(['lr', CASE, '--mutation', 'stepwise', '--prior', '0.01', '--report', out, '-q']).code).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8')) as ReportJson;
    const lr = 10 ** (report.total.log10LR as number);
    expect(report.posterior.posterior).toBeCloseTo((lr * 0.01) / (lr * 0.01 + 0.99), 12);
    for (const p of ['0', '1', 'x']) expect(strkin(['lr', CASE, '--prior', p, '--report', join(dir, `p${p}.json`)]).code).toBe(2);
  });

  it('--verbal-scale FILE: the words of the user scale; a bad scale file is exit 1 with file: code: message', () => {
    const scale = join(dir, 'scale.json');
    writeFileSync(scale, JSON.stringify({ name: 'Lab SOP 12', citation: 'Lab SOP 12, 2025', levels: [{ minLR: 1, words: 'limited support' }, { minLR: 1000, words: 'strong support' }] }));
    const out = join(dir, 'scaled.json');
    expect(strkin(['lr', CASE, '--mutation', 'stepwise', '--report', out, '--verbal-scale', scale, '-q']).code).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8')) as ReportJson;
    expect(report.verbal).toMatchObject({ scale: 'Lab SOP 12', words: 'limited support' });
    expect(report.provenance.inputs.map((i) => i.file)).toEqual([CASE, scale]);
    const bad = join(dir, 'bad-scale.json');
    writeFileSync(bad, JSON.stringify({ name: 'x', levels: [{ minLR: 5, words: 'w' }] }));
    const r = strkin(['lr', CASE, '--report', join(dir, 'never.json'), '--verbal-scale', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad-scale\.json: bad-verbal-scale: The scale needs a "citation"/);
    expect(existsSync(join(dir, 'never.json'))).toBe(false);
  });
});

describe('strkin search --report DIR', () => {
  it('writes index.html and index.json, and per listed pair an HTML page, JSON and CSV', () => {
    const out = join(dir, 'search-report');
    const r = strkin([...SEARCH, '--report', out, '--out', join(dir, 'matches.csv')]);
    expect(r.code, r.stderr).toBe(0);
    const matches = readFileSync(join(dir, 'matches.csv'), 'utf8').trim().split('\n').length - 1;
    expect(matches).toBe(2);
    expect(readdirSync(out).sort()).toEqual(['index.html', 'index.json', 'pairs']);
    const pairs = readdirSync(join(out, 'pairs')).sort();
    expect(pairs).toEqual(['0001-UHR-0003-F001.csv', '0001-UHR-0003-F001.html', '0001-UHR-0003-F001.json', '0002-UHR-0005-F002.csv', '0002-UHR-0005-F002.html', '0002-UHR-0005-F002.json']);
    const index = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')) as { pairs: { child: string; lr: { log10LR: number }; page: string }[]; decisions: { child: string; decision: string; page: string | null }[] };
    expect(index.pairs.map((p) => p.page)).toEqual(['pairs/0001-UHR-0003-F001.html', 'pairs/0002-UHR-0005-F002.html']);
    expect(index.decisions.filter((d) => d.decision === 'identified').map((d) => d.page)).toEqual(['pairs/0001-UHR-0003-F001.html', 'pairs/0002-UHR-0005-F002.html']);
    // each page carries the search's LR for its pair
    for (const p of index.pairs) {
      const page = JSON.parse(readFileSync(join(out, p.page.replace(/\.html$/, '.json')), 'utf8')) as ReportJson;
      expect(page.total.log10LR).toBeCloseTo(p.lr.log10LR, 9);
      expect(page.hypotheses[0]?.words).toMatch(new RegExp(`^The child ${p.child} is the missing person `));
    }
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('href="pairs/0001-UHR-0003-F001.html"');
  });

  it('a folder with files is refused without --force (exit 2), replaced with it; a file is refused', () => {
    const out = join(dir, 'search-again');
    expect(strkin([...SEARCH, '--report', out, '-q']).code).toBe(0);
    const again = strkin([...SEARCH, '--report', out, '-q']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/: out-exists: The report folder is not empty/);
    expect(again.stdout).toBe('');
    expect(strkin([...SEARCH, '--report', out, '--force', '-q']).code).toBe(0);
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const r = strkin([...SEARCH, '--report', file, '-q']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/out-is-file/);
  });
});
