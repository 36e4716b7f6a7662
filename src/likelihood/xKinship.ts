/**
 * What `kinshipLR` needs for X-chromosomal markers: every person's sex (from
 * the hypotheses), the checks of X genotypes, and the LR of the X markers
 * apart from the autosomal ones.
 * @internal
 */
import type { Issue } from '../errors/StrkinError.js';
import type { Pedigree } from '../pedigree/Pedigree.js';
import type { Sex } from '../profile/Profile.js';
import type { MarkerModel } from './MarkerModel.js';
import type { GenotypeData } from './kinshipLR.js';
import { combineRatios, type MarkerRatio, type RatioValue } from './LRResult.js';

/** True for an X-chromosomal marker. */
export const isXMarker = (marker: MarkerModel): boolean => marker.chromosome === 'X';

/**
 * Each person's sex over all hypotheses: the declared sex, or the role (father
 * male, mother female) where it is `unknown`. A person declared male in one
 * hypothesis and female in another is a `sex-conflict` issue.
 */
export function sexById(hypotheses: readonly Pedigree[], issues: Issue[]): Map<string, Sex> {
  const sex = new Map<string, Sex>();
  const where = new Map<string, number>();
  const note = (id: string, s: Sex, k: number): void => {
    if (s === 'unknown') return;
    const before = sex.get(id);
    if (before === undefined) {
      sex.set(id, s);
      where.set(id, k);
    } else if (before !== s) {
      issues.push({ code: 'sex-conflict', message: `A person has a different sex in two hypotheses (person = ${id}, H${(where.get(id) as number) + 1} = ${before}, H${k + 1} = ${s})`, path: ['hypotheses', k, 'persons', id, 'sex'] });
    }
  };
  hypotheses.forEach((h, k) => {
    for (const p of h.persons) note(p.id, p.sex, k);
  });
  hypotheses.forEach((h, k) => {
    for (const p of h.persons) {
      if (p.father !== null && !sex.has(p.father)) note(p.father, 'male', k);
      if (p.mother !== null && !sex.has(p.mother)) note(p.mother, 'female', k);
    }
  });
  return sex;
}

/**
 * The problems of X genotypes: a typed person whose sex is not known
 * (`x-sex-unknown`) and a male with two different alleles (`x-heterozygous-male`).
 */
export function xGenotypeIssues(markers: readonly MarkerModel[], genotypes: GenotypeData, sex: ReadonlyMap<string, Sex>): Issue[] {
  const issues: Issue[] = [];
  for (const marker of markers) {
    if (!isXMarker(marker)) continue;
    for (const [id, row] of Object.entries(genotypes)) {
      const g = row[marker.name];
      if (g === undefined) continue;
      const s = sex.get(id) ?? 'unknown';
      if (s === 'unknown') {
        issues.push({ code: 'x-sex-unknown', message: `A person typed at an X marker needs a sex (male: one allele; female: two) (person = ${id}, marker = ${marker.name})`, path: ['genotypes', id, marker.name] });
      } else if (s === 'male' && g[1] !== null && g[1] !== g[0]) {
        issues.push({ code: 'x-heterozygous-male', message: `A male has one X allele; two different alleles at an X marker are an error (person = ${id}, marker = ${marker.name}, genotype = ${g[0]}/${g[1]})`, path: ['genotypes', id, marker.name] });
      }
    }
  }
  return issues;
}

/** The LR of each evidence type: the autosomal markers and the X markers, combined apart. */
export interface EvidenceTypeLRs {
  readonly autosomal: RatioValue;
  readonly X: RatioValue;
}

/** Combines per-marker ratios by evidence type (autosomal, X). */
export function lrByEvidenceType(markers: readonly MarkerModel[], ratios: readonly MarkerRatio[]): EvidenceTypeLRs {
  const x = new Set(markers.filter(isXMarker).map((m) => m.name));
  return { autosomal: combineRatios(ratios.filter((r) => !x.has(r.name))), X: combineRatios(ratios.filter((r) => x.has(r.name))) };
}
