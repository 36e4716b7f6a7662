// Haplotype databases and match probabilities (counting with augmentation; Brenner 2010 kappa).
import { describe, expect, it } from 'vitest';
import { parseHaplotypeDatabase, writeHaplotypeDatabase } from '../../src/io/lineage/haplotypeDatabaseFile.js';
import { makeHaplotypeDatabase, matchProbability } from '../../src/lineage/haplotypeDatabase.js';
import type { YHaplotype } from '../../src/profile/yHaplotype.js';

const hap = (loci: Record<string, string[]>): YHaplotype => ({ loci, flags: [] });
// 10 men: A x4, B x3, C x1, D x1, E x1 (three singletons).
const csv = ['DYS19,DYS390,DYS385,count', '14,24,"13,16",4', '15,23,"11,14",3', '14,23,"13,16",1', '16,25,"12,12",1', '14,24,"13,17",1'].join('\n');
const db = parseHaplotypeDatabase(csv, { file: 'db.csv' });

describe('matchProbability', () => {
  it('counting: (x+1)/(N+1) at the loci typed in the haplotype', () => {
    expect(db.size).toBe(10);
    expect(matchProbability(hap({ DYS19: ['14'], DYS390: ['24'], DYS385: ['13', '16'] }), db)).toMatchObject({ probability: 5 / 11, count: 4, size: 10 });
    expect(matchProbability(hap({ DYS19: ['17'], DYS390: ['24'], DYS385: ['13', '16'] }), db).probability).toBeCloseTo(1 / 11, 15);
    // Restricted to DYS19: 14 is carried by 4 + 1 + 1 = 6 men.
    expect(matchProbability(hap({ DYS19: ['14'] }), db).probability).toBeCloseTo(7 / 11, 15);
  });

  it('kappa (Brenner 2010): (1 - kappa)/n for an unseen haplotype, n = N + 1, kappa the singleton fraction of the extended sample', () => {
    const unseen = matchProbability(hap({ DYS19: ['17'], DYS390: ['24'], DYS385: ['13', '16'] }), db, { method: 'kappa' });
    // Extended sample: 11 men, singletons C, D, E and the new haplotype: kappa = 4/11.
    expect(unseen.kappa).toBeCloseTo(4 / 11, 15);
    expect(unseen.probability).toBeCloseTo((1 - 4 / 11) / 11, 15);
    // A haplotype seen once: the counting estimate 2/11; it is no longer a singleton of the extended sample.
    const once = matchProbability(hap({ DYS19: ['16'], DYS390: ['25'], DYS385: ['12', '12'] }), db, { method: 'kappa' });
    expect(once.probability).toBeCloseTo(2 / 11, 15);
    expect(once.kappa).toBeCloseTo(2 / 11, 15);
  });

  it('kappa is refused when every man of the extended sample is a singleton', () => {
    const all = makeHaplotypeDatabase('all-singletons', ['DYS19'], [{ alleles: { DYS19: ['14'] }, count: 1 }, { alleles: { DYS19: ['15'] }, count: 1 }]);
    expect(() => matchProbability(hap({ DYS19: ['16'] }), all, { method: 'kappa' })).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ code: 'y-kappa-degenerate' })] }));
  });

  it('rejects a locus the database does not hold and an unknown method', () => {
    expect(() => matchProbability(hap({ DYS19: ['14'] }), db, { loci: ['DYS437'] })).toThrow(/y-locus-not-in-database|not typed in the haplotype database/);
    expect(() => matchProbability(hap({ DYS19: ['14'] }), db, { method: 'frequency' as never })).toThrow(/Unknown match-probability method/);
  });
});

describe('parseHaplotypeDatabase', () => {
  it('reads per-copy columns, aliases, ignored label columns; without a count column each row is one man', () => {
    const d = parseHaplotypeDatabase('Sample;Haplogroup;DYS19;DYS385b;DYS385a;GATA H4\nS1;R1b;14;16;13;12\nS2;R1b;14;13;16;12\nS3;I1;15;11;11;13\n');
    expect(d.loci).toEqual(['DYS19', 'DYS385', 'Y-GATA-H4']);
    expect(d.size).toBe(3);
    expect(matchProbability(hap({ DYS19: ['14'], DYS385: ['13', '16'], 'Y-GATA-H4': ['12'] }), d).probability).toBeCloseTo(3 / 4, 15);
  });

  it('writes what it reads', () => {
    expect(parseHaplotypeDatabase(writeHaplotypeDatabase(db))).toEqual({ ...db, name: 'haplotypes', haplotypes: db.haplotypes.map((h, i) => ({ ...h, line: i + 2 })) });
  });

  it('reports every problem at once with line and column', () => {
    const bad = 'DYS19,Colour,DYS390,count\n14,red,,2\n1x,red,24,0\n';
    try {
      parseHaplotypeDatabase(bad, { file: 'db.csv' });
      expect.unreachable();
    } catch (error) {
      const issues = (error as { issues: { code: string; line?: number; column?: number; file?: string }[] }).issues;
      expect(issues.map((i) => [i.code, i.line, i.column, i.file])).toEqual([
        ['y-database-column', 1, 2, 'db.csv'],
        ['y-database-untyped', 2, 3, 'db.csv'],
        ['bad-allele', 3, 1, 'db.csv'],
        ['y-database-count', 3, 4, 'db.csv'],
      ]);
    }
  });
});
