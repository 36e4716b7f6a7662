/**
 * `strkin simulate`: LR distributions and error rates of a family's references
 * by simulation (gene dropping on the family pedigree, seeded), under H1 (the
 * child is the missing person) and H2 (the child is unrelated).
 */
import { describeFrequencyOptions, describeSilentFrequencies, locusSet, resolveSilentFrequencies, type SilentFrequencyOption, validateSilentFrequencyOption, type LRDistribution, makeRandom, MAX_SEED, type MutationModelName, pedigreeFromRelations, type Random, simulateLRDistribution, type SimulateLROptions, simulationMarkers, STRKIN_VERSION, validateSimulateOptions, ValidationError, type LRSummary, MAX_SIMULATIONS, parseFamilies, simulateFamily, summarizeLRs } from '../../index.js';
import { familyDistributions, planSearch } from '../../engine.js';
import { CliExit, EXIT, loadFrequencies, printIssues, readText, runReporting, toJson } from '../files.js';
import { checkUsage } from '../options.js';
import { readProfileFiles } from './search.js';

export interface SimulateOptions {
  readonly relatives: string;
  readonly n: number;
  readonly seed?: number;
  readonly loci: string;
  readonly frequencies?: string;
  readonly mutation: MutationModelName;
  readonly theta: number;
  readonly threshold: number;
  readonly json?: boolean;
  /** `--silent-frequency`: every locus, or per locus (default none). */
  readonly silentFrequency?: SilentFrequencyOption;
  /** A families file: simulate that real family (references as typed) instead of `relatives`. */
  readonly family?: string;
  readonly profiles?: string[];
  readonly familyId?: string;
}

/** Locus list from a kit id (`globalfiler`) or a comma-separated list of loci. */
export function resolveLoci(spec: string): string[] {
  const set = locusSet(spec);
  if (set !== undefined) return [...set.loci];
  const loci = spec.split(',').map((x) => x.trim()).filter((x) => x !== '');
  if (loci.length === 0) throw new ValidationError({ code: 'bad-loci', message: `No loci given (loci = ${JSON.stringify(spec)})`, path: ['loci'] });
  return loci;
}

function describe(d: Pick<LRDistribution, 'truth' | 'n' | 'summary'>, threshold: number): string {
  const s = d.summary;
  const q = s.quantiles.map((x) => `${Math.round(x.p * 100)}%: ${Number.isFinite(x.log10LR) ? x.log10LR.toFixed(2) : x.log10LR > 0 ? 'Inf' : '-Inf'}`).join(', ');
  const lines = [`  truth ${d.truth} (${d.truth === 'H1' ? 'the child is the missing person' : 'the child is unrelated'}), ${d.n} simulations`, `    log10 LR quantiles: ${q}`];
  if (d.truth === 'H2') lines.push(`    mean LR ${s.meanLR.toPrecision(4)} ± ${s.meanLRStandardError.toPrecision(2)} (its expectation is 1, reached only through rare large LRs: small samples fall below)`);
  lines.push(`    P(LR ≥ t): ${s.exceedance.map((e) => `t=${e.threshold}: ${e.probability.toPrecision(3)}${e.bound !== undefined ? ` (bound ${e.bound})` : ''}`).join(', ')}`);
  if (d.truth === 'H1') lines.push(`    false exclusion at LR ${threshold}: ${(s.errors.falseExclusion ?? 0).toPrecision(3)}; excluded (LR 0): ${s.excluded.toPrecision(3)}`);
  else lines.push(`    false inclusion at LR ${threshold}: ${(s.errors.falseInclusion ?? 0).toPrecision(3)} (bound ${1 / threshold})`);
  return lines.join('\n');
}

/**
 * `strkin simulate --family FILE`: children simulated for one real family of a
 * families file, the references as typed: under H1 the missing person's genotypes
 * drawn given the references, under H2 an unrelated child, each scored with the
 * LR a search reports (`simulateFamily`).
 */
