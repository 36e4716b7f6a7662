/**
 * `strkin power --report`: a self-contained HTML page with one inline SVG per
 * plot (vega-lite rendered by vega without a browser), escaped names, and no
 * external resources.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run.js';

const fixture = (p: string) => new URL(`../../fixtures/${p}`, import.meta.url).pathname;

describe('strkin power --report', () => {
  it('one SVG per plot, names escaped, nothing loaded from elsewhere', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'strkin-power-report-'));
    // A family whose id and missing person carry markup.
    const families = readFileSync(fixture('families/relationships.csv'), 'utf8').replace(/^F001,/gm, "F<i>&'1'</i>,").replaceAll('Missing F001', "Missing <i>&'1'</i>");
    writeFileSync(join(dir, 'families.csv'), families);
    const page = join(dir, 'power.html');
    const r = await runCli(['power', '--families', join(dir, 'families.csv'), '--profiles', fixture('profiles/reference-families.csv'), '--grid-step', '0.01', '--threads', '1', '--suggestions', '2', '--candidates', 'father,mother,full-sibling', '--out', join(dir, 'power.csv'), '--report', page]);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(page, 'utf8');
    // Charts: P(identified) over all rows, an LR distribution for each of the 3 rows (all among the 5 lowest), gain per relative.
    const svgs = html.match(/<svg[\s>]/g) ?? [];
    const figures = html.match(/<figure>/g) ?? [];
    expect(figures).toHaveLength(5);
    expect(svgs).toHaveLength(5);
    expect(html.match(/<\/svg>/g)).toHaveLength(5);
    expect(html).toContain('Gain per suggested relative');
    // Escaped everywhere it is echoed: never raw markup from the input.
    expect(html).not.toContain("<i>&'1'");
    expect(html).toContain('F&lt;i&gt;&amp;&#39;1&#39;&lt;/i&gt;');
    expect(html).toContain('Missing &lt;i&gt;&amp;&#39;1&#39;&lt;/i&gt;');
    // Self-contained: no scripts, no links, no remote URLs other than the SVG namespace.
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    const urls = (html.match(/https?:\/\/[^\s"'<>)]+/g) ?? []).filter((u) => !u.startsWith('http://www.w3.org/'));
    expect(urls).toEqual([]);
    expect(html).not.toMatch(/\s(src|href)="(?!#)/);
  }, 120_000);
});
