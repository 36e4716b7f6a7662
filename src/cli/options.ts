/** Option parsers shared by the CLI commands (a bad value is a usage error, exit 2). */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { DEFAULT_THETA, ValidationError, type MutationModelName, type MutationRates, type RareAlleleRule, type SilentFrequencyOption } from '../index.js';
import { CliExit, EXIT } from './files.js';

/** Parses a number option within bounds, as a usage error otherwise. */
export function numberIn(min: number, max: number, integer = false): (value: string) => number {
  return (value: string): number => {
    const x = Number(value);
    if (value.trim() === '' || !Number.isFinite(x) || x < min || x > max || (integer && !Number.isInteger(x))) {
      throw new InvalidArgumentError(`expected ${integer ? 'an integer' : 'a number'} in [${min}, ${max}], got ${JSON.stringify(value)}`);
    }
    return x;
  };
}

/** Parses `--rare-allele`: `5/2N`, `1/(2N+1)`, `1/2N`, `error`, or a fixed frequency like `0.001`. */
export function rareAlleleOption(value: string): RareAlleleRule {
  if (value === '5/2N' || value === '1/(2N+1)' || value === '1/2N') return { rule: value };
  if (value === 'error') return { rule: 'error' };
  const x = Number(value);
  if (Number.isFinite(x) && x > 0 && x < 1) return { rule: 'fixed', value: x };
  throw new InvalidArgumentError(`expected 5/2N, 1/(2N+1), 1/2N, error or a frequency in (0, 1), got ${JSON.stringify(value)}`);
}

/**
 * Parses a number option: any numeric text (also `Infinity` and `NaN`), as a
 * usage error otherwise. Its range is checked by the library's validator
 * through {@link checkUsage}, so each rule is written once.
 */
export function numberArg(value: string): number {
  const text = value.trim();
  const x = Number(text);
  if (text === '' || (Number.isNaN(x) && text !== 'NaN')) throw new InvalidArgumentError(`expected a number, got ${JSON.stringify(value)}`);
  return x;
}

/** Help text of `--silent-frequency` (lr, search, power, simulate). */
export const SILENT_FREQUENCY_HELP = 'silent (null) allele frequency in [0, 1): one number for every locus, or LOCUS=F,LOCUS=F (default 0: none; docs/statistics.md "Silent alleles")';

/**
 * Parses `--silent-frequency`: one number for every locus (`0.002`), or per locus
 * (`TH01=0.01,FGA=0.002`). Only the syntax is checked here; the range by the library
 * (`validateSilentFrequencyOption` through {@link checkUsage}).
 */
export function silentFrequencyOption(value: string): SilentFrequencyOption {
  const text = value.trim();
  if (!text.includes('=')) return numberArg(text);
  const out: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const part of text.split(',')) {
    const [locus, f, ...rest] = part.split('=').map((x) => x.trim());
    if (locus === undefined || locus === '' || f === undefined || rest.length > 0) throw new InvalidArgumentError(`expected a number or LOCUS=F,LOCUS=F, got ${JSON.stringify(value)}`);
    if (Object.hasOwn(out, locus)) throw new InvalidArgumentError(`locus given twice (${locus}) in ${JSON.stringify(value)}`);
    out[locus] = numberArg(f);
  }
  return out;
}

/**
 * Runs a library option validator (`validateSearchOptions`, ...); a
 * {@link ValidationError} becomes a usage error (exit 2), each issue printed
 * as `strkin <command>: option <flag>: <code>: <message>`.
 */
export function checkUsage(command: string, flags: Readonly<Record<string, string>>, validate: () => unknown): void {
  try {
    validate();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    for (const issue of error.issues) {
      const name = issue.path[0];
      const flag = typeof name === 'string' ? flags[name] : undefined;
      process.stderr.write(`strkin ${command}: ${flag !== undefined ? `option ${flag}: ` : ''}${issue.code}: ${issue.message}\n`);
    }
    process.stderr.write(`(run strkin ${command} --help for usage)\n`);
    throw new CliExit(EXIT.usage);
  }
}

/** The frequency-table and model flags shared by `search`, `screen` and `power`, as commander gives them. */
export interface ModelFlags {
  readonly frequencies?: string;
  readonly rareAllele?: RareAlleleRule;
  readonly theta: number;
  readonly mutation: MutationModelName;
  readonly threshold?: number;
  readonly format: 'csv' | 'json';
  readonly out?: string;
}

/** The mutation-rate flags of `search`, `lr` and `power`, as commander gives them. */
export interface MutationRateFlags {
  readonly mutationRate?: number;
  readonly mutationRateFemale?: number;
  readonly mutationRateMale?: number;
}

