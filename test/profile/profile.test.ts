/**
 * Profile core: alleles, genotypes and their index, locus names, and the
 * ProfileBuilder rules (formats.md §2-3), with the TSDoc examples of these files.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IssueCollector, ParseError } from '../../src/errors/StrkinError.js';
import { alleleRepeat, compareAlleles, isOffLadder, microvariantGroup, parseAllele, readAlleleCell } from '../../src/profile/allele.js';
import { genotypeAlleles, genotypeCount, genotypeIndex, makeGenotype } from '../../src/profile/genotype.js';
import { canonicalLocus, locusKind, locusSet, LOCUS_SETS } from '../../src/profile/loci.js';
import { ProfileBuilder } from '../../src/profile/Profile.js';
import { STRKIN_VERSION } from '../../src/version.js';

describe('alleles', () => {
  it('canonical forms', () => {
    expect(parseAllele('09')).toBe('9');
    expect(parseAllele('10.0')).toBe('10');
    expect(parseAllele('< 8')).toBe('<8');
    expect(readAlleleCell('-').kind).toBe('missing');
    expect(readAlleleCell('').kind).toBe('empty');
  });
  it('rejects unreadable designations', () => {
    expect(() => parseAllele('9,3')).toThrowErrorMatchingInlineSnapshot(`[ParseError: bad-allele: Unreadable allele: decimal comma (write 9.3, not 9,3) (allele = "9,3")]`);
    expect(() => parseAllele('abc')).toThrow(ParseError);
    expect(() => parseAllele('9.35')).toThrow(/more than one decimal digit/);
  });
  it('repeat values and microvariant groups; off-ladder alleles have none', () => {
    expect(alleleRepeat('9.3')).toBe(9.3);
    expect(microvariantGroup('9.3')).toBe(3);
    expect(microvariantGroup('12')).toBe(0);
    expect(isOffLadder('>24')).toBe(true);
    expect(alleleRepeat('OL')).toBeUndefined();
    expect(['OL', '10', '<8', '9.3', '>24', '9'].sort(compareAlleles)).toEqual(['<8', '9', '9.3', '10', '>24', 'OL']);
  });
});

describe('genotype index', () => {
  it('genotypeCount', () => {
    expect(genotypeCount(4)).toBe(10);
  });
  it('is a bijection onto 0..n(n+1)/2-1, inverted by genotypeAlleles (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 120 }), (n) => {
        const seen = new Set<number>();
        for (let j = 0; j < n; j++) for (let i = 0; i <= j; i++) {
          const g = genotypeIndex(j, i);
          expect(genotypeAlleles(g)).toEqual([i, j]);
          seen.add(g);
        }
        expect(seen.size).toBe(genotypeCount(n));
        expect(Math.max(...seen)).toBe(genotypeCount(n) - 1);
      }),
      { numRuns: 30 },
    );
  });
  it('makeGenotype orders alleles canonically', () => {
    expect(makeGenotype('10', '9.3')).toEqual(['9.3', '10']);
    expect(makeGenotype('12', null)).toEqual(['12', null]);
  });
});

describe('locus names', () => {
  it('aliases of formats.md §2', () => {
    for (const [raw, canonical] of [['VWA', 'vWA'], ['Vwa', 'vWA'], ['THO1', 'TH01'], ['TH-01', 'TH01'], ['TP0X', 'TPOX'], ['PentaD', 'Penta D'], ['Penta_D', 'Penta D'], ['PENTA_D', 'Penta D'], ['Penta.D', 'Penta D'], ['PENTA D', 'Penta D'], ['penta e', 'Penta E'], ['Amelogenin', 'AMEL'], ['AM', 'AMEL'], ['ACTBP2', 'SE33']] as const) {
      expect(canonicalLocus(raw), raw).toBe(canonical);
    }
    expect(canonicalLocus('D99S999')).toBeUndefined();
    expect(locusKind('DYS391')).toBe('y');
    expect(locusKind('DXS10135')).toBe('x');
  });
  it('normalisation is idempotent (property)', () => {
    fc.assert(
      fc.property(fc.string(), (name) => {
        const once = canonicalLocus(name);
        if (once !== undefined) expect(canonicalLocus(once)).toBe(once);
      }),
    );
  });
  it('kits of formats.md §1 by id', () => {
    expect(locusSet('GlobalFiler')?.loci).toHaveLength(21);
    expect(locusSet('codis-20')?.loci).toHaveLength(20);
    expect(locusSet('fusion6c')?.loci).toHaveLength(23);
    expect(locusSet('identifiler')?.loci).toHaveLength(15);
    expect(locusSet('ess')?.loci).toHaveLength(12);
    for (const set of LOCUS_SETS) for (const l of set.loci) expect(canonicalLocus(l), `${set.id} ${l}`).toBe(l);
  });
});

describe('ProfileBuilder', () => {
  const build = (entries: [string, string[]][]) => {
    const issues = new IssueCollector('f.txt');
    const b = new ProfileBuilder('S1', issues);
    entries.forEach(([locus, cells], i) => b.addLocus(locus, cells, i + 2));
    return { profile: b.build(), issues: issues.issues };
  };
  it('homozygotes from one or two entries, partial genotypes from an explicit missing mark, sex from amelogenin', () => {
    const { profile } = build([['TH01', ['6', '']], ['vWA', ['17', '17']], ['D3S1358', ['15', '-']], ['AMEL', ['X', 'Y']], ['FGA', ['', '']]]);
    expect(profile.genotypes).toEqual({ TH01: ['6', '6'], vWA: ['17', '17'], D3S1358: ['15', null] });
    expect(profile.sex).toBe('male');
  });
  it('sets aside tri-allelic, Y and unknown loci with reasons; never drops silently', () => {
    const { profile, issues } = build([['TPOX', ['8', '10', '11']], ['Y indel', ['2']], ['D99S1', ['12', '13']]]);
    expect(profile.skipped.map((s) => s.reason)).toEqual(['tri-allelic', 'y-str', 'unknown-locus']);
    expect(issues.map((i) => [i.code, i.line, i.severity])).toEqual([['tri-allelic', 2, 'warning'], ['y-str', 3, 'warning'], ['unknown-locus', 4, 'warning']]);
  });
  it('unreadable alleles and duplicated loci are errors with file and line', () => {
    const { issues } = build([['TH01', ['9,3', '6']], ['TH01', ['6', '7']]]);
    expect(issues.map((i) => `${i.file}:${i.line}: ${i.code}`)).toEqual(['f.txt:2: bad-allele', 'f.txt:3: duplicate-locus']);
  });
});

describe('version', () => {
  it('STRKIN_VERSION equals package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(STRKIN_VERSION).toBe(pkg.version);
  });
});
