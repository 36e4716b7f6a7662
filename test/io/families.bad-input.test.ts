import { describe, expect, it } from 'vitest';
import { ParseError, formatIssue } from '../../src/errors/StrkinError.js';
import { familiesFromProfiles } from '../../src/io/families/familiesFromProfiles.js';
import { parseFamilies, safeParseFamilies } from '../../src/io/families/parseFamilies.js';
import type { FamiliesFormat, ParseFamiliesOptions } from '../../src/io/families/types.js';
import type { Profile } from '../../src/profile/Profile.js';

const p = (sample: string, sex: Profile['sex'] = 'unknown', genotypes: Profile['genotypes'] = { TH01: ['6', '7'] }): Profile => ({ sample, sex, genotypes, skipped: [] });
const profiles: Profile[] = [p('MUM', 'female'), p('DAD', 'male'), p('SIB'), p('MAN', 'male'), p('EMPTY', 'female', {}), p('UNK1'), p('Twin'), p('twin ')];

/** Every issue of a file-level ParseError, one `file:line: code: message` a line. */
function thrown(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof ParseError) return error.issues.map((i) => formatIssue(i)).join('\n');
    throw error;
  }
  throw new Error('expected a ParseError');
}

/** What a file gives: accepted family ids, then every issue (`line: code: message`, warnings marked). */
function outcome(text: string, options: Partial<ParseFamiliesOptions> = {}): string {
  const r = parseFamilies(text, { profiles, ...options });
  const rejectedIds = r.rejected.map((f) => f.id);
  // every reason of a rejected family is also in issues
  for (const f of r.rejected) for (const reason of f.reasons) expect(r.issues.map((i) => formatIssue(i))).toContain(reason);
  return [`families: ${r.families.map((f) => f.id).join(', ')}; rejected: ${rejectedIds.join(', ')}`, ...r.issues.map((i) => `${formatIssue(i)}${i.severity === 'warning' ? ' [warning]' : ''}`)].join('\n');
}

const REL = 'family,sample,relationship\n';
const PED = 'family,person,father,mother,sex,sample,missing\n';

describe('families readers: problems of the whole file throw ParseError', () => {
  it('empty file, in every format', () => {
    for (const format of ['relationships', 'pedigree', 'json', 'ped'] as FamiliesFormat[]) {
      expect(() => parseFamilies('', { format })).toThrow(ParseError);
      expect(() => parseFamilies('\uFEFF \r\n', { format, profiles })).toThrow(/empty/);
    }
    expect(thrown(() => parseFamilies('', { file: 'fam.csv' }))).toMatchInlineSnapshot(`"fam.csv: empty-file: The file is empty (no header line)"`);
  });

  it('missing required columns', () => {
    expect(thrown(() => parseFamilies('Family ID,Name,Note\nF1,R1,x\n', { file: 'fam.csv' }))).toMatchInlineSnapshot(`"fam.csv:1: missing-column: Relationship table lacks a required column (column = "sample", "relationship"; header = "Family ID,Name,Note")"`);
    expect(thrown(() => parseFamilies('family,person,father,mother,sex,sample\nF1,A,0,0,1,R1\n'))).toMatchInlineSnapshot(`"line 1: missing-column: Pedigree table lacks a column marking the missing persons (column = "missing" or "role"; header = "family,person,father,mother,sex,sample")"`);
    expect(thrown(() => parseFamilies('family,person,father,mother,missing\nF1,A,0,0,yes\n'))).toMatchInlineSnapshot(`"line 1: missing-column: Pedigree table lacks a sample column joining genotypes (column = "sample"; header = "family,person,father,mother,missing")"`);
    expect(thrown(() => parseFamilies('famid id fid mid sex TH01\n', { format: 'pedigree' }))).toMatchInlineSnapshot(`"line 1: wrong-delimiter: The header is one single column when split by comma but contains a space: use a tab-, comma- or semicolon-separated file, or the matching delimiter (header = "famid id fid mid sex TH01")"`);
    expect(thrown(() => parseFamilies('1 A 0 0 1 6/7\n', { file: 'f.ped' }))).toMatchInlineSnapshot(`"f.ped:1: missing-column: A .ped file without a header must have the five columns famid id fid mid sex; marker columns need a header naming the loci (columns = 6)"`);
  });

  it('bad JSON, wrong envelope, bad quoting', () => {
    expect(thrown(() => parseFamilies('{"format":"strkin-families",\n"version":1,\n"families":[}', { file: 'f.json' }))).toMatchInlineSnapshot(`"f.json: bad-json: Not valid JSON (error = "Unexpected token '}', ...\\"amilies\\":[}\\" is not valid JSON")"`);
    expect(thrown(() => parseFamilies('{"format":"strkin-profiles","version":1}'))).toMatchInlineSnapshot(`"bad-format: Not a strkin families file: expected "format": "strkin-families" (format = "strkin-profiles")"`);
    expect(thrown(() => parseFamilies('{"format":"strkin-families","version":2,"families":[]}'))).toMatchInlineSnapshot(`"bad-version: Unsupported families JSON version; this release reads version 1 (version = 2)"`);
    expect(thrown(() => parseFamilies('{"format":"strkin-families","version":1,"families":{}}'))).toMatchInlineSnapshot(`"bad-value: "families" must be an array (families = {})"`);
    expect(thrown(() => parseFamilies(`${REL}F1,"MUM,mother\n`))).toMatchInlineSnapshot(`"line 2: bad-quoting: Unbalanced quotes: a quoted field is never closed (line = 2)"`);
  });

  it('safeParseFamilies returns the error; an unknown format option is a ValidationError', () => {
    const r = safeParseFamilies('{', { file: 'x.json' });
    expect(r.ok ? 'ok' : r.error.code).toBe('bad-json');
    expect(() => parseFamilies(REL, { format: 'xml' as FamiliesFormat })).toThrow(/Unknown families format/);
  });
});

