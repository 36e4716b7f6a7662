/**
 * `strkin validate FILE... [--json] [--kind K] [--format F]`: reads profile or
 * frequency files (kind and layout detected), prints a summary or every issue.
 */
import { detectFrequencyFormat, type FrequencyTable, type Issue, parseFrequencies, parseProfiles, type Profile, type ProfileFormat, StrkinError } from '../../index.js';
import { CliExit, EXIT, printIssues, readText, toJson } from '../files.js';

/** What a file holds. */
export type FileKind = 'profiles' | 'frequencies';

/** Tells a frequency file from a profile file by its content. */
export function detectKind(text: string, file: string): FileKind {
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('<')) return /<\s*(\w+:)?frequencies[\s>]/i.test(head.slice(0, 2000)) ? 'frequencies' : 'profiles';
  if (head.startsWith('{') || head.startsWith('[')) return 'profiles';
  const format = detectFrequencyFormat(text, file);
  return format === 'wide' || format === 'long' || format === 'merlin' || format === 'list' ? 'frequencies' : 'profiles';
}

export interface ValidateOptions {
  readonly json?: boolean;
  readonly kind?: FileKind;
  readonly format?: string;
}

interface FileReport {
  readonly file: string;
  readonly kind: FileKind;
  readonly profiles: Profile[];
  readonly table?: FrequencyTable;
  readonly issues: Issue[];
  readonly valid: boolean;
}

function validateFile(file: string, options: ValidateOptions): FileReport {
  let kind: FileKind = options.kind ?? 'profiles';
  try {
    const text = readText(file);
    const implied: FileKind | undefined = options.format === undefined || options.format === 'wide' || options.format === 'json' ? undefined : PROFILE_FORMATS.includes(options.format) ? 'profiles' : 'frequencies';
    kind = options.kind ?? implied ?? detectKind(text, file);
    if (kind === 'frequencies' && options.format === 'json') kind = 'profiles';
    if (kind === 'frequencies') {
      const table = parseFrequencies(text, { file, ...(options.format ? { format: options.format as never } : {}) });
      return { file, kind, profiles: [], table, issues: [...(table.warnings ?? [])].map((i) => ({ ...i, file })), valid: true };
    }
    const result = parseProfiles(text, { file, ...(options.format ? { format: options.format as ProfileFormat } : {}) });
    return { file, kind, profiles: result.profiles, issues: result.issues, valid: true };
  } catch (error) {
    if (!(error instanceof StrkinError)) throw error;
    return { file, kind, profiles: [], issues: error.allIssues.map((i) => ({ ...i, file: i.file ?? file })), valid: false };
  }
}

function summary(report: FileReport): string {
  if (report.kind === 'frequencies' && report.table !== undefined) {
    const t = report.table;
    const loci = Object.keys(t.loci);
    return `${report.file}: frequency table ${t.name}, ${loci.length} loci${t.n !== undefined ? `, N = ${t.n}` : ''}, checksum ${t.checksum.slice(0, 16)}\n`;
  }
  const lines = [`${report.file}: ${report.profiles.length} profile${report.profiles.length === 1 ? '' : 's'}`];
  for (const p of report.profiles) {
    const loci = Object.keys(p.genotypes).length;
    const aside = p.skipped.map((s) => `${s.locus} (${s.reason})`).join(', ');
    lines.push(`  ${p.sample}: ${p.sex}, ${loci} loci${aside ? `; set aside: ${aside}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Runs the command; returns the exit code. */
const PROFILE_FORMATS = ['genemapper', 'wide', 'cmf', 'json'];
const FREQUENCY_FORMATS_CLI = ['wide', 'list', 'merlin', 'long', 'strider-xml'];

export function validateCommand(files: readonly string[], options: ValidateOptions): void {
  // A layout that does not fit the forced kind is a usage error (exit 2), found before any file is read.
  if (options.format !== undefined && options.kind !== undefined) {
    const allowed = options.kind === 'profiles' ? PROFILE_FORMATS : FREQUENCY_FORMATS_CLI;
    if (!allowed.includes(options.format)) {
      process.stderr.write(`error: --format ${options.format} is not a ${options.kind} layout (${allowed.join(', ')})\n`);
      throw new CliExit(EXIT.usage);
    }
  }
  const reports = files.map((f) => validateFile(f, options));
  const anyInvalid = reports.some((r) => !r.valid);
  if (options.json === true) {
    const out = {
      valid: !anyInvalid,
      profiles: reports.flatMap((r) =>
        r.profiles.map((p) => ({ file: r.file, sample: p.sample, sex: p.sex, genotypes: p.genotypes, skipped: p.skipped.map((s) => ({ locus: s.locus, reason: s.reason, detail: s.detail })), ...(p.family !== undefined ? { family: p.family } : {}), ...(p.relationship !== undefined ? { relationship: p.relationship } : {}) })),
      ),
      frequencies: reports.filter((r) => r.table !== undefined).map((r) => ({ file: r.file, name: r.table?.name, loci: Object.keys(r.table?.loci ?? {}).length, n: r.table?.n ?? null, checksum: r.table?.checksum })),
      issues: reports.flatMap((r) => r.issues.map((i) => ({ file: i.file ?? r.file, line: i.line ?? null, code: i.code, message: i.message, severity: i.severity ?? 'error' }))),
    };
    process.stdout.write(toJson(out));
  } else {
    for (const r of reports) {
      if (r.valid) process.stdout.write(summary(r));
      printIssues(r.issues, r.file);
    }
  }
  if (anyInvalid) throw new CliExit(EXIT.invalidInput);
}
