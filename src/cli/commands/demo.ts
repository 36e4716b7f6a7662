/**
 * `strkin demo`: the main job end to end on the built-in frequency table with
 * simulated data (no files needed): a national-style scenario of families with
 * mixed structures and found children, searched, ranked, and checked against
 * the simulation's truth.
 */
import { ARGUS_X12_LINKAGE_GROUPS, syntheticXTable, YFILER_PLUS_SINGLE_COPY, DEFAULT_IDENTIFY_POSTERIOR, DEFAULT_PRIOR_IN_DATABASE, builtinTable, DEFAULT_AGE_TOLERANCE, DECISION_KINDS, type DecisionKind, type Identification, identifyChildren, locusSet, type Match, type SearchResult, type SearchScenario, simulateSearchScenario, validateSearchScenarioOptions, validateSearchOptions, DEFAULT_X_LINKAGE, type XLinkageMode } from '../../index.js';
import { checkUsage } from '../options.js';
import { runSearchParallel } from '../parallelSearch.js';
import { runReporting } from '../files.js';
import { identificationSummary, searchSummary } from './search.js';
import { missedByComposition, missesTable } from './demoMisses.js';

/** `--x-loci` sets: the twelve Argus X-12 loci, or one per linkage group (the most polymorphic of the synthetic table). */
export const DEMO_X_SETS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  'argus-x12': ARGUS_X12_LINKAGE_GROUPS.flatMap((g) => g.loci),
  'one-per-group': ['DXS10135', 'DXS10074', 'DXS10101', 'DXS10134'],
});
/** `--y-loci` sets: the 23 single-copy loci of Yfiler Plus (those with a built-in rate). */
export const DEMO_Y_SETS: Readonly<Record<string, readonly string[]>> = Object.freeze({ 'yfiler-plus': YFILER_PLUS_SINGLE_COPY });

export interface DemoOptions {
  readonly families: number;
  readonly children: number;
  readonly related: number;
  readonly seed: number;
  readonly threads?: number;
  readonly top: number;
  /** --ignore-metadata: search without the sex and year-of-birth rules (the simulated metadata stay in the data). */
  readonly ignoreMetadata?: boolean;
  /** --age-tolerance YEARS. */
  readonly ageTolerance?: number;
  /** --x-loci SET: type X-STRs (synthetic frequencies) in children and references; a key of {@link DEMO_X_SETS}. */
  readonly xLoci?: string;
  /** --y-loci SET: type Y-STRs (synthetic population and database) in male children and references; a key of {@link DEMO_Y_SETS}. */
  readonly yLoci?: string;
  /** --lineage-typed SHARE: share of references typed at the X / Y loci (default 1). */
  readonly lineageTyped?: number;
  /** --x-linkage safe|unlinked: loci of one X linkage group in the search (default safe). */
  readonly xLinkage?: XLinkageMode;
  /** --misses: print the missed typed-parent children by family composition. */
  readonly misses?: boolean;
}

const fmt = (m: Match): string => (m.log10LR === null ? 'excluded' : m.log10LR.toFixed(2));

/** How well the search found the simulated truth. */
export function scoreAgainstTruth(result: SearchResult, scenario: SearchScenario, threshold: number) {
  const best = new Map<string, Match>();
  for (const m of result.matches) if (m.rankForChild === 1) best.set(m.child, m);
  let firstRight = 0;
  let aboveRight = 0;
  let unrelatedAbove = 0;
  for (const child of scenario.children) {
    const truth = scenario.truth.get(child.sample);
    const top = best.get(child.sample);
    if (truth !== undefined) {
      if (top !== undefined && top.family === truth.family) {
        firstRight++;
        if (top.LR >= threshold) aboveRight++;
      }
    } else if (top !== undefined && top.LR >= threshold) unrelatedAbove++;
  }
  return { related: scenario.truth.size, firstRight, aboveRight, unrelated: scenario.children.length - scenario.truth.size, unrelatedAbove };
}

/** Per decision: related children whose decision is right, wrong or a miss, and unrelated children right or wrong. */
export interface DecisionScore {
  readonly decision: DecisionKind;
  /** identified: the true missing person; candidates: the true one listed; other decisions: never. */
  readonly relatedCorrect: number;
  /** identified: another missing person; candidates: the true one not listed. */
  readonly relatedWrong: number;
  /** no candidate, insufficient data, excluded by metadata. */
  readonly relatedMissed: number;
  /** every decision but identified and candidates. */
  readonly unrelatedCorrect: number;
  /** identified (a false identification) or candidates. */
  readonly unrelatedWrong: number;
}

