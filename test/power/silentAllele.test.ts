// Power figures with a silent allele: the per-locus distributions are over what a
// typing shows (apparent genotypes, plus "nothing seen" for silent/silent), checked
// against familyLR of every apparent child genotype and kinshipLR of the references.
import { describe, expect, it } from 'vitest';
import { makeFrequencyTable } from '../../src/frequencies/FrequencyTable.js';
import { indexPedigree, kinshipLR } from '../../src/likelihood/kinshipLR.js';
import { lnLikelihood, type AlleleEvidence } from '../../src/likelihood/peel.js';
import { makeMarkerModel } from '../../src/likelihood/MarkerModel.js';
import { pedigreeFromRelations } from '../../src/pedigree/pedigreeFromRelations.js';
import { genotypeIndex, makeGenotype, type Genotype } from '../../src/profile/genotype.js';
import type { Profile } from '../../src/profile/Profile.js';
import type { Family } from '../../src/search/Family.js';
import { familyLR } from '../../src/search/familyLR.js';
import { planSearch } from '../../src/search/plan.js';
import { familyDistributions } from '../../src/power/locusDistributions.js';
import { powerFigures, validatePowerOptions, type PowerOptions } from '../../src/power/powerFigures.js';
import { candidatePower, candidateRelatives } from '../../src/power/suggestRelatives.js';

const table = makeFrequencyTable({ name: 'tiny', n: 100, loci: { TH01: { '6': 0.2, '7': 0.3, '8': 0.5 } } });
const alleles = ['6', '7', '8'];
const g = (a: string, b: string): Genotype => makeGenotype(a, b);
const profile = (sample: string, genotypes: Record<string, Genotype>): Profile => ({ sample, sex: 'unknown', genotypes, skipped: [] });
const s = 0.04;

const family: Family = {
  id: 'F',
  pedigree: pedigreeFromRelations({ id: 'M' }, [{ id: 'MO', relation: 'mother' }, { id: 'GM', relation: 'grandmother-paternal' }]),
  missing: ['M'],
  references: { MO: profile('MO', { TH01: g('6', '6') }), GM: profile('GM', { TH01: g('8', '8') }) },
};

/** ln P(references | pedigree) on the silent marker (the same under H1 and H2: the child is untyped). */
function lnReferences(fam: Family, theta: number): number {
  const marker = makeMarkerModel({ name: 'TH01', alleles, frequencies: [0.2, 0.3, 0.5], silentFrequency: s });
  const genotypes = Object.fromEntries(Object.entries(fam.references).map(([id, p]) => [id, { TH01: p.genotypes['TH01'] as Genotype }]));
  return kinshipLR({ hypotheses: [fam.pedigree, fam.pedigree], markers: [marker], genotypes, theta }).lnLikelihoods[0] as number;
}

