/**
 * Issue 7, item 3: every entry point that takes a pedigree (kinshipLR, case
 * files, families files, the search's family build, the simulators) goes
 * through validatePedigree and refuses a cyclic pedigree (someone their own
 * ancestor) and a female father with the codes `cycle` and `parent-sex`.
 */
import { describe, expect, it } from 'vitest';
import { ValidationError, formatIssue } from '../../src/errors/StrkinError.js';
import { makeFrequencyTable } from '../../src/frequencies/FrequencyTable.js';
import { parseCase, safeParseCase } from '../../src/io/caseFile.js';
import { parseFamilies } from '../../src/io/families/parseFamilies.js';
import { makeMarkerModel } from '../../src/likelihood/MarkerModel.js';
import { indexPedigree, kinshipLR } from '../../src/likelihood/kinshipLR.js';
import type { Pedigree, Person } from '../../src/pedigree/Pedigree.js';
import { relationshipPedigree } from '../../src/pedigree/relationshipPedigree.js';
import type { Profile } from '../../src/profile/Profile.js';
import type { Family } from '../../src/search/Family.js';
import { searchFamilies } from '../../src/search/searchFamilies.js';
import { makeRandom } from '../../src/simulate/random.js';
import { simulateGenotypes } from '../../src/simulate/simulateGenotypes.js';
import { simulateLRDistribution } from '../../src/simulate/simulateLRDistribution.js';
import { refused } from '../refused.js';

const P = (id: string, sex: Person['sex'], father: string | null = null, mother: string | null = null): Person => ({ id, sex, father, mother });

/** AF is the father of C and C is the father of AF: both their own ancestors (before the fix kinshipLR gave LR 3.125, status ok). */
const cyclic: Pedigree = { persons: [P('AF', 'male', 'C', 'GM'), P('MO', 'female'), P('GM', 'female'), P('C', 'male', 'AF', 'MO')] };
/** A trio whose father is female. */
const femaleFather: Pedigree = { persons: [P('AF', 'female'), P('MO', 'female'), P('C', 'unknown', 'AF', 'MO')] };

const marker = makeMarkerModel({ name: 'M', alleles: ['a', 'b'], frequencies: [0.2, 0.8] });
const genotypes = { AF: { M: ['a', 'a'] as const }, C: { M: ['a', 'b'] as const } };


describe('indexPedigree: the one door to the engines checks every rule of validatePedigree', () => {
  it('refuses a cycle and a female father with their codes', () => {
    expect(refused(() => indexPedigree(cyclic))).toMatchInlineSnapshot(`
      [
        "cycle [persons.0]: Person is their own ancestor, each id followed by a parent (cycle = AF -> C -> AF)",
      ]
    `);
    expect(refused(() => indexPedigree(femaleFather))).toMatchInlineSnapshot(`
      [
        "parent-sex [persons.2.father]: Father is female (person = "C", father = "AF")",
      ]
    `);
  });
  it('appends extra ids as founders', () => {
    expect(indexPedigree(relationshipPedigree('parent-child', { a: 'AF', b: 'C' }), ['X', 'C'])).toEqual({ ids: ['AF', 'C.mother', 'C', 'X'], father: [-1, -1, 0, -1], mother: [-1, -1, 1, -1] });
  });
});

