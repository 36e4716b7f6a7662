// YHRD-style haplotype exports into the haplotype database (src/io/lineage/haplotypeDatabaseFile.ts):
// the accepted layouts of docs/lineage.md, on synthetic files written here (no real data).
import { describe, expect, it } from 'vitest';
import { parseHaplotypeDatabase } from '../../src/io/lineage/haplotypeDatabaseFile.js';
import { matchProbability } from '../../src/lineage/haplotypeDatabase.js';
import { runCli } from '../cli/run.js';

const issuesOf = (f: () => unknown): [string, number | null, number | null, string | null][] => {
  try {
    f();
  } catch (error) {
    return (error as { issues: { code: string; line?: number; column?: number; file?: string }[] }).issues.map((i) => [i.code, i.line ?? null, i.column ?? null, i.file ?? null]);
  }
  throw new Error('no error');
};

describe('YHRD-style exports', () => {
  it('a table of haplotypes with a Count column first (tab-separated), DYS385 as "12,16" and YGATAH4', () => {
    const text = ['Count\tDYS19\tDYS389I\tDYS389II\tDYS390\tYGATAH4\tDYS385', '28\t15\t12\t28\t24\t11\t12,16', '26\t15\t12\t28\t23\t11\t13,13', '18\t15\t12\t28\t24\t11\t12,13,16', '1\t16\t13\t29\t23\t12\t11'].join('\n');
    const db = parseHaplotypeDatabase(text, { file: 'export.tsv' });
    expect(db.loci).toEqual(['DYS19', 'DYS389I', 'DYS389II', 'DYS390', 'Y-GATA-H4', 'DYS385']);
    expect(db.size).toBe(73);
    expect(db.haplotypes.map((h) => h.alleles['DYS385'])).toEqual([['12', '16'], ['13', '13'], ['12', '13', '16'], ['11', '11']]);
    expect(matchProbability({ loci: { DYS19: ['15'], DYS389I: ['12'], DYS389II: ['28'], DYS390: ['24'], 'Y-GATA-H4': ['11'], DYS385: ['12', '16'] }, flags: [] }, db).probability).toBeCloseTo(29 / 74, 15);
  });

  it('frequencies with a sample-size column (semicolons): counts = frequency x N, exact up to the printed rounding', () => {
    // N = 7: 3/7 printed 0.4286, 2/7 0.2857, 1/7 0.1429 (twice)
    const text = 'Haplotype;DYS19;DYS390;DYS385a;DYS385b;Frequency;N\nH1;14;24;13;16;0.4286;7\nH2;15;23;11;14;0.2857;7\nH3;14;23;13;14;0.1429;7\nH4;16;22;12;15;0.1429;7\n';
    const db = parseHaplotypeDatabase(text);
    expect(db.haplotypes.map((h) => h.count)).toEqual([3, 2, 1, 1]);
    expect(db.size).toBe(7);
    expect(db.haplotypes[0]?.alleles['DYS385']).toEqual(['13', '16']);
  });

  it('percentages with N given as an option; a frequency file without N is refused at the header', () => {
    const text = 'DYS19,DYS390,Frequency (%),Population\n14,24,62.5,Synthetic\n15,23,25,Synthetic\n16,23,12.5,Synthetic\n';
    expect(parseHaplotypeDatabase(text, { size: 8 }).haplotypes.map((h) => h.count)).toEqual([5, 2, 1]);
    expect(issuesOf(() => parseHaplotypeDatabase(text, { file: 'f.csv' }))).toEqual([['y-database-size', 1, 3, 'f.csv']]);
    expect(() => parseHaplotypeDatabase(text, { file: 'f.csv' })).toThrow(/A frequency column needs the sample size N to give counts: a sample-size column or the size option \(--y-database-size\) \(column = "Frequency \(%\)"\)/);
  });

  it('one man per row with sample, population and haplogroup columns (no count): equal rows add up', () => {
    const text = 'Sample,Population,Haplogroup,DYS19,DYS389 I,DYS389 II,DYS385a/b\nS1,Synthetic,R1b,14,13,29,"11,14"\nS2,Synthetic,R1b,14,13,29,"11,14"\nS3,Synthetic,I1,15,12,28,"13,14"\n';
    const db = parseHaplotypeDatabase(text);
    expect(db.size).toBe(3);
    expect(matchProbability({ loci: { DYS19: ['14'], DYS389I: ['13'], DYS389II: ['29'], DYS385: ['11', '14'] }, flags: [] }, db).count).toBe(2);
  });

  it('reports every problem with file, line and column', () => {
    const text = 'DYS19,DYS390,frequency,N\n14,24,0.5,10\n15,23,0.33,10\n16,23,1.5,10\n17,22,0.2,9\n';
    expect(issuesOf(() => parseHaplotypeDatabase(text, { file: 'bad.csv' }))).toEqual([
      ['y-database-count', 3, 3, 'bad.csv'], // 0.33 x 10 = 3.3: not a whole number up to the rounding of 2 decimals (0.05)
      ['y-database-count', 4, 3, 'bad.csv'], // above 1
      ['y-database-size', 5, 4, 'bad.csv'], // another N
    ]);
    expect(() => parseHaplotypeDatabase('DYS19,frequency,N\n14,0.33,10\n', { file: 'bad.csv' })).toThrow(/frequency = "0.33", N = 10, frequency x N = 3.30000/);
    // a partial list (the most common haplotypes only) does not add up to N
    expect(issuesOf(() => parseHaplotypeDatabase('DYS19,frequency,N\n14,0.5,10\n15,0.2,10\n', { file: 'top.csv' }))).toEqual([['y-database-size', 1, null, 'top.csv']]);
    expect(issuesOf(() => parseHaplotypeDatabase('DYS19,count,frequency\n14,3,0.5\n'))).toEqual([['y-database-column', 1, 3, null]]);
  });

  it('strkin search --y-database-size reads a frequency export', async () => {
    const bad = await runCli(['search', '--unidentified', 'x.csv', '--families', 'f.csv', '--y-database', 'y.csv', '--y-database-size', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--y-database-size/);
  });
});
