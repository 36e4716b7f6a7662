/**
 * `strkin power --report FILE.html`: the charts of the power result rendered to
 * SVG with vega-lite and vega (no browser; loaded only when a report is asked
 * for) and written as one self-contained page.
 */
import { powerCharts, writePowerHtml, type Family, type LRCurve, type PowerChart, type PowerOptions, type PowerResult, type RenderedChart } from '../index.js';
import { familyDistributions, lrCurve, planSearch } from '../engine.js';

/** How many of the lowest-power rows get an LR distribution chart. */
export const REPORT_CURVES = 5;

/** Renders one vega-lite chart to an SVG string. */
async function renderSvg(chart: PowerChart): Promise<string> {
  const vega = await import('vega');
  const vl = await import('vega-lite');
  const compiled = vl.compile(chart.spec as unknown as Parameters<typeof vl.compile>[0]);
  const view = new vega.View(vega.parse(compiled.spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

/** The report page of a power result over `families` (the model options those of the run). */
export async function powerHtmlReport(result: PowerResult, families: readonly Family[], options: PowerOptions): Promise<string> {
  const plan = planSearch(families, [], options);
  const byId = new Map(families.map((f) => [f.id, f]));
  const curves: LRCurve[] = [];
  for (const row of result.rows.slice(0, REPORT_CURVES)) {
    const family = byId.get(row.family);
    if (family === undefined) continue;
    const d = familyDistributions(family, plan);
    const target = d.ok ? d.targets.find((t) => t.missing === row.missing) : undefined;
    if (target !== undefined) curves.push(lrCurve(target, result.settings));
  }
  const rendered: RenderedChart[] = [];
  for (const chart of powerCharts(result, curves)) rendered.push({ title: chart.title, caption: chart.caption, svg: await renderSvg(chart) });
  return writePowerHtml(result, rendered);
}