function simulateFamilyCommand(options: SimulateOptions & { readonly family: string }): void {
  const seed = options.seed ?? Math.floor(Date.now() % MAX_SEED);
  const flags = { seed: '--seed', n: '--n', theta: '--theta', threshold: '--threshold' };
  let random: Random | undefined;
  checkUsage('simulate', flags, () => {
    random = makeRandom(seed);
    if (!(Number.isInteger(options.n) && options.n >= 1 && options.n <= MAX_SIMULATIONS)) throw new ValidationError({ code: 'bad-n', message: `Number of simulations must be an integer in [1, ${MAX_SIMULATIONS}] (n = ${options.n})`, path: ['n'] });
    summarizeLRs([0], { truth: 'H1', threshold: options.threshold });
  });
  const table = runReporting(() => loadFrequencies(options.frequencies), options.frequencies);
  const references = readProfileFiles(options.profiles ?? []);
  const parsed = runReporting(() => parseFamilies(readText(options.family), { file: options.family, profiles: references }), options.family);
  printIssues(parsed.issues, options.family);
  const family = options.familyId === undefined ? parsed.families[0] : parsed.families.find((f) => f.id === options.familyId);
  if (family === undefined) {
    process.stderr.write(`${options.family}: unknown-family: ${options.familyId === undefined ? 'no usable family in the file' : `no family with this id (family = ${options.familyId})`}\n`);
    throw new CliExit(EXIT.invalidInput);
  }
  const loci = runReporting(() => resolveLoci(options.loci));
  const plan = runReporting(() => planSearch([family], [], { frequencies: table, mutation: options.mutation, theta: options.theta, loci, xLoci: true, ...(options.silentFrequency !== undefined ? { silentFrequency: options.silentFrequency } : {}) }));
  const d = familyDistributions(family, plan);
  if (!d.ok) {
    process.stderr.write(`${options.family}: rejected-family: family ${family.id} rejected: ${d.reasons.join('; ')}\n`);
    throw new CliExit(EXIT.invalidInput);
  }
  const results: { missing: string; truth: 'H1' | 'H2'; n: number; summary: LRSummary; log10LR: Float64Array; loci: number }[] = [];
  for (const target of d.targets) {
    for (const truth of ['H1', 'H2'] as const) {
      const sim = simulateFamily(target, truth, options.n, random as Random);
      results.push({ missing: target.missing, truth, n: options.n, summary: summarizeLRs(sim.log10LR, { truth, threshold: options.threshold }), log10LR: sim.log10LR, loci: target.loci.length });
    }
  }
  const provenance = { strkinVersion: STRKIN_VERSION, seed, frequencies: { name: table.name, checksum: table.checksum, rareAlleleRule: describeFrequencyOptions({}) }, theta: options.theta, mutation: options.mutation, loci, family: family.id, references: Object.keys(family.references).sort() };
  if (options.json === true) {
    process.stdout.write(toJson({ provenance, distributions: results.map((r) => ({ missing: r.missing, truth: r.truth, n: r.n, loci: r.loci, summary: r.summary, log10LR: Array.from(r.log10LR) })) }));
    return;
  }
  const out = [
    `Simulated children for family ${family.id} (references as typed: ${Object.keys(family.references).sort().join(', ')}); table ${table.name}; mutation ${options.mutation}; theta ${options.theta}; seed ${seed} (replay with --seed ${seed})`,
    ...results.map((r) => `missing person ${r.missing} (${r.loci} loci with a typed reference)\n${describe(r, options.threshold)}`),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

/** Runs the command. */
export function simulateCommand(options: SimulateOptions): void {
  checkUsage('simulate', { silentFrequency: '--silent-frequency' }, () => validateSilentFrequencyOption(options.silentFrequency));
  if (options.family !== undefined) {
    simulateFamilyCommand({ ...options, family: options.family });
    return;
  }
  runReporting(() => {
    const seed = options.seed ?? Math.floor(Date.now() % MAX_SEED);
    const table = loadFrequencies(options.frequencies);
    const loci = resolveLoci(options.loci);
    const markers = simulationMarkers(table, loci, { mutation: options.mutation, ...(options.silentFrequency !== undefined ? { silentFrequency: options.silentFrequency } : {}) });
    const silent = describeSilentFrequencies(new Map([...resolveSilentFrequencies(options.silentFrequency, table)].filter(([locus]) => markers.some((m) => m.name === locus))));
    const relations = options.relatives.split(',').map((x) => x.trim()).filter((x) => x !== '');
    const refs = relations.map((relation, i) => ({ id: `R${i + 1}-${relation}`, relation }));
    const h1 = pedigreeFromRelations({ id: 'C' }, refs);
    // H2: the missing person stays in the family (untyped) and the child C is someone else.
    const rename = (id: string | null): string | null => (id === 'C' ? 'MISSING' : id);
    const h2 = { persons: h1.persons.map((p) => ({ ...p, id: rename(p.id) as string, father: rename(p.father), mother: rename(p.mother) })) };
    const typed = ['C', ...refs.map((r) => r.id)];
    let random: Random | undefined;
    const flags = { seed: '--seed', n: '--n', theta: '--theta', threshold: '--threshold' };
    checkUsage('simulate', flags, () => {
      random = makeRandom(seed);
    });
    const settings = (truth: 'H1' | 'H2'): SimulateLROptions => ({ hypotheses: [h1, h2], truth, markers, typed, n: options.n, random: random as Random, theta: options.theta, threshold: options.threshold });
    checkUsage('simulate', flags, () => validateSimulateOptions(settings('H1')));
    const run = (truth: 'H1' | 'H2') => simulateLRDistribution(settings(truth));
    const results = [run('H1'), run('H2')];
    const provenance = { strkinVersion: STRKIN_VERSION, seed, frequencies: { name: table.name, checksum: table.checksum, rareAlleleRule: describeFrequencyOptions({}) }, theta: options.theta, mutation: options.mutation, loci, relatives: relations, ...(silent !== 'none' ? { silentFrequencies: silent } : {}) };
    if (options.json === true) {
      process.stdout.write(toJson({ provenance, distributions: results.map((d) => ({ truth: d.truth, n: d.n, summary: d.summary, log10LR: Array.from(d.log10LR) })) }));
      return;
    }
    const out = [
      `Simulated references: ${relations.join(', ')}; ${loci.length} loci; table ${table.name}; mutation ${options.mutation}; theta ${options.theta}; ${silent !== 'none' ? `silent alleles ${silent}; ` : ''}seed ${seed} (replay with --seed ${seed})`,
      ...results.map((d) => describe(d, options.threshold)),
    ];
    process.stdout.write(`${out.join('\n')}\n`);
  });
}
