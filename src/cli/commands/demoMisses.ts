/**
 * `strkin demo --misses`: which related children whose family includes a typed
 * parent are not identified, by the family's typed references, with the LR of
 * the true pair against the LR an identification needs.
 */
import type { Identification, SearchResult, SearchScenario } from '../../index.js';

/** One family composition (the typed references' relations, sorted) of {@link missedByComposition}. */
export interface CompositionRow {
  readonly composition: string;
  readonly children: number;
  readonly identified: number;
  /** log10 LR of the true pair of each missed child (null: the true pair is not among the child's listed matches). */
  readonly missedLog10LR: readonly (number | null)[];
  /** Per missed child: log10 of 10⁴ × compatible missing persons × (1 − π)/π, the LR an identification needs when the other candidates weigh little. */
  readonly missedNeeded: readonly number[];
  /** Missed children whose candidates list another missing person of their own family (two missing siblings the LR cannot tell apart). */
  readonly missedSibling: number;
}

/**
 * Related children whose family includes a typed parent, grouped by the
 * relations of the family's typed references (`mother+full-sibling`), with the
 * identified count and, for the missed ones, the true pair's log10 LR and the
 * needed log10 LR (posterior ≥ P with prior π spread over the n compatible
 * missing persons: LR ≳ P/(1 − P) · n · (1 − π)/π). Rows sorted by missed count.
 */
export function missedByComposition(result: SearchResult, identification: Identification, scenario: SearchScenario, prior: number, identify: number): CompositionRow[] {
  const families = new Map(scenario.families.map((f) => [f.id, f]));
  const scored = new Map(result.accounting.children.map((c) => [c.id, c.pairsScored]));
  const truePair = new Map<string, number>();
  for (const m of result.matches) {
    const t = scenario.truth.get(m.child);
    if (t !== undefined && t.family === m.family && t.missing === m.missing) truePair.set(m.child, m.lnLR / Math.LN10);
  }
  const rows = new Map<string, { composition: string; children: number; identified: number; missedLog10LR: (number | null)[]; missedNeeded: number[]; missedSibling: number }>();
  for (const d of identification.decisions) {
    const t = scenario.truth.get(d.child);
    const family = t === undefined ? undefined : families.get(t.family);
    if (t === undefined || family === undefined) continue;
    const relations = Object.values(family.references).map((r) => r.relationship ?? '?');
    if (!relations.some((r) => r === 'mother' || r === 'father')) continue;
    const composition = relations.sort().join('+');
    let row = rows.get(composition);
    if (row === undefined) rows.set(composition, (row = { composition, children: 0, identified: 0, missedLog10LR: [], missedNeeded: [], missedSibling: 0 }));
    row.children++;
    if (d.decision === 'identified' && d.family === t.family && d.missing === t.missing) {
      row.identified++;
      continue;
    }
    row.missedLog10LR.push(truePair.get(d.child) ?? null);
    if (d.candidates.some((c) => c.family === t.family && c.missing !== t.missing)) row.missedSibling++;
    const n = Math.max(1, scored.get(d.child) ?? 1);
    row.missedNeeded.push(Math.log10(identify / (1 - identify)) + Math.log10(n) + Math.log10((1 - prior) / prior));
  }
  return [...rows.values()].sort((a, b) => b.missedLog10LR.length - a.missedLog10LR.length || (a.composition < b.composition ? -1 : 1));
}

const median = (xs: readonly number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const h = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[h] as number) : ((s[h - 1] as number) + (s[h] as number)) / 2;
};

/** The table of {@link missedByComposition} as text lines (`sibling`: missed children whose candidates list another missing person of their family). */
export function missesTable(rows: readonly CompositionRow[]): string[] {
  const f = (x: number | null): string => (x === null ? '-' : x.toFixed(1));
  const lines = [`  ${'typed references'.padEnd(44)} ${'children'.padStart(8)} ${'ident.'.padStart(6)} ${'missed'.padStart(6)} ${'sibling'.padStart(7)}  missed: log10LR min / median / max   needed (median)`];
  for (const r of rows) {
    const known = r.missedLog10LR.filter((x): x is number => x !== null);
    const unlisted = r.missedLog10LR.length - known.length;
    const spread = known.length === 0 ? '-' : `${f(Math.min(...known))} / ${f(median(known))} / ${f(Math.max(...known))}`;
    lines.push(`  ${r.composition.padEnd(44)} ${String(r.children).padStart(8)} ${String(r.identified).padStart(6)} ${String(r.missedLog10LR.length).padStart(6)} ${String(r.missedSibling).padStart(7)}  ${spread.padEnd(34)}${unlisted > 0 ? ` (${unlisted} unlisted)` : ''} ${f(median(r.missedNeeded))}`);
  }
  return lines;
}
