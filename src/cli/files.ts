/**
 * The CLI's file and terminal helpers: the only code of strkin that touches
 * files, processes and terminals (DESIGN.md).
 */
import { accessSync, chmodSync, closeSync, constants, fsyncSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { hintLines } from './hints.js';
import { BUILTIN_TABLES, builtinTable, decodeText, formatIssue, type FrequencyTable, type Issue, parseFrequencies, StrkinError } from '../index.js';

/** Exit codes of the CLI contract. */
export const EXIT = { ok: 0, invalidInput: 1, usage: 2 } as const;

/** Thrown by commands to stop with an exit code after printing their own messages. */
export class CliExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** Default largest input file, in MiB (`--max-file-size`): reading takes about 5 times the file size in memory. */
export const DEFAULT_MAX_FILE_MIB = 256;
/** Largest `--max-file-size`, in MiB: V8 cannot hold a longer string (about 2^29 characters). */
export const MAX_FILE_MIB_LIMIT = 512;

let maxFileBytes = DEFAULT_MAX_FILE_MIB * 1024 * 1024;

/** Sets the largest input file read, in MiB (the `--max-file-size` option). */
export function setMaxFileSize(mib: number): void {
  maxFileBytes = Math.floor(mib * 1024 * 1024);
}

/**
 * Reads a text file, or throws a StrkinError that names the file: `file-not-found`,
 * `file-unreadable` (also a folder), `file-too-large` (checked from the size
 * before anything is read), `bad-encoding` (not valid UTF-8; never replaced by
 * U+FFFD). UTF-16 files with a byte-order mark are decoded; CR-only line ends read as line ends.
 */
export function readText(path: string): string {
  let bytes: Buffer;
  try {
    const size = statSync(path).size;
    if (size > maxFileBytes) {
      const mib = (n: number): string => (n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0);
      throw new StrkinError({
        code: 'file-too-large',
        message: `The file is larger than the ${mib(maxFileBytes)} MiB limit; split it, or raise the limit with --max-file-size (at most ${MAX_FILE_MIB_LIMIT}) (size = ${mib(size)} MiB)`,
        path: [],
        file: path,
      });
    }
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof StrkinError) throw error;
    const errno = (error as NodeJS.ErrnoException).code;
    const code = errno === 'ENOENT' ? 'file-not-found' : 'file-unreadable';
    throw new StrkinError({ code, message: `Cannot read the file (${errnoText(error)})`, path: [], file: path });
  }
  return decodeText(bytes, { file: path });
}

/** Writes to a file (safely, see {@link writeFileSafely}), or to stdout when `path` is undefined or `-`. */
export function writeOutput(text: string, path?: string): void {
  if (path === undefined || path === '-') process.stdout.write(text);
  else writeFileSafely(path, text);
}

const errnoText = (error: unknown): string => {
  const e = error as NodeJS.ErrnoException;
  return e.code !== undefined ? `${e.code}: ${e.message.replace(/^[A-Z]+: /, '')}` : String((error as Error).message ?? error);
};

/**
 * Checks, before any work starts, that `path` can take an output file: not a
 * directory, its folder exists and is writable, an existing file is writable.
 * Throws a StrkinError (`out-is-directory`, `out-folder-missing`,
 * `out-not-writable`) naming the option and the file; `-` (stdout) always passes.
 */
export function checkOutputPath(path: string | undefined, option = '--out'): void {
  if (path === undefined || path === '-') return;
  const fail = (code: string, message: string): never => {
    throw new StrkinError({ code, message: `${message} (${option} = ${JSON.stringify(path)})`, path: [option], file: path });
  };
  if (path === '' || path.endsWith('/') || path.endsWith('\\')) fail('out-is-directory', 'The output must be a file, not a folder');
  let existing: ReturnType<typeof statSync> | undefined;
  try {
    existing = statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') fail('out-not-writable', `Cannot use the output file (${errnoText(error)})`);
  }
  if (existing?.isDirectory() === true) fail('out-is-directory', 'The output is a folder; give a file name');
  const folder = dirname(resolve(path));
  let folderStat: ReturnType<typeof statSync> | undefined;
  try {
    folderStat = statSync(folder);
  } catch {
    folderStat = undefined;
  }
  if (folderStat === undefined) fail('out-folder-missing', `The output folder does not exist (folder = ${JSON.stringify(folder)})`);
  if (folderStat?.isDirectory() !== true) fail('out-folder-missing', `The output folder is not a folder (folder = ${JSON.stringify(folder)})`);
  try {
    if (existing !== undefined) accessSync(path, constants.W_OK);
    if (existing === undefined || existing.isFile()) accessSync(folder, constants.W_OK);
  } catch (error) {
    fail('out-not-writable', `The output cannot be written (${errnoText(error)})`);
  }
}

/** Same file on disk (following links), for paths that may not exist. */
function sameFile(a: string, b: string): boolean {
  const real = (p: string): string => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  return real(a) === real(b);
}

/**
 * Refuses an output path that names one of the input files (`out-is-input`):
 * writing the result over its own input would destroy it.
 */
