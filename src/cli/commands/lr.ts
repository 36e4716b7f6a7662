/**
 * `strkin lr CASE.json [--json]`: the LR of one case in the case format of
 * docs/case-format.md, with a per-locus table for people and the exact JSON of
 * the DESIGN.md contract for scripts.
 */
import { defaultMutation, describeFrequencyOptions, type FrequencyOptions, type FrequencyTable, kinshipLR, type KinshipResult, makeMarkerModel, markerFrequencies, type MutationModelName, parseCase, type RareAlleleRule, type RatioValue } from '../../index.js';
import { lrJson, type LRJson } from '../../index.js';
import { dirname, resolve } from 'node:path';
import { yEvidenceJson, yEvidenceText } from './lrY.js';
import { kinshipEvidence, parseHaplotypeDatabase } from '../../index.js';
import { loadFrequencies, readText, runReporting, toJson } from '../files.js';

export interface LrOptions {
  readonly json?: boolean;
  /** Table for markers given by name only (built-in name or file). */
  readonly frequencies?: string;
  readonly rareAllele?: RareAlleleRule;
  /** Mutation model for markers without mutation settings that take frequencies from a table. */
  readonly mutation?: MutationModelName;
  readonly theta?: number;
}

/** Formats an LR for a table: fixed for moderate values, scientific otherwise. */
export function formatLR(value: RatioValue): string {
  if (value.status === 'undefined') return 'undefined';
  if (value.status === 'infinite') return 'Inf';
  if (value.status === 'excluded') return '0';
  const x = value.LR;
  if ((x === 0 || !Number.isFinite(x)) && value.log10LR !== null) {
    // beyond a double (log10LR above ~308 or below ~-323): the exact log10LR written as mantissa and exponent
    let exponent = Math.floor(value.log10LR);
    let mantissa = (10 ** (value.log10LR - exponent)).toFixed(4);
    if (mantissa === '10.0000') [mantissa, exponent] = ['1.0000', exponent + 1];
    return `${mantissa}e${exponent >= 0 ? '+' : ''}${exponent}`;
  }
  return x >= 1e-3 && x < 1e6 ? x.toPrecision(6) : x.toExponential(4);
}

function table(result: KinshipResult, labels: readonly string[], totalLabel = 'total LR'): string {
  const rows = result.markers.map((m) => [m.name, formatLR(m), m.log10LR === null ? '-' : m.log10LR.toFixed(4), m.status, m.noMutation ? formatLR(m.noMutation) : '']);
  const header = ['marker', 'LR', 'log10LR', 'status', ...(result.noMutation ? ['LR (no mutation)'] : [])];
  const all = [header, ...rows.map((r) => r.slice(0, header.length))];
  const widths = header.map((_, i) => all.reduce((w, r) => Math.max(w, (r[i] ?? '').length), 0));
  const line = (r: string[]): string => r.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  const out = [labels.join('\n'), '', line(header), ...rows.map((r) => line(r.slice(0, header.length)))];
  out.push('', `${totalLabel} = ${formatLR(result.total)}  (log10LR = ${result.total.log10LR === null ? 'null' : result.total.log10LR.toFixed(4)}, ${result.total.status})`);
  if (result.noMutation) out.push(`without mutation: LR = ${formatLR(result.noMutation)}; loci inconsistent without mutation: ${result.inconsistentLoci}`);
  out.push(`theta = ${result.provenance.theta}; strkin ${result.provenance.strkinVersion}`);
  return `${out.join('\n')}\n`;
}

/** Runs the command. */
export function lrCommand(file: string, options: LrOptions): void {
  runReporting(() => {
    const text = readText(file);
    let named: unknown;
    try {
      named = (JSON.parse(text) as Record<string, unknown>)['frequencies'];
    } catch {
      named = undefined; // parseCase reports the bad JSON with the file name
    }
    const tableName = options.frequencies ?? (typeof named === 'string' ? named : undefined);
    let freqTable: FrequencyTable | undefined;
    const freqOptions: FrequencyOptions = options.rareAllele !== undefined ? { rareAllele: options.rareAllele } : {};
    const kase = parseCase(text, {
      file,
      resolveMarker: (name, observed, mutation) => {
        freqTable ??= loadFrequencies(tableName);
        const mf = markerFrequencies(freqTable, name, observed, freqOptions);
        return makeMarkerModel({ name, alleles: mf.alleles, frequencies: mf.frequencies, mutation: mutation ?? defaultMutation(mf.locus, options.mutation ?? 'none') });
      },
      // A `y` section may name its haplotype database by file, relative to the case file.
      resolveHaplotypeDatabase: (name) => {
        const path = resolve(dirname(file), name);
        return parseHaplotypeDatabase(readText(path), { file: path, name });
      },
    });
    const table2 = freqTable as FrequencyTable | undefined;
    const input = {
      ...kase,
      ...(options.theta !== undefined ? { theta: options.theta } : {}),
      ...(table2 !== undefined ? { frequencySource: { name: table2.name, checksum: table2.checksum, rareAlleleRule: describeFrequencyOptions(freqOptions) } } : {}),
    };
    // With Y evidence (a `y` section): the LR by evidence type and their product (lrY.ts).
    const evidence = kase.y === undefined ? undefined : kinshipEvidence(input);
    const result = evidence?.autosomal ?? kinshipLR(input);
    if (options.json === true) {
      // LRs in JSON: src/report/lrJson.ts (log10LR exact, LR null when not a double, status explicit).
      const json = (v: RatioValue): LRJson => lrJson(v.lnLR, v.status);
      const out = {
        ...(kase.id !== undefined ? { id: kase.id } : {}),
        total: json(result.total),
        markers: result.markers.map((m) => ({ name: m.name, ...json(m), ...(m.noMutation ? { noMutation: json(m.noMutation) } : {}) })),
        noMutation: result.noMutation ? json(result.noMutation) : null,
        inconsistentLoci: result.inconsistentLoci,
        hypotheses: kase.labels,
        provenance: result.provenance,
        ...(evidence !== undefined ? yEvidenceJson(evidence) : {}),
      };
      process.stdout.write(toJson(out));
    } else process.stdout.write(table(result, kase.labels, evidence !== undefined ? 'autosomal LR' : 'total LR') + (evidence !== undefined ? yEvidenceText(evidence) : ''));
  }, file);
}