describe('families readers: a problem rejects its family only', () => {
  it('sample with no profile; ambiguous sample', () => {
    expect(outcome(`${REL}F1,MUM,mother\nF2,NOBODY,mother\nF3,TWIN,mother\n`, { file: 'r.csv' })).toMatchInlineSnapshot(`
      "families: F1; rejected: F2, F3
      r.csv:3: unknown-sample: No profile for the reference's sample (family = "F2", sample = "NOBODY")
      r.csv:4: ambiguous-sample: Sample name matches several profiles (family = "F3", sample = "TWIN", profiles = "Twin", "twin ")"
    `);
  });

  it('unknown relationship word; empty relationship', () => {
    expect(outcome(`${REL}F1,MUM,mother\nF1,DAD,cousin\nF2,SIB,\nF2,MUM,mother\n`)).toMatchInlineSnapshot(`
      "families: ; rejected: F1, F2
      line 3: unknown-relationship: Unknown relation to the missing person; accepted: mother, father, full-sibling, half-sibling-maternal, half-sibling-paternal, grandmother-maternal, grandfather-maternal, grandmother-paternal, grandfather-paternal, aunt-maternal, uncle-maternal, aunt-paternal, uncle-paternal, child, first-cousin-maternal, first-cousin-paternal (and synonyms such as brother, sister, son, daughter, maternal-grandmother) (id = "DAD", relation = "cousin")
      line 4: missing-value: Relationship is empty; give the reference's relation to the missing person (family = "F2", sample = "SIB")"
    `);
  });

  it('conflicting sexes: amelogenin against the relation or the sex column; relation against the sex column; a female father', () => {
    expect(outcome(`${REL}F1,MAN,mother\nF2,MUM,Sister\nF2,DAD,father\n`)).toMatchInlineSnapshot(`
      "families: F2; rejected: F1
      line 2: profile-sex: Amelogenin sex of the profile contradicts the relationship (family = "F1", sample = "MAN", relationship = "mother", amelogenin = male)"
    `);
    expect(outcome('family,sample,relationship,sex\nF1,MUM,full-sibling,M\nF2,UNK1,father,female\nF3,SIB,child,x\n')).toMatchInlineSnapshot(`
      "families: ; rejected: F1, F2, F3
      line 2: profile-sex: Amelogenin sex of the profile contradicts the sex column (family = "F1", sample = "MUM", sex = male, amelogenin = female)
      line 3: relation-sex: Sex contradicts the relation (id = "UNK1", relation = "father", sex = female)
      line 4: bad-value: Sex must be male, female or unknown (also M, F, 1, 2, 0) (sex = "x")"
    `);
    expect(outcome(`${PED}F1,D,0,0,female,,\nF1,M,0,0,female,MUM,\nF1,C,D,M,unknown,,yes\nF2,D,0,0,unknown,MUM,\nF2,M,0,0,female,,\nF2,C,D,M,unknown,,yes\n`)).toMatchInlineSnapshot(`
      "families: ; rejected: F1, F2
      line 4: parent-sex: Father is female (person = "C", father = "D")
      line 7: parent-sex: Father is female (person = "C", father = "D")"
    `);
  });

  it('duplicate person, duplicate relation, one sample for two persons, family given twice (JSON)', () => {
    expect(outcome(`${REL}F1,MUM,mother\nF1,MUM,mother\nF2,MUM,mother\nF2,UNK1,mother\n`)).toMatchInlineSnapshot(`
      "families: ; rejected: F1, F2
      line 3: duplicate-person: Person given twice in one family (first on line 2) (family = "F1", person = "MUM")
      line 5: duplicate-relation: Relation given for two people; a person has one mother (id = "UNK1", also = "MUM")"
    `);
    expect(outcome(`${PED}F1,A,0,0,male,DAD,\nF1,A,0,0,male,,\nF1,B,0,0,female,MUM,\nF1,C,A,B,male,DAD,\nF1,M,A,B,unknown,,yes\n`)).toMatchInlineSnapshot(`
      "families: ; rejected: F1
      line 3: duplicate-person: Person given twice in one family (first on line 2) (family = "F1", person = "A")
      line 5: duplicate-sample: One sample given for two persons (first on line 2) (family = "F1", sample = "DAD", persons = "A", "C")"
    `);
    const json = '{"format":"strkin-families","version":1,"families":[{"id":"F1","references":[{"sample":"MUM","relationship":"mother"}]},{"id":"F1","references":[{"sample":"DAD","relationship":"father"}]}]}';
    expect(outcome(json)).toMatchInlineSnapshot(`
      "families: F1; rejected: F1
      duplicate-family: Family given twice (family = "F1")"
    `);
  });

  it('a family with no typed reference', () => {
    expect(outcome(`${REL}F1,EMPTY,mother\n`)).toMatchInlineSnapshot(`
      "families: ; rejected: F1
      line 2: untyped-reference: Reference profile has no autosomal genotype; kept as an untyped person (family = "F1", sample = "EMPTY") [warning]
      line 2: no-reference: Family has no typed reference (family = "F1", references = 1)"
    `);
    expect(outcome(`${PED}F1,A,0,0,male,,\nF1,B,0,0,female,,\nF1,M,A,B,unknown,,yes\n`)).toMatchInlineSnapshot(`
      "families: ; rejected: F1
      line 2: no-reference: Family has no typed reference (family = "F1", persons = 3)"
    `);
    expect(outcome('{"format":"strkin-families","version":1,"families":[{"id":"F1","references":[]}]}')).toMatchInlineSnapshot(`
      "families: ; rejected: F1
      no-reference: Family has no typed reference (family = "F1", references = 0)"
    `);
  });

  it('invalid pedigree: one parent, unknown parent, cycle; no missing person', () => {
    expect(outcome(`${PED}F1,A,0,0,male,DAD,\nF1,B,A,,female,MUM,\nF1,M,A,X,unknown,,yes\n`)).toMatchInlineSnapshot(`
      "families: ; rejected: F1
      line 3: one-parent: Only one parent given; give both or neither (person = "B", father = "A", mother = null)
      line 4: unknown-parent: Parent is not in the pedigree (person = "M", mother = "X")"
    `);
    expect(outcome(`${PED}F1,A,B,C,male,DAD,\nF1,B,A,C,male,,\nF1,C,0,0,female,MUM,\nF1,M,A,C,unknown,,yes\n`)).toMatchInlineSnapshot(`
      "families: ; rejected: F1
      line 2: cycle: Person is their own ancestor, each id followed by a parent (cycle = A -> B -> A)"
    `);
    expect(outcome(`${PED}F1,A,0,0,male,DAD,\nF1,B,0,0,female,MUM,\nF1,M,A,B,unknown,,no\n`)).toMatchInlineSnapshot(`
      "families: ; rejected: F1
      line 2: no-missing-person: Family marks no missing person; mark one with the missing or role column (family = "F1")"
    `);
  });

  it('a missing person who is typed', () => {
    expect(outcome(`${PED}F1,A,0,0,male,DAD,\nF1,B,0,0,female,,\nF1,M,A,B,unknown,SIB,yes\n`)).toMatchInlineSnapshot(`
      "families: ; rejected: F1
      line 4: missing-typed: Missing person has a typed profile; the search compares unknown profiles with the family, so the missing person must be untyped (family = "F1", missing = "M", sample = "SIB")"
    `);
    expect(outcome(`${REL}F1,SIB,missing\nF1,MUM,mother\nF2,Someone,missing\nF2,MUM,mother\n`)).toMatchInlineSnapshot(`
      "families: F2; rejected: F1
      line 2: missing-typed: Missing person has a typed profile; the search compares unknown profiles with the family, so the missing person must be untyped (family = "F1", missing = "SIB", sample = "SIB")"
    `);
    const wide = familiesFromProfiles([{ ...p('U1'), family: 'F1', relationship: 'missing' }, { ...p('R1', 'female'), family: 'F1', relationship: 'mother' }, p('LOOSE')]);
    expect([wide.families.length, ...wide.rejected.flatMap((f) => f.reasons), ...wide.issues.filter((i) => i.severity === 'warning').map((i) => i.message)]).toMatchInlineSnapshot(`
      [
        0,
        "missing-typed: Missing person has a typed profile; the search compares unknown profiles with the family, so the missing person must be untyped (family = "F1", missing = "U1", sample = "U1")",
        "Profile has no family; not used as a reference (sample = "LOOSE")",
      ]
    `);
  });

  it('missing persons named by the missing column must agree', () => {
    expect(outcome('family,sample,relationship,missing\nF1,MUM,mother,Ann\nF1,DAD,father,Anna\nF2,,missing,Bob\nF2,,missing,Bea\nF2,MUM,mother,Bea\n')).toMatchInlineSnapshot(`
      "families: ; rejected: F1, F2
      line 2: missing-conflict: Rows name different missing persons; declare several missing persons with \`missing\` rows (family = "F1", missing = "Ann", "Anna")
      line 6: missing-conflict: Row names a missing person other than the first declared; relations are to the first missing person (family = "F2", missing = "Bea", first = "Bob")"
    `);
  });

  it('rows that belong to no family, rows too wide, bad cells', () => {
    expect(outcome(`${REL},MUM,mother\nF1,MUM,mother,extra\nF2,MUM,mother\n`)).toMatchInlineSnapshot(`
      "families: F2; rejected: F1
      line 2: missing-value: Row has no family id; row set aside (sample = "MUM")
      line 3: extra-cells: Row has more cells than the header (cells = 4, header = 3, extra = "extra")"
    `);
    expect(outcome(`${PED}F1,,0,0,male,DAD,\nF1,M,0,0,male,,maybe\n`)).toMatchInlineSnapshot(`
      "families: ; rejected: F1
      line 2: missing-value: Row has no person id (family = "F1")
      line 3: bad-value: Missing flag must be yes or no (also true, false, 1, 0) (missing = "maybe")"
    `);
    expect(outcome('#famid id fid mid sex TH01\nT1 F 0 0 1 6/7\nT1 M 0 0 3 8/9\nT1 MP F M 0 0/0\nT2 A 0 0\nT3 F 0 0 1 6/7/8\nT3 M 0 0 2 9,3/7\nT3 MP F M 0 0/0\n')).toMatchInlineSnapshot(`
      "families: ; rejected: T1, T2, T3
      line 6: tri-allelic: More than two alleles at an autosomal locus; locus set aside (sample = "F", locus = TH01, alleles = 6/7/8) [warning]
      line 3: bad-value: Sex must be 1 (male), 2 (female) or 0 (unknown) (sex = "3")
      line 5: bad-row: Row has fewer cells than the layout (cells = 4, columns = 6)
      line 7: bad-allele: Unreadable allele "9,3": decimal comma (write 9.3, not 9,3) (sample = "M", locus = TH01)"
    `);
  });

  it('JSON families with bad shapes are rejected one by one', () => {
    const json = JSON.stringify({
      format: 'strkin-families',
      version: 1,
      families: [
        { id: 'OK', references: [{ sample: 'MUM', relationship: 'mother' }] },
        'F2',
        { references: [{ sample: 'MUM', relationship: 'mother' }] },
        { id: 'F4', references: [{ sample: 'MUM' }], missing: [7] },
        { id: 'F5', pedigree: [{ id: 'A', father: 3, mother: null }, { id: 'M', missing: true, father: null, mother: null }] },
        { id: 'F6', pedigree: [], references: [] },
      ],
    });
    expect(outcome(json)).toMatchInlineSnapshot(`
      "families: OK; rejected: families[1], families[2], F4, F5, F6
      bad-value: A family must be an object with id and references or pedigree (family = "F2")
      bad-value: A family needs a non-empty "id" string (id = undefined)
      bad-value: A missing person is an id or {id, sex, born} (born: 2014 or "2012-2015") (missing = 7)
      bad-value: A reference is {sample, relationship, sex?} with strings (reference = {"sample":"MUM"})
      bad-value: A person has father and mother (id or null), sex (male, female, unknown), sample (string), missing (true/false) and born (2014 or "2012-2015") (person = {"id":"A","father":3,"mother":null})
      bad-value: Give either references or pedigree, not both (pedigree = ["id","pedigree","references"])"
    `);
  });
});
