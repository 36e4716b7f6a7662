/**
 * The index page of a search report (`strkin search --report DIR`): one line
 * per child with its decision, and every listed pair linking to its own
 * report page ({@link kinshipReportHtml}).
 */
import type { Identification } from '../search/decide/identifyChildren.js';
import type { Match, SearchResult } from '../search/searchFamilies.js';
import { escapeHtml } from '../util/html.js';
import { lrJson, statusFromLnLR, type LRJson } from './lrJson.js';
import type { ReportInput } from './kinshipReport.js';
import { formatLRText, reportPage } from './reportHtml.js';

/** One listed pair of the index. */
export interface SearchReportPair {
  readonly child: string;
  readonly family: string;
  readonly missing: string;
  readonly lr: LRJson;
  readonly posterior: number;
  readonly lociCompared: number;
  readonly lociInconsistent: number;
  /** The pair's report page, relative to the index (`pairs/0001-….html`). */
  readonly page: string;
}

/** The content of a search report's index. */
export interface SearchReportIndex {
  readonly format: 'strkin-search-report';
  readonly formatVersion: 1;
  readonly generated: string;
  readonly strkinVersion: string;
  readonly frequencies: { readonly name: string; readonly checksum: string; readonly rareAlleleRule: string };
  readonly theta: number;
  readonly mutationModel: string;
  readonly prior: number;
  readonly threshold: number | null;
  readonly inputs: readonly ReportInput[];
  /** One per child, in input order: the decision and, when identified, the identified pair's page. */
  readonly decisions: readonly {
    readonly child: string;
    readonly decision: string;
    readonly family: string | null;
    readonly missing: string | null;
    readonly posterior: number | null;
    readonly page: string | null;
    /** The child's candidates (database-wide posterior ≥ the candidate cut-off), best first, each with its page when the pair is listed. */
    readonly candidates: readonly { readonly family: string; readonly missing: string; readonly posterior: number; readonly page: string | null }[];
  }[];
  readonly pairs: readonly SearchReportPair[];
}

/**
 * A file name for the report page of the `i`-th listed pair (0-based): its
 * 1-based number, then the child and family with every character outside
 * `A-Z a-z 0-9 . _ -` replaced by `_` (at most 40 each), so that any sample
 * name makes a safe, unique file name.
 *
 * Cost: O(length of the names).
 *
 * @example
 * ```ts
 * pairReportFileName(0, { child: 'UHR/0003', family: 'F 001' }); // => '0001-UHR_0003-F_001'
 * ```
 */
export function pairReportFileName(i: number, pair: { readonly child: string; readonly family: string }): string {
  const safe = (s: string): string => s.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_').slice(0, 40);
  return `${String(i + 1).padStart(4, '0')}-${safe(pair.child)}-${safe(pair.family)}`;
}

/** What {@link buildSearchReportIndex} needs besides the search. */
export interface SearchReportContext {
  readonly generated: string;
  readonly inputs: readonly ReportInput[];
  /** The page of each listed pair (parallel to `result.matches`). */
  readonly pages: readonly string[];
}

/**
 * The index of a search report: the decisions of `identification` (one per
 * child) and every pair of `result.matches` with its page. The search's own
 * provenance is kept.
 *
 * Cost: O(children + matches).
 *
 * @example
 * ```ts
 * const identification = identifyChildren(result);
 * const index = buildSearchReportIndex(result, identification, { generated: '2026-01-01T00:00:00Z', inputs: [], pages: result.matches.map((m, i) => `pairs/${pairReportFileName(i, m)}.html`) });
 * index.pairs.length === result.matches.length; // => true
 * index.decisions.length === identification.decisions.length; // => true
 * ```
 */
export function buildSearchReportIndex(result: SearchResult, identification: Identification, context: SearchReportContext): SearchReportIndex {
  const pageOf = new Map<string, string>();
  result.matches.forEach((m: Match, i) => pageOf.set(`${m.child}\u0000${m.family}\u0000${m.missing}`, context.pages[i] ?? ''));
  const p = result.provenance;
  return {
    format: 'strkin-search-report',
    formatVersion: 1,
    generated: context.generated,
    strkinVersion: p.strkinVersion,
    frequencies: p.frequencies,
    theta: p.theta,
    mutationModel: p.mutationModel,
    prior: result.settings.prior,
    threshold: result.settings.threshold,
    inputs: context.inputs,
    decisions: identification.decisions.map((d) => ({
      child: d.child,
      decision: d.decision,
      family: d.family,
      missing: d.missing,
      posterior: d.posterior,
      page: d.family !== null && d.missing !== null ? (pageOf.get(`${d.child}\u0000${d.family}\u0000${d.missing}`) ?? null) : null,
      candidates: d.candidates.map((c) => ({ family: c.family, missing: c.missing, posterior: c.posterior, page: pageOf.get(`${d.child}\u0000${c.family}\u0000${c.missing}`) ?? null })),
    })),
    pairs: result.matches.map((m, i) => ({
      child: m.child,
      family: m.family,
      missing: m.missing,
      lr: lrJson(m.lnLR, statusFromLnLR(m.lnLR)),
      posterior: m.posterior,
      lociCompared: m.lociCompared,
      lociInconsistent: m.lociInconsistent,
      page: context.pages[i] ?? '',
    })),
  };
}

