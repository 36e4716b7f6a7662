/**
 * Everything a report echoes is escaped (issue 10): for any names of people,
 * case and hypotheses (hostile ones included), the HTML page has only the tags
 * strkin writes, shows each name exactly (escaped), and its CSV reads back to
 * the same names through strkin's reader with no cell a spreadsheet would run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kinshipLR } from '../../src/likelihood/kinshipLR.js';
import { makeMarkerModel } from '../../src/likelihood/MarkerModel.js';
import { makeGenotype } from '../../src/profile/genotype.js';
import { readDelimited } from '../../src/io/text.js';
import { buildCaseReport, kinshipReportCsv } from '../../src/report/kinshipReport.js';
import { kinshipReportHtml } from '../../src/report/reportHtml.js';
import { escapeHtml } from '../../src/util/html.js';
import { hostileNameArb } from '../arbitraries/profiles.js';

/** Names made of the characters that matter to HTML and CSV, plus the usual hostile payloads. */
const nameArb = fc.oneof(
  hostileNameArb,
  fc.constantFrom('<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "' onmouseover='x", '&amp;', '</td></tr></table>', '<!--', ']]>', '<svg/onload=alert(1)>'),
  fc.string({ unit: fc.constantFrom('<', '>', '&', '"', "'", '/', '=', 'a', ' ', '\u0000', '\u0007', '\u2028', 'é'), minLength: 1, maxLength: 12 }),
);

/** The tags strkin's report pages use (HTML and inline SVG). */
const TAGS = new Set(['!DOCTYPE', 'html', 'head', 'meta', 'title', 'style', 'body', 'header', 'h1', 'h2', 'p', 'strong', 'section', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'span', 'br', 'dl', 'dt', 'dd', 'figure', 'figcaption', 'svg', 'line', 'path', 'rect', 'circle', 'polygon', 'text', 'div', 'a']);

/** Cells of RFC 4180 text exactly as written (quotes removed, no formula guard undone). */
function rawCells(text: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',' || ch === '\n') {
      cells.push(cell);
      cell = '';
    }
    else cell += ch;
  }
  return cells;
}

const unescape = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

describe('escapeHtml', () => {
  it('leaves no markup character and decodes back to the text (control characters replaced)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        const e = escapeHtml(s);
        expect(e).not.toMatch(/[<>"']/);
        expect(e).not.toMatch(/&(?!(amp|lt|gt|quot|#39);)/);
        // eslint-disable-next-line no-control-regex
        expect(unescape(e)).toBe(s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\ufffd'));
      }),
    );
  });
});

describe('report pages with hostile names', () => {
  it('HTML has only strkin tags and each name escaped; CSV reads back to the names, no formula cell', () => {
    fc.assert(
      fc.property(fc.uniqueArray(nameArb.filter((s) => s.trim() !== ''), { minLength: 3, maxLength: 3, selector: (s) => s.trim() }), nameArb, nameArb, ([father, mother, child], caseId, label) => {
        const [f, m, c] = [father, mother, child] as [string, string, string];
        const kase = {
          id: caseId,
          hypotheses: [{ persons: [{ id: f, sex: 'male' as const, father: null, mother: null }, { id: m, sex: 'female' as const, father: null, mother: null }, { id: c, sex: 'unknown' as const, father: f, mother: m }] }, { persons: [] }],
          labels: [label, label],
          markers: [makeMarkerModel({ name: 'TH01', alleles: ['6', '7', '9.3'], frequencies: [0.2, 0.3, 0.5] })],
          genotypes: { [f]: { TH01: makeGenotype('6', '9.3') }, [m]: { TH01: makeGenotype('7', '7') }, [c]: { TH01: makeGenotype('7', '9.3') } },
        };
        const report = buildCaseReport(kase, kinshipLR(kase), { prior: 0.5, priorNote: label, inputs: [{ file: label, sha256: '0'.repeat(64) }], generated: 'now', mutationModel: label });
        const html = kinshipReportHtml(report);
        for (const [, tag] of html.matchAll(/<\/?([A-Za-z!][A-Za-z0-9-]*)/g)) expect(TAGS.has(tag as string), `tag <${tag}>`).toBe(true);
        for (const [tag] of html.matchAll(/<[^>]*>/g)) expect(tag, 'an event handler attribute').not.toMatch(/\son[a-z]+\s*=/i);
        for (const name of [f, m, c, caseId, label]) {
          const shown = escapeHtml(name);
          expect(html).toContain(shown);
          if (/[<>&"']/.test(name)) expect(html.includes(name) && !html.includes(shown.replace(/&amp;/g, '&'))).toBe(false);
        }
        const csv = readDelimited(kinshipReportCsv(report));
        expect(csv.header.slice(1, 4).sort()).toEqual([f, m, c].map((n) => `genotype:${n}`.trimEnd()).sort());
        for (const cell of rawCells(kinshipReportCsv(report))) expect(cell).not.toMatch(/^[=+@\t\r]/);
      }),
      { numRuns: 60 },
    );
  });
});
