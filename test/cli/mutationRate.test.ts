/**
 * `--mutation-rate R` / `--mutation-rate-female R` / `--mutation-rate-male R`
 * (issue 8, item 7) on `lr`, `search` and `power`, run with the built CLI.
 * Known values: per-marker LRs of validation case mu-029 (equal model, rate
 * per marker, computed by pedprobr::likelihood; test/fixtures/validation).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { strkin, tempDir } from './process.js';

interface Case {
  id: string;
  markers: { name: string; mutation: { female: { model: string; rate?: number }; male: { model: string; rate?: number } } }[];
  expected: { lr_per_marker: number[] };
}
const cases = (JSON.parse(readFileSync(new URL('../fixtures/validation/cases.json', import.meta.url), 'utf8')) as { cases: Case[] }).cases;
const dir = tempDir('mutation-rate');
const mu029 = cases.find((c) => c.id === 'mu-029') as Case;
const caseFile = join(dir, 'mu-029.json');
writeFileSync(caseFile, JSON.stringify(mu029));

interface LrOut {
  markers: { name: string; log10LR: number | null }[];
  provenance: { mutation: { marker: string; female: string; male: string }[]; mutationOverride?: string };
}

describe('strkin lr --mutation-rate', () => {
  it('replaces every marker\'s own settings: markers whose case rate is R get the pedprobr LR of rate R (mu-029)', () => {
    const rates = [...new Set(mu029.markers.map((m) => m.mutation.female.rate))] as number[];
    expect(rates.length).toBeGreaterThan(1);
    for (const rate of rates) {
      const r = strkin(['lr', caseFile, '--json', '--mutation', 'equal', '--mutation-rate', String(rate)]);
      expect(r.code, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout) as LrOut;
      expect(out.provenance.mutationOverride).toMatch(/^equal, rates female [\d.e-]+, male [\d.e-]+ \(every locus\), from the command line; replaces the mutation settings of the case file$/);
      let checked = 0;
      mu029.markers.forEach((m, i) => {
        expect(out.provenance.mutation[i]?.female).toContain(String(rate));
        if (m.mutation.female.rate !== rate) return;
        expect(out.markers[i]?.log10LR).toBeCloseTo(Math.log10(mu029.expected.lr_per_marker[i] as number), 9);
        checked++;
      });
      expect(checked).toBeGreaterThan(0);
    }
  });

  it('sex-specific flags give the same as one rate for both, and win over --mutation-rate for their sex', () => {
    const both = strkin(['lr', caseFile, '--json', '--mutation', 'equal', '--mutation-rate', '0.002']);
    const split = strkin(['lr', caseFile, '--json', '--mutation', 'equal', '--mutation-rate-female', '0.002', '--mutation-rate-male', '0.002']);
    expect(JSON.parse(split.stdout).markers).toEqual(JSON.parse(both.stdout).markers);
    const mixed = JSON.parse(strkin(['lr', caseFile, '--json', '--mutation', 'equal', '--mutation-rate', '0.002', '--mutation-rate-male', '0.005']).stdout) as LrOut;
    expect(mixed.provenance.mutation[0]).toMatchObject({ female: expect.stringContaining('0.002'), male: expect.stringContaining('0.005') });
  });

  it('without the flags the case\'s own settings stay (no override in the provenance); the table output states an override', () => {
    const plain = JSON.parse(strkin(['lr', caseFile, '--json']).stdout) as LrOut;
    expect(plain.provenance.mutationOverride).toBeUndefined();
    mu029.markers.forEach((_, i) => expect(plain.markers[i]?.log10LR).toBeCloseTo(Math.log10(mu029.expected.lr_per_marker[i] as number), 9));
    expect(strkin(['lr', caseFile, '--mutation', 'equal', '--mutation-rate', '0.001']).stdout).toContain('mutation: equal, rates female 0.001, male 0.001 (every locus), from the command line');
  });

  it('a rate with --mutation none, or outside [0, 1], is a usage error (exit 2)', () => {
    const none = strkin(['lr', caseFile, '--mutation', 'none', '--mutation-rate', '0.001']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('a mutation rate needs a mutation model');
    expect(strkin(['lr', caseFile, '--mutation', 'equal', '--mutation-rate', '1.5']).code).toBe(2);
    expect(strkin(['search', '--unidentified', 'x', '--families', 'y', '--mutation-rate-male', '-0.1']).code).toBe(2);
  });
});

describe('strkin search and power --mutation-rate', () => {
  const inputs = ['--families', 'fixtures/families/relationships.csv', '--profiles', 'fixtures/profiles/reference-families.csv'];
  it('search: every locus gets the rate, in the JSON provenance and the summary', () => {
    const r = strkin(['search', '--unidentified', 'fixtures/profiles/genemapper-globalfiler.txt', ...inputs, '--threads', '1', '--no-progress', '--format', 'json', '--mutation', 'equal', '--mutation-rate', '0.001']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { provenance: { mutationModel: string; mutationRates: { locus: string; female: string; male: string }[] } };
    expect(out.provenance.mutationModel).toBe('equal');
    expect(out.provenance.mutationRates.length).toBeGreaterThan(10);
    for (const l of out.provenance.mutationRates) expect([l.female, l.male]).toEqual([expect.stringMatching(/equal.*0\.001\b/), expect.stringMatching(/equal.*0\.001\b/)]);
    expect(r.stderr).toContain('mutation equal, rates female 0.001, male 0.001 (every locus)');
    // the default stays the built-in per-locus rates
    const d = JSON.parse(strkin(['search', '--unidentified', 'fixtures/profiles/genemapper-globalfiler.txt', ...inputs, '--threads', '1', '--no-progress', '--format', 'json']).stdout) as typeof out;
    expect(new Set(d.provenance.mutationRates.map((l) => l.male)).size).toBeGreaterThan(1);
  });

  it('power: one rate gives the same figures as the equivalent per-sex flags, and the summary states it', () => {
    const a = strkin(['power', ...inputs, '--threads', '1', '--format', 'json', '--mutation', 'equal', '--mutation-rate', '0.001']);
    const b = strkin(['power', ...inputs, '--threads', '1', '--format', 'json', '--mutation', 'equal', '--mutation-rate-female', '0.001', '--mutation-rate-male', '0.001']);
    expect(a.code, a.stderr).toBe(0);
    expect(JSON.parse(a.stdout).rows).toEqual(JSON.parse(b.stdout).rows);
    expect(a.stderr).toContain('mutation equal, rates female 0.001, male 0.001 (every locus)');
  });
});
