/**
 * `strkin lr CASE.json [--json]`: the LR of one case in the case format of
 * docs/case-format.md, with a per-locus table for people and the exact JSON of
 * the DESIGN.md contract for scripts.
 */
import type { FrequencyOptions, RareAlleleRule } from '../../frequencies/rareAllele.js';
import { describeFrequencyOptions } from '../../frequencies/rareAllele.js';
import { markerFrequencies } from '../../frequencies/markerFrequencies.js';
import { parseCase } from '../../io/caseFile.js';
import { kinshipLR, type KinshipResult, type RatioValue } from '../../likelihood/kinshipLR.js';
import { makeMarkerModel } from '../../likelihood/MarkerModel.js';
import { defaultMutation } from '../../mutation/defaultRates.js';
import type { MutationModelName } from '../../mutation/mutationMatrix.js';
import type { FrequencyTable } from '../../frequencies/FrequencyTable.js';
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
  if (value.LR === 0) return '0';
  const x = value.LR;
  return x >= 1e-3 && x < 1e6 ? x.toPrecision(6) : x.toExponential(4);
}

function table(result: KinshipResult, labels: readonly string[]): string {
  const rows = result.markers.map((m) => [m.name, formatLR(m), m.log10LR === null ? '-' : m.log10LR.toFixed(4), m.status, m.noMutation ? formatLR(m.noMutation) : '']);
  const header = ['marker', 'LR', 'log10LR', 'status', ...(result.noMutation ? ['LR (no mutation)'] : [])];
  const all = [header, ...rows.map((r) => r.slice(0, header.length))];
  const widths = header.map((_, i) => all.reduce((w, r) => Math.max(w, (r[i] ?? '').length), 0));
  const line = (r: string[]): string => r.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  const out = [labels.join('\n'), '', line(header), ...rows.map((r) => line(r.slice(0, header.length)))];
  out.push('', `total LR = ${formatLR(result.total)}  (log10LR = ${result.total.log10LR === null ? 'null' : result.total.log10LR.toFixed(4)}, ${result.total.status})`);
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
    });
    const table2 = freqTable as FrequencyTable | undefined;
    const result = kinshipLR({
      ...kase,
      ...(options.theta !== undefined ? { theta: options.theta } : {}),
      ...(table2 !== undefined ? { frequencySource: { name: table2.name, checksum: table2.checksum, rareAlleleRule: describeFrequencyOptions(freqOptions) } } : {}),
    });
    if (options.json === true) {
      const out = {
        ...(kase.id !== undefined ? { id: kase.id } : {}),
        total: { log10LR: result.total.log10LR, LR: result.total.LR, status: result.total.status },
        markers: result.markers.map((m) => ({ name: m.name, log10LR: m.log10LR, LR: m.LR, status: m.status, ...(m.noMutation ? { noMutation: { log10LR: m.noMutation.log10LR, LR: m.noMutation.LR, status: m.noMutation.status } } : {}) })),
        noMutation: result.noMutation ? { log10LR: result.noMutation.log10LR, LR: result.noMutation.LR, status: result.noMutation.status } : null,
        inconsistentLoci: result.inconsistentLoci,
        hypotheses: kase.labels,
        provenance: result.provenance,
      };
      process.stdout.write(toJson(out));
    } else process.stdout.write(table(result, kase.labels));
  }, file);
}
