/**
 * `strkin simulate --family` (issue 9, item 4): children simulated for a real
 * family of a families file, references as typed; seeded and replayable, and
 * agreeing with the exact power figures of the same family.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinTable } from '../../src/frequencies/builtin.js';
import { parseFamilies } from '../../src/io/families/parseFamilies.js';
import { parseProfiles } from '../../src/io/profiles/parseProfiles.js';
import { familyPower } from '../../src/power/familyPower.js';
import { locusSet } from '../../src/profile/loci.js';
import { runCli } from './run.js';

const fixture = (p: string) => new URL(`../../fixtures/${p}`, import.meta.url).pathname;
const base = ['simulate', '--family', fixture('families/relationships.csv'), '--profiles', fixture('profiles/reference-families.csv'), '--family-id', 'F002', '--seed', '7'];

interface SimJson {
  provenance: { seed: number; family: string; references: string[] };
  distributions: { missing: string; truth: 'H1' | 'H2'; n: number; log10LR: (number | null)[]; summary: { exceedance: { threshold: number; probability: number }[] } }[];
}

describe('strkin simulate --family', () => {
  it('simulates the family as typed: H1 mean log10 LR within 4 standard errors of the exact expectedLog10LR; same seed, same bytes', async () => {
    const r = await runCli([...base, '-n', '3000', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as SimJson;
    expect(out.provenance).toMatchObject({ seed: 7, family: 'F002' });
    expect(out.distributions.map((d) => d.truth)).toEqual(['H1', 'H2']);
    const h1 = out.distributions[0]?.log10LR.map((x) => x ?? Number.NEGATIVE_INFINITY) as number[];
    expect(h1).toHaveLength(3000);
    const refs = parseProfiles(readFileSync(fixture('profiles/reference-families.csv'), 'utf8')).profiles;
    const fams = parseFamilies(readFileSync(fixture('families/relationships.csv'), 'utf8'), { profiles: refs }).families.filter((f) => f.id === 'F002');
    const loci = [...(locusSet('globalfiler')?.loci ?? [])];
    const exact = familyPower(fams, { frequencies: builtinTable(), mutation: 'stepwise', loci, gridStep: 0.01 }).rows[0];
    const finite = h1.filter((x) => Number.isFinite(x));
    expect(finite.length).toBeGreaterThan(2990);
    const mean = finite.reduce((s, x) => s + x, 0) / finite.length;
    const sd = Math.sqrt(finite.reduce((s, x) => s + (x - mean) ** 2, 0) / (finite.length - 1));
    expect(Math.abs(mean - (exact?.expectedLog10LR as number))).toBeLessThan((4 * sd) / Math.sqrt(finite.length));
    // P(LR ≥ 10^4 | H2) is bounded by 1e-4 (domain.md §5); with 3000 draws expect none or very few.
    const h2 = out.distributions[1]?.log10LR.map((x) => x ?? Number.NEGATIVE_INFINITY) as number[];
    expect(h2.filter((x) => x >= 4).length).toBeLessThanOrEqual(2);
    const again = await runCli([...base, '-n', '3000', '--json']);
    expect(again.stdout).toBe(r.stdout);
  }, 60_000);
  it('text output names the family and the references; an unknown family id is an input error', async () => {
    const r = await runCli([...base, '-n', '200']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('family F002');
    expect(r.stdout).toContain('truth H1');
    const bad = await runCli([...base.slice(0, -4), '--family-id', 'NOPE', '-n', '10']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('unknown-family: no family with this id (family = NOPE)');
    const usage = await runCli([...base, '-n', '0']);
    expect(usage.code).toBe(2);
  }, 60_000);
});
