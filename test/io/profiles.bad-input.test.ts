import { describe, expect, it } from 'vitest';
import { ParseError, StrkinError, formatIssue } from '../../src/errors/StrkinError.js';
import { parseCmf } from '../../src/io/profiles/parseCmf.js';
import { parseGeneMapper } from '../../src/io/profiles/parseGeneMapper.js';
import { parseProfiles, safeParseProfiles } from '../../src/io/profiles/parseProfiles.js';
import { parseProfilesJson } from '../../src/io/profiles/parseProfilesJson.js';
import { parseWideProfiles } from '../../src/io/profiles/parseWideProfiles.js';
import type { ProfileFormat } from '../../src/io/profiles/types.js';

/** Every issue of the thrown error, one `file:line: code: message` a line. */
function issuesOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof ParseError) return error.issues.map((i) => formatIssue(i)).join('\n');
    throw error;
  }
  throw new Error('expected a ParseError');
}

const GM = 'Sample Name\tMarker\tAllele 1\tAllele 2\n';
const gm = (...rows: string[]): string => GM + rows.map((r) => r.replace(/ /g, '\t')).join('\n') + '\n';

describe('profile readers reject bad input', () => {
  it('empty file, in every format', () => {
    for (const format of ['genemapper', 'wide', 'cmf', 'json'] as ProfileFormat[]) {
      expect(() => parseProfiles('', { format })).toThrow(ParseError);
      expect(() => parseProfiles('\uFEFF \r\n', { format })).toThrow(/empty/);
    }
    expect(issuesOf(() => parseProfiles('', { file: 'refs.csv' }))).toMatchInlineSnapshot(`"refs.csv: empty-file: The file is empty (no header line)"`);
    expect(issuesOf(() => parseProfiles('\n\n', { file: 'batch.xml' }))).toMatchInlineSnapshot(`"batch.xml: empty-file: The file is empty (no XML document)"`);
  });

  it('wrong delimiter: a header that is one column holding other separators', () => {
    expect(issuesOf(() => parseProfiles('Sample Name|Marker|Allele 1|Allele 2\nS1|TH01|6|7\n', { file: 'gm.txt' }))).toMatchInlineSnapshot(`"gm.txt:1: wrong-delimiter: The header is one single column when split by comma but contains a vertical bar: use a tab-, comma- or semicolon-separated file, or the matching delimiter (header = "Sample Name|Marker|Allele 1|Allele 2")"`);
    expect(issuesOf(() => parseProfiles('Sample,TH01.1,TH01.2\nS1,6,7\n', { format: 'wide', delimiter: '\t' }))).toMatchInlineSnapshot(`"line 1: wrong-delimiter: The header is one single column when split by tab but contains a comma: use a tab-, comma- or semicolon-separated file, or the matching delimiter (header = "Sample,TH01.1,TH01.2")"`);
    expect(issuesOf(() => parseProfiles('Sample Name   Marker   Allele 1\n', { format: 'genemapper' }))).toMatchInlineSnapshot(`"line 1: wrong-delimiter: The header is one single column when split by comma but contains a space: use a tab-, comma- or semicolon-separated file, or the matching delimiter (header = "Sample Name   Marker   Allele 1")"`);
  });

  it('missing sample, marker or allele column', () => {
    expect(issuesOf(() => parseWideProfiles('Name2,TH01.1,TH01.2\nS1,6,7\n', { file: 'w.csv' }))).toMatchInlineSnapshot(`"w.csv:1: missing-column: Wide profile table lacks a sample column: name one of Sample, Sample Name, Sample ID, ID (header = "Name2,TH01.1,TH01.2")"`);
    expect(issuesOf(() => parseGeneMapper('Sample Name\tLocation\tAllele 1\nS1\tTH01\t6\n'))).toMatchInlineSnapshot(`"line 1: missing-column: GeneMapper export lacks a required column (column = "Marker")"`);
    expect(issuesOf(() => parseWideProfiles('Sample,Population\nS1,Cauc\n'))).toMatchInlineSnapshot(`"line 1: missing-column: Wide profile table has no locus column (header = "Sample,Population")"`);
    expect(issuesOf(() => parseGeneMapper('Sample File\tDye\tSize 1\nS1\tB\t100\n'))).toMatchInlineSnapshot(`"line 1: missing-column: GeneMapper export lacks a required column (column = "Sample Name", "Marker", "Allele 1")"`);
  });

  it('duplicate sample in a wide table, CMF and JSON; duplicate sample + marker in GeneMapper', () => {
    expect(issuesOf(() => parseWideProfiles('Sample,TH01\nS1,6/7\nS2,8/9\nS1,6/7\n'))).toMatchInlineSnapshot(`"line 4: duplicate-sample: Sample given on two rows (first on line 2) (sample = "S1")"`);
    expect(issuesOf(() => parseGeneMapper(gm('S1 TH01 6 7', 'S2 TH01 8 9', 'S1 THO1 6 9.3')))).toMatchInlineSnapshot(`"line 4: duplicate-locus: Locus given twice for one sample (first on line 2) (sample = "S1", locus = TH01)"`);
    const specimen = '<SPECIMEN><SPECIMENID>U1</SPECIMENID></SPECIMEN>';
    expect(issuesOf(() => parseCmf(`<CODISImportFile>\n${specimen}\n${specimen}\n</CODISImportFile>`))).toMatchInlineSnapshot(`"line 3: duplicate-sample: Specimen given twice (first on line 2) (sample = "U1")"`);
    expect(issuesOf(() => parseProfilesJson('{"format":"strkin-profiles","version":1,"profiles":[{"sample":"A"},{"sample":"A"}]}'))).toMatchInlineSnapshot(`"duplicate-sample: Sample given twice (sample = "A")"`);
  });

  it('duplicate columns for one locus in a wide table', () => {
    expect(issuesOf(() => parseWideProfiles('Sample,TH01,THO1.1,THO1.2\nS1,6/7,6,7\n'))).toMatchInlineSnapshot(`
      "line 1: duplicate-column: Two columns hold the same locus (locus = TH01, columns = "TH01" and "THO1.1")
      line 1: duplicate-column: Two columns hold the same locus (locus = TH01, columns = "TH01" and "THO1.2")"
    `);
    expect(issuesOf(() => parseWideProfiles('Sample,vWA 1,VWA_1\nS1,16,17\n'))).toMatchInlineSnapshot(`"line 1: duplicate-column: Two columns hold the same locus (locus = vWA, columns = "vWA 1" and "VWA_1")"`);
  });

  it('unknown locus: set aside with a warning, never dropped', () => {
    const wide = parseWideProfiles('Sample,Population,D99S999,TH01\nS1,Cauc,12/13,6/7\n');
    expect(wide.profiles[0]?.skipped).toEqual([{ locus: 'D99S999', reason: 'unknown-locus', detail: 'alleles = 12/13', line: 2 }]);
    expect(wide.issues.map((i) => formatIssue(i))).toMatchInlineSnapshot(`
      [
        "line 2: unknown-locus: Unknown locus name set aside (locus = "D99S999", sample = "S1")",
      ]
    `);
    const gmResult = parseGeneMapper(gm('S1 D99S999 12 13', 'S1 TH01 6 7'));
    expect(gmResult.profiles[0]?.skipped.map((s) => s.reason)).toEqual(['unknown-locus']);
    expect(gmResult.profiles[0]?.genotypes).toEqual({ TH01: ['6', '7'] });
  });

  it('allele 9,3 (decimal comma) and abc are errors by default, set aside with badAllele: skip', () => {
    const text = gm('S1 TH01 9,3 6', 'S1 FGA abc 21', 'S1 vWA 16 17');
    expect(issuesOf(() => parseGeneMapper(text, { file: 'gm.txt' }))).toMatchInlineSnapshot(`
      "gm.txt:2: bad-allele: Unreadable allele "9,3": decimal comma (write 9.3, not 9,3) (sample = "S1", locus = TH01)
      gm.txt:3: bad-allele: Unreadable allele "abc": not an allele designation (sample = "S1", locus = FGA)"
    `);
    const skipped = parseGeneMapper(text, { badAllele: 'skip' });
    expect(skipped.profiles[0]?.genotypes).toEqual({ vWA: ['16', '17'] });
    expect(skipped.profiles[0]?.skipped.map((s) => [s.locus, s.reason])).toEqual([['TH01', 'bad-allele'], ['FGA', 'bad-allele']]);
    expect(skipped.issues.every((i) => i.severity === 'warning')).toBe(true);
    // In an unquoted comma-separated row, 9,3 splits into two cells: the row no longer lines up with the header.
    expect(issuesOf(() => parseWideProfiles('Sample,TH01.1,TH01.2\nS1,9,3,6\n'))).toMatchInlineSnapshot(`"line 2: extra-cells: Row has more cells than the header; row set aside (cells = 4, header = 3, extra = "6")"`);
  });

  it('three alleles: the locus is set aside as tri-allelic, with a warning', () => {
    const text = 'Sample Name\tMarker\tAllele 1\tAllele 2\tAllele 3\nS1\tFGA\t20\t21\t22\nS1\tTH01\t6\t7\t\n';
    const { profiles, issues } = parseGeneMapper(text);
    expect(profiles[0]?.genotypes).toEqual({ TH01: ['6', '7'] });
    expect(issues.map((i) => formatIssue(i))).toMatchInlineSnapshot(`
      [
        "line 2: tri-allelic: More than two alleles at an autosomal locus; locus set aside (sample = "S1", locus = FGA, alleles = 20/21/22)",
      ]
    `);
    expect(parseWideProfiles('Sample,FGA.1,FGA.2,FGA.3\nS1,20,21,22\n').profiles[0]?.skipped[0]?.reason).toBe('tri-allelic');
    expect(parseWideProfiles('Sample,FGA\nS1,20/21/22\n').profiles[0]?.skipped[0]?.reason).toBe('tri-allelic');
  });

  it('BOM and CRLF files read like plain ones', () => {
    const plain = gm('S1 TH01 6 9.3', 'S1 AMEL X Y');
    const windows = '\uFEFF' + plain.replace(/\n/g, '\r\n');
    expect(parseProfiles(windows)).toEqual(parseProfiles(plain));
    const wide = 'Sample,TH01.1,TH01.2\nS1,6,9.3\n';
    expect(parseProfiles('\uFEFF' + wide.replace(/\n/g, '\r\n'))).toEqual(parseProfiles(wide));
    expect(parseProfiles('\uFEFF' + wide.replace(/\n/g, '\r\n')).profiles[0]?.genotypes['TH01']).toEqual(['6', '9.3']);
  });

  it('rows with more cells than the header: error if the extra cells hold text, accepted if empty', () => {
    expect(parseWideProfiles('Sample,TH01.1,TH01.2\nS1,6,7,,\n').profiles).toHaveLength(1);
    expect(issuesOf(() => parseGeneMapper(gm('S1 TH01 6 7 x')))).toMatchInlineSnapshot(`"line 2: extra-cells: Row has more cells than the header; row set aside (cells = 5, header = 4, extra = "x")"`);
  });

  it('rows without a sample or marker', () => {
    expect(issuesOf(() => parseGeneMapper(gm('S1 TH01 6 7', ' FGA 21 22', 'S1  21 22')))).toMatchInlineSnapshot(`
      "line 3: missing-value: Row without a Sample Name; row set aside (row = "|FGA|21|22")
      line 4: missing-value: Row without a Marker; row set aside (row = "S1||21|22")"
    `);
    expect(issuesOf(() => parseWideProfiles('Sample,TH01\n,6/7\n'))).toMatchInlineSnapshot(`"line 2: missing-value: Row without a sample name; row set aside (row = "|6/7")"`);
  });

  it('two different families for one sample in a GeneMapper export', () => {
    expect(issuesOf(() => parseGeneMapper('Sample Name\tFamily\tMarker\tAllele 1\nS1\tF1\tTH01\t6\nS1\tF2\tFGA\t21\n'))).toMatchInlineSnapshot(`"line 3: conflicting-value: Sample has two different Family values (sample = "S1", Family = "F1" / "F2")"`);
  });

  it('lists every error at once', () => {
    const error = safeParseProfiles(gm('S1 TH01 abc 6', 'S1 TH01 6 7', ' FGA 1 2'), { file: 'gm.txt' });
    expect(error.ok).toBe(false);
    if (!error.ok) {
      expect(error.error).toBeInstanceOf(StrkinError);
      expect(error.error.issues.map((i) => [i.code, i.line])).toEqual([
        ['bad-allele', 2],
        ['duplicate-locus', 3],
        ['missing-value', 4],
      ]);
      expect(error.error.message).toMatchInlineSnapshot(`"gm.txt:2: bad-allele: Unreadable allele "abc": not an allele designation (sample = "S1", locus = TH01) (and 2 more issues)"`);
    }
    expect(safeParseProfiles(gm('S1 TH01 6 7'))).toMatchObject({ ok: true, value: { issues: [] } });
  });

  it('CMF: not XML, wrong root, specimen without id, locus without name', () => {
    expect(issuesOf(() => parseCmf('<CODISImportFile><SPECIMEN></CODISImportFile>', { file: 'b.xml' }))).toMatchInlineSnapshot(`"b.xml:1: bad-xml: Not well-formed XML: Expected closing tag 'SPECIMEN' (opened in line 1, col 18) instead of closing tag 'CODISImportFile'. (line = 1, column = 28)"`);
    expect(issuesOf(() => parseCmf('<?xml version="1.0"?>\n<frequencies/>'))).toMatchInlineSnapshot(`"bad-root: Not a CODIS import file: the root element is not CODISImportFile (root = "frequencies")"`);
    const xml = '<CODISImportFile>\n<SPECIMEN>\n<SPECIMENID> </SPECIMENID>\n</SPECIMEN>\n<SPECIMEN>\n<SPECIMENID>U2</SPECIMENID>\n<LOCUS><ALLELE><ALLELEVALUE>6</ALLELEVALUE></ALLELE></LOCUS>\n</SPECIMEN>\n</CODISImportFile>';
    expect(issuesOf(() => parseCmf(xml))).toMatchInlineSnapshot(`
      "line 2: missing-value: Specimen without a SPECIMENID; specimen set aside (specimen = 1)
      line 7: missing-value: Locus without a LOCUSNAME; locus set aside (sample = "U2", locus = 1)"
    `);
  });

  it('JSON: syntax, format, version, genotype and value errors', () => {
    expect(issuesOf(() => parseProfilesJson('{"format":\n"strkin-profiles",,}'))).toMatchInlineSnapshot(`"line 2: bad-json: Not valid JSON (reason = "Expected double-quoted property name in JSON at position 29")"`);
    expect(issuesOf(() => parseProfilesJson('{"format":"other","profiles":[]}'))).toMatchInlineSnapshot(`"bad-format: Not a strkin profiles file: expected {"format":"strkin-profiles","version":1,"profiles":[...]} (format = "other")"`);
    expect(issuesOf(() => parseProfilesJson('{"format":"strkin-profiles","version":2,"profiles":[]}'))).toMatchInlineSnapshot(`"unsupported-version: Unsupported strkin profiles version (version = 2, supported = 1)"`);
    const bad = '{"format":"strkin-profiles","version":1,"profiles":[{"sample":"S1","sex":"M","genotypes":{"TH01":["6"],"FGA":[null,null],"vWA":[16,"x"]},"skipped":[{"locus":"FGA"}]},{"sample":""}]}';
    expect(issuesOf(() => parseProfilesJson(bad))).toMatchInlineSnapshot(`
      "bad-value: Sex must be male, female or unknown (sex = "M")
      bad-genotype: A genotype is two alleles, one of which may be null (sample = "S1", locus = TH01, genotype = ["6"])
      bad-genotype: A genotype is two alleles, one of which may be null (sample = "S1", locus = FGA, genotype = [null,null])
      bad-allele: Unreadable allele "x": not an allele designation (sample = "S1", locus = vWA)
      bad-value: A set-aside locus needs locus, reason (tri-allelic, y-str, x-str, unknown-locus, bad-allele) and detail (skipped = {"locus":"FGA"})
      missing-value: A profile needs a non-empty "sample" string (profile = {"sample":""})"
    `);
  });

  it('an unknown format option is a ValidationError, not a silent undefined', () => {
    expect(() => parseProfiles('Sample\n', { format: 'fam' as ProfileFormat })).toThrowErrorMatchingInlineSnapshot(`[ValidationError: bad-option: Unknown profile format (format = "fam")]`);
  });
});
