/**
 * Issue 7, item 5 through the CLI: a bad option value is a usage error (exit
 * 2) found by the library's validators before any file is read or anything is
 * simulated; the message names the flag and shows the value.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from './run.js';

const fixture = (p: string) => new URL(`../../fixtures/${p}`, import.meta.url).pathname;
const search = ['search', '--unidentified', fixture('profiles/genemapper-globalfiler.txt'), '--families', fixture('families/relationships.csv'), '--profiles', fixture('profiles/reference-families.csv'), '--no-progress', '--threads', '1'];

/** Exit code and stderr of a run. */
async function usage(args: readonly string[]): Promise<string> {
  const r = await runCli(args);
  return `exit ${r.code}\n${r.stderr.trim()}`;
}

describe('strkin search: bad option values are usage errors', () => {
  it('every bad value of --top, --min-loci, --threshold, --prior, --theta', async () => {
    expect(await usage([...search, '--top', '0', '--min-loci', '2.5', '--threshold', '-1', '--prior', '1', '--theta', '1'])).toMatchInlineSnapshot(`
      "exit 2
      strkin search: option --top: bad-option: Matches kept per child and per family must be an integer ≥ 1 (topK = 0)
      strkin search: option --min-loci: bad-option: Minimum loci compared must be an integer ≥ 1 (minLoci = 2.5)
      strkin search: option --threshold: bad-option: LR threshold must be a finite number > 0 (threshold = -1)
      strkin search: option --prior: bad-option: Prior must be in (0, 1) (prior = 1)
      strkin search: option --theta: bad-theta: Theta must be in [0, 1) (theta = 1)
      (run strkin search --help for usage)"
    `);
    expect(await usage([...search, '--top', 'NaN', '--threshold', 'Infinity', '--min-loci', '-3', '--prior', '0'])).toMatchInlineSnapshot(`
      "exit 2
      strkin search: option --top: bad-option: Matches kept per child and per family must be an integer ≥ 1 (topK = NaN)
      strkin search: option --min-loci: bad-option: Minimum loci compared must be an integer ≥ 1 (minLoci = -3)
      strkin search: option --threshold: bad-option: LR threshold must be a finite number > 0 (threshold = Infinity)
      strkin search: option --prior: bad-option: Prior must be in (0, 1) (prior = 0)
      (run strkin search --help for usage)"
    `);
    expect((await runCli([...search, '--theta', '-0.1'])).code).toBe(2);
    expect((await runCli([...search, '--top', 'ten'])).code).toBe(2);
    expect((await runCli([...search, '--top', ''])).code).toBe(2);
  });

  it('checks options before reading any file', async () => {
    const r = await runCli(['search', '--unidentified', 'nope.csv', '--families', 'nope.csv', '--top', '-1']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/file-not-found/);
  });

  it('a huge --top is fine: K is capped at what exists', async () => {
    // --ignore-metadata: the fixtures' sexes exclude 3 of the 18 pairs otherwise
    const huge = await runCli([...search, '--top', '100000000', '--ignore-metadata']);
    const exact = await runCli([...search, '--top', '6', '--ignore-metadata']);
    expect(huge.code, huge.stderr).toBe(0);
    expect(huge.stdout).toBe(exact.stdout); // 6 children and 3 families: K = 6 already keeps every pair
    expect(huge.stdout.trim().split('\n')).toHaveLength(1 + 6 * 3);
  });
});

describe('strkin simulate and demo: bad option values are usage errors', () => {
  const sim = ['simulate', '--relatives', 'mother', '--loci', 'TH01,FGA', '--seed', '1', '-n', '5'];
  it('simulate: -n, --theta, --threshold, --seed', async () => {
    expect(await usage([...sim, '-n', '2.5', '--theta', 'NaN', '--threshold', '0'])).toMatchInlineSnapshot(`
      "exit 2
      strkin simulate: option --n: bad-n: Number of simulations must be an integer in [1, 10000000] (n = 2.5)
      strkin simulate: option --theta: bad-theta: Theta must be in [0, 1) (theta = NaN)
      strkin simulate: option --threshold: bad-threshold: Decision threshold must be a finite number > 0 (threshold = 0)
      (run strkin simulate --help for usage)"
    `);
    expect(await usage([...sim, '--seed', '-1'])).toMatchInlineSnapshot(`
      "exit 2
      strkin simulate: option --seed: bad-seed: Seed must be an integer in [0, 4294967295] (seed = -1)
      (run strkin simulate --help for usage)"
    `);
    for (const bad of [['-n', '0'], ['-n', 'Infinity'], ['-n', '-4'], ['--theta', '1'], ['--theta', '-1'], ['--threshold', 'Infinity']]) expect((await runCli([...sim, ...bad])).code).toBe(2);
    expect((await runCli(sim)).code).toBe(0);
  });

  it('demo: counts, seed and --top', async () => {
    expect(await usage(['demo', '--families', '-1', '--children', '2.5', '--related', 'NaN', '--seed', 'Infinity', '--top', '0'])).toMatchInlineSnapshot(`
      "exit 2
      strkin demo: option --seed: bad-seed: Seed must be an integer in [0, 4294967295] (seed = Infinity)
      strkin demo: option --families: bad-count: Must be an integer ≥ 0 (families = -1)
      strkin demo: option --children: bad-count: Must be an integer ≥ 0 (children = 2.5)
      strkin demo: option --related: bad-count: Must be an integer ≥ 0 (related = NaN)
      (run strkin demo --help for usage)"
    `);
    expect(await usage(['demo', '--top', '0'])).toMatchInlineSnapshot(`
      "exit 2
      strkin demo: option --top: bad-option: Matches kept per child and per family must be an integer ≥ 1 (topK = 0)
      (run strkin demo --help for usage)"
    `);
  });
});

describe('strkin lr refuses an invalid pedigree (exit 1, with its code)', () => {
  it('a cycle and a female father', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'strkin-lr-ped-'));
    const file = join(dir, 'case.json');
    writeFileSync(
      file,
      JSON.stringify({
        hypotheses: {
          H1: { individuals: [{ id: 'AF', sex: 'male', father: 'C', mother: 'MO' }, { id: 'MO', sex: 'female', father: null, mother: null }, { id: 'C', sex: 'male', father: 'AF', mother: 'MO' }] },
          H2: { individuals: [{ id: 'AF', sex: 'female', father: null, mother: null }, { id: 'MO', sex: 'female', father: null, mother: null }, { id: 'X', sex: 'male', father: 'AF', mother: 'MO' }] },
        },
        markers: [{ name: 'M', alleles: ['a', 'b'], frequencies: [0.2, 0.8] }],
        genotypes: { AF: { M: ['a', 'a'] }, C: { M: ['a', 'b'] } },
      }),
    );
    const r = await runCli(['lr', file, '--json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.replaceAll(file, 'case.json').trim()).toMatchInlineSnapshot(`
      "case.json: cycle: Person is their own ancestor, each id followed by a parent (cycle = AF -> C -> AF, hypothesis = H1)
      case.json: parent-sex: Father is female (person = "X", father = "AF", hypothesis = H2)"
    `);
  });
});