export function checkNotInput(out: string | undefined, inputs: readonly (string | undefined)[], option = '--out'): void {
  if (out === undefined || out === '-') return;
  for (const input of inputs) {
    if (input !== undefined && sameFile(out, input)) {
      throw new StrkinError({ code: 'out-is-input', message: `The output would overwrite an input file (${option} = ${JSON.stringify(out)}, input = ${JSON.stringify(input)})`, path: [option], file: out });
    }
  }
}

/**
 * Writes `text` to `path` without ever leaving a half-written file: the text
 * goes to a temporary file beside the target (same folder, so the rename is
 * atomic), is flushed to disk, and replaces the target by a rename. On any
 * failure (full disk, file-size limit, permissions) the temporary file is
 * removed, an existing target is left untouched, and a StrkinError
 * `write-failed` names the file. A target that exists and is not a regular file
 * (`/dev/stdout`, a pipe, `/dev/full`) is written directly: there is nothing
 * to replace, and its write errors are reported the same way.
 */
export function writeFileSafely(pathIn: string, text: string | Uint8Array): void {
  checkOutputPath(pathIn);
  // Through a symbolic link: replace the file it points to, not the link.
  let path = pathIn;
  try {
    path = realpathSync(pathIn);
  } catch {
    path = pathIn;
  }
  const fail = (error: unknown): never => {
    throw new StrkinError({ code: 'write-failed', message: `Cannot write the output file; nothing was replaced (${errnoText(error)})`, path: [], file: path });
  };
  const data = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  let existing: ReturnType<typeof statSync> | undefined;
  try {
    existing = statSync(path);
  } catch {
    existing = undefined;
  }
  const writeAll = (fd: number): void => {
    let done = 0;
    while (done < data.length) done += writeSync(fd, data, done, data.length - done);
  };
  if (existing !== undefined && !existing.isFile()) {
    let fd: number | undefined;
    try {
      fd = openSync(path, 'w');
      writeAll(fd);
    } catch (error) {
      fail(error);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    return;
  }
  const temp = join(dirname(resolve(path)), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.strkin-tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', existing !== undefined ? existing.mode & 0o777 : 0o666);
    writeAll(fd);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    if (existing !== undefined) chmodSync(temp, existing.mode & 0o777);
    renameSync(temp, path);
  } catch (error) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // already reported below
      }
    }
    try {
      unlinkSync(temp);
    } catch {
      // not created
    }
    fail(error);
  }
}

/** Prints every issue as `file:line: code: message` on stderr, then a `hint:` line for each common error (src/cli/hints.ts) unless `hints` is false. */
export function printIssues(issues: readonly Issue[], file?: string, hints = true): void {
  for (const issue of issues) process.stderr.write(`${formatIssue(issue, file)}\n`);
  if (hints) for (const line of hintLines(issues)) process.stderr.write(`${line}\n`);
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

/** Runs a command body (or the reading of one input) and returns its value, turning StrkinErrors into issue lines (`file` the default file name) and exit code 1. */
export function runReporting<T>(body: () => T, file?: string): T {
  try {
    return body();
  } catch (error) {
    if (error instanceof StrkinError) {
      printIssues(error.allIssues, file);
      throw new CliExit(EXIT.invalidInput);
    }
    throw error;
  }
}

/**
 * Refuses to replace an existing regular file unless `--force` is given
 * (`out-exists`): a result handed to a reviewer is never overwritten by
 * mistake. Devices and pipes (`/dev/stdout`) are not files that get replaced.
 */
export function checkNoOverwrite(path: string | undefined, force: boolean | undefined, option = '--out'): void {
  if (path === undefined || path === '-' || force === true) return;
  let existing: ReturnType<typeof statSync> | undefined;
  try {
    existing = statSync(path);
  } catch {
    return;
  }
  if (existing.isFile()) {
    throw new StrkinError({ code: 'out-exists', message: `The output file exists; give --force to replace it, or another name (${option} = ${JSON.stringify(path)})`, path: [option], file: path });
  }
}

/**
 * Checks every output of a command before any work: each path can take a file
 * ({@link checkOutputPath}), names no input ({@link checkNotInput}), replaces no
 * existing file without `--force` ({@link checkNoOverwrite}), and no two outputs
 * name the same file. A problem is a usage error: printed, exit 2.
 */
export function checkOutputs(outputs: readonly (readonly [string | undefined, string])[], inputs: readonly (string | undefined)[], force: boolean | undefined): void {
  try {
    const seen = new Map<string, string>();
    for (const [path, option] of outputs) {
      checkOutputPath(path, option);
      checkNotInput(path, inputs, option);
      checkNoOverwrite(path, force, option);
      if (path === undefined || path === '-') continue;
      const other = seen.get(resolve(path));
      if (other !== undefined) throw new StrkinError({ code: 'bad-option', message: `${other} and ${option} name the same file (file = ${JSON.stringify(path)})`, path: [option] });
      seen.set(resolve(path), option);
    }
  } catch (error) {
    if (error instanceof StrkinError) {
      printIssues(error.issues);
      throw new CliExit(EXIT.usage);
    }
    throw error;
  }
}
