/**
 * Nothing hidden (issue 13, item 4): every rejected, merged or unscored child
 * and family is named on stderr with its reason, file and line, whatever the
 * output format, and `--rejected FILE` writes them as CSV.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDelimited } from '../../src/io/text.js';
import { runCli } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'strkin-rejected-'));
const fixture = (p: string) => new URL(`../../fixtures/${p}`, import.meta.url).pathname;
const kids = join(dir, 'kids2.csv');
writeFileSync(kids, 'Sample,TH01 1,TH01 2,D3S1358 1,D3S1358 2,Penta B 1,Penta B 2\nUHR-0003,6,7,15,16,,\nEMPTY-1,,,,,10,11\n');
const refs = join(dir, 'refs9.csv');
writeFileSync(refs, 'Family ID,Sample ID,Relationship,TH01 1,TH01 2,D3S1358 1,D3S1358 2\nF009,REF-F009-M,mother,99,99,15,15\n');
const families = join(dir, 'families.csv');
writeFileSync(families, `${readFileSync(fixture('families/relationships.csv'), 'utf8').trimEnd()}\nF009,REF-F009-M,mother,,\nF010,NO-SUCH-SAMPLE,father,,\nF011,REF-F001-M,mother,,\nF011,REF-F001-M,sister,,\n`);
const args = ['search', '--unidentified', fixture('profiles/genemapper-globalfiler.txt'), '--unidentified', kids, '--families', families, '--profiles', fixture('profiles/reference-families.csv'), '--profiles', refs, '--rare-allele', 'error', '--threads', '1', '--no-progress'];

describe('strkin search names every record it did not score', () => {
  it.each(['csv', 'json'])('on stderr, with --format %s', async (format) => {
    const r = await runCli([...args, '--format', format]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stderr.split('\n');
    const line = (re: RegExp) => lines.filter((l) => re.test(l));
    // a family the engine rejects (rare allele with --rare-allele error)
    expect(line(/families\.csv:\d+: rejected-family: reference allele is not in the frequency table .*\(family = "F009"\)$/)).toHaveLength(1);
    // a family the reader rejects (unknown sample)
    expect(line(/families\.csv:10: rejected-family: unknown-sample: No profile for the reference's sample .*\(family = "F010"\)$/)).toHaveLength(1);
    // a reason found on another row of the family names that row's line
    expect(line(/families\.csv:11: rejected-family: line 12: duplicate-person: Person given twice in one family .*\(family = "F011"\)$/)).toHaveLength(1);
    // a child typed at no compared locus
    // the summary counts the families the reader rejected too
    expect(line(/^families: 6 in, 3 scored, 0 with insufficient data, 3 rejected \(2 while reading\)$/)).toHaveLength(1);
    expect(line(/kids2\.csv:3: rejected-child: typed at no compared locus \(child = "EMPTY-1"\)$/)).toHaveLength(1);
    // a child id in two --unidentified files: the second is named, with where the first is
    expect(line(/kids2\.csv:2: merged-child: child id given twice; this one is ignored and the first one is used \(first = .*genemapper-globalfiler\.txt:\d+\) \(child = "UHR-0003"\)$/)).toHaveLength(1);
  });

  it('--rejected FILE: CSV kind,id,file,line,reason', async () => {
    const out = join(dir, 'rejected.csv');
    const r = await runCli([...args, '--rejected', out]);
    expect(r.code, r.stderr).toBe(0);
    const table = readDelimited(readFileSync(out, 'utf8'));
    expect(table.header).toEqual(['kind', 'id', 'file', 'line', 'reason']);
    const rows = table.rows.map((row) => row.cells);
    expect(rows.map((c) => `${c[0]} ${c[1]} ${c[2]?.split('/').pop()} ${c[3]}`).sort()).toEqual(['child EMPTY-1 kids2.csv 3', 'child UHR-0003 kids2.csv 2', 'family F009 families.csv 9', 'family F010 families.csv 10', 'family F011 families.csv 11']);
    expect(rows.find((c) => c[1] === 'EMPTY-1')?.[4]).toBe('typed at no compared locus');
  });

  it('children with insufficient data are named too', async () => {
    const out = join(dir, 'rejected-minloci.csv');
    const r2 = await runCli([...args, '--min-loci', '30', '--rejected', out]);
    expect(r2.code, r2.stderr).toBe(0);
    expect(r2.stderr).toMatch(/insufficient-data-child: fewer than 30 loci compared with every family( of a compatible sex)? \(child = "UHR-0001"\)/);
    expect(readFileSync(out, 'utf8')).toMatch(/^child,UHR-0001,.*genemapper-globalfiler\.txt,\d+,insufficient data: fewer than 30 loci/m);
  });

  it('--rejected and --out naming one file is a usage error', async () => {
    const same = join(dir, 'same.csv');
    const r = await runCli([...args, '--out', same, '--rejected', same]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-option: --out and --rejected name the same file/);
  });
});
