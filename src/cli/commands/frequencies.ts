/**
 * `strkin frequencies [list | show NAME | check FILE]`: the built-in tables with
 * their sources and checksums, one table's alleles and frequencies per locus,
 * and a user's frequency file checked and summarised.
 */
import { BUILTIN_TABLES, builtinTable, compareAlleles, DEFAULT_MIN_FREQUENCY, type FrequencyFormat, type FrequencyTable, type Issue, minimumFrequency, parseFrequencies, StrkinError } from '../../index.js';
import { CliExit, EXIT, loadFrequencies, printIssues, readText, toJson } from '../files.js';
import { basename } from 'node:path';

export interface FrequenciesOptions {
  readonly json?: boolean;
  readonly format?: FrequencyFormat;
}

/** `frequencies list`: name, population, N, loci, checksum, source and citation of each built-in table. */
export function frequenciesList(options: FrequenciesOptions): void {
  const tables = BUILTIN_TABLES.map((info) => {
    const t = builtinTable(info.name);
    return { name: info.name, population: info.population, n: info.n, loci: Object.keys(t.loci).length, checksum: t.checksum, description: info.description, source: t.source ?? null, citation: t.citation ?? null };
  });
  if (options.json === true) {
    process.stdout.write(toJson({ tables }));
    return;
  }
  const lines: string[] = [];
  for (const t of tables) lines.push(`${t.name}\t${t.population}\tN = ${t.n}\t${t.loci} loci\tsha256 ${t.checksum}`);
  // every built-in table comes from one source: cite it once
  const sources = [...new Set(tables.map((t) => `source: ${t.source ?? '-'}\ncitation: ${t.citation ?? '-'}`))];
  process.stdout.write(`${lines.join('\n')}\n\n${sources.join('\n\n')}\n`);
}

interface LocusSummary {
  readonly locus: string;
  readonly alleles: number;
  /** Individuals typed at the locus (nAlleles / 2), or the table's n. */
  readonly n: number | null;
  readonly sum: number;
  readonly minFrequency: number;
  readonly rareAlleleDefault: number;
  /** Which rule gives the default: `FMIN`, `5/2N`, or the fixed floor. */
  readonly rareAlleleRule: string;
}

function summarise(table: FrequencyTable): LocusSummary[] {
  return Object.values(table.loci).map((l) => {
    const twoN = l.nAlleles ?? (table.n !== undefined ? 2 * table.n : undefined);
    const rule = l.fmin !== undefined ? 'FMIN' : twoN !== undefined ? '5/2N' : `fixed ${DEFAULT_MIN_FREQUENCY}`;
    let sum = 0;
    for (const f of l.frequencies) sum += f;
    return { locus: l.locus, alleles: l.alleles.length, n: twoN === undefined ? null : twoN / 2, sum, minFrequency: Math.min(...l.frequencies), rareAlleleDefault: minimumFrequency(table, l.locus) ?? DEFAULT_MIN_FREQUENCY, rareAlleleRule: rule };
  });
}

const fmt = (x: number): string => (x >= 1e-3 ? x.toFixed(4) : x.toExponential(2));

function tableHead(table: FrequencyTable): string {
  return [`table ${table.name}${table.population !== undefined ? ` (${table.population})` : ''}${table.n !== undefined ? `, N = ${table.n}` : ''}, ${Object.keys(table.loci).length} loci`, `sha256 ${table.checksum}`, ...(table.source !== undefined ? [`source: ${table.source}`] : []), ...(table.citation !== undefined ? [`citation: ${table.citation}`] : [])].join('\n');
}

function summaryText(table: FrequencyTable): string {
  const rows = summarise(table).map((s) => [s.locus, String(s.alleles), s.n === null ? '-' : String(s.n), s.sum.toFixed(6), fmt(s.minFrequency), `${fmt(s.rareAlleleDefault)} (${s.rareAlleleRule})`]);
  const header = ['locus', 'alleles', 'N', 'sum', 'min freq', 'rare-allele default'];
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return `${tableHead(table)}\n${all.map((r) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n')}\n`;
}

const tableJson = (table: FrequencyTable): Record<string, unknown> => ({
  name: table.name,
  population: table.population ?? null,
  n: table.n ?? null,
  checksum: table.checksum,
  source: table.source ?? null,
  citation: table.citation ?? null,
});

/** `frequencies show NAME`: a built-in table (or a file): alleles, frequencies and counts per locus. */
export function frequenciesShow(name: string, options: FrequenciesOptions): void {
  let table: FrequencyTable;
  try {
    table = loadFrequencies(name);
  } catch (error) {
    if (error instanceof StrkinError) {
      printIssues(error.allIssues, BUILTIN_TABLES.some((t) => t.name === name) ? undefined : name, false); // its own hint below
      if (error.code === 'file-not-found') process.stderr.write(`hint: built-in tables are ${BUILTIN_TABLES.map((t) => t.name).join(', ')} (strkin frequencies list)\n`);
      throw new CliExit(EXIT.invalidInput);
    }
    throw error;
  }
  const loci = Object.values(table.loci);
  if (options.json === true) {
    process.stdout.write(toJson({ ...tableJson(table), loci: loci.map((l) => ({ locus: l.locus, nAlleles: l.nAlleles ?? null, fmin: l.fmin ?? null, alleles: l.alleles.map((a, i) => ({ allele: a, frequency: l.frequencies[i], ...(l.counts !== undefined ? { count: l.counts[i] } : {}) })) })) }));
    return;
  }
  const out = [tableHead(table), ''];
  for (const l of loci) {
    out.push(`${l.locus}${l.nAlleles !== undefined ? ` (2N = ${l.nAlleles})` : ''}${l.fmin !== undefined ? ` FMIN ${l.fmin}` : ''}`);
    const order = l.alleles.map((a, i) => [a, i] as const).sort((x, y) => compareAlleles(x[0], y[0]));
    for (const [a, i] of order) out.push(`  ${a.padEnd(6)} ${(l.frequencies[i] ?? 0).toFixed(6)}${l.counts !== undefined ? `  ${l.counts[i]}` : ''}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

/** `frequencies check FILE`: every issue as `file:line: code: message` (exit 1 on errors), then a per-locus summary. */
export function frequenciesCheck(file: string, options: FrequenciesOptions): void {
  let table: FrequencyTable | undefined;
  let issues: Issue[] = [];
  try {
    table = parseFrequencies(readText(file), { file, name: basename(file).replace(/\.[^.]*$/, ''), ...(options.format !== undefined ? { format: options.format } : {}) });
    issues = (table.warnings ?? []).map((i) => ({ ...i, file: i.file ?? file }));
  } catch (error) {
    if (!(error instanceof StrkinError)) throw error;
    issues = error.allIssues.map((i) => ({ ...i, file: i.file ?? file }));
  }
  printIssues(issues);
  if (table === undefined && options.json !== true && issues.some((i) => i.code === 'unknown-format')) {
    process.stderr.write('hint: give --format wide|list|merlin|long|strider-xml; a profile file is checked with strkin validate\n');
  }
  if (options.json === true) {
    process.stdout.write(
      toJson({
        file,
        valid: table !== undefined,
        ...(table !== undefined ? { table: tableJson(table), loci: summarise(table) } : {}),
        issues: issues.map((i) => ({ file: i.file ?? file, line: i.line ?? null, code: i.code, message: i.message, severity: i.severity ?? 'error' })),
      }),
    );
  } else if (table !== undefined) process.stdout.write(summaryText(table));
  if (table === undefined) throw new CliExit(EXIT.invalidInput);
}
