/**
 * strkin demo with lineage markers: --x-loci, --y-loci, --lineage-typed and --misses;
 * without them the demo's output is unchanged.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from './run.js';

const base = ['demo', '--families', '40', '--children', '16', '--related', '10', '--seed', '3', '--threads', '1'];
const share = (stdout: string): number => Number(/identified with the true missing person: (\d+)/.exec(stdout)?.[1]);

describe('strkin demo --x-loci --y-loci', () => {
  it('types X and Y, says so, compares the X loci, and identifies at least as many typed-parent children; --misses lists them by composition', async () => {
    const plain = await runCli(base);
    const lineage = await runCli([...base, '--x-loci', 'argus-x12', '--y-loci', 'yfiler-plus', '--misses']);
    expect(plain.code, plain.stderr).toBe(0);
    expect(lineage.code, lineage.stderr).toBe(0);
    expect(plain.stdout).not.toMatch(/X-STRs|Y-STRs|typed references +children/);
    expect(lineage.stdout).toMatch(/X-STRs \(argus-x12: 12 loci, synthetic frequencies of seed 3; dropped linked within an Argus X-12 group; searched with --x-linkage safe\) typed in every child and 100% of references/);
    expect(lineage.stdout).toMatch(/Y-STRs \(yfiler-plus: 23 loci; synthetic Y \(Wright-Fisher, 10000 men, 400 generations, 3000 sampled\)\) typed in every male child and 100% of male references/);
    expect(lineage.stdout).toMatch(/loci: 33;/);
    expect(lineage.stdout).toMatch(/typed references +children +ident\. +missed +sibling/);
    expect(share(lineage.stdout)).toBeGreaterThanOrEqual(share(plain.stdout));
  }, 60_000);
  it('--lineage-typed 0 types no reference; bad values are usage errors', async () => {
    const none = await runCli([...base, '--x-loci', 'one-per-group', '--lineage-typed', '0']);
    expect(none.code, none.stderr).toBe(0);
    expect(none.stdout).toMatch(/typed in every child and 0% of references/);
    const bad = await runCli([...base, '--lineage-typed', '2']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--lineage-typed/);
    expect((await runCli([...base, '--x-loci', 'argus'])).code).toBe(2);
  }, 60_000);
});
