/**
 * The LR of one child against one family's missing person, computed alone with
 * the pedigree engine: the value a search reports for that pair.
 */
import { ValidationError } from '../errors/StrkinError.js';
import { markerFrequencies } from '../frequencies/markerFrequencies.js';
import { findLocus, minimumFrequency } from '../frequencies/rareAllele.js';
import { resolveSilentFrequencies } from '../frequencies/silentFrequency.js';
import { kinshipLR, type KinshipResult } from '../likelihood/kinshipLR.js';
import { makeMarkerModel, type MarkerModel } from '../likelihood/MarkerModel.js';
import { relabel } from '../pedigree/queries.js';
import type { Genotype } from '../profile/genotype.js';
import type { Profile } from '../profile/Profile.js';
import { locusKind } from '../profile/loci.js';
import type { Family } from './Family.js';
import { indexPedigree } from '../likelihood/kinshipLR.js';
import { locusMutation, type FamilyIndexOptions } from './plan.js';
import { DEFAULT_X_LINKAGE, xLociLeftOut, type XLocusData } from './xLinkage.js';

/**
 * The likelihood ratio that `child` is the missing person `missing` of `family`
 * (H1) against the child being unrelated to the family (H2), computed for this
 * pair alone by {@link kinshipLR}: the frequencies of each locus are the table's
 * plus the pair's own unseen alleles, divided by their sum (`alleleSpace`), the
 * mutation model and theta are the search's, and under H2 the child is an extra
 * founder of the family's pedigree (with theta > 0 its alleles come from the
 * same urn as the references' founders), and with `silentFrequency` a typed
 * homozygote (child or reference) may carry the silent allele. A search reports exactly this value
 * for the pair (to rounding), whoever else was in the run: use it to re-check or
 * report one pair of a search.
 *
 * Loci compared, as in the search: `options.loci` (default every locus of the
 * table) where the child has a complete genotype and at least one reference is
 * typed; under the rare-allele rule `error` a child's locus with an allele the
 * table lacks is left out (the search counts it as untyped). X-chromosomal loci
 * (unless `xLoci` is false) only when the missing person's sex is known and the
 * child's is the same (a male child's a/a is hemizygous a; two different alleles
 * leave the locus out), and not with a silent allele frequency; under `xLinkage`
 * `'safe'` (the default) a family whose pedigree is not linkage-safe compares one
 * locus per Argus X-12 linkage group, chosen from the family and the table alone
 * (docs/lineage.md, "Linkage in the search").
 *
 * Cost: one {@link kinshipLR}: per locus a peeling pass per hypothesis (two more
 * for the no-mutation LR).
 *
 * @throws {@link ValidationError} `unknown-missing` when `missing` is not a
 * missing person of the family; the errors of {@link kinshipLR} (invalid pedigree,
 * rare alleles under rule `error`, bad theta).
 * @example
 * ```ts
 * const options = { frequencies: builtinTable('nist1036-cauc'), minLoci: 1 };
 * const child = children[0];
 * const missing = family.missing[0];
 * const alone = familyLR(child, family, missing, options);
 * const pair = searchFamilies([child], [family], options).matches[0];
 * Math.abs((pair?.log10LR ?? 0) - (alone.total.log10LR ?? 0)) < 1e-10; // => true
 * ```
 */
