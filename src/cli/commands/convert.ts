/**
 * `strkin convert IN... --to genemapper|wide|cmf|json --out FILE`: profiles between
 * the layouts strkin reads and writes, with a full count: profiles in =
 * profiles written + profiles rejected (each rejection named with its reason).
 */
import { type Issue, parseProfiles, type Profile, type ProfileFormat, StrkinError, writeProfilesCmf, writeProfilesCsv, writeProfilesJson } from '../../index.js';
import { CliExit, EXIT, checkOutputs, printIssues, readText, writeOutput } from '../files.js';

/** Layouts `--to` names. */
export const CONVERT_TARGETS = ['genemapper', 'wide', 'cmf', 'json'] as const;
export type ConvertTarget = (typeof CONVERT_TARGETS)[number];

export interface ConvertOptions {
  readonly to: ConvertTarget;
  readonly from?: ProfileFormat;
  readonly out?: string;
  readonly force?: boolean;
  readonly quiet?: boolean;
}

const where = (p: Profile): string => `${p.source?.file ?? ''}${p.source?.line !== undefined ? `:${p.source.line}` : ''}`;

/** Runs the command. Exit 0 when every profile read was written; 1 when a file could not be read or a profile was rejected (the others are still written). */
export function convertCommand(files: readonly string[], options: ConvertOptions): void {
  checkOutputs([[options.out, '--out']], files, options.force);
  const errors: Issue[] = [];
  const kept: Profile[] = [];
  const firstSeen = new Map<string, Profile>();
  const rejected: string[] = [];
  let read = 0;
  let setAside = 0;
  for (const file of files) {
    try {
      const result = parseProfiles(readText(file), { file, ...(options.from !== undefined ? { format: options.from } : {}) });
      printIssues(result.issues, file);
      for (const p of result.profiles) {
        read++;
        setAside += p.skipped.length;
        const first = firstSeen.get(p.sample);
        if (first !== undefined) {
          rejected.push(`${where(p)}: duplicate-sample: Sample already read from another file; this one is not written (sample = ${JSON.stringify(p.sample)}, first = ${JSON.stringify(where(first))})`);
          continue;
        }
        firstSeen.set(p.sample, p);
        kept.push(p);
      }
    } catch (error) {
      if (!(error instanceof StrkinError)) throw error;
      for (const i of error.allIssues) errors.push({ ...i, file: i.file ?? file });
    }
  }
  if (errors.length > 0) {
    printIssues(errors);
    process.stderr.write(`convert: nothing written: ${new Set(errors.map((e) => e.file)).size} of ${files.length} files could not be read\n`);
    throw new CliExit(EXIT.invalidInput);
  }
  for (const line of rejected) process.stderr.write(`${line}\n`);
  let text: string;
  try {
    text = options.to === 'json' ? writeProfilesJson(kept) : options.to === 'cmf' ? writeProfilesCmf(kept) : writeProfilesCsv(kept, { layout: options.to });
  } catch (error) {
    if (error instanceof StrkinError) {
      printIssues(error.allIssues);
      throw new CliExit(EXIT.invalidInput);
    }
    throw error;
  }
  writeOutput(text, options.out);
  if (options.quiet !== true) {
    const lost = options.to !== 'json' && setAside > 0 ? `; ${setAside} set-aside loci (listed above) are kept only by --to json` : '';
    const noFamily = options.to === 'cmf' && kept.some((p) => p.family !== undefined || p.relationship !== undefined) ? '; family and relationship columns are not carried by CMF' : '';
    process.stderr.write(`convert: ${read} profiles in (${files.length} file${files.length === 1 ? '' : 's'}), ${kept.length} written as ${options.to}, ${rejected.length} rejected${lost}${noFamily}\n`);
  }
  if (rejected.length > 0) throw new CliExit(EXIT.invalidInput);
}
