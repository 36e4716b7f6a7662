/**
 * Case reports (issue 10, section 1): the content of a page from known cases
 * (domain.md §6 worked values), the pair page of a search against the search's
 * own value, the verbal scale, relationships in words and the pedigree drawing.
 */
import { describe, expect, it } from 'vitest';
import { builtinTable } from '../../src/frequencies/builtin.js';
import { kinshipLR, type KinshipCase } from '../../src/likelihood/kinshipLR.js';
import { makeMarkerModel } from '../../src/likelihood/MarkerModel.js';
import type { Pedigree } from '../../src/pedigree/Pedigree.js';
import { makeGenotype } from '../../src/profile/genotype.js';
import { buildCaseReport, buildPairReport, kinshipReportCsv, kinshipReportJson, type ReportContext } from '../../src/report/kinshipReport.js';
import { kinshipReportHtml } from '../../src/report/reportHtml.js';
import { buildSearchReportIndex, pairReportFileName, searchReportIndexHtml } from '../../src/report/searchReportIndex.js';
import { identifyChildren } from '../../src/search/decide/identifyChildren.js';
import { familyLR } from '../../src/search/familyLR.js';
import { searchFamilies } from '../../src/search/searchFamilies.js';
import { simulateSearchScenario } from '../../src/simulate/simulateSearchScenario.js';
import { readDelimited } from '../../src/io/text.js';

const person = (id: string, sex: 'male' | 'female' | 'unknown', father: string | null = null, mother: string | null = null) => ({ id, sex, father, mother });
const duoH1: Pedigree = { persons: [person('AF', 'male'), person('MO', 'female'), person('C', 'male', 'AF', 'MO')] };
const context: ReportContext = { prior: 0.5, priorNote: 'equal priors', inputs: [{ file: 'case.json', sha256: 'ab'.repeat(32) }], generated: '2026-01-01T00:00:00.000Z', mutationModel: 'as given in the case' };

