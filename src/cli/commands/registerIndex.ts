/**
 * Registers `strkin index build|add|remove|info` and `strkin merge`.
 */
import { Option, type Command } from 'commander';
import { DEFAULT_SHARD_FAMILIES } from '../../index.js';
import { addModelOptions, numberIn, xLinkageOption } from '../options.js';
import { indexAddCommand, indexBuildCommand, indexInfoCommand, indexRemoveCommand, mergeCommand, type IndexAddOptions, type IndexBuildOptions, type MergeOptions } from './indexCommands.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function registerIndexCommands(program: Command): void {
  const index = program.command('index').description('A persistent family index: family tables kept on disk, searched without rebuilding (docs/index-format.md).');
  const build = index
    .command('build')
    .description('Build an index of the families\' tables in DIR.')
    .requiredOption('--families <file>', 'families file: relationship table, explicit pedigree, JSON or .ped (docs/families.md)')
    .option('--profiles <file>', 'profiles of the reference relatives (repeatable)', collect);
  addModelOptions(build)
    .option('--loci <kit|list>', 'loci to compare: kit id or comma-separated list (default: all typed loci in the table)')
    .addOption(xLinkageOption())
    .requiredOption('--out <dir>', 'index directory')
    .option('--shard-families <n>', `families per shard (default ${DEFAULT_SHARD_FAMILIES})`, numberIn(1, 1e9, true))
    .option('--threads <n>', 'worker threads building shards (default: all cores)', numberIn(1, 256, true))
    .option('--float32', 'store tables as Float32: half the disk and memory; log10 LR within 1e-5 of the exact (docs/index-format.md), so outputs are no longer identical to a raw search')
    .action((opts: IndexBuildOptions) => indexBuildCommand(opts));
  index
    .command('add')
    .description('Add families to an index: new ones built, ones whose content changed rebuilt, the rest kept.')
    .requiredOption('--index <dir>', 'index directory')
    .requiredOption('--families <file>', 'families file')
    .option('--profiles <file>', 'profiles of the reference relatives (repeatable)', collect)
    .option('--shard-families <n>', `families per shard (default ${DEFAULT_SHARD_FAMILIES})`, numberIn(1, 1e9, true))
    .action((opts: IndexAddOptions) => indexAddCommand(opts));
  index
    .command('remove')
    .description('Remove families from an index by id.')
    .requiredOption('--index <dir>', 'index directory')
    .requiredOption('--family <id>', 'family id (repeatable)', collect)
    .action((opts: { index: string; family: string[]; quiet?: boolean }) => indexRemoveCommand(opts));
  index
    .command('info')
    .description('Families, shards, model, disk use and memory of an index.')
    .argument('<dir>', 'index directory')
    .option('--json', 'print JSON')
    .option('--verify', 'read every shard and check its SHA-256')
    .action((dir: string, opts: { json?: boolean; verify?: boolean }) => indexInfoCommand(dir, opts));

  program
    .command('merge')
    .description('Merge the parts of a search run apart (strkin search --index DIR --part I/N) into the one-machine result (docs/scaling.md).')
    .argument('<parts...>', 'search part files')
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json']).default('csv'))
    .option('--out <file>', 'write the matches here instead of stdout')
    .option('--decisions <file>', 'write one decision per child here as CSV')
    .action((parts: string[], opts: MergeOptions) => mergeCommand(parts, opts));
}