describe('power with a silent allele', () => {
  it.each([
    ['no mutation', { frequencies: table, mutation: 'none' as const, silentFrequency: s }],
    ['stepwise mutation, theta 0.02', { frequencies: table, mutation: 'stepwise' as const, silentFrequency: s, theta: 0.02 }],
  ])('distributions over apparent genotypes equal familyLR of each apparent child genotype (%s)', (_name, options: PowerOptions) => {
    const d = familyDistributions(family, planSearch([family], [], options));
    if (!d.ok) throw new Error(d.reasons.join('; '));
    const locus = d.targets[0]!.loci[0]!;
    expect(locus.marker.alleles).toEqual([...alleles, 'silent']);
    const lnRefs = lnReferences(family, options.theta ?? 0);
    let seen1 = 0;
    let seen2 = 0;
    for (let hi = 0; hi < alleles.length; hi++) {
      for (let lo = 0; lo <= hi; lo++) {
        const r = familyLR(profile('child', { TH01: g(alleles[lo]!, alleles[hi]!) }), family, 'M', options);
        const gi = genotypeIndex(lo, hi);
        const p1 = Math.exp((r.lnLikelihoods[0] as number) - lnRefs);
        const p2 = Math.exp((r.lnLikelihoods[1] as number) - lnRefs);
        expect(locus.h1[gi]).toBeCloseTo(p1, 12);
        expect(locus.h2[gi]).toBeCloseTo(p2, 12);
        expect(locus.lnLR[gi]).toBeCloseTo(r.total.lnLR, 9);
        expect(locus.inconsistent[gi]).toBe(r.inconsistentLoci);
        seen1 += p1;
        seen2 += p2;
      }
      // The a/silent entries are folded into a/a.
      expect(locus.h1[genotypeIndex(hi, alleles.length)]).toBe(0);
    }
    // Nothing seen (silent/silent): the rest of the mass, LR 1, never inconsistent.
    const ss = genotypeIndex(alleles.length, alleles.length);
    expect(locus.h1[ss]).toBeCloseTo(1 - seen1, 12);
    expect(locus.h2[ss]).toBeCloseTo(1 - seen2, 12);
    expect(locus.h2[ss]).toBeCloseTo(s * s, options.theta === undefined ? 12 : 2);
    expect(locus.lnLR[ss]).toBe(0);
    expect(locus.inconsistent[ss]).toBe(0);
    const fig = powerFigures(d.targets[0]!, validatePowerOptions({}));
    let mean = 0;
    for (let k = 0; k < locus.h1.length; k++) if ((locus.h1[k] as number) > 0) mean += (locus.h1[k] as number) * (locus.lnLR[k] as number);
    expect(fig.expectedLog10LR).toBeCloseTo(mean / Math.LN10, 12);
    // Mother 6/6: a child 7/7 or 8/8 is no exclusion (both may carry the silent allele); 7/8 is.
    expect(locus.inconsistent[genotypeIndex(1, 1)]).toBe(0);
    expect(locus.inconsistent[genotypeIndex(1, 2)]).toBe(1);
  });

  it('a candidate father is averaged over what his typing would show (brute force over his apparent genotypes and "nothing seen")', () => {
    const options: PowerOptions = { frequencies: table, mutation: 'none', silentFrequency: s };
    const c = candidateRelatives(family, 'M').find((x) => x.relative === 'father');
    if (c === undefined) throw new Error('no candidate');
    const plan = planSearch([family], [], options);
    const fig = candidatePower(family, 'M', c, plan, validatePowerOptions({}));
    // Brute force with the engine on true genotypes: the father's apparent genotype f (or S/S),
    // then the child's apparent genotype; the LR is familyLR's (the father untyped when he shows nothing).
    const marker = makeMarkerModel({ name: 'TH01', alleles, frequencies: [0.2, 0.3, 0.5], silentFrequency: s });
    const S = alleles.length;
    const ped = indexPedigree(c.pedigree);
    const at = (id: string): number => ped.ids.indexOf(id);
    const base: AlleleEvidence[] = ped.ids.map(() => null);
    base[at('MO')] = [0, 0];
    base[at('GM')] = [2, 2];
    const lnRefs = lnLikelihood({ father: ped.father, mother: ped.mother, marker, evidence: base, theta: 0 });
    const shown: (readonly [number, number])[] = [];
    for (let hi = 0; hi < S; hi++) for (let lo = 0; lo <= hi; lo++) shown.push([lo, hi]);
    let mean = 0;
    let massF = 0;
    for (const f of [...shown, [S, S] as const]) {
      const evF = base.slice();
      evF[at(c.person)] = f;
      massF += Math.exp(lnLikelihood({ father: ped.father, mother: ped.mother, marker, evidence: evF, theta: 0 }) - lnRefs);
      const withF: Family = f[0] === S ? { ...family, pedigree: c.pedigree } : { ...family, pedigree: c.pedigree, references: { ...family.references, [c.person]: profile('AF', { TH01: g(alleles[f[0]]!, alleles[f[1]]!) }) } };
      for (const x of shown) {
        const evC = evF.slice();
        evC[at('M')] = x;
        const p1 = Math.exp(lnLikelihood({ father: ped.father, mother: ped.mother, marker, evidence: evC, theta: 0 }) - lnRefs);
        const r = familyLR(profile('child', { TH01: g(alleles[x[0]]!, alleles[x[1]]!) }), withF, 'M', options);
        if (p1 > 0) mean += p1 * (r.total.log10LR as number);
      }
    }
    expect(massF).toBeCloseTo(1, 12);
    expect(fig?.expectedLog10LR).toBeCloseTo(mean, 9);
  });
});
