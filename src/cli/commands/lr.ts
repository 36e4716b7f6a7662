/**
 * `strkin lr CASE.json [--json]`: the LR of one case in the case format of
 * docs/case-format.md, with a per-locus table for people and the exact JSON of
 * the DESIGN.md contract for scripts.
 */
import { defaultMutation, describeFrequencyOptions, type FrequencyOptions, type FrequencyTable, kinshipLR, type KinshipResult, makeMarkerModel, markerFrequencies, type MutationModelName, parseCase, type RareAlleleRule, type RatioValue } from '../../index.js';
import { buildCaseReport, canonicalLocus, formatIssue, kinshipEvidence, type MarkerModel, type SexSpecificMutation, kinshipReportCsv, kinshipReportHtml, kinshipReportJson, lrJson, type LRJson, parseHaplotypeDatabase, type SilentFrequencyOption, validateSilentFrequencyOption } from '../../index.js';
import { dirname, resolve } from 'node:path';
import { checkOutputs, loadFrequencies, readText, runReporting, toJson, writeOutput } from '../files.js';
import { checkUsage, describeMutationSetting, mutationRatesOf, type MutationRateFlags } from '../options.js';
import { inputChecksums, loadVerbalScale, reportLayout } from '../reportFiles.js';
import { yEvidenceJson, yEvidenceText } from './lrY.js';
import { parseXHaplotypeFrequencies, X_HAPLOTYPE_MODEL, xHaplotypeKinshipLR, type XHaplotypeKinshipResult, type XHaplotypeOptions } from '../../index.js';

export interface LrOptions extends MutationRateFlags {
  readonly json?: boolean;
  /** Table for markers given by name only (built-in name or file). */
  readonly frequencies?: string;
  readonly rareAllele?: RareAlleleRule;
  /** Mutation model for markers without mutation settings that take frequencies from a table. */
  readonly mutation?: MutationModelName;
  readonly theta?: number;
  /** Report file: HTML, JSON or CSV by its extension. */
  readonly report?: string;
  /** Prior P(H1) of the report's posterior (default 0.5). */
  readonly prior?: number;
  /** Verbal scale file (default the ENFSI 2015 scale). */
  readonly verbalScale?: string;
  readonly force?: boolean;
  readonly quiet?: boolean;
  /** Silent allele frequency (every marker, or per marker) for markers without their own `silent` field (default 0: none). */
  readonly silentFrequency?: SilentFrequencyOption;
  /** X haplotype frequencies per linkage group (docs/lineage.md): the group's loci become one haplotype marker. */
  readonly xHaplotypes?: string;
  /** Frequency of a haplotype the file lacks (default 1/(N+1) with counts). */
  readonly xHaplotypeUnseen?: number;
}

/** Prior of a single case when none is given: equal priors. */
export const DEFAULT_CASE_PRIOR = 0.5;

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

function table(result: KinshipResult, labels: readonly string[], override: string | undefined, totalLabel = 'total LR'): string {
  const rows = result.markers.map((m) => [m.name, formatLR(m), m.log10LR === null ? '-' : m.log10LR.toFixed(4), m.status, m.noMutation ? formatLR(m.noMutation) : '']);
  const header = ['marker', 'LR', 'log10LR', 'status', ...(result.noMutation ? ['LR (no mutation)'] : [])];
  const all = [header, ...rows.map((r) => r.slice(0, header.length))];
  const widths = header.map((_, i) => all.reduce((w, r) => Math.max(w, (r[i] ?? '').length), 0));
  const line = (r: string[]): string => r.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  const out = [labels.join('\n'), '', line(header), ...rows.map((r) => line(r.slice(0, header.length)))];
  out.push('', `${totalLabel} = ${formatLR(result.total)}  (log10LR = ${result.total.log10LR === null ? 'null' : result.total.log10LR.toFixed(4)}, ${result.total.status})`);
  if (result.byEvidenceType) {
    const part = (v: RatioValue): string => `${formatLR(v)} (log10LR = ${v.log10LR === null ? 'null' : v.log10LR.toFixed(4)})`;
    out.push(`autosomal LR = ${part(result.byEvidenceType.autosomal)}; X LR = ${part(result.byEvidenceType.X)}; total = their product (${EVIDENCE_INDEPENDENCE})`);
  }
  if (result.noMutation) out.push(`without mutation: LR = ${formatLR(result.noMutation)}; loci inconsistent without mutation: ${result.inconsistentLoci}`);
  if (override !== undefined) out.push(`mutation: ${override}`);
  out.push(`theta = ${result.provenance.theta}; strkin ${result.provenance.strkinVersion}`);
  return `${out.join('\n')}\n`;
}

