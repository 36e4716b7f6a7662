/**
 * Files of the case reports (`strkin lr --report FILE`, `strkin search --report
 * DIR`): input checksums, the verbal scale file, the report folder. The pages
 * themselves are built by the library (src/report); this only writes them.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { BUILTIN_TABLES, ENFSI_VERBAL_SCALE, parseVerbalScale, type ReportInput, StrkinError, type VerbalScale } from '../index.js';
import { CliExit, EXIT, printIssues, readText, runReporting, writeFileSafely } from './files.js';

/** SHA-256 of each input file's bytes (built-in table names are not files and are left out: their checksum is in the provenance). */
export function inputChecksums(files: readonly (string | undefined)[]): ReportInput[] {
  const out: ReportInput[] = [];
  for (const file of new Set(files)) {
    if (file === undefined || BUILTIN_TABLES.some((t) => t.name === file)) continue;
    try {
      out.push({ file, sha256: createHash('sha256').update(readFileSync(file)).digest('hex') });
    } catch {
      // unreadable files were reported when read; a report lists only what it read
    }
  }
  return out;
}

/** The verbal scale of `--verbal-scale FILE` (JSON, docs/analyst-guide.md), or the ENFSI scale. A bad file: exit 1. */
export function loadVerbalScale(file: string | undefined): VerbalScale {
  if (file === undefined) return ENFSI_VERBAL_SCALE;
  return runReporting(() => parseVerbalScale(readText(file), file), file);
}

/** Parses `--prior`: a probability strictly between 0 and 1, as a usage error otherwise. */
export function priorOption(value: string): number {
  const x = Number(value);
  if (value.trim() === '' || !(x > 0 && x < 1)) throw new InvalidArgumentError(`expected a probability in (0, 1), got ${JSON.stringify(value)}`);
  return x;
}

/** The layout of `strkin lr --report FILE`, from its extension. */
export type ReportLayout = 'html' | 'json' | 'csv';

/** `html` for `.html`/`.htm`, `json`, `csv`; anything else is a usage error (`report-extension`, exit 2). */
export function reportLayout(file: string): ReportLayout {
  const ext = extname(file).toLowerCase();
  if (ext === '.html' || ext === '.htm') return 'html';
  if (ext === '.json') return 'json';
  if (ext === '.csv') return 'csv';
  printIssues([{ code: 'report-extension', message: `The report file must end in .html, .json or .csv; the layout follows the extension (--report = ${JSON.stringify(file)})`, path: ['--report'], file }]);
  throw new CliExit(EXIT.usage);
}

/**
 * Checks, before any work, that `dir` can take a search report: absent, an
 * empty folder, or any folder with `--force` (files of the same names are then
 * replaced). A file, or a folder with files without `--force`, is a usage
 * error (`out-is-file`, `out-exists`, exit 2).
 */
export function checkReportDir(dir: string, force: boolean | undefined): void {
  let stat: ReturnType<typeof statSync> | undefined;
  try {
    stat = statSync(dir);
  } catch {
    return;
  }
  const fail = (code: string, message: string): never => {
    printIssues([{ code, message: `${message} (--report = ${JSON.stringify(dir)})`, path: ['--report'], file: dir }]);
    throw new CliExit(EXIT.usage);
  };
  if (!stat.isDirectory()) fail('out-is-file', 'The search report is a folder; this path is a file');
  if (force !== true && readdirSync(dir).length > 0) fail('out-exists', 'The report folder is not empty; give --force to replace its pages, or another folder');
}

/** Writes the files of a search report under `dir` (creating it and its sub-folders); each file whole or not at all. */
export function writeReportDir(dir: string, files: readonly { readonly path: string; readonly text: string }[]): void {
  try {
    mkdirSync(dir, { recursive: true });
    for (const f of files) {
      const target = join(dir, f.path);
      mkdirSync(join(target, '..'), { recursive: true });
      writeFileSafely(target, f.text);
    }
  } catch (error) {
    if (error instanceof StrkinError) {
      printIssues(error.allIssues);
      throw new CliExit(EXIT.invalidInput);
    }
    const e = error as NodeJS.ErrnoException;
    printIssues([{ code: 'write-failed', message: `Cannot write the report folder (${e.code ?? ''}: ${e.message})`, path: ['--report'], file: dir }]);
    throw new CliExit(EXIT.invalidInput);
  }
}