/** The index as JSON (2-space indent, trailing newline). Cost: O(size). */
export function searchReportIndexJson(index: SearchReportIndex): string {
  return `${JSON.stringify(index, null, 2)}\n`;
}

const esc = escapeHtml;
const link = (page: string | null, text: string): string => (page === null || page === '' ? esc(text) : `<a href="${esc(page)}">${esc(text)}</a>`);

/**
 * The index of a search report as a self-contained HTML page: the search's
 * settings and provenance, a table of decisions (one row per child, linking to
 * the identified pair's page and to each candidate's page) and a table of every listed pair (child, family,
 * missing person, LR, log10 LR, posterior, loci compared and inconsistent)
 * linking to its page. Every name is escaped.
 *
 * Cost: O(size of the index).
 */
export function searchReportIndexHtml(index: SearchReportIndex): string {
  const x = index;
  const decisionRows = x.decisions
    .map(
      (d) =>
        `<tr><td>${esc(d.child)}</td><td>${esc(d.decision)}</td><td>${d.family === null ? '–' : link(d.page, `${d.family} / ${d.missing ?? ''}`)}</td><td class="num">${d.posterior === null ? '–' : d.posterior.toPrecision(6)}</td><td>${d.candidates.length === 0 ? '–' : d.candidates.map((c) => `${link(c.page, `${c.family} / ${c.missing}`)} (${c.posterior.toPrecision(3)})`).join('<br>')}</td></tr>`,
    )
    .join('\n');
  const pairRows = x.pairs
    .map(
      (p) =>
        `<tr><td>${link(p.page, p.child)}</td><td>${link(p.page, p.family)}</td><td>${esc(p.missing)}</td><td class="num">${formatLRText(p.lr)}</td><td class="num">${p.lr.log10LR === null ? '–' : p.lr.log10LR.toFixed(3)}</td><td class="num">${p.posterior.toPrecision(6)}</td><td class="num">${p.lociCompared}</td><td class="num">${p.lociInconsistent}</td></tr>`,
    )
    .join('\n');
  const body = `<header>
<h1>Search report</h1>
<p class="meta">generated ${esc(x.generated)} by strkin ${esc(x.strkinVersion)}</p>
</header>
<section>
<h2>Settings</h2>
<table class="provenance"><tbody>
<tr><th>frequency table</th><td>${esc(x.frequencies.name)}<br><span class="mono">SHA-256 ${esc(x.frequencies.checksum)}</span></td></tr>
<tr><th>rare-allele rule</th><td>${esc(x.frequencies.rareAlleleRule)}</td></tr>
<tr><th>theta</th><td>${x.theta}</td></tr>
<tr><th>mutation model</th><td>${esc(x.mutationModel)}</td></tr>
<tr><th>prior per pair</th><td>${x.prior.toPrecision(6)}</td></tr>
<tr><th>threshold</th><td>${x.threshold === null ? 'none (top pairs regardless of LR)' : `LR ≥ ${x.threshold}`}</td></tr>
</tbody></table>
</section>
<section>
<h2>Decisions</h2>
<table class="decisions"><thead><tr><th>child</th><th>decision</th><th>identified as (family / missing person)</th><th>posterior</th><th>candidates (posterior)</th></tr></thead>
<tbody>
${decisionRows}
</tbody></table>
</section>
<section>
<h2>Listed pairs</h2>
<p class="small">Every pair of the search output, best first per child; each links to its report page (per-locus table, hypotheses, pedigree, provenance).</p>
<table class="pairs"><thead><tr><th>child</th><th>family</th><th>missing person</th><th>LR</th><th>log10 LR</th><th>posterior</th><th>loci compared</th><th>loci inconsistent without mutation</th></tr></thead>
<tbody>
${pairRows}
</tbody></table>
</section>
<section>
<h2>Input files</h2>
${x.inputs.length === 0 ? '<p class="small">No input files.</p>' : `<table class="inputs"><thead><tr><th>input file</th><th>SHA-256</th></tr></thead><tbody>\n${x.inputs.map((i) => `<tr><td>${esc(i.file)}</td><td class="mono">${esc(i.sha256)}</td></tr>`).join('\n')}\n</tbody></table>`}
</section>`;
  return reportPage('Search report', body);
}
