/**
 * The CLI's file and terminal helpers: the only code of strkin that touches
 * files, processes and terminals (DESIGN.md).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { BUILTIN_TABLES, builtinTable, formatIssue, type FrequencyTable, type Issue, parseFrequencies, StrkinError } from '../index.js';

/** Exit codes of the CLI contract. */
export const EXIT = { ok: 0, invalidInput: 1, usage: 2 } as const;

/** Thrown by commands to stop with an exit code after printing their own messages. */
export class CliExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** Reads a text file, or throws a StrkinError that names the file. */
export function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file-not-found' : 'file-unreadable';
    throw new StrkinError({ code, message: `Cannot read the file (${(error as Error).message})`, path: [], file: path });
  }
}

/** Writes to a file, or to stdout when `path` is undefined or `-`. */
export function writeOutput(text: string, path?: string): void {
  if (path === undefined || path === '-') process.stdout.write(text);
  else writeFileSync(path, text);
}

/** Prints every issue as `file:line: code: message` on stderr. */
export function printIssues(issues: readonly Issue[], file?: string): void {
  for (const issue of issues) process.stderr.write(`${formatIssue(issue, file)}\n`);
}

/** A built-in table name, or a frequency file in any supported layout. */
export function loadFrequencies(nameOrFile: string | undefined): FrequencyTable {
  if (nameOrFile === undefined) return builtinTable();
  if (BUILTIN_TABLES.some((t) => t.name === nameOrFile)) return builtinTable(nameOrFile);
  const text = readText(nameOrFile);
  return parseFrequencies(text, { file: nameOrFile, name: basename(nameOrFile).replace(/\.[^.]*$/, '') });
}

/** JSON with non-finite numbers written as null (JSON has no NaN or Infinity). */
export function toJson(value: unknown, indent = 2): string {
  return `${JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), indent)}\n`;
}

/** Runs a command body, turning StrkinErrors into issue lines and exit code 1. */
export function runReporting(body: () => void, file?: string): never | void {
  try {
    body();
  } catch (error) {
    if (error instanceof StrkinError) {
      printIssues(error.allIssues, file);
      throw new CliExit(EXIT.invalidInput);
    }
    throw error;
  }
}
