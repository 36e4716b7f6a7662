/**
 * `strkin screen`: pairwise screening (the library's `screenRelatives`): every
 * unidentified profile against every reference person as parent-child, full
 * sibling or half sibling, without families. Rows as `strkin search`, the
 * family column naming `reference~relationship`.
 */
import { describeFrequencyOptions, RELATIONSHIPS, type Relationship, screenRelatives, type SearchResult, StrkinError, validateSearchOptions, writeSearchCsv, writeSearchJson } from '../../index.js';
import { CliExit, EXIT, runReporting, checkOutputs, loadFrequencies, printIssues, writeOutput } from '../files.js';
import { checkUsage, type ModelFlags } from '../options.js';
import { readProfileFiles, searchSummary } from './search.js';

export interface ScreenOptions extends ModelFlags {
  readonly unidentified: string[];
  readonly references: string[];
  readonly relationships: string;
  readonly top: number;
  readonly minLoci: number;
  readonly force?: boolean;
  readonly quiet?: boolean;
}

const FLAGS: Readonly<Record<string, string>> = { theta: '--theta', topK: '--top', minLoci: '--min-loci', threshold: '--threshold' };

/** Parses `--relationships`: a comma-separated list of relationship names (usage error otherwise). */
export function parseRelationships(text: string): Relationship[] {
  const names = text.split(',').map((x) => x.trim()).filter((x) => x !== '');
  const known = (RELATIONSHIPS as readonly string[]).filter((r) => r !== 'unrelated');
  const bad = names.filter((n) => !known.includes(n));
  if (names.length === 0 || bad.length > 0) {
    process.stderr.write(`strkin screen: option --relationships: bad-option: Unknown relationship; use a comma-separated list of ${known.join(', ')} (relationships = ${JSON.stringify(text)})\n(run strkin screen --help for usage)\n`);
    throw new CliExit(EXIT.usage);
  }
  return [...new Set(names)] as Relationship[];
}

export function screenCommand(options: ScreenOptions): void {
  const started = performance.now();
  const relationships = parseRelationships(options.relationships);
  checkUsage('screen', FLAGS, () =>
    validateSearchOptions({ theta: options.theta, topK: options.top, minLoci: options.minLoci, ...(options.threshold !== undefined ? { threshold: options.threshold } : {}) }),
  );
  checkOutputs([[options.out, '--out']], [...options.unidentified, ...options.references, options.frequencies], options.force);
  const table = runReporting(() => loadFrequencies(options.frequencies), options.frequencies);
  const children = readProfileFiles(options.unidentified);
  const references = readProfileFiles(options.references);
  const frequencyOptions = options.rareAllele !== undefined ? { rareAllele: options.rareAllele } : {};
  let result: SearchResult;
  try {
    result = screenRelatives(children, references, {
      frequencies: table,
      frequencyOptions,
      mutation: options.mutation,
      theta: options.theta,
      topK: options.top,
      minLoci: options.minLoci,
      relationships,
      ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
    });
  } catch (error) {
    if (error instanceof StrkinError) {
      printIssues(error.allIssues);
      throw new CliExit(EXIT.invalidInput);
    }
    throw error;
  }
  writeOutput(options.format === 'json' ? writeSearchJson(result, 2) : writeSearchCsv(result), options.out);
  if (options.quiet === true) return;
  process.stderr.write(`screen: ${children.length} unidentified x ${references.length} references x ${relationships.length} relationships (${relationships.join(', ')}); each "family" is reference~relationship\n`);
  process.stderr.write(`${searchSummary(result, (performance.now() - started) / 1000)}\n`);
  process.stderr.write(`frequencies ${table.name} (${table.checksum.slice(0, 12)}), ${describeFrequencyOptions(frequencyOptions)}; mutation ${options.mutation}; theta ${options.theta}\n`);
}
