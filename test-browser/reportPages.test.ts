/**
 * Report pages in a real browser (issue 10, section 4): the built CLI writes
 * the case report of fixtures/cases/grandmother.json, the search report of the
 * fixture search and a case whose people have hostile names; each page is
 * opened offline in Debian's chromium (driven by playwright-core) and must
 * show no console error, request nothing but itself, run no script, have one
 * table row per locus and the verbal scale, and print on A4. A PNG screenshot
 * of each page goes to test-output/screenshots/ for a person to look at.
 *
 * Needs `npm run build` (done by `npm run test:browser`) and /usr/bin/chromium
 * (`apt-get install chromium`; .ci/run installs it when missing), or
 * STRKIN_CHROMIUM=/path/to/chromium.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const OUT = join(REPO, 'test-output');
const PAGES = join(OUT, 'pages');
const SHOTS = join(OUT, 'screenshots');
const CHROMIUM = process.env['STRKIN_CHROMIUM'] ?? '/usr/bin/chromium';

function strkin(args: readonly string[]): void {
  const r = spawnSync(process.execPath, [join(REPO, 'dist', 'cli.js'), ...args], { cwd: REPO, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`strkin ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
}

const HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(2)>', "=HYPERLINK(\"http://x\",\"y\")&'"];

/** A case file whose three people have hostile names (a trio, markers from the built-in table). */
function hostileCase(): string {
  const [c, m, f] = HOSTILE as [string, string, string];
  const kase = {
    id: '<b>case</b>',
    frequencies: 'nist1036-cauc',
    hypotheses: {
      H1: { label: '<i>H1</i>', individuals: [{ id: f, father: null, mother: null, sex: 'male' }, { id: m, father: null, mother: null, sex: 'female' }, { id: c, father: f, mother: m, sex: 'male' }] },
      H2: { label: 'unrelated', individuals: [] },
    },
    markers: ['TH01', 'vWA', 'FGA'],
    genotypes: { [c]: { TH01: ['6', '9.3'], vWA: ['16', '17'], FGA: ['21', '22'] }, [m]: { TH01: ['6', '7'], vWA: ['16', '18'] }, [f]: { TH01: ['9.3', '9.3'], vWA: ['17', '17'], FGA: ['22', '24'] } },
  };
  const file = join(OUT, 'hostile-case.json');
  writeFileSync(file, JSON.stringify(kase));
  return file;
}

/** Every page to open: [name, html file, number of loci from the JSON written beside it]. */
const pages: { name: string; html: string; loci: number | null }[] = [];
let browser: Browser;

beforeAll(async () => {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(PAGES, { recursive: true });
  mkdirSync(SHOTS, { recursive: true });
  const lociOf = (json: string): number => (JSON.parse(readFileSync(json, 'utf8')) as { loci: unknown[] }).loci.length;
  strkin(['lr', 'fixtures/cases/grandmother.json', '--mutation', 'stepwise', '--report', join(PAGES, 'case.html'), '-q']);
  strkin(['lr', 'fixtures/cases/grandmother.json', '--mutation', 'stepwise', '--report', join(PAGES, 'case.json'), '-q']);
  pages.push({ name: 'case', html: join(PAGES, 'case.html'), loci: lociOf(join(PAGES, 'case.json')) });
  const hostile = hostileCase();
  strkin(['lr', hostile, '--report', join(PAGES, 'hostile.html'), '-q']);
  strkin(['lr', hostile, '--report', join(PAGES, 'hostile.json'), '-q']);
  pages.push({ name: 'hostile', html: join(PAGES, 'hostile.html'), loci: lociOf(join(PAGES, 'hostile.json')) });
  const dir = join(PAGES, 'search');
  strkin(['search', '--unidentified', 'fixtures/profiles/genemapper-globalfiler.txt', '--families', 'fixtures/families/relationships.csv', '--profiles', 'fixtures/profiles/reference-families.csv', '--threshold', '1000', '--threads', '1', '--no-progress', '--report', dir, '--out', join(OUT, 'matches.csv'), '-q']);
  pages.push({ name: 'search-index', html: join(dir, 'index.html'), loci: null });
  for (const f of readdirSync(join(dir, 'pairs')).filter((x) => x.endsWith('.html')).sort()) {
    pages.push({ name: `search-${f.replace(/\.html$/, '')}`, html: join(dir, 'pairs', f), loci: lociOf(join(dir, 'pairs', f.replace(/\.html$/, '.json'))) });
  }
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
});

