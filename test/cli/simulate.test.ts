/** `strkin simulate`: seeded, reproducible, JSON summaries with the bound of domain.md §4. */
import { describe, expect, it } from 'vitest';
import { runCli } from './run.js';

const args = ['simulate', '--relatives', 'mother,full-sibling', '-n', '30', '--seed', '11', '--loci', 'D3S1358,vWA,FGA,TH01,D8S1179', '--json'];

describe('strkin simulate', () => {
  it('is reproducible from its seed and records it', async () => {
    const a = await runCli(args);
    const b = await runCli(args);
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const out = JSON.parse(a.stdout) as { provenance: { seed: number }; distributions: { truth: string; n: number; summary: { exceedance: { threshold: number; probability: number; bound?: number }[] }; log10LR: (number | null)[] }[] };
    expect(out.provenance.seed).toBe(11);
    expect(out.distributions.map((d) => d.truth)).toEqual(['H1', 'H2']);
    for (const d of out.distributions) expect(d.log10LR).toHaveLength(30);
    const h1 = out.distributions[0]?.log10LR.filter((x): x is number => x !== null) ?? [];
    const h2 = out.distributions[1]?.log10LR.filter((x): x is number => x !== null) ?? [];
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] as number;
    expect(median(h1)).toBeGreaterThan(median(h2));
    for (const e of out.distributions[1]?.summary.exceedance ?? []) expect(e.bound).toBe(1 / e.threshold);
  });
  it('a different seed gives different draws; bad options are usage errors', async () => {
    const a = await runCli(args);
    const c = await runCli(args.map((x) => (x === '11' ? '12' : x)));
    expect(c.stdout).not.toBe(a.stdout);
    expect((await runCli(['simulate', '-n', '0'])).code).toBe(2);
    expect((await runCli(['simulate', '--relatives', 'cousin-twice-removed', '-n', '2', '--loci', 'TH01'])).code).toBe(1);
  });
});
