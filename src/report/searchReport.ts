/**
 * Writers for search results: CSV (the `strkin search` default) and JSON.
 */
import type { MarkerStatus } from '../likelihood/LRResult.js';
import type { Identification } from '../search/decide/identifyChildren.js';
import type { Match, SearchResult } from '../search/searchFamilies.js';
import { decisionJsonRow, identificationJson } from './decisionsReport.js';
import { lrJson, statusFromLnLR } from './lrJson.js';
import { csvTextCell } from '../util/csv.js';

/** Columns of the CSV written by {@link writeSearchCsv}, in order. */
export const SEARCH_CSV_COLUMNS: readonly string[] = Object.freeze([
  'child',
  'family',
  'missing',
  'rank_for_child',
  'rank_for_family',
  'log10LR',
  'LR',
  'posterior',
  'loci_compared',
  'loci_inconsistent_without_mutation',
]);

/**
 * Columns added after {@link SEARCH_CSV_COLUMNS} when the search adds Y evidence (docs/lineage.md).
 * When it compares X loci the columns are `log10LR_autosomal`, `log10LR_X` (and `log10LR_Y` with Y).
 */
export const SEARCH_CSV_TYPE_COLUMNS: readonly string[] = Object.freeze(['log10LR_autosomal', 'log10LR_Y']);

/** Text cells (ids, names) are guarded against spreadsheet formulas and quoted; numbers are written as they are. */
function csvCell(value: string): string {
  return csvTextCell(value);
}

const num = (x: number | null): string => (x === null || Number.isNaN(x) ? '' : x === Number.POSITIVE_INFINITY ? 'Inf' : String(x));

/** The LR cell: as in JSON (`lrJson`), empty when the LR is not a double (overflow); `Inf` when H2 is impossible. */
function csvLR(m: Match): string {
  const status = statusFromLnLR(m.lnLR);
  return status === 'infinite' ? 'Inf' : num(lrJson(m.lnLR, status).LR);
}

/**
 * The matches of a search as CSV, one row per (child, family) pair, with the
 * header {@link SEARCH_CSV_COLUMNS}. Empty cells: a rank that does not apply, a
 * log10LR of an LR of 0, an LR too large for a double (log10LR above ~308; the
 * log10LR cell is exact). Rows in result order (child id, then rank for the child).
 *
 * Cost: O(rows).
 *
 * @example
 * ```ts
 * writeSearchCsv(result).split('\n')[0]; // => SEARCH_CSV_COLUMNS.join(',') // 'child,family,missing,rank_for_child,...'
 * ```
 */
export function writeSearchCsv(result: SearchResult): string {
  const hasY = result.provenance.lineage !== undefined;
  const hasX = result.provenance.xLoci !== undefined;
  const columns = hasX ? ['log10LR_autosomal', 'log10LR_X', ...(hasY ? ['log10LR_Y'] : [])] : hasY ? SEARCH_CSV_TYPE_COLUMNS : [];
  const lines = [[...SEARCH_CSV_COLUMNS, ...columns].join(',')];
  for (const m of result.matches) {
    const types = hasX ? [num(m.byType?.autosomal ?? null), num(m.byType?.X ?? null), ...(hasY ? [num(m.byType?.Y ?? null)] : [])] : hasY ? [num(m.byType?.autosomal ?? null), num(m.byType?.Y ?? null)] : [];
    lines.push(
      [csvCell(m.child), csvCell(m.family), csvCell(m.missing), num(m.rankForChild), num(m.rankForFamily), num(m.log10LR), csvLR(m), num(m.posterior), String(m.lociCompared), String(m.lociInconsistent), ...types].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * One row of the JSON report. `log10LR`, `LR` and `status` follow the LR rules of
 * `lrJson` (src/report/lrJson.ts): `log10LR` exact whenever finite, `LR` null when it is not a
 * positive finite double (or 0 when `excluded`), `status` explicit; every other
 * non-finite number is null.
 */
export interface SearchJsonRow {
  readonly child: string;
  readonly family: string;
  readonly missing: string;
  readonly rankForChild: number | null;
  readonly rankForFamily: number | null;
  readonly log10LR: number | null;
  readonly LR: number | null;
  /** `ok`, `excluded` (LR 0), `infinite` (H2 impossible) or `undefined` (0/0). */
  readonly status: MarkerStatus;
  readonly posterior: number;
  readonly lociCompared: number;
  readonly lociInconsistent: number;
  readonly chanceMatchBound: number | null;
  /** When the search adds Y evidence or compares X loci: log10 LR of the autosomal markers (the total is the product of the types). */
  readonly log10LR_autosomal?: number | null;
  /** When the search adds Y evidence: log10 LR of the Y haplotypes; null when Y does not apply to the pair. */
  readonly log10LR_Y?: number | null;
  /** When the search compares X loci: log10 LR of the X loci (0 when none is compared for the pair; null when their LR is 0). */
  readonly log10LR_X?: number | null;
}

const finite = (x: number | null): number | null => (x === null || !Number.isFinite(x) ? null : x);

/** A match as a JSON row: never NaN or Infinity (null instead; see `lrJson` (src/report/lrJson.ts)). */
export function searchJsonRow(m: Match): SearchJsonRow {
  return {
    child: m.child,
    family: m.family,
    missing: m.missing,
    rankForChild: m.rankForChild,
    rankForFamily: m.rankForFamily,
    ...lrJson(m.lnLR, statusFromLnLR(m.lnLR)),
    posterior: m.posterior,
    lociCompared: m.lociCompared,
    lociInconsistent: m.lociInconsistent,
    chanceMatchBound: finite(m.chanceMatchBound),
    ...(m.byType !== undefined ? { log10LR_autosomal: m.byType.autosomal, ...(m.byType.X !== undefined ? { log10LR_X: m.byType.X } : {}), ...(m.byType.Y !== undefined ? { log10LR_Y: m.byType.Y } : {}) } : {}),
  };
}

/**
 * The whole search result as JSON text: `provenance`, `settings`,
 * `chanceMatchBound`, `loci`, `unusedLoci`, `accounting`, `childNotes`, and
 * `matches` (rows of {@link SearchJsonRow}); given an identification
 * (`identifyChildren`), also `decisions` (one `DecisionJsonRow` per child,
 * the contract of docs/identification.md) and `identification` (the details).
 * Never contains NaN or Infinity: any non-finite number is written as null.
 *
 * Cost: O(rows + children + families).
 *
 * @example
 * ```ts
 * JSON.parse(writeSearchJson(result)).matches[0].log10LR; // e.g. 8.41
 * ```
 */
export function writeSearchJson(result: SearchResult, indent: number = 0, identification?: Identification): string {
  const body = {
    provenance: result.provenance,
    settings: result.settings,
    chanceMatchBound: result.chanceMatchBound,
    loci: result.loci,
    unusedLoci: result.unusedLoci,
    accounting: result.accounting,
    childNotes: result.childNotes,
    matches: result.matches.map(searchJsonRow),
    ...(identification !== undefined ? { decisions: identification.decisions.map(decisionJsonRow), identification: identificationJson(identification) } : {}),
  };
  return JSON.stringify(body, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), indent);
}
