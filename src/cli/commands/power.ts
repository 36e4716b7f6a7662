/**
 * `strkin power`: per family and missing person, how identifiable the child
 * would be (exclusion power, expected log10 LR, P(LR ≥ t) under H1 and H2,
 * P(identified)), lowest P(identified) first.
 */
import { describeFrequencyOptions, type MutationModelName, parseFamilies, type PowerResult, type RareAlleleRule, StrkinError, validatePowerOptions, writePowerCsv, writePowerJson } from '../../index.js';
import { CliExit, EXIT, runReporting, loadFrequencies, printIssues, readText, writeOutput } from '../files.js';
import { checkUsage, describeMutationSetting, mutationRatesOf, type MutationRateFlags } from '../options.js';
import { runPowerParallel } from '../parallelPower.js';
import { readProfileFiles } from './search.js';
import { resolveLoci } from './simulate.js';

export interface PowerCommandOptions extends MutationRateFlags {
  readonly families: string;
  readonly profiles?: string[];
  readonly frequencies?: string;
  readonly rareAllele?: RareAlleleRule;
  readonly theta: number;
  readonly mutation: MutationModelName;
  readonly threshold?: number;
  readonly gridStep?: number;
  readonly loci?: string;
  readonly format: 'csv' | 'json';
  readonly out?: string;
  readonly threads?: number;
  readonly suggestions?: number;
  readonly candidates?: string;
}

const POWER_FLAGS: Readonly<Record<string, string>> = { threshold: '--threshold', gridStep: '--grid-step', theta: '--theta', suggestions: '--suggestions' };

/** Runs the command. */
export async function powerCommand(options: PowerCommandOptions): Promise<void> {
  const started = performance.now();
  checkUsage('power', POWER_FLAGS, () => {
    validatePowerOptions({
      ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
      ...(options.gridStep !== undefined ? { gridStep: options.gridStep } : {}),
      ...(options.suggestions !== undefined ? { suggestions: options.suggestions } : {}),
    });
  });
  const mutationRates = mutationRatesOf('power', options, options.mutation);
  const table = runReporting(() => loadFrequencies(options.frequencies), options.frequencies);
  const references = readProfileFiles(options.profiles ?? []);
  const parsed = runReporting(() => parseFamilies(readText(options.families), { file: options.families, profiles: references }), options.families);
  printIssues(parsed.issues, options.families);
  const frequencyOptions = options.rareAllele !== undefined ? { rareAllele: options.rareAllele } : {};
  let result: PowerResult;
  try {
    result = await runPowerParallel(parsed.families, {
      frequencies: table,
      frequencyOptions,
      mutation: options.mutation,
      ...(mutationRates !== undefined ? { mutationRates } : {}),
      theta: options.theta,
      ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
      ...(options.gridStep !== undefined ? { gridStep: options.gridStep } : {}),
      ...(options.loci !== undefined ? { loci: resolveLoci(options.loci) } : {}),
      ...(options.threads !== undefined ? { threads: options.threads } : {}),
      ...(options.suggestions !== undefined ? { suggestions: options.suggestions } : {}),
      ...(options.candidates !== undefined ? { candidates: options.candidates.split(',').map((c) => c.trim()).filter((c) => c !== '') } : {}),
    });
  } catch (error) {
    if (error instanceof StrkinError) {
      printIssues(error.allIssues);
      throw new CliExit(EXIT.invalidInput);
    }
    throw error;
  }
  for (const r of parsed.rejected) process.stderr.write(`${options.families}: rejected-family: family ${r.id} rejected: ${r.reasons.join('; ')}\n`);
  for (const r of result.rejected) process.stderr.write(`${options.families}: rejected-family: family ${r.id} rejected: ${r.reasons.join('; ')}\n`);
  writeOutput(options.format === 'json' ? writePowerJson(result, 2) : writePowerCsv(result), options.out);
  const seconds = (performance.now() - started) / 1000;
  const below = result.rows.filter((r) => r.pIdentified < 0.5).length;
  process.stderr.write(
    [
      `families: ${parsed.families.length + parsed.rejected.length} in, ${result.rows.length} rows (family, missing person), ${result.rejected.length + parsed.rejected.length} rejected`,
      `P(LR >= ${result.settings.threshold} | H1) below 0.5: ${below} rows; grid step ${result.settings.gridStep} log10; time ${seconds.toFixed(1)} s`,
      `frequencies ${table.name} (${table.checksum.slice(0, 12)}), ${describeFrequencyOptions(frequencyOptions)}; mutation ${describeMutationSetting(options.mutation, mutationRates)}; theta ${options.theta}`,
    ].join('\n') + '\n',
  );
}