/** Scores each decision against the simulation's truth. */
export function scoreDecisions(identification: Identification, scenario: SearchScenario): DecisionScore[] {
  const rows = new Map(DECISION_KINDS.map((k) => [k, { decision: k, relatedCorrect: 0, relatedWrong: 0, relatedMissed: 0, unrelatedCorrect: 0, unrelatedWrong: 0 }]));
  for (const d of identification.decisions) {
    const row = rows.get(d.decision) as { relatedCorrect: number; relatedWrong: number; relatedMissed: number; unrelatedCorrect: number; unrelatedWrong: number };
    const truth = scenario.truth.get(d.child);
    const positive = d.decision === 'identified' || d.decision === 'candidates';
    if (truth === undefined) {
      if (positive) row.unrelatedWrong++;
      else row.unrelatedCorrect++;
    } else if (d.decision === 'identified') {
      if (d.family === truth.family && d.missing === truth.missing) row.relatedCorrect++;
      else row.relatedWrong++;
    } else if (d.decision === 'candidates') {
      const listed = d.candidates.some((c) => c.family === truth.family && c.missing === truth.missing);
      if (listed) row.relatedCorrect++;
      else row.relatedWrong++;
    } else row.relatedMissed++;
  }
  return [...rows.values()];
}

/**
 * The figures of the identification targets (issue 8): wrong identifications
 * per 1,000 unrelated children, and the share of related children whose family
 * includes a typed parent (a `mother` or `father` reference) who are identified
 * with the true missing person.
 */
export function targetFigures(identification: Identification, scenario: SearchScenario): { unrelated: number; unrelatedIdentified: number; relatedIdentifiedWrong: number; withParent: number; withParentIdentified: number } {
  const withParent = new Set(scenario.families.filter((f) => Object.values(f.references).some((r) => r.relationship === 'mother' || r.relationship === 'father')).map((f) => f.id));
  let unrelated = 0;
  let unrelatedIdentified = 0;
  let relatedIdentifiedWrong = 0;
  let parent = 0;
  let parentIdentified = 0;
  for (const d of identification.decisions) {
    const truth = scenario.truth.get(d.child);
    if (truth === undefined) {
      unrelated++;
      if (d.decision === 'identified') unrelatedIdentified++;
      continue;
    }
    const right = d.decision === 'identified' && d.family === truth.family && d.missing === truth.missing;
    if (d.decision === 'identified' && !right) relatedIdentifiedWrong++;
    if (withParent.has(truth.family)) {
      parent++;
      if (right) parentIdentified++;
    }
  }
  return { unrelated, unrelatedIdentified, relatedIdentifiedWrong, withParent: parent, withParentIdentified: parentIdentified };
}