describe('buildCaseReport on worked values (domain.md §6)', () => {
  // duo AF aa, C aa, pa = .05: LR 20 (domain.md §6)
  const duo: KinshipCase & { labels: string[] } = {
    hypotheses: [duoH1, { persons: [] }],
    labels: ['H1: AF is the father of C', 'H2: AF and C are unrelated'],
    markers: [makeMarkerModel({ name: 'TH01', alleles: ['a', 'b'], frequencies: [0.05, 0.95] }), makeMarkerModel({ name: 'vWA', alleles: ['x', 'y'], frequencies: [0.5, 0.5] })],
    genotypes: { AF: { TH01: makeGenotype('a', 'a') }, C: { TH01: makeGenotype('a', 'a') } },
  };
  const report = buildCaseReport(duo, kinshipLR(duo), context);

  it('has one row per marker, the child first, LR 20, posterior 20/21 at prior 1/2, moderate support (ENFSI)', () => {
    expect(report.loci.map((l) => l.locus)).toEqual(['TH01', 'vWA']);
    expect(report.people.map((p) => [p.id, p.role])).toEqual([
      ['C', 'child'],
      ['AF', 'father'],
    ]);
    expect(report.loci[0]?.genotypes).toEqual(['a/a', 'a/a']);
    expect(report.loci[1]?.genotypes).toEqual([null, null]);
    expect(report.loci[1]?.status).toBe('untyped');
    expect(report.total.LR).toBeCloseTo(20, 12);
    expect(report.posterior.posterior).toBeCloseTo(20 / 21, 14);
    expect(report.posterior.oneMinusPosterior).toBeCloseTo(1 / 21, 14);
    expect(report.verbal.words).toBe('moderate support');
    expect(report.verbal.supports).toBe('H1');
    expect(report.verbal.citation).toMatch(/ENFSI Guideline for Evaluative Reporting in Forensic Science.*2015/);
    expect(report.hypotheses.map((h) => [h.key, h.label, h.words])).toEqual([
      ['H1', 'AF is the father of C', 'C is the son of AF'],
      ['H2', 'AF and C are unrelated', 'C and AF are unrelated'],
    ]);
    expect(report.provenance.inputs).toEqual(context.inputs);
    expect(report.provenance.generated).toBe(context.generated);
  });

  it('writes the same content as JSON, CSV (one row per locus) and HTML (one table row per locus)', () => {
    const json = JSON.parse(kinshipReportJson(report)) as typeof report;
    expect(json.total).toEqual(report.total);
    expect(json.loci).toHaveLength(2);
    const csv = readDelimited(kinshipReportCsv(report));
    expect(csv.rows.map((r) => r.cells[0])).toEqual(['TH01', 'vWA']);
    expect(csv.header).toEqual(['locus', 'genotype:C', 'genotype:AF', 'LR', 'log10LR', 'status', 'LR_without_mutation', 'log10LR_without_mutation', 'status_without_mutation']);
    expect(Number(csv.rows[0]?.cells[3])).toBeCloseTo(20, 12);
    const html = kinshipReportHtml(report);
    const body = /<table class="loci">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
    expect(body.match(/<tr>/g)).toHaveLength(2);
    expect(html).toContain('@page{size:A4');
    expect(html).not.toMatch(/<script|<link|src=|url\(|https?:\/\/[^ ]*\.(css|js)/);
    expect(html).toContain('moderate support');
    expect(html).toContain('20.00');
  });

  it('LR with and without mutation per locus: a one-step mutation is "inconsistent", LR < 1 supports H2 (domain.md §6: 0.0025)', () => {
    // duo AF 10/10, C 11/11; ladder 8..12, p = (.1,.2,.3,.2,.2); male equal mu = .002, female none: LR 0.0025
    const kase = {
      hypotheses: [duoH1, { persons: [] }],
      labels: ['', ''],
      markers: [makeMarkerModel({ name: 'D8S1179', alleles: ['8', '9', '10', '11', '12'], frequencies: [0.1, 0.2, 0.3, 0.2, 0.2], mutation: { female: { model: 'none' }, male: { model: 'equal', rate: 0.002 } } })],
      genotypes: { AF: { D8S1179: makeGenotype('10', '10') }, C: { D8S1179: makeGenotype('11', '11') } },
    };
    const r = buildCaseReport(kase, kinshipLR(kase), context);
    expect(r.loci[0]?.withMutation.LR).toBeCloseTo(0.0025, 14);
    expect(r.loci[0]?.withoutMutation).toEqual({ log10LR: null, LR: 0, status: 'excluded' });
    expect(r.loci[0]?.status).toBe('inconsistent');
    expect(r.inconsistentLoci).toBe(1);
    expect(r.totalWithoutMutation.status).toBe('excluded');
    // 1/LR = 400: moderately strong support for H2
    expect(r.verbal).toMatchObject({ supports: 'H2', words: 'moderately strong support' });
    expect(r.verbal.sentence).toMatch(/for H2 rather than H1/);
  });

  it('rejects a prior outside (0, 1)', () => {
    for (const prior of [0, 1, -1, Number.NaN]) expect(() => buildCaseReport(duo, kinshipLR(duo), { ...context, prior })).toThrow(RangeError);
  });
});

describe('buildPairReport: a pair of a search', () => {
  const frequencies = builtinTable('nist1036-cauc');
  const scenario = simulateSearchScenario({ table: frequencies, seed: 7, families: 5, children: 4, related: 3 });
  const options = { frequencies, minLoci: 1 };
  const result = searchFamilies(scenario.children, scenario.families, { ...options, topK: 2 });

  it('has the search value of the pair, one row per compared locus, the child then each reference', () => {
    expect(result.matches.length).toBeGreaterThan(0);
    for (const m of result.matches) {
      const child = scenario.children.find((c) => c.sample === m.child);
      const family = scenario.families.find((f) => f.id === m.family);
      if (child === undefined || family === undefined) throw new Error('match names an unknown record');
      const lr = familyLR(child, family, m.missing, options);
      const report = buildPairReport({ child, family, missing: m.missing }, lr, { ...context, prior: result.settings.prior });
      expect(report.total.log10LR ?? Number.NaN).toBeCloseTo(m.log10LR ?? Number.NaN, 8);
      expect(report.posterior.posterior).toBeCloseTo(m.posterior, 10);
      expect(report.loci).toHaveLength(m.lociCompared);
      expect(report.people[0]).toMatchObject({ id: child.sample, role: 'child' });
      expect(report.people.slice(1).map((p) => p.id)).toEqual(Object.keys(family.references));
      for (const l of report.loci) expect(l.genotypes[0]).not.toBeNull();
      expect(report.hypotheses[0]?.words).toMatch(new RegExp(`^The child ${child.sample} is the missing person ${m.missing} of family ${family.id}: the `));
      expect(report.pedigree.missing).toEqual([m.missing]);
    }
  });

  it('the index lists every pair with its page and every child with its decision', () => {
    const identification = identifyChildren(result);
    const pages = result.matches.map((m, i) => `pairs/${pairReportFileName(i, m)}.html`);
    const index = buildSearchReportIndex(result, identification, { generated: context.generated, inputs: [], pages });
    expect(index.pairs.map((p) => p.page)).toEqual(pages);
    expect(index.decisions.map((d) => d.child)).toEqual(identification.decisions.map((d) => d.child));
    const html = searchReportIndexHtml(index);
    for (const page of pages) expect(html).toContain(`href="${page}"`);
    // candidates link to their pair's page when it is listed
    for (const d of index.decisions) for (const c of d.candidates) if (c.page !== null) expect(pages).toContain(c.page);
    expect(index.decisions.some((d) => d.candidates.some((c) => c.page !== null))).toBe(true);
    expect(index.decisions.flatMap((d) => d.candidates).length).toBe(identification.decisions.flatMap((d) => d.candidates).length);
  });

  it('file names are unique and safe for any sample name', () => {
    expect(pairReportFileName(11, { child: '../../etc/passwd', family: 'a b<c>' })).toBe('0012-__.._etc_passwd-a_b_c_');
    expect(pairReportFileName(0, { child: '..', family: '.x' })).toBe('0001-_-_x');
  });
});
