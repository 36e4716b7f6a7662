/**
 * Registers `frequencies`, `convert` and `screen`, and the conventions every
 * command shares: an example under `--help`, `--version`, `--quiet`, and
 * `--force` beside `--out`.
 */
import { Command, Option } from 'commander';
import { DEFAULT_MIN_LOCI, DEFAULT_SCREENING_RELATIONSHIPS, DEFAULT_TOP_K, FREQUENCY_FORMATS, STRKIN_VERSION } from '../../index.js';
import { addModelOptions, numberArg } from '../options.js';
import { frequenciesCheck, frequenciesList, frequenciesShow, type FrequenciesOptions } from './frequencies.js';
import { CONVERT_TARGETS, convertCommand, type ConvertOptions } from './convert.js';
import { screenCommand, type ScreenOptions } from './screen.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** One example per command, shown under `--help` (run on the files under fixtures/). */
export const COMMAND_EXAMPLES: Readonly<Record<string, string>> = {
  validate: 'strkin validate fixtures/profiles/genemapper-globalfiler.txt',
  lr: 'strkin lr case.json --json',
  search: 'strkin search --unidentified fixtures/profiles/genemapper-globalfiler.txt --families fixtures/families/relationships.csv --profiles fixtures/profiles/reference-families.csv --out matches.csv',
  screen: 'strkin screen --unidentified fixtures/profiles/genemapper-globalfiler.txt --references fixtures/profiles/reference-families.csv --relationships parent-child --threshold 1000',
  frequencies: 'strkin frequencies check fixtures/frequencies/wide.csv',
  list: 'strkin frequencies list --json',
  show: 'strkin frequencies show nist1036-cauc',
  check: 'strkin frequencies check fixtures/frequencies/wide.csv',
  convert: 'strkin convert fixtures/profiles/codis-cmf32.xml --to wide --out profiles.csv',
  simulate: 'strkin simulate --relatives mother,father -n 1000 --seed 1',
  demo: 'strkin demo --families 50 --children 20 --related 5',
  power: 'strkin power --families fixtures/families/relationships.csv --profiles fixtures/profiles/reference-families.csv',
  index: 'strkin index build --families fixtures/families/relationships.csv --profiles fixtures/profiles/reference-families.csv --out family-index',
  build: 'strkin index build --families fixtures/families/relationships.csv --profiles fixtures/profiles/reference-families.csv --out family-index',
  add: 'strkin index add --index family-index --families new-families.csv --profiles new-references.csv',
  remove: 'strkin index remove --index family-index --family F12 --family F40',
  info: 'strkin index info family-index',
  merge: 'strkin merge part-1.json part-2.json --format json --out matches.json',
};

export function registerToolCommands(program: Command): void {
  const frequencies = program.command('frequencies').description('Frequency tables: the built-in ones (list), one table per locus (show), a user file checked and summarised (check).');
  frequencies
    .command('list', { isDefault: true })
    .description('The built-in tables with population, N, loci, SHA-256 checksum, source and citation.')
    .option('--json', 'print JSON')
    .action((opts: FrequenciesOptions) => frequenciesList(opts));
  frequencies
    .command('show')
    .description('One table (built-in name or frequency file): alleles, frequencies and counts per locus.')
    .argument('<name>', 'built-in table name (strkin frequencies list) or frequency file')
    .option('--json', 'print JSON')
    .action((name: string, opts: FrequenciesOptions) => frequenciesShow(name, opts));
  frequencies
    .command('check')
    .description('Check a frequency file: every issue as file:line: code: message (exit 1 on errors), then per locus: alleles, N, sum, rare-allele default.')
    .argument('<file>', 'frequency file (wide, list, merlin, long, STRidER XML)')
    .addOption(new Option('--format <format>', 'force the layout').choices([...FREQUENCY_FORMATS]))
    .option('--json', 'print JSON')
    .action((file: string, opts: FrequenciesOptions) => frequenciesCheck(file, opts));

  program
    .command('convert')
    .description('Convert profile files between layouts; every profile read is written or rejected with its reason.')
    .argument('<files...>', 'profile files (GeneMapper, wide CSV, CODIS CMF XML, strkin JSON)')
    .addOption(new Option('--to <layout>', 'output layout (cmf: CODIS CMF 3.2 XML; json keeps everything, including set-aside loci)').choices([...CONVERT_TARGETS]).makeOptionMandatory())
    .addOption(new Option('--from <layout>', 'force the input layout (default: detected per file)').choices(['genemapper', 'wide', 'cmf', 'json']))
    .option('--out <file>', 'write here instead of stdout (written whole or not at all)')
    .action((files: string[], opts: ConvertOptions) => convertCommand(files, opts));

  const screen = program
    .command('screen')
    .description('Pairwise screening: every unidentified profile against every reference person as parent-child, full or half sibling (no families file).')
    .requiredOption('--unidentified <file>', 'profiles of the found children (repeatable)', collect)
    .requiredOption('--references <file>', 'profiles of the reference persons (repeatable)', collect)
    .option('--relationships <list>', 'comma-separated: parent-child, full-siblings, half-siblings, grandparent, avuncular, ...', DEFAULT_SCREENING_RELATIONSHIPS.join(','));
  addModelOptions(screen, { silentFrequency: false, mutationRates: false })
    .option('--threshold <LR>', 'report only pairs with LR at least this (default: top K regardless)', numberArg)
    .option('--top <K>', 'reference relationships per child and children per reference relationship', numberArg, DEFAULT_TOP_K)
    .option('--min-loci <n>', 'pairs with fewer loci compared are reported as insufficient data', numberArg, DEFAULT_MIN_LOCI)
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json']).default('csv'))
    .option('--out <file>', 'write here instead of stdout (written whole or not at all)')
    .action((opts: ScreenOptions) => screenCommand(opts));
}

/** Every command and subcommand, depth first. */
function allCommands(command: Command): Command[] {
  return command.commands.flatMap((c) => [c, ...allCommands(c)]);
}

/**
 * The conventions of every command: an example under `--help`, `--version`,
 * `--quiet` (no summary on stderr), and `--force` wherever there is `--out`
 * (an existing file is never replaced without it).
 */
export function applyConventions(program: Command): void {
  for (const command of allCommands(program)) {
    const example = COMMAND_EXAMPLES[command.name()];
    if (example !== undefined) command.addHelpText('after', `\nExample:\n  $ ${example}\n`);
    command.version(STRKIN_VERSION, '-V, --version', 'print the strkin version');
    if (command.commands.length === 0) command.option('-q, --quiet', 'no summary or notes on stderr (errors are still printed)');
    if (command.options.some((o) => o.long === '--out' || o.long === '--report')) command.option('--force', 'replace an existing --out or --report output (refused otherwise, exit 2)');
  }
}
