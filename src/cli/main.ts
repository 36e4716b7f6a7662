/**
 * The `strkin` command line. Exit codes: 0 success, 1 invalid input (every
 * issue on stderr as `file:line: code: message`), 2 usage error.
 */
import { Command, CommanderError, Option } from 'commander';
import { type MutationModelName, STRKIN_VERSION, StrkinError } from '../index.js';
import { DEFAULT_CASE_PRIOR, lrCommand, type LrOptions } from './commands/lr.js';
import { priorOption } from './reportFiles.js';
import { validateCommand, type FileKind } from './commands/validate.js';
import { registerSearchCommands } from './commands/register.js';
import { registerIndexCommands } from './commands/registerIndex.js';
import { applyConventions, registerToolCommands } from './commands/registerTools.js';
import { CliExit, DEFAULT_MAX_FILE_MIB, EXIT, MAX_FILE_MIB_LIMIT, printIssues, setMaxFileSize } from './files.js';
import { numberIn, rareAlleleOption, SILENT_FREQUENCY_HELP, silentFrequencyOption, addMutationRateOptions } from './options.js';

/** Layouts `validate --format` accepts (profile and frequency layouts). */
export const VALIDATE_FORMATS = ['genemapper', 'wide', 'cmf', 'json', 'list', 'merlin', 'long', 'strider-xml'];

export const MUTATION_CHOICES: MutationModelName[] = ['none', 'equal', 'proportional', 'stepwise', 'onestep'];

function buildProgram(): Command {
  const program = new Command();
  program
    .name('strkin')
    .description('Forensic DNA kinship matching with autosomal STR markers: LRs, missing-person search, simulation.')
    .version(STRKIN_VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  program
    .command('validate')
    .description('Read profile or frequency files and report a summary or every issue (exit 1 if any file is invalid).')
    .argument('<files...>', 'profile files (GeneMapper, wide CSV, CODIS CMF XML, strkin JSON) or frequency files')
    .option('--json', 'print a JSON report')
    .addOption(new Option('--kind <kind>', 'force the kind of file').choices(['profiles', 'frequencies']))
    .addOption(new Option('--format <format>', 'force the layout (profiles: genemapper, wide, cmf, json; frequencies: wide, list, merlin, long, strider-xml)').choices(VALIDATE_FORMATS))
    .action((files: string[], opts: { json?: boolean; kind?: FileKind; format?: string }) => validateCommand(files, opts));

  const lr = program
    .command('lr')
    .description('Compute the likelihood ratio of one case (case format: docs/case-format.md).')
    .argument('<case>', 'case file (JSON)')
    .option('--json', 'print the JSON result')
    .option('--frequencies <table>', 'built-in table name or frequency file, for markers given by name only')
    .option('--rare-allele <rule>', 'minimum frequency rule for alleles not in the table: 5/2N (default when N known), 1/(2N+1), 1/2N, error, or a number', rareAlleleOption)
    .addOption(new Option('--mutation <model>', 'mutation model (built-in per-locus rates) for table markers without settings').choices(MUTATION_CHOICES))
    .option('--theta <theta>', 'override the case theta', numberIn(0, 0.999))
    .option('--report <file>', 'also write a case report: self-contained HTML (.html), JSON (.json) or per-locus CSV (.csv), by the extension')
    .option('--prior <p>', `prior P(H1) for the report's posterior, in (0, 1) (default ${DEFAULT_CASE_PRIOR})`, priorOption)
    .option('--verbal-scale <file>', 'verbal scale for the report, JSON (default: ENFSI 2015; docs/analyst-guide.md)')
    .option('--silent-frequency <F>', SILENT_FREQUENCY_HELP, silentFrequencyOption)
    .option('--x-haplotypes <file>', 'X haplotype frequencies per linkage group (docs/lineage.md): the loci of each group are one haplotype marker')
    .option('--x-haplotype-unseen <F>', 'frequency of a haplotype the --x-haplotypes file lacks (default 1/(N+1) with counts)', numberIn(0, 1))
    .action((file: string, opts: LrOptions) => lrCommand(file, opts));
  addMutationRateOptions(lr);

  registerSearchCommands(program);
  registerToolCommands(program);
  registerIndexCommands(program);
  // Every command that reads files takes --max-file-size (checked before a file is read).
  for (const command of program.commands) {
    if (['validate', 'lr', 'search', 'simulate', 'convert', 'screen'].includes(command.name())) {
      command.option('--max-file-size <MiB>', `refuse input files larger than this (default ${DEFAULT_MAX_FILE_MIB}, at most ${MAX_FILE_MIB_LIMIT})`, numberIn(1, MAX_FILE_MIB_LIMIT));
    }
  }
  applyConventions(program);
  program.addHelpText('after', '\nExample:\n  $ strkin search --unidentified children.txt --families families.csv --profiles references.csv --out matches.csv\n  $ strkin <command> --help\n');
  program.hook('preAction', (_program, action) => {
    const mib = (action.opts() as { maxFileSize?: number }).maxFileSize;
    setMaxFileSize(mib ?? DEFAULT_MAX_FILE_MIB);
  });
  return program;
}

/** Runs the CLI with the given arguments (without `node` and script); returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CliExit) return error.code;
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
      return EXIT.usage;
    }
    if (error instanceof StrkinError) {
      printIssues(error.allIssues);
      return EXIT.invalidInput;
    }
    process.stderr.write(`strkin: internal error: ${(error as Error).stack ?? String(error)}\n`);
    return 70;
  }
}