/**
 * Adds `--mutation-rate R`, `--mutation-rate-female R`, `--mutation-rate-male R`
 * (one rate for every locus, replacing the built-in per-locus rates; a
 * sex-specific flag wins over `--mutation-rate` for its sex).
 */
export function addMutationRateOptions(command: Command): Command {
  const rate = numberIn(0, 1);
  return command
    .option('--mutation-rate <R>', 'one mutation rate for every locus and both sexes, in [0, 1], with the --mutation model (default: built-in per-locus rates)', rate)
    .option('--mutation-rate-female <R>', 'mutation rate of maternal transmissions for every locus, in [0, 1] (wins over --mutation-rate)', rate)
    .option('--mutation-rate-male <R>', 'mutation rate of paternal transmissions for every locus, in [0, 1] (wins over --mutation-rate)', rate);
}

/**
 * The rates of the mutation-rate flags, or undefined when none is given. A
 * rate with `--mutation none` is a usage error (exit 2): there is nothing to
 * apply it to.
 */
export function mutationRatesOf(command: string, flags: MutationRateFlags, model: MutationModelName | undefined): MutationRates | undefined {
  const female = flags.mutationRateFemale ?? flags.mutationRate;
  const male = flags.mutationRateMale ?? flags.mutationRate;
  if (female === undefined && male === undefined) return undefined;
  if (model === 'none') {
    process.stderr.write(`strkin ${command}: option --mutation-rate: a mutation rate needs a mutation model (--mutation equal, proportional, stepwise or onestep), not none\n(run strkin ${command} --help for usage)\n`);
    throw new CliExit(EXIT.usage);
  }
  return { ...(female === undefined ? {} : { female }), ...(male === undefined ? {} : { male }) };
}

/** How the mutation settings read in a summary: `stepwise (built-in per-locus rates)` or `equal, rates female 0.001, male 0.001 (every locus)`. */
export function describeMutationSetting(model: MutationModelName, rates: MutationRates | undefined): string {
  if (rates === undefined || model === 'none') return model === 'none' ? 'none' : `${model} (built-in per-locus rates)`;
  const show = (r: number | undefined): string => (r === undefined ? 'built-in per locus' : String(r));
  return `${model}, rates female ${show(rates.female)}, male ${show(rates.male)} (every locus)`;
}

/** The `--mutation` models. */
export const MUTATION_MODELS: readonly MutationModelName[] = ['none', 'equal', 'proportional', 'stepwise', 'onestep'];

/** What {@link addModelOptions} adds besides `--frequencies`, `--theta` and `--mutation`. */
export interface ModelOptionSet {
  /** Help of `--frequencies` (default: built-in table name or frequency file). */
  readonly frequencies?: string;
  /** `--rare-allele` (default true). */
  readonly rareAllele?: boolean;
  /** `--silent-frequency` (default true). */
  readonly silentFrequency?: boolean;
  /** `--mutation-rate`, `--mutation-rate-female`, `--mutation-rate-male` (default true). */
  readonly mutationRates?: boolean;
}

/**
 * Adds the options of the frequency table and the model, the same on every
 * command that builds family tables or LRs: `--frequencies`, `--rare-allele`,
 * `--theta`, `--mutation` (default stepwise), the mutation-rate flags and
 * `--silent-frequency`.
 */
export function addModelOptions(command: Command, set: ModelOptionSet = {}): Command {
  command.option('--frequencies <table>', set.frequencies ?? 'built-in table name or frequency file (default nist1036-cauc)');
  if (set.rareAllele !== false) command.option('--rare-allele <rule>', 'minimum frequency for alleles not in the table: 5/2N, 1/(2N+1), 1/2N, error, or a number', rareAlleleOption);
  command.option('--theta <theta>', 'Balding-Nichols theta, in [0, 1)', numberArg, DEFAULT_THETA);
  command.addOption(new Option('--mutation <model>', 'mutation model with the built-in per-locus rates').choices(MUTATION_MODELS).default('stepwise'));
  if (set.mutationRates !== false) addMutationRateOptions(command);
  if (set.silentFrequency !== false) command.option('--silent-frequency <F>', SILENT_FREQUENCY_HELP, silentFrequencyOption);
  return command;
}

/** `--x-linkage safe|unlinked` (search, index build, demo). */
export function xLinkageOption(): Option {
  return new Option('--x-linkage <mode>', 'loci of one X linkage group (Argus X-12): safe uses every locus for a family whose pedigree is linkage-safe and one per group otherwise (exact under linkage equilibrium), unlinked uses every locus as if unlinked (default safe; docs/lineage.md)').choices(['safe', 'unlinked']);
}