/** Runs the command. */
export async function demoCommand(options: DemoOptions): Promise<void> {
  const started = performance.now();
  const loci = locusSet('globalfiler')?.loci ?? [];
  const xLoci = options.xLoci === undefined ? [] : DEMO_X_SETS[options.xLoci];
  const yLoci = options.yLoci === undefined ? [] : DEMO_Y_SETS[options.yLoci];
  const lineage = { xLoci: xLoci ?? [], yLoci: yLoci ?? [], ...(options.lineageTyped !== undefined ? { lineageTypedRate: options.lineageTyped } : {}) };
  checkUsage('demo', { families: '--families', children: '--children', related: '--related', seed: '--seed', topK: '--top', ageTolerance: '--age-tolerance', lineageTypedRate: '--lineage-typed', xLoci: '--x-loci', yLoci: '--y-loci' }, () => {
    validateSearchScenarioOptions({ table: builtinTable(), seed: options.seed, loci, families: options.families, children: options.children, related: options.related, ...lineage });
    validateSearchOptions({ topK: options.top, ...(options.ageTolerance !== undefined ? { ageTolerance: options.ageTolerance } : {}) });
  });
  const table = lineage.xLoci.length > 0 ? syntheticXTable(builtinTable(), options.seed) : builtinTable();
  let scenario: SearchScenario | undefined;
  runReporting(() => {
    scenario = simulateSearchScenario({ table, seed: options.seed, loci, families: options.families, children: options.children, related: options.related, ...lineage });
  });
  const s = scenario as SearchScenario;
  const refs = s.families.reduce((n, f) => n + Object.keys(f.references).length, 0);
  const out = (line = ''): void => {
    process.stdout.write(`${line}\n`);
  };
  out(`strkin demo: a simulated national search (seed ${s.seed}; replay with --seed ${s.seed})`);
  out(`  frequencies: ${table.name} (NIST 1036, Hill et al. 2013; checksum ${table.checksum.slice(0, 12)}), GlobalFiler ${loci.length} loci`);
  out(`  ${s.families.length} families with ${refs} typed references (mixed structures: ${[...new Set(s.structures.values())].join(', ')})`);
  out(`  ${s.children.length} found children, of whom ${s.truth.size} belong to a family; stepwise mutation with AABB 2003 rates`);
  const years = s.settings.birthYears;
  out(`  sexes simulated; years of birth ${years === null ? 'not simulated' : `${years[0]}-${years[1]} (families give the exact year; a found child's is an estimate, the true year widened by 0-1 year on each side)`}`);
  if (lineage.xLoci.length > 0) out(`  X-STRs (${options.xLoci}: ${lineage.xLoci.length} loci, synthetic frequencies of seed ${s.seed}; dropped linked within an Argus X-12 group; searched with --x-linkage ${options.xLinkage ?? DEFAULT_X_LINKAGE}) typed in every child and ${((s.settings.lineageTypedRate) * 100).toFixed(0)}% of references`);
  if (s.yDatabase !== undefined) out(`  Y-STRs (${options.yLoci}: ${lineage.yLoci.length} loci; ${s.yDatabase.name}) typed in every male child and ${((s.settings.lineageTypedRate) * 100).toFixed(0)}% of male references`);
  out(`  search ${options.ignoreMetadata === true ? 'ignoring metadata (--ignore-metadata)' : `with metadata: sex, and years of birth at most ${options.ageTolerance ?? DEFAULT_AGE_TOLERANCE} years apart`}`);
  out();
  const threshold = 10_000;
  const scanStarted = performance.now();
  const result = await runSearchParallel(s.children, s.families, {
    frequencies: table,
    topK: options.top,
    ...(options.threads !== undefined ? { threads: options.threads } : {}),
    ...(options.ignoreMetadata === true ? { ignoreMetadata: true } : {}),
    ...(options.ageTolerance !== undefined ? { ageTolerance: options.ageTolerance } : {}),
    ...(options.xLinkage !== undefined ? { xLinkage: options.xLinkage } : {}),
    ...(s.yDatabase !== undefined ? { lineage: { database: s.yDatabase } } : {}),
  });
  const searched = performance.now();
  const score = scoreAgainstTruth(result, s, threshold);
  const strongest = result.matches.filter((m) => m.rankForChild === 1).sort((a, b) => b.lnLR - a.lnLR || (a.child < b.child ? -1 : 1)).slice(0, 10);
  out('Strongest matches (rank 1 for the child):');
  out(`  ${'child'.padEnd(9)} ${'family'.padEnd(9)} ${'log10LR'.padStart(8)} ${'posterior'.padStart(10)} ${'loci'.padStart(5)} ${'incons.'.padStart(7)}  truth`);
  for (const m of strongest) {
    const truth = s.truth.get(m.child);
    out(`  ${m.child.padEnd(9)} ${m.family.padEnd(9)} ${fmt(m).padStart(8)} ${m.posterior.toFixed(6).padStart(10)} ${String(m.lociCompared).padStart(5)} ${String(m.lociInconsistent).padStart(7)}  ${truth === undefined ? 'unrelated' : truth.family === m.family ? 'correct' : `belongs to ${truth.family}`}`);
  }
  out();
  out(`True family ranked first: ${score.firstRight} of ${score.related} related children (${((100 * score.firstRight) / Math.max(1, score.related)).toFixed(1)}%); with LR >= ${threshold}: ${score.aboveRight}.`);
  out(`Unrelated children whose best family has LR >= ${threshold}: ${score.unrelatedAbove} of ${score.unrelated} (the bound for ${result.accounting.pairsScored} pairs is ${(result.accounting.pairsScored / threshold).toFixed(1)}).`);
  out();
  const identification = identifyChildren(result, { order: s.children.map((c) => c.sample) });
  out('Decisions (posterior >= 0.9999 to identify; prior in database 0.5; one-to-one):');
  out(`  ${'decision'.padEnd(22)} ${'related: correct'.padStart(16)} ${'wrong'.padStart(6)} ${'missed'.padStart(7)}   ${'unrelated: correct'.padStart(18)} ${'wrong'.padStart(6)}`);
  for (const r of scoreDecisions(identification, s)) {
    out(`  ${r.decision.padEnd(22)} ${String(r.relatedCorrect).padStart(16)} ${String(r.relatedWrong).padStart(6)} ${String(r.relatedMissed).padStart(7)}   ${String(r.unrelatedCorrect).padStart(18)} ${String(r.unrelatedWrong).padStart(6)}`);
  }
  out('  (identified: correct = the true missing person; candidates: correct = the true one listed; unrelated: wrong = identified or given candidates)');
  const t = targetFigures(identification, s);
  const wrong = t.unrelatedIdentified + t.relatedIdentifiedWrong;
  out(`Wrong identifications: ${wrong} (${t.unrelatedIdentified} of ${t.unrelated} unrelated children, ${((1000 * t.unrelatedIdentified) / Math.max(1, t.unrelated)).toFixed(2)} per 1,000; ${t.relatedIdentifiedWrong} related children given another missing person); target: at most 1 per 1,000 unrelated children.`);
  out(`Related children whose family includes a typed parent: ${t.withParent}, identified with the true missing person: ${t.withParentIdentified} (${((100 * t.withParentIdentified) / Math.max(1, t.withParent)).toFixed(1)}%); target: at least 90%.`);
  if (options.misses === true) {
    out('Typed-parent children by the family\'s typed references (missed: not identified with the true missing person):');
    for (const line of missesTable(missedByComposition(result, identification, s, DEFAULT_PRIOR_IN_DATABASE, DEFAULT_IDENTIFY_POSTERIOR))) out(line);
  }
  out();
  out(searchSummary(result, (performance.now() - started) / 1000));
  out(`search alone (index build, scan, ranking; after the simulation): ${((searched - scanStarted) / 1000).toFixed(1)} s`);
  out(identificationSummary(identification));
  out();
  out('Next: `strkin search --help` to search your own exports; `strkin lr --help` for one case; docs/getting-started.md.');
}
