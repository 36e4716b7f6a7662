/**
 * Writers for the decisions of `identifyChildren`: the `decisions` contract
 * (JSON rows and CSV) and the details of the identification for the JSON report.
 */
import type { Decision, Identification } from '../search/decide/identifyChildren.js';

/** Columns of the decisions CSV, in order (the keys of {@link DecisionJsonRow}). */
export const DECISIONS_CSV_COLUMNS: readonly string[] = Object.freeze(['child', 'decision', 'family', 'missing', 'posterior', 'log10LR']);

/**
 * One entry of `"decisions"` in `strkin search --format json` (a contract other
 * tools script against): `family`, `missing`, `posterior` and `log10LR` are null
 * unless the decision is `identified`.
 */
export interface DecisionJsonRow {
  readonly child: string;
  readonly decision: Decision['decision'];
  readonly family: string | null;
  readonly missing: string | null;
  readonly posterior: number | null;
  readonly log10LR: number | null;
}

const finite = (x: number | null): number | null => (x === null || !Number.isFinite(x) ? null : x);

/** A decision as its contract row (never NaN or Infinity). */
export function decisionJsonRow(d: Decision): DecisionJsonRow {
  return { child: d.child, decision: d.decision, family: d.family, missing: d.missing, posterior: finite(d.posterior), log10LR: finite(d.log10LR) };
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The decisions as CSV, one row per child in the order of the identification,
 * header {@link DECISIONS_CSV_COLUMNS}; empty cells for nulls.
 *
 * Cost: O(children).
 *
 * @example
 * ```ts
 * writeDecisionsCsv(identifyChildren(result)).split('\n')[0]; // 'child,decision,family,missing,posterior,log10LR'
 * ```
 */
export function writeDecisionsCsv(identification: Identification): string {
  const lines = [DECISIONS_CSV_COLUMNS.join(',')];
  for (const d of identification.decisions) {
    const r = decisionJsonRow(d);
    lines.push([csvCell(r.child), csvCell(r.decision), r.family === null ? '' : csvCell(r.family), r.missing === null ? '' : csvCell(r.missing), r.posterior === null ? '' : String(r.posterior), r.log10LR === null ? '' : String(r.log10LR)].join(','));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The details behind the decisions, for the JSON report: settings, counts per
 * decision, expected false identifications, group sizes, per child its
 * candidates, P(none) and P(other) and group, and per reported pair its
 * posteriors (child-wise, family-wise, used).
 */
export function identificationJson(identification: Identification): unknown {
  return {
    settings: identification.settings,
    counts: identification.counts,
    expectedFalseIdentifications: identification.expectedFalseIdentifications,
    groups: identification.groups,
    children: identification.decisions.map((d) => ({ child: d.child, decision: d.decision, candidates: d.candidates, posteriorNone: d.posteriorNone, posteriorOther: d.posteriorOther, group: d.group })),
    pairs: identification.pairs,
  };
}
