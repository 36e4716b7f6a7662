/**
 * How identifiable each family's missing person is, before any child is found:
 * exclusion power, expected log10 LR, P(LR ≥ t) under H1 and H2, and the
 * probability of being identified, exact per locus and combined exactly on a
 * fine log grid; optionally which relative to type next.
 */
import type { Family, RejectedFamily } from '../search/Family.js';
import { planSearch, type SearchPlan } from '../search/plan.js';
import { familyDistributions } from './locusDistributions.js';
import { powerFigures, validatePowerOptions, withRunSize, type FamilyPower, type PowerOptions, type PowerResult, type ValidPowerSettings } from './powerFigures.js';
import { suggestionsFor } from './suggestRelatives.js';

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Power of every family's references to identify its missing person(s)
 * (DESIGN.md "Power"; forrel's `missingPersonEP` and `MPPsims` answer this by
 * simulation, one family at a time). Under H1 the child's genotype at a locus
 * has the family's predictive distribution P(g | references), under H2 the
 * population's; each locus's LR distribution is therefore exact, and the loci
 * are combined by convolution on a log10 grid of step `gridStep` (error at most
 * loci × step / 2 in log10 LR for any outcome; see `exceedance` in strkin/engine).
 * Children are drawn from the family's allele space (table alleles plus the
 * references' unseen alleles, divided by their sum; docs/statistics.md), so
 * every LR is the one a search would report for that child. The model options
 * (frequencies, rare-allele rule, mutation, theta, loci) are the search's.
 * X-chromosomal loci are used for a missing person of known sex (`xLoci`, default
 * true here; unknown sex leaves them unused, as the search does).
 *
 * Cost: per family and missing person, three peeling passes per typed locus
 * and one grid convolution (H2 from H1; two with `exactH2`).
 *
 * @throws {@link ValidationError} for bad options (see {@link validatePowerOptions}, {@link planSearch}).
 * @example
 * ```ts
 * const father: Profile = { sample: 'AF', sex: 'male', genotypes: { TH01: ['6', '9.3'] }, skipped: [] };
 * const { families } = parseFamilies('family,sample,relationship\nF1,AF,father\n', { profiles: [father] });
 * const result = familyPower(families, { frequencies: builtinTable(), mutation: 'none' });
 * result.rows[0]?.exclusionPower; // (1 − p(6) − p(9.3))² at TH01: about 0.176
 * result.rows[0]?.pExceed[0]; // { threshold: 10, h1, h2 }
 * ```
 */
export function familyPower(families: readonly Family[], options: PowerOptions): PowerResult {
  const settings = validatePowerOptions(options);
  const plan: SearchPlan = planSearch(families, [], { ...options, xLoci: options.xLoci ?? true });
  const unique: Family[] = [];
  const rejected: RejectedFamily[] = [];
  const seen = new Set<string>();
  for (const family of families) {
    if (seen.has(family.id)) rejected.push({ id: family.id, reasons: [`family id given twice; the first one is used (family = ${family.id})`], ...(family.source !== undefined ? { source: family.source } : {}) });
    else {
      seen.add(family.id);
      unique.push(family);
    }
  }
  // The database of the decision rule: every missing person of the run, unless a size was given.
  const sized = withRunSize(settings, unique.reduce((n, f) => n + f.missing.length, 0));
  const part = powerRows(unique, plan, sized);
  return finishPower([...part.rows], [...rejected, ...part.rejected], plan, sized);
}

/**
 * The power rows of some families on a shared plan (no duplicate check, no
 * order): the work unit of {@link familyPower}, for running ranges of families
 * in worker threads; {@link finishPower} assembles the parts.
 *
 * Cost: as {@link familyPower} for these families.
 * @example
 * ```ts
 * const father: Profile = { sample: 'AF', sex: 'male', genotypes: { TH01: ['6', '9.3'] }, skipped: [] };
 * const { families } = parseFamilies('family,sample,relationship\nF1,AF,father\n', { profiles: [father] });
 * const family = families[0]!;
 * const missing = family.missing[0]!;
 * const plan = planSearch(families, [], { frequencies: builtinTable(), mutation: 'none' });
 * const part = powerRows(families, plan, validatePowerOptions({}));
 * part.rows.length; // => 1
 * ```
 */
export function powerRows(families: readonly Family[], plan: SearchPlan, settings: ValidPowerSettings): { readonly rows: readonly FamilyPower[]; readonly rejected: readonly RejectedFamily[] } {
  const rows: FamilyPower[] = [];
  const rejected: RejectedFamily[] = [];
  for (const family of families) {
    const d = familyDistributions(family, plan);
    if (!d.ok) rejected.push({ id: family.id, reasons: d.reasons, ...(family.source !== undefined ? { source: family.source } : {}) });
    else {
      for (const t of d.targets) {
        const row = powerFigures(t, settings);
        rows.push(settings.suggestions > 0 ? { ...row, suggestions: suggestionsFor(family, t.missing, plan, settings, row).slice(0, settings.suggestions) } : row);
      }
    }
  }
  return { rows, rejected };
}

/**
 * Assembles a {@link PowerResult}: rows lowest pIdentified first (ties: family
 * id, then missing id, in code-unit order), rejected families by id. The order
 * does not depend on the input order or on how the work was split.
 * @example
 * ```ts
 * const father: Profile = { sample: 'AF', sex: 'male', genotypes: { TH01: ['6', '9.3'] }, skipped: [] };
 * const { families } = parseFamilies('family,sample,relationship\nF1,AF,father\n', { profiles: [father] });
 * const family = families[0]!;
 * const missing = family.missing[0]!;
 * const plan = planSearch(families, [], { frequencies: builtinTable(), mutation: 'none' });
 * const settings = validatePowerOptions({});
 * const a = powerRows(families, plan, settings);
 * const result = finishPower([...a.rows], [...a.rejected], plan, settings);
 * result.rows[0]?.family; // => 'F1'
 * ```
 */
export function finishPower(rows: FamilyPower[], rejected: RejectedFamily[], plan: SearchPlan, settings: ValidPowerSettings): PowerResult {
  rows.sort((a, b) => a.pIdentified - b.pIdentified || byCodeUnit(a.family, b.family) || byCodeUnit(a.missing, b.missing));
  rejected.sort((a, b) => byCodeUnit(a.id, b.id));
  return { rows, rejected, settings, loci: plan.loci.map((l) => l.name), provenance: plan.provenance };
}
