/**
 * One problem found in an input. Every problem of an input is collected before
 * an error is thrown, so a user fixes a file once, not once per run.
 */
export interface Issue {
  /** Stable machine-readable code, e.g. `unknown-locus`, `frequency-sum`. Part of the API. */
  readonly code: string;
  /** Human-readable message: `<what went wrong> (<field> = <value>)`. */
  readonly message: string;
  /** Where in a structured value the problem is (e.g. `['loci', 'TH01', '9.3']`). */
  readonly path: readonly (string | number)[];
  /** File name, where the input came from a file. */
  readonly file?: string;
  /** 1-based line number in the file, where there is one. */
  readonly line?: number;
  /** 1-based column number, where there is one. */
  readonly column?: number;
  /** `error` (the input cannot be used as it is) or `warning` (used, with a note). Default `error`. */
  readonly severity?: 'error' | 'warning';
}

/** Formats an issue as `file:line: code: message` (the CLI's stderr format). */
export function formatIssue(issue: Issue, fallbackFile?: string): string {
  const file = issue.file ?? fallbackFile;
  const where = file !== undefined ? (issue.line !== undefined ? `${file}:${issue.line}` : file) : issue.line !== undefined ? `line ${issue.line}` : '';
  return `${where === '' ? '' : `${where}: `}${issue.code}: ${issue.message}`;
}

/**
 * The one error type strkin throws. `issues` lists every problem of severity
 * `error` found (at least one); they alone give the error its `code` and
 * message. Warnings collected on the way travel beside them in `warnings`
 * and never name the error (a file rejected for a bad allele is not a
 * `y-str` error because a Y-STR was set aside first). `allIssues` lists both
 * in the order they were found (what the CLI prints).
 *
 * @example
 * ```ts
 * try { parseAllele('9,3'); } catch (e) { if (e instanceof StrkinError) console.log(e.code, e.issues[0]?.message, e.warnings.length); }
 * ```
 */
export class StrkinError extends Error {
  override readonly name: string = 'StrkinError';
  /** Every problem of severity `error` (at least one). */
  readonly issues: readonly Issue[];
  /** Warnings found with the errors (loci set aside, loose matches, ...): informative, never the reason of the error. */
  readonly warnings: readonly Issue[];
  /** Errors and warnings in the order they were found. */
  readonly allIssues: readonly Issue[];

  /**
   * Builds the error from the issues of an input; issues of severity
   * `warning` go to `warnings`. An error given warnings only (a misuse:
   * strkin throws only when there is an error) keeps them as its `issues`,
   * so that it still says what it is about.
   */
  constructor(issues: readonly Issue[] | Issue, message?: string) {
    const list = Array.isArray(issues) ? (issues as readonly Issue[]) : [issues as Issue];
    const errors = list.filter((i) => i.severity !== 'warning');
    const named = errors.length > 0 ? errors : list;
    const first = named[0];
    const head = message ?? (first !== undefined ? formatIssue(first) : 'invalid input');
    super(named.length > 1 && message === undefined ? `${head} (and ${named.length - 1} more issue${named.length > 2 ? 's' : ''})` : head);
    this.issues = named;
    this.warnings = errors.length > 0 ? list.filter((i) => i.severity === 'warning') : [];
    this.allIssues = list;
  }

  /** The stable code of the first error. */
  get code(): string {
    return this.issues[0]?.code ?? 'invalid';
  }
}

/** A file or text that cannot be read (bad layout, bad value, unknown name). */
export class ParseError extends StrkinError {
  override readonly name: string = 'ParseError';
}

/** A value built in code (pedigree, frequency table, options) that breaks a rule. */
export class ValidationError extends StrkinError {
  override readonly name: string = 'ValidationError';
}

/** A statistical model that cannot be applied to these data (e.g. too costly, unsupported combination). */
export class ModelError extends StrkinError {
  override readonly name: string = 'ModelError';
}

/** The result of a `safeParseX` function: never throws. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: StrkinError };

/** Runs `fn`, turning a thrown {@link StrkinError} into `{ ok: false }`; other exceptions are bugs and propagate. */
export function safely<T>(fn: () => T): Result<T> {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    if (error instanceof StrkinError) return { ok: false, error };
    throw error;
  }
}

/** Collects issues while reading an input, then throws them all at once. */
export class IssueCollector {
  readonly issues: Issue[] = [];
  constructor(readonly file?: string) {}

  add(issue: Omit<Issue, 'file'> & { file?: string }): void {
    const file = issue.file ?? this.file;
    this.issues.push(file === undefined ? issue : { ...issue, file });
  }

  get errors(): Issue[] {
    return this.issues.filter((i) => i.severity !== 'warning');
  }

  get warnings(): Issue[] {
    return this.issues.filter((i) => i.severity === 'warning');
  }

  /**
   * Throws an error of the given class if any issue of severity `error` was
   * collected: its code and message come from the first error, and the
   * warnings travel beside the errors (see {@link StrkinError}).
   */
  throwIfAny(ErrorClass: new (issues: readonly Issue[]) => StrkinError = ParseError): void {
    if (this.errors.length > 0) throw new ErrorClass(this.issues);
  }
}
