// strkin search --y-database: the Y LR joins the pair's LR on one thread and across worker threads
// (needs dist/, built by `npm test`), with the per-type columns.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run.js';

const dir = mkdtempSync(join(tmpdir(), 'strkin-y-search-'));
const fixtures = new URL('../../fixtures/lineage/', import.meta.url);
const [header, uncle, child, other] = readFileSync(new URL('y-relatives.csv', fixtures), 'utf8').trim().split('\n') as [string, string, string, string];
const yCells = (row: string): string => row.split(',').slice(1).join(',');
const yHeader = header.split(',').slice(1).join(',');
const children = join(dir, 'children.csv');
const refs = join(dir, 'refs.csv');
const families = join(dir, 'families.csv');
writeFileSync(children, `Sample,TH01,vWA,FGA,D3S1358,${yHeader}\nC1,6/7,16/17,21/22,15/16,${yCells(child)}\nC2,8/9,14/18,20/24,17/18,${yCells(other)}\n`);
writeFileSync(refs, `Sample,TH01,vWA,FGA,D3S1358,${yHeader}\nREF-U,6/9,16/18,21/23,15/17,${yCells(uncle)}\n`);
writeFileSync(families, 'Family ID,Sample Name,Kinship,Missing\nF1,REF-U,uncle-paternal,M1\n');
const db = new URL('y-database.csv', fixtures).pathname;
const base = ['search', '--unidentified', children, '--families', families, '--profiles', refs, '--min-loci', '2', '--quiet', '--y-database', db];

describe('strkin search --y-database', () => {
  it('one thread: CSV with log10LR_autosomal and log10LR_Y; the total is their sum', async () => {
    const run = await runCli([...base, '--threads', '1']);
    expect(run.code).toBe(0);
    const [head, ...rows] = run.stdout.trim().split('\n');
    const cols = (head ?? '').split(',');
    expect(cols.slice(-2)).toEqual(['log10LR_autosomal', 'log10LR_Y']);
    const c1 = rows.map((r) => r.split(',')).find((r) => r[0] === 'C1') as string[];
    const at = (name: string): number => Number(c1[cols.indexOf(name)]);
    // The uncle and the boy of fixtures/lineage: 3 meioses, exact match (docs/lineage.md, worked example: log10 LR_Y = 2.3440).
    expect(at('log10LR_Y')).toBeCloseTo(2.344, 3);
    expect(at('log10LR')).toBeCloseTo(at('log10LR_autosomal') + at('log10LR_Y'), 10);
  });

  const cli = new URL('../../dist/cli.js', import.meta.url).pathname;
  it.runIf(existsSync(cli))('the built binary with worker threads gives the same rows', async () => {
    const one = await runCli([...base, '--threads', '1']);
    const two = execFileSync('node', [cli, ...base, '--threads', '2'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(two).toBe(one.stdout);
  });
});