/** The assumption under which the LRs of the evidence types multiply (written beside them). */
const EVIDENCE_INDEPENDENCE = 'autosomal and X markers assumed independent given the pedigrees';

/** Runs the command. */
export function lrCommand(file: string, options: LrOptions): void {
  // A bad report path is a usage error, found before any work is done.
  const layout = options.report !== undefined ? reportLayout(options.report) : undefined;
  checkOutputs([[options.report, '--report']], [file, options.frequencies, options.verbalScale], options.force);
  const scale = loadVerbalScale(options.verbalScale);
  checkUsage('lr', { silentFrequency: '--silent-frequency' }, () => validateSilentFrequencyOption(options.silentFrequency));
  const silentOption = options.silentFrequency;
  const silentFor = (marker: string): number | undefined => {
    if (silentOption === undefined || typeof silentOption === 'number') return silentOption;
    const key = canonicalLocus(marker) ?? marker;
    for (const [locus, s] of Object.entries(silentOption)) if ((canonicalLocus(locus) ?? locus) === key) return s;
    return undefined;
  };
  // --mutation-rate*: one rate for every marker, replacing the case's own settings and the built-in
  // rates (model: --mutation, else stepwise); stated in the output.
  const rates = mutationRatesOf('lr', options, options.mutation);
  const overrideModel: MutationModelName = options.mutation ?? 'stepwise';
  const override = rates === undefined ? undefined : `${describeMutationSetting(overrideModel, rates)}, from the command line; replaces the mutation settings of the case file`;
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
      defaultSilentFrequency: silentFor,
      resolveMarker: (name, observed, mutation, silent) => {
        freqTable ??= loadFrequencies(tableName);
        const mf = markerFrequencies(freqTable, name, observed, freqOptions);
        const silentFrequency = silent ?? 0;
        const chosen = rates !== undefined ? defaultMutation(mf.locus, overrideModel, rates) : (mutation ?? defaultMutation(mf.locus, options.mutation ?? 'none'));
        return makeMarkerModel({ name, alleles: mf.alleles, frequencies: mf.frequencies, mutation: chosen, ...(silentFrequency > 0 ? { silentFrequency } : {}) });
      },
      // A `y` section may name its haplotype database by file, relative to the case file.
      resolveHaplotypeDatabase: (name) => {
        const path = resolve(dirname(file), name);
        return parseHaplotypeDatabase(readText(path), { file: path, name });
      },
    });
    const markers = rates === undefined ? kase.markers : kase.markers.map((m) => withMutation(m, defaultMutation(m.name, overrideModel, rates)));
    const table2 = freqTable as FrequencyTable | undefined;
    const input = {
      ...kase,
      markers,
      ...(options.theta !== undefined ? { theta: options.theta } : {}),
      ...(table2 !== undefined ? { frequencySource: { name: table2.name, checksum: table2.checksum, rareAlleleRule: describeFrequencyOptions(freqOptions) } } : {}),
    };
    // X haplotype frequencies per linkage group: the groups' loci as one haplotype marker each.
    const xh: XHaplotypeOptions | undefined = options.xHaplotypes === undefined ? undefined : { groups: parseXHaplotypeFrequencies(readText(options.xHaplotypes), { file: options.xHaplotypes }), ...(options.xHaplotypeUnseen !== undefined ? { unseenFrequency: options.xHaplotypeUnseen } : {}) };
    // With Y evidence (a `y` section): the LR by evidence type and their product (lrY.ts).
    const evidence = kase.y === undefined ? undefined : kinshipEvidence({ ...input, ...(xh !== undefined ? { xHaplotypes: xh } : {}) });
    const result = evidence?.autosomal ?? (xh !== undefined ? xHaplotypeKinshipLR(input, xh) : kinshipLR(input));
    const xGroups = (result as Partial<XHaplotypeKinshipResult>).xHaplotypes;
    // Notes such as linked X markers go to stderr whatever the output format.
    for (const w of result.warnings ?? []) process.stderr.write(`${formatIssue(w, file)}\n`);
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
        provenance: { ...result.provenance, ...(override === undefined ? {} : { mutationOverride: override }) },
        ...(result.byEvidenceType
          ? { log10LR_autosomal: json(result.byEvidenceType.autosomal).log10LR, log10LR_X: json(result.byEvidenceType.X).log10LR, evidenceTypes: { autosomal: json(result.byEvidenceType.autosomal), X: json(result.byEvidenceType.X), assumption: EVIDENCE_INDEPENDENCE } }
          : {}),
        ...(result.warnings ? { warnings: result.warnings.map((w) => ({ code: w.code, message: w.message })) } : {}),
        ...(xGroups !== undefined ? { xHaplotypes: { model: X_HAPLOTYPE_MODEL, groups: xGroups } } : {}),
        // With Y evidence: the product of the evidence types as `total`, and `byType`, `independence`, `y`.
        ...(evidence !== undefined ? yEvidenceJson(evidence) : {}),
      };
      process.stdout.write(toJson(out));
    } else process.stdout.write(table(result, kase.labels, override, evidence === undefined ? 'total LR' : result.byEvidenceType ? 'autosomal and X LR' : 'autosomal LR') + (xGroups !== undefined ? xGroups.map((g) => `X haplotype group ${g.group}: loci ${g.loci.join(', ')} as one haplotype marker; ${g.resolutions} phase resolution(s)${g.unseen.length > 0 ? `; unseen haplotypes ${g.unseen.join(', ')} at ${String(g.unseenFrequency)}` : ''}\n`).join('') : '') + (evidence !== undefined ? yEvidenceText(evidence) : ''));
    if (options.report === undefined) return;
    const prior = options.prior ?? DEFAULT_CASE_PRIOR;
    const report = buildCaseReport(kase, result, {
      prior,
      priorNote: options.prior === undefined ? `equal priors (${DEFAULT_CASE_PRIOR}), the default of strkin lr; give --prior for another` : 'given with --prior',
      scale,
      inputs: inputChecksums([file, tableName, options.verbalScale]),
      generated: new Date().toISOString(),
      mutationModel: override !== undefined ? override : options.mutation !== undefined ? `${options.mutation} (built-in per-locus rates) for markers taken from a table without settings; others as given in the case` : 'as given in the case (markers taken from a table without settings: none)',
      ...(table2 !== undefined ? { rareAlleleRule: describeFrequencyOptions(freqOptions) } : {}),
    });
    writeOutput(layout === 'json' ? kinshipReportJson(report) : layout === 'csv' ? kinshipReportCsv(report) : kinshipReportHtml(report), options.report);
    if (options.quiet !== true) process.stderr.write(`report written to ${options.report}\n`);
  }, file);
}

/** The marker with another mutation model, keeping its chromosome and silent allele (whose frequencies are unscaled first). */
function withMutation(m: MarkerModel, mutation: SexSpecificMutation): MarkerModel {
  const s = m.silentFrequency ?? 0;
  const n = s > 0 ? m.alleles.length - 1 : m.alleles.length;
  const frequencies = Array.from(m.frequencies.subarray(0, n), (p) => (s > 0 ? p / (1 - s) : p));
  return makeMarkerModel({ name: m.name, alleles: m.alleles.slice(0, n), frequencies, mutation, ...(m.chromosome === 'X' ? { chromosome: 'X' as const } : {}), ...(s > 0 ? { silentFrequency: s } : {}) });
}