describe('kinshipLR refuses invalid hypotheses', () => {
  it('a cyclic H1 (before: LR 3.125 with status ok)', () => {
    expect(() => kinshipLR({ hypotheses: [cyclic, { persons: [] }], markers: [marker], genotypes })).toThrow(ValidationError);
    expect(refused(() => kinshipLR({ hypotheses: [cyclic, { persons: [] }], markers: [marker], genotypes }))).toMatchInlineSnapshot(`
      [
        "cycle [hypotheses.0.persons.0]: Person is their own ancestor, each id followed by a parent (cycle = AF -> C -> AF, hypothesis = H1)",
      ]
    `);
  });
  it('a female father in H2, listed with every other problem at once', () => {
    const badMarker = makeMarkerModel({ name: 'M', alleles: ['a', 'c'], frequencies: [0.2, 0.8] });
    expect(refused(() => kinshipLR({ hypotheses: [{ persons: [] }, femaleFather], markers: [badMarker], genotypes }))).toMatchInlineSnapshot(`
      [
        "parent-sex [hypotheses.1.persons.2.father]: Father is female (person = "C", father = "AF", hypothesis = H2)",
        "allele-not-in-marker [genotypes.C.M]: Allele is not in the marker's frequency list (person = C, marker = M, allele = b)",
      ]
    `);
  });
  it('the other rules that indexPedigree used to repeat keep their codes', () => {
    const codes = (ped: Pedigree): string[] => {
      try {
        kinshipLR({ hypotheses: [ped, { persons: [] }], markers: [marker], genotypes });
      } catch (e) {
        if (e instanceof ValidationError) return e.issues.map((i) => i.code);
      }
      return [];
    };
    expect(codes({ persons: [P('C', 'male', 'AF', null), P('AF', 'male')] })).toEqual(['one-parent']);
    expect(codes({ persons: [P('C', 'male', 'X', 'Y')] })).toEqual(['unknown-parent', 'unknown-parent']);
    expect(codes({ persons: [P('C', 'male'), P('C', 'male')] })).toEqual(['duplicate-id']);
  });
});

describe('parseCase refuses invalid hypotheses', () => {
  const individuals = (ped: Pedigree) => ped.persons.map((p) => ({ id: p.id, sex: p.sex, father: p.father, mother: p.mother }));
  const caseOf = (h1: Pedigree) => ({
    hypotheses: { H1: { individuals: individuals(h1) }, H2: { individuals: [] } },
    markers: [{ name: 'M', alleles: ['a', 'b'], frequencies: [0.2, 0.8] }],
    genotypes: { AF: { M: ['a', 'a'] }, C: { M: ['a', 'b'] } },
  });
  it('a cycle and a female father, with the hypothesis in path and message', () => {
    expect(refused(() => parseCase(JSON.stringify(caseOf(cyclic)), { file: 'case.json' }))).toMatchInlineSnapshot(`
      [
        "cycle [hypotheses.H1.individuals.0]: Person is their own ancestor, each id followed by a parent (cycle = AF -> C -> AF, hypothesis = H1)",
      ]
    `);
    const r = safeParseCase(caseOf(femaleFather), { file: 'case.json' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.issues.map((i) => formatIssue(i))).toMatchInlineSnapshot(`
      [
        "case.json: parent-sex: Father is female (person = "C", father = "AF", hypothesis = H1)",
      ]
    `);
  });
  it('paths count every individual, also those set aside as unreadable', () => {
    const c = caseOf(femaleFather);
    c.hypotheses.H1.individuals.unshift({ nope: true } as never);
    const r = safeParseCase(c);
    expect(r.ok ? [] : r.error.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['bad-individual', 'hypotheses.H1.individuals.0'],
      ['parent-sex', 'hypotheses.H1.individuals.3.father'],
    ]);
  });
});

describe('families files refuse such families with their codes', () => {
  const profiles: Profile[] = [{ sample: 'S-AF', sex: 'unknown', genotypes: { TH01: ['6', '7'] }, skipped: [] }, { sample: 'S-MO', sex: 'female', genotypes: { TH01: ['6', '8'] }, skipped: [] }];
  it('explicit pedigree table: a cycle and a female father', () => {
    const text = [
      'family,person,father,mother,sex,sample,missing',
      'CYC,AF,M1,MO,male,S-AF,',
      'CYC,MO,,,female,,',
      'CYC,M1,AF,MO,male,,yes',
      'FEM,AF,,,female,S-AF,',
      'FEM,MO,,,female,S-MO,',
      'FEM,M1,AF,MO,unknown,,yes',
      '',
    ].join('\n');
    const r = parseFamilies(text, { file: 'fam.csv', profiles });
    expect(r.families).toEqual([]);
    expect(r.rejected.map((f) => f.id)).toEqual(['CYC', 'FEM']);
    expect(r.issues.filter((i) => i.severity !== 'warning').map((i) => formatIssue(i))).toMatchInlineSnapshot(`
      [
        "fam.csv:2: cycle: Person is their own ancestor, each id followed by a parent (cycle = AF -> M1 -> AF)",
        "fam.csv:7: parent-sex: Father is female (person = "M1", father = "AF")",
      ]
    `);
  });
});

