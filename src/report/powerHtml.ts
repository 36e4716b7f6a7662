/**
 * The `strkin power --report` page: chart specifications (vega-lite) for the
 * power result, and the self-contained HTML page around their rendered SVGs.
 */
import type { LRCurve } from '../power/lrCurve.js';
import type { PowerResult } from '../power/powerFigures.js';
import { escapeHtml } from '../util/html.js';
import { STRKIN_VERSION } from '../version.js';

/** One chart of the power report: a vega-lite specification with its title and caption. */
export interface PowerChart {
  readonly title: string;
  readonly caption: string;
  /** A vega-lite (v5 and later) specification with its data inlined. */
  readonly spec: Readonly<Record<string, unknown>>;
}

/** A chart rendered to SVG (by vega in the CLI), ready for {@link writePowerHtml}. */
export interface RenderedChart {
  readonly title: string;
  readonly caption: string;
  /** The SVG element, as produced by the renderer (inlined in the page as it is). */
  readonly svg: string;
}

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

/**
 * The charts of a power report: the distribution of pIdentified over every
 * (family, missing person); for each given curve (the lowest-power rows) the LR
 * distribution under H1 and H2 with the identification threshold LR*; and, when
 * suggestions were computed, the mean gain in pIdentified per suggested relative.
 *
 * Cost: O(rows + curve bins).
 * @example
 * ```ts
 * const father: Profile = { sample: 'AF', sex: 'male', genotypes: { TH01: ['6', '9.3'] }, skipped: [] };
 * const { families } = parseFamilies('family,sample,relationship\nF1,AF,father\n', { profiles: [father] });
 * const power = familyPower(families, { frequencies: builtinTable(), mutation: 'none' });
 * powerCharts(power, []).length; // => 1
 * ```
 */
export function powerCharts(result: PowerResult, curves: readonly LRCurve[]): PowerChart[] {
  const charts: PowerChart[] = [];
  const lrStar = result.settings.identificationLR;
  charts.push({
    title: 'Probability of identification over all families',
    caption: `pIdentified = P(LR ≥ ${lrStar.toPrecision(4)} | the child is the family's) for each of ${result.rows.length} (family, missing person) rows: posterior ≥ ${result.settings.identify} among ${result.settings.databaseSizeUsed} targets with prior ${result.settings.priorInDatabase}.`,
    spec: {
      $schema: SCHEMA,
      width: 560,
      height: 240,
      data: { values: result.rows.map((r) => ({ pIdentified: r.pIdentified })) },
      mark: { type: 'bar', tooltip: true },
      encoding: {
        x: { field: 'pIdentified', type: 'quantitative', bin: { extent: [0, 1], step: 0.05 }, title: 'P(identified)' },
        y: { aggregate: 'count', type: 'quantitative', title: 'rows (family, missing person)' },
      },
    },
  });
  for (const c of curves) {
    const values = c.bins.flatMap((b) => [
      { log10LR: b.log10LR, probability: b.h1, hypothesis: 'H1: the family’s child' },
      { log10LR: b.log10LR, probability: b.h2, hypothesis: 'H2: an unrelated child' },
    ]);
    const row = result.rows.find((r) => r.family === c.family && r.missing === c.missing);
    charts.push({
      title: `LR distribution: family ${c.family}, missing person ${c.missing}`,
      caption: `P(log10 LR in each bin of 0.5) under H1 and H2; the rule marks the identification threshold log10 LR* = ${Math.log10(lrStar).toFixed(2)}${row === undefined ? '' : `; pIdentified ${row.pIdentified.toPrecision(3)}, expected log10 LR ${row.expectedLog10LR.toFixed(2)}`}.`,
      spec: {
        $schema: SCHEMA,
        width: 560,
        height: 200,
        layer: [
          {
            data: { values },
            mark: { type: 'line', interpolate: 'step-after', tooltip: true },
            encoding: {
              x: { field: 'log10LR', type: 'quantitative', title: 'log10 LR' },
              y: { field: 'probability', type: 'quantitative', title: 'probability' },
              color: { field: 'hypothesis', type: 'nominal', title: null },
            },
          },
          {
            data: { values: [{ x: Math.log10(lrStar) }] },
            mark: { type: 'rule', strokeDash: [4, 3], color: 'black' },
            encoding: { x: { field: 'x', type: 'quantitative' } },
          },
        ],
      },
    });
  }
  const gains = new Map<string, { sum: number; n: number }>();
  for (const r of result.rows)
    for (const s of r.suggestions) {
      const g = gains.get(s.relative) ?? { sum: 0, n: 0 };
      gains.set(s.relative, { sum: g.sum + s.gain, n: g.n + 1 });
    }
  if (gains.size > 0) {
    charts.push({
      title: 'Gain per suggested relative',
      caption: 'Mean gain in pIdentified if that relative were typed, over the rows where it was suggested (--suggestions, --candidates).',
      spec: {
        $schema: SCHEMA,
        width: 560,
        height: 24 * gains.size,
        data: { values: [...gains].map(([relative, g]) => ({ relative, gain: g.sum / g.n, rows: g.n })) },
        mark: { type: 'bar', tooltip: true },
        encoding: {
          y: { field: 'relative', type: 'nominal', sort: '-x', title: null },
          x: { field: 'gain', type: 'quantitative', title: 'mean gain in P(identified)' },
        },
      },
    });
  }
  return charts;
}

