/**
 * Writes profiles as delimited text, in the wide or the GeneMapper layout.
 */
import type { Profile, Sex } from '../../profile/Profile.js';
import { formatBirthYears } from '../../profile/born.js';
import type { Genotype } from '../../profile/genotype.js';
import { AUTOSOMAL_LOCI } from '../../profile/loci.js';
import { writeDelimited, type Delimiter } from '../text.js';
import { own } from '../../util/dict.js';
import { checkArray, checkObject } from '../../util/args.js';

/** Table layouts {@link writeProfilesCsv} writes. */
export type ProfileCsvLayout = 'wide' | 'genemapper';

/** Options of {@link writeProfilesCsv}. */
export interface WriteProfilesCsvOptions {
  /** `wide` (default): one row per sample, columns `Sample`, `AMEL.1`, `AMEL.2`, `D3S1358.1`, `D3S1358.2`, ... (the NIST 1036 style); `genemapper`: one row per sample x marker. */
  readonly layout?: ProfileCsvLayout;
  /** Field separator. Default: `,` for `wide`, tab for `genemapper`. */
  readonly delimiter?: Delimiter;
}

const ORDER: ReadonlyMap<string, number> = new Map(AUTOSOMAL_LOCI.map((locus, i) => [locus, i]));

/** Every locus typed in any profile, in registry order (unknown names last, alphabetically). */
function lociOf(profiles: readonly Profile[]): string[] {
  const loci = new Set<string>();
  for (const profile of profiles) for (const locus of Object.keys(profile.genotypes)) loci.add(locus);
  const rank = (locus: string): number => ORDER.get(locus) ?? Number.MAX_SAFE_INTEGER;
  return [...loci].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** Every Y-STR locus of any profile's haplotype, sorted (docs/lineage.md). */
function yLociOf(profiles: readonly Profile[]): string[] {
  const loci = new Set<string>();
  for (const profile of profiles) for (const locus of Object.keys(profile.y?.loci ?? {})) loci.add(locus);
  return [...loci].sort();
}

/** Amelogenin cells for a sex: male `X`,`Y`; female `X`,`X`; unknown empty. */
function amelogenin(sex: Sex): [string, string] {
  return sex === 'male' ? ['X', 'Y'] : sex === 'female' ? ['X', 'X'] : ['', ''];
}

/** Allele cells of a genotype: `14`,`15`; a partial genotype `14`,`-`. */
function alleleCells(genotype: Genotype | undefined): [string, string] {
  return genotype === undefined ? ['', ''] : [genotype[0], genotype[1] ?? '-'];
}

/**
 * Writes profiles as delimited text that {@link parseProfiles} reads back to
 * the same sample, sex, born, genotypes, family and relationship (the round trip is
 * property-tested). Loci are written by canonical name in registry order; sex
 * as an amelogenin column or row; a partial genotype as `12` and `-`.
 * Set-aside loci (`skipped`) and `source` are not written: use
 * {@link writeProfilesJson} to keep them. `Family`, `Relationship` and `Born`
 * (`2014`, `2012-2015`) columns appear when any profile has one. Text cells go through {@link writeDelimited}:
 * a name a spreadsheet would run as a formula (`=...`, `+...`, `-...`, `@...`)
 * is written with a `'` in front, which {@link parseProfiles} removes again.
 *
 * Cost: O(samples x loci).
 *
 * @example
 * ```ts
 * const { profiles } = parseWideProfiles('Sample,TH01\nS1,9.3/6\n');
 * writeProfilesCsv(profiles); // => 'Sample,AMEL.1,AMEL.2,TH01.1,TH01.2\nS1,,,6,9.3\n'
 * writeProfilesCsv(profiles, { layout: 'genemapper' }); // => 'Sample Name\tMarker\tAllele 1\tAllele 2\nS1\tAMEL\t\t\nS1\tTH01\t6\t9.3\n'
 * ```
 */
export function writeProfilesCsv(profiles: readonly Profile[], options: WriteProfilesCsvOptions = {}): string {
  checkArray(profiles, 'profiles', true);
  checkObject(options, 'options');
  const layout = options.layout ?? 'wide';
  const delimiter = options.delimiter ?? (layout === 'wide' ? ',' : '\t');
  const hasFamily = profiles.some((p) => p.family !== undefined);
  const hasRelationship = profiles.some((p) => p.relationship !== undefined);
  const hasBorn = profiles.some((p) => p.born !== undefined);
  const meta = (p: Profile): string[] => [...(hasFamily ? [p.family ?? ''] : []), ...(hasRelationship ? [p.relationship ?? ''] : []), ...(hasBorn ? [formatBirthYears(p.born)] : [])];
  const metaHeader = [...(hasFamily ? ['Family'] : []), ...(hasRelationship ? ['Relationship'] : []), ...(hasBorn ? ['Born'] : [])];
  const loci = lociOf(profiles);
  const yLoci = yLociOf(profiles);
  const yAlleles = (p: Profile, locus: string): readonly string[] => own(p.y?.loci, locus) ?? [];
  const rows: string[][] = [];
  if (layout === 'wide') {
    // Y-STR loci: one column each after the autosomal ones, alleles of a multi-copy locus as `13,16`.
    rows.push(['Sample', ...metaHeader, 'AMEL.1', 'AMEL.2', ...loci.flatMap((locus) => [`${locus}.1`, `${locus}.2`]), ...yLoci]);
    for (const p of profiles) rows.push([p.sample, ...meta(p), ...amelogenin(p.sex), ...loci.flatMap((locus) => alleleCells(own(p.genotypes, locus))), ...yLoci.map((locus) => yAlleles(p, locus).join(','))]);
  } else {
    rows.push(['Sample Name', ...metaHeader, 'Marker', 'Allele 1', 'Allele 2']);
    for (const p of profiles) {
      const m = meta(p);
      // The amelogenin row is always written (empty when sex is unknown) so that a sample with no typed locus is kept.
      const [x, y] = amelogenin(p.sex);
      rows.push([p.sample, ...m, 'AMEL', x, y === 'X' ? '' : y]);
      for (const locus of loci) {
        const genotype = own(p.genotypes, locus);
        if (genotype === undefined) continue;
        const [a, b] = alleleCells(genotype);
        rows.push([p.sample, ...m, locus, a, b === a ? '' : b]);
      }
      for (const locus of yLoci) {
        const alleles = yAlleles(p, locus);
        if (alleles.length > 0) rows.push([p.sample, ...m, locus, alleles[0] ?? '', alleles.slice(1).join(',')]);
      }
    }
  }
  return writeDelimited(rows, delimiter);
}
