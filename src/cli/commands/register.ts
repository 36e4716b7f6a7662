/**
 * Registers the commands built on the search and the simulation: `search`,
 * `simulate`, `demo`.
 */
import { Option, type Command } from 'commander';
import type { MutationModelName } from '../../mutation/mutationMatrix.js';
import { simulateCommand, type SimulateOptions } from './simulate.js';
import { numberIn } from '../options.js';

const MUTATIONS: MutationModelName[] = ['none', 'equal', 'proportional', 'stepwise', 'onestep'];

export function registerSearchCommands(program: Command): void {
  program
    .command('simulate')
    .description('Simulate LR distributions and error rates for a family of references (H1: the child is the missing person; H2: unrelated).')
    .option('--relatives <list>', 'relations of the references to the missing person, comma-separated (see docs/families.md)', 'mother,father')
    .option('-n, --n <count>', 'simulations per hypothesis', numberIn(1, 10_000_000, true), 1000)
    .option('--seed <seed>', 'random seed (default: from the clock, printed)', numberIn(0, 0xffffffff, true))
    .option('--loci <kit|list>', 'kit id (globalfiler, identifiler, codis20, ess, ...) or comma-separated loci', 'globalfiler')
    .option('--frequencies <table>', 'built-in table name or frequency file (default nist1036-cauc)')
    .addOption(new Option('--mutation <model>', 'mutation model with built-in per-locus rates').choices(MUTATIONS).default('stepwise'))
    .option('--theta <theta>', 'Balding-Nichols theta', numberIn(0, 0.5), 0)
    .option('--threshold <LR>', 'decision threshold for error rates', numberIn(1, Number.MAX_VALUE), 10_000)
    .option('--json', 'print JSON (summaries and every log10 LR)')
    .action((opts: SimulateOptions) => simulateCommand(opts));
}
