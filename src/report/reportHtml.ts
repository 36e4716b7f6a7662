/**
 * Report pages as self-contained HTML: inline CSS and SVG, no script, no
 * external resource, so a page opens offline and prints on A4. Every text
 * echoed from the input goes through {@link escapeHtml}.
 */
import { escapeHtml } from '../util/html.js';
import type { KinshipReport, ReportInput } from './kinshipReport.js';
import type { LRJson } from './lrJson.js';
import { pedigreeSvg } from './pedigreeSvg.js';

const STYLE = `@page{size:A4;margin:14mm}
*{box-sizing:border-box}
body{font:10.5pt/1.4 "DejaVu Sans",Arial,Helvetica,sans-serif;color:#111;max-width:190mm;margin:1em auto;padding:0 4mm}
h1{font-size:16pt;margin:0 0 .2em}h2{font-size:12pt;margin:1.2em 0 .4em;border-bottom:1px solid #999}
table{border-collapse:collapse;width:100%;margin:.3em 0}th,td{border:1px solid #bbb;padding:2px 5px;text-align:left;vertical-align:top}
th{background:#eee}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.meta,.cite,.small{color:#444;font-size:9pt}.verbal{font-size:11.5pt;border:1px solid #333;padding:.4em .6em;margin:.6em 0}
.status-excluded,.status-inconsistent,.status-undefined{font-weight:bold}
.sign{display:flex;gap:3em;margin-top:2em}.sign div{flex:1;border-top:1px solid #333;padding-top:.2em;font-size:9pt}
figure{margin:.4em 0;page-break-inside:avoid}figcaption{font-size:9pt;color:#444}
.mono{font-family:"DejaVu Sans Mono",monospace;font-size:8.5pt;word-break:break-all}
tr{page-break-inside:avoid}thead{display:table-header-group}
@media print{body{margin:0;max-width:none;padding:0}a{color:inherit;text-decoration:none}}`;

/**
 * An LR for people: `0` when excluded, `∞` when infinite, `undefined` for 0/0;
 * otherwise 4 significant digits, in scientific notation outside [0.001, 10⁶),
 * and from the exact log10 when a double cannot hold the LR.
 *
 * Cost: O(1).
 *
 * @example
 * ```ts
 * formatLRText({ log10LR: Math.log10(20), LR: 20, status: 'ok' }); // => '20.00'
 * formatLRText({ log10LR: 400.5, LR: null, status: 'ok' }); // => '3.162e+400'
 * formatLRText({ log10LR: null, LR: 0, status: 'excluded' }); // => '0'
 * ```
 */
export function formatLRText(lr: LRJson): string {
  if (lr.status === 'excluded') return '0';
  if (lr.status === 'infinite') return '∞';
  if (lr.status === 'undefined' || lr.log10LR === null) return 'undefined';
  if (lr.LR !== null && lr.LR >= 1e-3 && lr.LR < 1e6) return lr.LR.toPrecision(4);
  let exponent = Math.floor(lr.log10LR);
  let mantissa = (10 ** (lr.log10LR - exponent)).toFixed(3);
  if (mantissa === '10.000') [mantissa, exponent] = ['1.000', exponent + 1];
  return `${mantissa}e${exponent >= 0 ? '+' : ''}${exponent}`;
}

const log10Text = (lr: LRJson): string => (lr.log10LR === null ? '–' : lr.log10LR.toFixed(3));

/** A probability for people: 6 significant digits, with 1 − P beside it when P is near 1. */
function probabilityText(p: number | null, oneMinus: number | null): string {
  if (p === null) return 'undefined';
  if (oneMinus !== null && p > 0.9999) return `${p.toPrecision(6)} (1 − P = ${oneMinus.toExponential(2)})`;
  return p.toPrecision(6);
}

const esc = escapeHtml;