afterAll(async () => {
  await browser?.close();
});

describe('report pages in chromium', () => {
  it('writes the pages to open (a case, a hostile case, a search index and its pairs)', () => {
    expect(pages.map((p) => p.name).slice(0, 3)).toEqual(['case', 'hostile', 'search-index']);
    expect(pages.length).toBeGreaterThanOrEqual(5); // the fixture search identifies two children
  });

  it('each page: no console error, nothing requested but itself, no script run, rows per locus, verbal scale, A4, screenshot', async () => {
    for (const p of pages) {
      const context = await browser.newContext({ offline: true, javaScriptEnabled: true });
      const page = await context.newPage();
      const problems: string[] = [];
      const url = pathToFileURL(p.html).href;
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('dialog', (d) => {
        problems.push(`dialog: ${d.message()}`);
        void d.dismiss();
      });
      page.on('request', (r) => {
        if (r.url() !== url) problems.push(`request: ${r.url()}`);
      });
      await page.goto(url, { waitUntil: 'load' });
      expect(problems, `${p.name}: ${problems.join('; ')}`).toEqual([]);
      expect(await page.locator('script').count(), p.name).toBe(0);
      if (p.loci !== null) {
        expect(await page.locator('table.loci > tbody > tr').count(), p.name).toBe(p.loci);
        const verbal = (await page.locator('#verbal-scale').innerText()).toLowerCase();
        expect(verbal, p.name).toMatch(/support|exclude|no conclusion/);
        expect(await page.locator('.cite').innerText(), p.name).toMatch(/ENFSI Guideline for Evaluative Reporting in Forensic Science/);
        expect(await page.locator('svg.pedigree').count(), p.name).toBe(1);
      } else {
        expect(await page.locator('table.pairs > tbody > tr').count()).toBeGreaterThanOrEqual(2);
        expect(await page.locator('table.pairs a').count()).toBeGreaterThanOrEqual(2);
      }
      // Printing: the page sets A4 itself (@page), and prints to PDF without error.
      const pdf = await page.pdf({ preferCSSPageSize: true });
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      await page.screenshot({ path: join(SHOTS, `${p.name}.png`), fullPage: true });
      await context.close();
    }
    expect(readdirSync(SHOTS).filter((f) => f.endsWith('.png'))).toHaveLength(pages.length);
  });

  it('hostile names are shown as text, exactly, and never run', async () => {
    const page = await browser.newPage();
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await page.goto(pathToFileURL(join(PAGES, 'hostile.html')).href, { waitUntil: 'load' });
    const headers = await page.locator('table.loci > thead th').allInnerTexts();
    for (const name of HOSTILE) expect(headers.some((h) => h.startsWith(name)), name).toBe(true);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('h1').innerText()).toBe('Kinship report: case <b>case</b>');
    expect(dialogs).toBe(0);
    await page.close();
  });

  it('the index links to every pair page, and the links open', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(PAGES, 'search', 'index.html')).href, { waitUntil: 'load' });
    const hrefs = await page.locator('table.pairs a').evaluateAll((as) => as.map((a) => (a as unknown as { href: string }).href));
    expect(hrefs.length).toBeGreaterThanOrEqual(2);
    for (const href of new Set(hrefs)) {
      const response = await page.goto(href);
      expect(response?.ok(), href).toBe(true);
      expect(await page.locator('table.loci > tbody > tr').count()).toBeGreaterThan(0);
    }
    await page.close();
  });
});
