/**
 * Writers of `strkin power`'s output: one row per (family, missing person),
 * lowest pIdentified first, as CSV or JSON.
 */
import type { FamilyPower, PowerResult, RelativeSuggestion } from '../power/powerFigures.js';

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

const num = (x: number): string => (Number.isFinite(x) ? String(x) : '');

/** A threshold as a column suffix: 10 → `1e1`, 10000 → `1e4`, 250 → `250`. */
function thresholdLabel(t: number): string {
  const e = Math.log10(t);
  return Number.isInteger(e) && e >= 1 ? `1e${e}` : String(t);
}

/**
 * The columns of {@link writePowerCsv} for a result's thresholds: `family`,
 * `missing`, `loci`, `exclusion_power`, `expected_log10LR`, `p_identified`,
 * then `p_h1_ge_<t>` and `p_h2_ge_<t>` per threshold (`1e1` ... `1e10` by default),
 * then the top suggested relative, its gain in p_identified and in expected
 * log10 LR (empty when suggestions were not asked for), and `p_above_threshold`
 * (P(LR ≥ threshold | H1) for the fixed `threshold`).
 * @example
 * ```ts
 * powerCsvColumns([10]).slice(6, 8); // => ['p_h1_ge_1e1', 'p_h2_ge_1e1']
 * ```
 */
export function powerCsvColumns(thresholds: readonly number[]): string[] {
  return ['family', 'missing', 'loci', 'exclusion_power', 'expected_log10LR', 'p_identified', ...thresholds.flatMap((t) => [`p_h1_ge_${thresholdLabel(t)}`, `p_h2_ge_${thresholdLabel(t)}`]), 'top_suggestion', 'top_suggestion_gain', 'top_suggestion_expected_log10LR_gain', 'p_above_threshold'];
}

/**
 * The power result as CSV, one row per (family, missing person) in the
 * result's order (lowest pIdentified first).
 *
 * Cost: O(rows × thresholds).
 * @example
 * ```ts
 * process.stdout.write(writePowerCsv(familyPower(families, { frequencies: builtinTable() })));
 * ```
 */
export function writePowerCsv(result: PowerResult): string {
  const lines = [powerCsvColumns(result.settings.thresholds).join(',')];
  for (const r of result.rows) {
    const top = r.suggestions[0];
    const suggestion = top === undefined ? ['', '', ''] : [csvCell(top.relative), num(top.gain), num(top.expectedLog10LRGain)];
    lines.push([csvCell(r.family), csvCell(r.missing), String(r.loci), num(r.exclusionPower), num(r.expectedLog10LR), num(r.pIdentified), ...r.pExceed.flatMap((e) => [num(e.h1), num(e.h2)]), ...suggestion, num(r.pAboveThreshold)].join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** One family row of the JSON report. */
export interface PowerJsonRow {
  readonly family: string;
  readonly missing: string;
  readonly loci: number;
  readonly exclusionPower: number;
  readonly expectedLog10LR: number;
  readonly pExceed: FamilyPower['pExceed'];
  readonly pIdentified: number;
  readonly pIdentifiedBounds: readonly [number, number];
  /** P(LR ≥ threshold | H1) for the fixed LR threshold (the figure pIdentified was before the decision rule). */
  readonly pAboveThreshold: number;
  readonly maxLog10Error: number;
  readonly massError: number;
  /** Which relative to type next, best first (empty unless asked for). */
  readonly suggestions: readonly RelativeSuggestion[];
}

/**
 * The power result as JSON: `{"provenance", "settings", "loci", "families":
 * [{family, missing, loci, exclusionPower, expectedLog10LR, pExceed: [{threshold,
 * h1, h2}], pIdentified, pIdentifiedBounds, pAboveThreshold, maxLog10Error, massError, suggestions: [{relative, person,
 * exclusionPower, expectedLog10LR, pIdentified, gain, expectedLog10LRGain}]}], "rejected"}`;
 * the provenance adds the threshold, grid step and the decision rule's identify,
 * priorInDatabase, databaseSize and identificationLR to the search's.
 *
 * Cost: O(rows × thresholds).
 * @example
 * ```ts
 * const father: Profile = { sample: 'AF', sex: 'male', genotypes: { TH01: ['6', '9.3'] }, skipped: [] };
 * const { families } = parseFamilies('family,sample,relationship\nF1,AF,father\n', { profiles: [father] });
 * const power = familyPower(families, { frequencies: builtinTable(), mutation: 'none' });
 * JSON.parse(writePowerJson(power)).families[0].family; // => 'F1'
 * ```
 */
export function writePowerJson(result: PowerResult, indent: number = 0): string {
  const body = {
    provenance: {
      ...result.provenance,
      threshold: result.settings.threshold,
      gridStep: result.settings.gridStep,
      identify: result.settings.identify,
      priorInDatabase: result.settings.priorInDatabase,
      databaseSize: result.settings.databaseSizeUsed,
      identificationLR: result.settings.identificationLR,
    },
    settings: result.settings,
    loci: result.loci,
    families: result.rows.map(
      (r): PowerJsonRow => ({
        family: r.family,
        missing: r.missing,
        loci: r.loci,
        exclusionPower: r.exclusionPower,
        expectedLog10LR: r.expectedLog10LR,
        pExceed: r.pExceed,
        pIdentified: r.pIdentified,
        pIdentifiedBounds: r.pIdentifiedBounds,
        pAboveThreshold: r.pAboveThreshold,
        maxLog10Error: r.maxLog10Error,
        massError: r.massError,
        suggestions: r.suggestions,
      }),
    ),
    rejected: result.rejected,
  };
  return `${JSON.stringify(body, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), indent)}\n`;
}