/**
 * The power report as one self-contained HTML page: a summary, the lowest-power
 * rows as a table, and each chart's SVG inlined (no scripts, styles or fonts
 * from elsewhere). Every name from the input is escaped (`escapeHtml`).
 *
 * Cost: O(rows + total SVG size).
 * @example
 * ```ts
 * const father: Profile = { sample: 'AF', sex: 'male', genotypes: { TH01: ['6', '9.3'] }, skipped: [] };
 * const { families } = parseFamilies('family,sample,relationship\n<F1>,AF,father\n', { profiles: [father] });
 * const power = familyPower(families, { frequencies: builtinTable(), mutation: 'none' });
 * writePowerHtml(power, [{ title: 'a', caption: 'b', svg: '<svg></svg>' }]).includes('&lt;F1&gt;'); // => true
 * ```
 */
export function writePowerHtml(result: PowerResult, charts: readonly RenderedChart[], lowest = 20): string {
  const s = result.settings;
  const num = (x: number, d = 3): string => (Number.isFinite(x) ? x.toPrecision(d) : String(x));
  const rows = result.rows
    .slice(0, lowest)
    .map((r) => `<tr><td>${escapeHtml(r.family)}</td><td>${escapeHtml(r.missing)}</td><td>${r.loci}</td><td>${num(r.pIdentified)}</td><td>${r.expectedLog10LR.toFixed(2)}</td><td>${num(r.exclusionPower)}</td><td>${escapeHtml(r.suggestions[0]?.relative ?? '')}</td><td>${r.suggestions[0] === undefined ? '' : num(r.suggestions[0].gain)}</td></tr>`)
    .join('\n');
  const figures = charts.map((c) => `<figure>\n<h2>${escapeHtml(c.title)}</h2>\n${c.svg}\n<figcaption>${escapeHtml(c.caption)}</figcaption>\n</figure>`).join('\n');
  const below = result.rows.filter((r) => r.pIdentified < 0.5).length;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>strkin power report</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 960px; color: #222; }
table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: 2px 8px; text-align: left; }
figure { margin: 2em 0; } figcaption { color: #555; font-size: 0.9em; }
</style>
</head>
<body>
<h1>Family power</h1>
<p>${result.rows.length} (family, missing person) rows, ${result.rejected.length} families rejected; ${below} rows with P(identified) below 0.5.
Identified means posterior ≥ ${s.identify} with prior ${s.priorInDatabase} among ${s.databaseSizeUsed} targets: LR ≥ ${num(s.identificationLR, 4)}.
Frequencies ${escapeHtml(result.provenance.frequencies.name)}, mutation ${escapeHtml(String(result.provenance.mutationModel))}, theta ${result.provenance.theta}, grid step ${s.gridStep} log10; strkin ${escapeHtml(STRKIN_VERSION)}.</p>
${figures}
<h2>Lowest power first</h2>
<table>
<thead><tr><th>family</th><th>missing</th><th>loci</th><th>P(identified)</th><th>E[log10 LR | H1]</th><th>exclusion power</th><th>next relative</th><th>gain</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</body>
</html>
`;
}