/** A whole HTML document around `body` (already escaped), with the report style. @internal */
export function reportPage(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="strkin">
<title>${esc(title)}</title>
<style>
${STYLE}
</style>
</head>
<body>
${body}
</body>
</html>
`;
}

function inputsTable(inputs: readonly ReportInput[]): string {
  if (inputs.length === 0) return '<p class="small">No input files (data given in code).</p>';
  return `<table class="inputs"><thead><tr><th>input file</th><th>SHA-256</th></tr></thead><tbody>
${inputs.map((i) => `<tr><td>${esc(i.file)}</td><td class="mono">${esc(i.sha256)}</td></tr>`).join('\n')}
</tbody></table>`;
}

/**
 * One report page as a self-contained HTML document: the result (total LR,
 * log10 LR, LR without mutation, inconsistent loci, posterior with its prior,
 * the verbal equivalent with its scale and citation), the hypotheses in words
 * and the H1 pedigree drawn as SVG, the per-locus table (one `tbody` row per
 * locus: locus, each person's genotype, LR with and without mutation, status),
 * the provenance (strkin version, time, frequency table and checksum,
 * rare-allele rule, theta, mutation model and per-locus rates, input files and
 * their SHA-256) and lines for the analyst's and reviewer's signatures. No
 * script and no external resource; `@page` sets A4.
 *
 * Cost: O(size of the report).
 *
 * @example
 * ```ts
 * const kase = {
 *   hypotheses: [{ persons: [{ id: 'AF', sex: 'male', father: null, mother: null }, { id: 'MO', sex: 'female', father: null, mother: null }, { id: 'C', sex: 'male', father: 'AF', mother: 'MO' }] }, { persons: [] }],
 *   labels: ['AF is the father of C', 'unrelated'],
 *   markers: [makeMarkerModel({ name: 'TH01', alleles: ['6', '7'], frequencies: [0.05, 0.95] })],
 *   genotypes: { AF: { TH01: makeGenotype('6', '6') }, C: { TH01: makeGenotype('6', '6') } },
 * };
 * const report = buildCaseReport(kase, kinshipLR(kase), { prior: 0.5, priorNote: 'equal priors', inputs: [], generated: '2026-01-01T00:00:00Z', mutationModel: 'none' });
 * const html = kinshipReportHtml(report);
 * html.startsWith('<!DOCTYPE html>'); // => true
 * html.includes('moderate support'); // => true
 * ```
 */
export function kinshipReportHtml(report: KinshipReport): string {
  const r = report;
  const p = r.provenance;
  const svg = pedigreeSvg({ persons: r.pedigree.persons }, { typed: r.pedigree.typed, missing: r.pedigree.missing, labels: r.pedigree.labels, title: 'H1 pedigree' });
  const hasPedigree = r.pedigree.persons.length > 0;
  const locusRows = r.loci
    .map(
      (l) =>
        `<tr><th scope="row">${esc(l.locus)}</th>${l.genotypes.map((g) => `<td>${g === null ? '–' : esc(g)}</td>`).join('')}<td class="num">${formatLRText(l.withMutation)}</td><td class="num">${log10Text(l.withMutation)}</td><td class="num">${formatLRText(l.withoutMutation)}</td><td class="status-${esc(l.status)}">${esc(l.status)}</td></tr>`,
    )
    .join('\n');
  const subject = Object.entries(r.subject).map(([k, v]) => `${esc(k)} <strong>${esc(v)}</strong>`).join(' · ');
  const freq = p.frequencies;
  const body = `<header>
<h1>${esc(r.title)}</h1>
<p class="meta">${subject === '' ? '' : `${subject} · `}generated ${esc(p.generated)} by strkin ${esc(p.strkinVersion)}</p>
</header>
<section class="result">
<h2>Result</h2>
<table class="summary"><tbody>
<tr><th>likelihood ratio (H1 vs H2)</th><td class="num" id="total-lr">${formatLRText(r.total)}</td></tr>
<tr><th>log10 LR</th><td class="num">${log10Text(r.total)}</td></tr>
<tr><th>LR without mutation</th><td class="num">${formatLRText(r.totalWithoutMutation)} (loci inconsistent without mutation: ${r.inconsistentLoci})</td></tr>
<tr><th>prior P(H1)</th><td class="num">${r.posterior.prior.toPrecision(6)}</td></tr>
<tr><th>posterior P(H1 | data)</th><td class="num">${probabilityText(r.posterior.posterior, r.posterior.oneMinusPosterior)}</td></tr>
</tbody></table>
<p class="small">Prior: ${esc(r.posterior.priorNote)}. Posterior = LR·π / (LR·π + 1 − π).</p>
<p class="verbal" id="verbal-scale"><strong>Verbal equivalent:</strong> ${esc(r.verbal.sentence)}</p>
<p class="cite">Verbal scale: ${esc(r.verbal.scale)}. Source: ${esc(r.verbal.citation)}. The verbal equivalent summarises the LR; the LR is the result.</p>
${r.notes.map((n) => `<p class="small">${esc(n)}</p>`).join('\n')}
</section>
<section class="hypotheses">
<h2>Hypotheses</h2>
<dl>
${r.hypotheses.map((h) => `<dt><strong>${esc(h.key)}</strong>${h.label === '' ? '' : `: ${esc(h.label)}`}</dt><dd>${esc(h.words === '' ? 'no typed person' : h.words)}</dd>`).join('\n')}
</dl>
${hasPedigree ? `<figure>${svg}<figcaption>H1 pedigree: squares men, circles women, diamonds sex unknown; shaded: typed reference; dashed with ?: the missing person (the child under H1); a second line names the sample.</figcaption></figure>` : ''}
</section>
<section class="loci">
<h2>Per-locus results</h2>
<table class="loci"><thead><tr><th>locus</th>${r.people.map((x) => `<th>${esc(x.id)}<br><span class="small">${esc(x.role)}${x.sample !== null && x.sample !== x.id ? `, sample ${esc(x.sample)}` : ''}</span></th>`).join('')}<th>LR with mutation</th><th>log10 LR</th><th>LR without mutation</th><th>status</th></tr></thead>
<tbody>
${locusRows}
</tbody>
<tfoot><tr><th>total</th>${r.people.map(() => '<td></td>').join('')}<td class="num">${formatLRText(r.total)}</td><td class="num">${log10Text(r.total)}</td><td class="num">${formatLRText(r.totalWithoutMutation)}</td><td>${esc(r.total.status)}</td></tr></tfoot>
</table>
<p class="small">Status: ok; excluded (impossible under H1); inconsistent (possible only through a mutation); undefined (impossible under both); infinite (impossible under H2); untyped (nothing to compare). Per-locus LRs multiply to the total (their log10s add).</p>
</section>
<section class="provenance">
<h2>Provenance</h2>
<table class="provenance"><tbody>
<tr><th>strkin version</th><td>${esc(p.strkinVersion)}</td></tr>
<tr><th>generated</th><td>${esc(p.generated)}</td></tr>
<tr><th>frequency table</th><td>${freq === null ? 'frequencies given in the case' : `${esc(freq.name)}<br><span class="mono">SHA-256 ${esc(freq.checksum ?? 'not recorded')}</span>`}</td></tr>
<tr><th>rare-allele rule</th><td>${esc(freq?.rareAlleleRule ?? 'none (frequencies given in the case)')}</td></tr>
<tr><th>theta</th><td>${p.theta}</td></tr>
<tr><th>mutation model</th><td>${esc(p.mutationModel)}</td></tr>
<tr><th>convention</th><td>${esc(p.convention)}</td></tr>
</tbody></table>
<table class="mutation"><thead><tr><th>locus</th><th>female mutation</th><th>male mutation</th></tr></thead><tbody>
${p.mutation.map((m) => `<tr><td>${esc(m.marker)}</td><td>${esc(m.female)}</td><td>${esc(m.male)}</td></tr>`).join('\n')}
</tbody></table>
${inputsTable(p.inputs)}
</section>
<section class="sign"><div>Analyst, date</div><div>Reviewer, date</div></section>`;
  return reportPage(r.title, body);
}