export function familyLR(child: Profile, family: Family, missing: string, options: FamilyIndexOptions): KinshipResult {
  if (!family.missing.includes(missing)) {
    throw new ValidationError({ code: 'unknown-missing', message: `Not a missing person of family ${family.id} (missing = ${JSON.stringify(missing)})`, path: ['missing'] });
  }
  const table = options.frequencies;
  const model = options.mutation ?? 'stepwise';
  const silent = resolveSilentFrequencies(options.silentFrequency, table);
  const names = options.loci !== undefined ? options.loci.map((l) => findLocus(table, l)?.locus ?? l) : Object.keys(table.loci);
  const refs = Object.entries(family.references);
  const markers: MarkerModel[] = [];
  const genotypes: Record<string, Record<string, Genotype>> = Object.create(null) as Record<string, Record<string, Genotype>>;
  const childGenotypes: Record<string, Genotype> = Object.create(null) as Record<string, Genotype>;
  for (const [id] of refs) genotypes[id] = Object.create(null) as Record<string, Genotype>;
  // X loci as the search compares them (plan.ts, encodeChildren.ts): with `xLoci` (default true), no silent allele,
  // the missing person's sex known and the child's the same, a male child with one allele.
  const missingSex = family.pedigree.persons.find((p) => p.id === missing)?.sex ?? 'unknown';
  const xUsable = (options.xLoci ?? true) && missingSex !== 'unknown' && child.sex === missingSex;
  const xLeftOut = xUsable ? familyXLeftOut(family, missing, [...new Set(names)].filter((n) => locusKind(n) === 'x' && !silent.has(n)), options) : new Set<string>();
  for (const name of new Set(names)) {
    const isX = locusKind(name) === 'x';
    if (isX && (!xUsable || silent.has(name) || xLeftOut.has(name))) continue;
    const entry = findLocus(table, name);
    const g = child.genotypes[name];
    if (entry === undefined || g === undefined || g[1] === null) continue;
    if (isX && missingSex === 'male' && g[1] !== g[0]) continue;
    const typedRefs = refs.filter(([, p]) => p.genotypes[name] !== undefined);
    if (typedRefs.length === 0) continue;
    if (minimumFrequency(table, name, options.frequencyOptions?.rareAllele) === undefined && !(entry.alleles.includes(g[0]) && entry.alleles.includes(g[1]))) continue;
    const observed = [g[0], g[1]];
    for (const [id, p] of typedRefs) {
      const r = p.genotypes[name] as Genotype;
      observed.push(r[0]);
      if (r[1] !== null) observed.push(r[1]);
      (genotypes[id] as Record<string, Genotype>)[name] = r;
    }
    childGenotypes[name] = g;
    const mf = markerFrequencies(table, name, observed, options.frequencyOptions);
    const s = silent.get(mf.locus);
    markers.push(makeMarkerModel({ name, alleles: mf.alleles, frequencies: mf.frequencies, mutation: locusMutation(model, name), ...(isX ? { chromosome: 'X' as const } : {}), ...(s !== undefined ? { silentFrequency: s } : {}) }));
  }
  genotypes[missing] = childGenotypes;
  const ids = new Set(family.pedigree.persons.map((p) => p.id));
  let unrelated = `${missing} (unrelated)`;
  while (ids.has(unrelated)) unrelated += "'";
  const h2 = relabel(family.pedigree, new Map([[missing, unrelated]]));
  return kinshipLR({
    hypotheses: [family.pedigree, h2],
    markers,
    genotypes,
    theta: options.theta ?? 0,
    frequencySource: { name: table.name, checksum: table.checksum },
  });
}

/**
 * The X loci of a linkage group the search leaves out for this family and missing
 * person under `options.xLinkage` (xLinkage.ts): decided from the references typed at
 * each X locus of the table, never from the child.
 */
function familyXLeftOut(family: Family, missing: string, xNames: readonly string[], options: FamilyIndexOptions): ReadonlySet<string> {
  const mode = options.xLinkage ?? DEFAULT_X_LINKAGE;
  if (mode === 'unlinked' || xNames.length === 0) return new Set();
  const ped = indexPedigree(family.pedigree, []);
  const at = new Map(ped.ids.map((id, i) => [id, i]));
  const data: XLocusData[] = [];
  for (const name of xNames) {
    const entry = findLocus(options.frequencies, name);
    if (entry === undefined) continue;
    const typed = Object.entries(family.references).flatMap(([id, p]) => (p.genotypes[name] !== undefined ? [at.get(id) as number] : []));
    data.push({ name, frequencies: entry.frequencies, typed });
  }
  return xLociLeftOut(mode, ped.father, ped.mother, at.get(missing) as number, data);
}
