/**
 * Large pedigrees: a large sibship is planned in near-linear time (it used to
 * grow as n⁴: 60 typed siblings took 14 s, 198 more than 5 minutes), and a
 * pedigree too interlinked to compute is refused with `pedigree-too-costly`
 * instead of stalling a run. Times are not asserted here (bench/ measures);
 * the test timeout only keeps a regression from hanging the suite.
 */
import { describe, expect, it } from 'vitest';
import { makeFrequencyTable } from '../../src/frequencies/FrequencyTable.js';
import { kinshipLR } from '../../src/likelihood/kinshipLR.js';
import { makeMarkerModel } from '../../src/likelihood/MarkerModel.js';
import type { Person } from '../../src/pedigree/Pedigree.js';
import { makeGenotype, type Genotype } from '../../src/profile/genotype.js';
import type { Profile } from '../../src/profile/Profile.js';
import { searchFamilies } from '../../src/search/searchFamilies.js';

const alleles = Array.from({ length: 30 }, (_, i) => String(i + 5));
const marker = makeMarkerModel({ name: 'M', alleles, frequencies: alleles.map(() => 1 / 30) });

/** W people per generation, G generations, parents drawn from the generation before (a web of loops); the last generation typed. */
function web(W: number, G: number): { persons: Person[]; genotypes: Record<string, Record<string, Genotype>> } {
  let state = 1;
  const rand = (): number => (state = (state * 16807) % 2147483647) / 2147483647;
  const persons: Person[] = [];
  const genotypes: Record<string, Record<string, Genotype>> = {};
  for (let g = 0; g < G; g++) {
    for (let i = 0; i < W; i++) {
      const id = `g${g}_${i}`;
      const sex = i % 2 === 0 ? 'male' : 'female';
      if (g === 0) persons.push({ id, sex, father: null, mother: null });
      else persons.push({ id, sex, father: `g${g - 1}_${2 * Math.floor((rand() * W) / 2)}`, mother: `g${g - 1}_${2 * Math.floor((rand() * W) / 2) + 1}` });
      if (g === G - 1) genotypes[id] = { M: makeGenotype(alleles[i % 30] as string, alleles[(i * 7) % 30] as string) };
    }
  }
  return { persons, genotypes };
}

describe('large pedigrees', () => {
  it('150 typed full siblings with untyped parents are computed (status ok, finite LR)', () => {
    const persons: Person[] = [{ id: 'F', sex: 'male', father: null, mother: null }, { id: 'MO', sex: 'female', father: null, mother: null }];
    const genotypes: Record<string, Record<string, Genotype>> = {};
    for (let i = 0; i < 150; i++) {
      persons.push({ id: `S${i}`, sex: 'unknown', father: 'F', mother: 'MO' });
      genotypes[`S${i}`] = { M: makeGenotype(i % 2 === 0 ? '5' : '6', i % 3 === 0 ? '7' : '8') };
    }
    const r = kinshipLR({ hypotheses: [{ persons }, { persons: [] }], markers: [marker], genotypes });
    expect(r.total.status).toBe('ok');
    expect(Number.isFinite(r.total.lnLR)).toBe(true);
  }, 30_000);

  it('a pedigree too interlinked to compute is refused with pedigree-too-costly, and a search rejects that family with the reason', () => {
    const { persons, genotypes } = web(10, 4);
    expect(() => kinshipLR({ hypotheses: [{ persons }, { persons: [] }], markers: [marker], genotypes })).toThrow(/pedigree-too-costly/);
    const table = makeFrequencyTable({ name: 'flat', loci: { TH01: Object.fromEntries(alleles.map((a) => [a, 1 / 30])) } });
    const references: Record<string, Profile> = {};
    for (const [id, g] of Object.entries(genotypes)) references[id] = { sample: id, sex: 'unknown', genotypes: { TH01: g['M'] as Genotype }, skipped: [] };
    const family = { id: 'WEB', pedigree: { persons: [...persons, { id: 'MISSING', sex: 'unknown' as const, father: 'g3_0', mother: 'g3_1' }] }, missing: ['MISSING'], references };
    const child: Profile = { sample: 'c', sex: 'unknown', genotypes: { TH01: makeGenotype('5', '6') }, skipped: [] };
    const r = searchFamilies([child], [family], { frequencies: table, mutation: 'none', minLoci: 1 });
    const outcome = r.accounting.families.find((f) => f.id === 'WEB');
    expect(outcome?.status).toBe('rejected');
    expect(outcome?.reasons.join(' ')).toMatch(/too large or too interlinked/);
  }, 30_000);
});
