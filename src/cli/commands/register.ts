/**
 * Registers the commands built on the search and the simulation: `search`,
 * `power`, `simulate`, `demo`.
 */
import { Option, type Command } from 'commander';
import { DEFAULT_GRID_STEP, DEFAULT_POWER_THRESHOLD, DEFAULT_DECISION_THRESHOLD, DEFAULT_MIN_LOCI, DEFAULT_SEARCH_SCENARIO, DEFAULT_TOP_K, MAX_SIMULATIONS } from '../../index.js';
import { simulateCommand, type SimulateOptions } from './simulate.js';
import { searchCommand, type SearchCommandOptions } from './search.js';
import { demoCommand, type DemoOptions } from './demo.js';
import { powerCommand, type PowerCommandOptions } from './power.js';
import { addModelOptions, numberArg, numberIn, xLinkageOption } from '../options.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function registerSearchCommands(program: Command): void {
  const search = program
    .command('search')
    .description('Search unidentified profiles against families: ranked matches with LR, posterior, loci compared and loci inconsistent without mutation.')
    .requiredOption('--unidentified <file>', 'profiles of the found children (repeatable)', collect)
    .option('--families <file>', 'families file: relationship table, explicit pedigree, JSON or .ped (docs/families.md); or --index')
    .option('--profiles <file>', 'profiles of the reference relatives (repeatable)', collect)
    .option('--index <dir>', 'a family index (strkin index build) instead of --families and --profiles: no table is rebuilt (docs/index-format.md)')
    .option('--part <I/N>', 'with --index: search part I of N of the index\'s shards and write a search part to --out, for strkin merge (docs/scaling.md)');
  addModelOptions(search, { frequencies: 'built-in table name or frequency file (default nist1036-cauc; with --index, the index\'s table)' })
    .option('--threshold <LR>', 'report only pairs with LR at least this, a number > 0 (default: top K regardless)', numberArg)
    .option('--top <K>', 'families per child and children per family, an integer >= 1 (at most what exists is kept)', numberArg, DEFAULT_TOP_K)
    .option('--min-loci <n>', 'pairs with fewer loci compared are reported as insufficient data (an integer >= 1)', numberArg, DEFAULT_MIN_LOCI)
    .option('--prior <p>', 'prior probability of each pair, in (0, 1) (default 1/(families + 1))', numberArg)
    .option('--loci <kit|list>', 'loci to compare: kit id or comma-separated list (default: all typed loci in the table)')
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json']).default('csv'))
    .option('--out <file>', 'write the matches here instead of stdout (written whole or not at all)')
    .option('--rejected <file>', 'write every rejected, merged or unscored child and family as CSV: kind,id,file,line,reason')
    .option('--threads <n>', 'worker threads (default: all cores)', numberIn(1, 256, true))
    .option('--no-progress', 'no progress bar (shown by default when stderr is a terminal)')
    .option('--identify <P>', 'posterior needed to identify a child, in (0, 1] (default 0.9999)', numberArg)
    .option('--prior-in-database <P>', 'prior that a child belongs to one of the searched families, in (0, 1) (default 0.5)', numberArg)
    .option('--no-one-to-one', 'posteriors without the one-to-one constraint (a missing person may be given to several children)')
    .option('--ignore-metadata', 'compare every child with every missing person whatever their sexes and years of birth (by default known, different sexes, and years of birth more than --age-tolerance apart, exclude a pair)')
    .option('--age-tolerance <years>', 'years by which a child\'s (estimated) years of birth and the missing person\'s may lie apart, a number >= 0 (default 2)', numberArg)
    .addOption(xLinkageOption())
    .option('--decisions <file>', 'write one decision per child here as CSV (child,decision,family,missing,posterior,log10LR)')
    .option('--report <dir>', 'write a report folder: index.html of decisions and listed pairs, and per pair a self-contained HTML page, JSON and per-locus CSV under pairs/')
    .option('--verbal-scale <file>', 'verbal scale of the report pages, JSON (default: ENFSI 2015; docs/analyst-guide.md)')
    // Y-STR evidence (docs/lineage.md)
    .option('--y-database <file>', 'Y haplotype database (CSV: one column per Y locus, count): adds the Y LR along the paternal line to pairs where both sides are typed')
    .addOption(new Option('--y-method <method>', 'Y match probability: counting ((x+1)/(N+1)) or kappa (Brenner 2010)').choices(['counting', 'kappa']))
    .option('--y-database-size <N>', 'men in the Y database\'s population sample, for a file with a frequency column and no sample-size column (docs/lineage.md)', numberIn(1, Number.MAX_SAFE_INTEGER, true))
    .option('--y-mutation-rate <rate>', 'Y mutation rate per meiosis for loci without a built-in rate (docs/lineage.md), in [0, 1)', numberIn(0, 0.999))
    .action((opts: SearchCommandOptions) => searchCommand(opts));

  const power = program
    .command('power')
    .description('How identifiable each family\'s missing person is: exclusion power, expected log10 LR, P(LR >= t) under H1 and H2, P(identified); lowest P(identified) first.')
    .requiredOption('--families <file>', 'families file: relationship table, explicit pedigree, JSON or .ped (docs/families.md)')
    .option('--profiles <file>', 'profiles of the reference relatives (repeatable)', collect);
  addModelOptions(power)
    .option('--threshold <LR>', `fixed LR threshold of p_above_threshold = P(LR >= threshold | H1) (default ${DEFAULT_POWER_THRESHOLD})`, numberArg)
    .option('--identify <P>', 'posterior needed to identify a child (decision rule, docs/identification.md), in (0, 1] (default 0.9999)', numberArg)
    .option('--prior-in-database <P>', 'prior that a child belongs to one of the searched families, in (0, 1) (default 0.5)', numberArg)
    .option('--database-size <n>', 'targets (missing persons) in the database for P(identified) (default: those of the families file)', numberArg)
    .option('--grid-step <log10>', `grid step in log10 units for combining loci, in (0, 0.1] (default ${DEFAULT_GRID_STEP})`, numberArg)
    .option('--loci <kit|list>', 'loci to use: kit id or comma-separated list (default: all typed loci in the table)')
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json']).default('csv'))
    .option('--suggestions <n>', 'suggest the n best relatives to type next per row (default 0: none; seconds per family)', numberArg)
    .option('--candidates <list>', 'candidate relatives, comma-separated (father, mother, full-sibling, grandfather-paternal, ...; default all)')
    .option('--out <file>', 'write the rows here instead of stdout')
    .option('--report <file.html>', 'also write a self-contained HTML page with plots (P(identified) over all families, LR distributions of the weakest, gain per suggested relative)')
    .option('--threads <n>', 'worker threads (default: all cores)', numberIn(1, 256, true))
    .action((opts: PowerCommandOptions) => powerCommand(opts));

  program
    .command('demo')
    .description('Run the main job end to end on the built-in frequency table with simulated families and children (no files needed).')
    .option('--families <n>', 'families', numberArg, DEFAULT_SEARCH_SCENARIO.families)
    .option('--children <n>', 'found children', numberArg, DEFAULT_SEARCH_SCENARIO.children)
    .option('--related <n>', 'children who belong to a family', numberArg, DEFAULT_SEARCH_SCENARIO.related)
    .option('--seed <seed>', 'random seed', numberArg, 2024)
    .option('--top <K>', 'families kept per child', numberArg, 5)
    .option('--ignore-metadata', 'search without the sex and year-of-birth rules (the simulated sexes and years stay in the data)')
    .option('--age-tolerance <years>', 'years by which years of birth may lie apart, a number >= 0 (default 2)', numberArg)
    .option('--threads <n>', 'worker threads (default: all cores)', numberIn(1, 256, true))
    .addOption(new Option('--x-loci <set>', 'also type X-STRs (synthetic frequencies) in children and references: argus-x12 (12 loci) or one-per-group (4)').choices(['argus-x12', 'one-per-group']))
    .addOption(new Option('--y-loci <set>', 'also type Y-STRs (synthetic population and database) in male children and male references: yfiler-plus (its 23 single-copy loci)').choices(['yfiler-plus']))
    .option('--lineage-typed <share>', 'share of references typed at the X / Y loci, in [0, 1] (default 1)', numberArg)
    .addOption(xLinkageOption())
    .option('--misses', 'list the missed children whose family includes a typed parent, by the family\'s typed references')
    .action((opts: DemoOptions) => demoCommand(opts));

  const simulate = program
    .command('simulate')
    .description('Simulate LR distributions and error rates for a family of references (H1: the child is the missing person; H2: unrelated).')
    .option('--relatives <list>', 'relations of the references to the missing person, comma-separated (see docs/families.md)', 'mother,father')
    .option('-n, --n <count>', `simulations per hypothesis (at most ${MAX_SIMULATIONS})`, numberArg, 1000)
    .option('--seed <seed>', 'random seed (default: from the clock, printed)', numberArg)
    .option('--loci <kit|list>', 'kit id (globalfiler, identifiler, codis20, ess, ...) or comma-separated loci', 'globalfiler');
  addModelOptions(simulate, { rareAllele: false, mutationRates: false })
    .option('--threshold <LR>', 'decision threshold for error rates', numberArg, DEFAULT_DECISION_THRESHOLD)
    .option('--json', 'print JSON (summaries and every log10 LR)')
    .option('--family <file>', 'simulate a real family from a families file instead of --relatives: references as typed (profiles from --profiles)')
    .option('--profiles <file>', 'with --family: profiles of the reference relatives (repeatable)', collect)
    .option('--family-id <id>', 'with --family: which family of the file (default: the first)')
    .action((opts: SimulateOptions) => simulateCommand(opts));
}