describe('the search rejects such families with the reason and goes on', () => {
  const table = makeFrequencyTable({ name: 'hand', n: 500, loci: { TH01: { '6': 0.1, '7': 0.2, '8': 0.05, '9': 0.3, '9.3': 0.35 } } });
  const ref = (sample: string, sex: Profile['sex']): Profile => ({ sample, sex, genotypes: { TH01: ['6', '7'] }, skipped: [] });
  const good: Family = { id: 'GOOD', pedigree: relationshipPedigree('parent-child', { a: 'AF', b: 'M', sexA: 'male' }), missing: ['M'], references: { AF: ref('G-AF', 'male') } };
  const cyc: Family = { id: 'CYC', pedigree: { persons: [P('AF', 'male', 'M', 'MO'), P('MO', 'female'), P('M', 'male', 'AF', 'MO')] }, missing: ['M'], references: { AF: ref('C-AF', 'male') } };
  const fem: Family = { id: 'FEM', pedigree: { persons: [P('AF', 'female'), P('MO', 'female'), P('M', 'unknown', 'AF', 'MO')] }, missing: ['M'], references: { AF: ref('F-AF', 'female') } };
  it('cycle and female father: rejected with every reason; the good family is searched', () => {
    const r = searchFamilies([{ sample: 'CH1', sex: 'unknown', genotypes: { TH01: ['6', '9'] }, skipped: [] }], [cyc, good, fem], { frequencies: table, minLoci: 1, mutation: 'none' });
    expect(r.accounting.families.map((f) => [f.id, f.status, f.reasons])).toMatchInlineSnapshot(`
      [
        [
          "GOOD",
          "scored",
          [],
        ],
        [
          "CYC",
          "rejected",
          [
            "invalid pedigree: Person is their own ancestor, each id followed by a parent (cycle = AF -> M -> AF)",
          ],
        ],
        [
          "FEM",
          "rejected",
          [
            "invalid pedigree: Father is female (person = "M", father = "AF")",
          ],
        ],
      ]
    `);
    expect(r.matches.map((m) => [m.child, m.family, m.LR])).toEqual([['CH1', 'GOOD', 2.5]]);
  });
});

describe('the simulators refuse such pedigrees', () => {
  const m = makeMarkerModel({ name: 'M', alleles: ['a', 'b', 'c'], frequencies: [0.2, 0.3, 0.5] });
  it('simulateGenotypes: a cycle and a female father', () => {
    expect(refused(() => simulateGenotypes(cyclic, [m], makeRandom(1)))).toMatchInlineSnapshot(`
      [
        "cycle [persons.0]: Person is their own ancestor, each id followed by a parent (cycle = AF -> C -> AF)",
      ]
    `);
    expect(refused(() => simulateGenotypes(femaleFather, [m], makeRandom(1)))).toMatchInlineSnapshot(`
      [
        "parent-sex [persons.2.father]: Father is female (person = "C", father = "AF")",
      ]
    `);
  });
  it('simulateLRDistribution: either hypothesis, before any simulation, with every other problem', () => {
    const random = makeRandom(1);
    const before = random.float();
    const fresh = makeRandom(1);
    expect(refused(() => simulateLRDistribution({ hypotheses: [femaleFather, cyclic], truth: 'H1', markers: [m], typed: ['AF', 'C'], n: 0, random: fresh }))).toMatchInlineSnapshot(`
      [
        "bad-n [n]: Number of simulations must be an integer in [1, 10000000] (n = 0)",
        "parent-sex [hypotheses.0.persons.2.father]: Father is female (person = "C", father = "AF", hypothesis = H1)",
        "cycle [hypotheses.1.persons.0]: Person is their own ancestor, each id followed by a parent (cycle = AF -> C -> AF, hypothesis = H2)",
      ]
    `);
    expect(fresh.float()).toBe(before); // nothing was drawn
  });
});
