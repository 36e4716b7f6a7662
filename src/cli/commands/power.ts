/**
 * `strkin power`: per family and missing person, how identifiable the child
 * would be (exclusion power, expected log10 LR, P(LR ≥ t) under H1 and H2,
 * P(identified)), lowest P(identified) first.
 */
import { validateSilentFrequencyOption, type SilentFrequencyOption, describeFrequencyOptions, type MutationModelName, parseFamilies, type PowerResult, type RareAlleleRule, StrkinError, validatePowerOptions, writePowerCsv, writePowerJson } from '../../index.js';
import { CliExit, EXIT, runReporting, loadFrequencies, printIssues, readText, writeOutput } from '../files.js';
import { checkUsage, describeMutationSetting, mutationRatesOf, type MutationRateFlags } from '../options.js';
import { runPowerParallel } from '../parallelPower.js';
import { powerHtmlReport } from '../powerHtmlReport.js';
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
  readonly identify?: number;
  readonly priorInDatabase?: number;
  readonly databaseSize?: number;
  readonly gridStep?: number;
  readonly loci?: string;
  readonly format: 'csv' | 'json';
  readonly out?: string;
  readonly threads?: number;
  readonly suggestions?: number;
  readonly candidates?: string;
  /** `--silent-frequency`: every locus, or per locus (default none). */
  readonly silentFrequency?: SilentFrequencyOption;
  readonly report?: string;
}

const POWER_FLAGS: Readonly<Record<string, string>> = {
  threshold: '--threshold',
  identify: '--identify',
  priorInDatabase: '--prior-in-database',
  databaseSize: '--database-size',
  gridStep: '--grid-step',
  theta: '--theta',
  suggestions: '--suggestions',
};
const DECISION_KEYS = ['identify', 'priorInDatabase', 'databaseSize'] as const;
const decisionOptions = (options: PowerCommandOptions): { identify?: number; priorInDatabase?: number; databaseSize?: number } =>
  Object.fromEntries(DECISION_KEYS.filter((k) => options[k] !== undefined).map((k) => [k, options[k] as number]));

/** Runs the command. */
export async function powerCommand(options: PowerCommandOptions): Promise<void> {
  const started = performance.now();
  checkUsage('power', POWER_FLAGS, () => {
    validatePowerOptions({
      ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
      ...decisionOptions(options),
      ...(options.gridStep !== undefined ? { gridStep: options.gridStep } : {}),
      ...(options.suggestions !== undefined ? { suggestions: options.suggestions } : {}),
    });
  });
  checkUsage('power', { silentFrequency: '--silent-frequency' }, () => validateSilentFrequencyOption(options.silentFrequency));
  const mutationRates = mutationRatesOf('power', options, options.mutation);
  const table = runReporting(() => loadFrequencies(options.frequencies), options.frequencies);
  const references = readProfileFiles(options.profiles ?? []);
  const parsed = runReporting(() => parseFamilies(readText(options.families), { file: options.families, profiles: references }), options.families);
  printIssues(parsed.issues, options.families);
  const frequencyOptions = options.rareAllele !== undefined ? { rareAllele: options.rareAllele } : {};
  const loci = options.loci === undefined ? undefined : runReporting(() => resolveLoci(options.loci as string));
  const powerOptions = {
    frequencies: table,
    frequencyOptions,
    mutation: options.mutation,
    theta: options.theta,
    ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
    ...decisionOptions(options),
    ...(options.gridStep !== undefined ? { gridStep: options.gridStep } : {}),
    ...(loci !== undefined ? { loci } : {}),
    ...(options.threads !== undefined ? { threads: options.threads } : {}),
    ...(options.suggestions !== undefined ? { suggestions: options.suggestions } : {}),
    ...(options.silentFrequency !== undefined ? { silentFrequency: options.silentFrequency } : {}),
    ...(options.candidates !== undefined ? { candidates: options.candidates.split(',').map((c) => c.trim()).filter((c) => c !== '') } : {}),
  };
  let result: PowerResult;
  try {
    result = await runPowerParallel(parsed.families, powerOptions);
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
  if (options.report !== undefined) {
    const { threads: _t, ...libraryOptions } = powerOptions;
    writeOutput(await powerHtmlReport(result, parsed.families, libraryOptions), options.report);
  }
  const seconds = (performance.now() - started) / 1000;
  const below = result.rows.filter((r) => r.pIdentified < 0.5).length;
  process.stderr.write(
    [
      `families: ${parsed.families.length + parsed.rejected.length} in, ${result.rows.length} rows (family, missing person), ${result.rejected.length + parsed.rejected.length} rejected`,
      `P(identified) below 0.5: ${below} rows (posterior >= ${result.settings.identify} with prior ${result.settings.priorInDatabase} among ${result.settings.databaseSizeUsed} targets: LR >= ${result.settings.identificationLR.toPrecision(4)}); grid step ${result.settings.gridStep} log10; time ${seconds.toFixed(1)} s`,
      `frequencies ${table.name} (${table.checksum.slice(0, 12)}), ${describeFrequencyOptions(frequencyOptions)}; mutation ${describeMutationSetting(options.mutation, mutationRates)}; theta ${options.theta}`,
    ].join('\n') + '\n',
  );
}
