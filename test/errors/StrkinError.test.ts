import { describe, expect, it } from 'vitest';
import { IssueCollector, ParseError, StrkinError, ValidationError, formatIssue, type Issue } from '../../src/errors/StrkinError.js';
import { parseProfiles, safeParseProfiles } from '../../src/io/profiles/parseProfiles.js';

const warning: Issue = { code: 'y-str', message: 'Y-chromosomal marker set aside (not autosomal) (locus = "DYS391", sample = "S1")', path: ['S1', 'DYS391'], severity: 'warning', line: 2 };
const error: Issue = { code: 'bad-allele', message: 'Unreadable allele "2x" (locus = FGA)', path: ['S1', 'FGA'], line: 2 };

describe('StrkinError is built from error-severity issues only', () => {
  it('takes code and message from the first error, not from an earlier warning', () => {
    const e = new ParseError([warning, error]);
    expect(e.code).toBe('bad-allele');
    expect(e.message).toMatchInlineSnapshot(`"line 2: bad-allele: Unreadable allele "2x" (locus = FGA)"`);
    expect(e.issues).toEqual([error]);
    expect(e.warnings).toEqual([warning]);
    expect(e.allIssues).toEqual([warning, error]);
  });

  it('counts only errors in "and N more issues"', () => {
    const e = new ValidationError([warning, error, { ...error, code: 'other' }, warning]);
    expect(e.message).toMatchInlineSnapshot(`"line 2: bad-allele: Unreadable allele "2x" (locus = FGA) (and 1 more issue)"`);
    expect(e.issues.map((i) => i.code)).toEqual(['bad-allele', 'other']);
    expect(e.warnings).toHaveLength(2);
  });

  it('an error given warnings only keeps them as its issues (a misuse that still names something)', () => {
    const e = new StrkinError(warning);
    expect(e.code).toBe('y-str');
    expect(e.issues).toEqual([warning]);
    expect(e.warnings).toEqual([]);
  });

  it('IssueCollector.throwIfAny throws with the first error; warnings travel beside', () => {
    const c = new IssueCollector('refs.csv');
    c.add(warning);
    c.throwIfAny(); // warnings alone do not throw
    c.add(error);
    expect(c.warnings).toHaveLength(1);
    try {
      c.throwIfAny(ValidationError);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      const v = e as ValidationError;
      expect(v.code).toBe('bad-allele');
      expect(v.issues.map((i) => formatIssue(i))).toEqual(['refs.csv:2: bad-allele: Unreadable allele "2x" (locus = FGA)']);
      expect(v.warnings.map((i) => i.code)).toEqual(['y-str']);
    }
  });

  it('a profile file with a Y-STR warning before a bad allele throws bad-allele, with the warning beside', () => {
    // A Y marker set aside (the Y indel; Y-STRs go to the haplotype, docs/lineage.md) gives the warning.
    const text = 'Sample,TH01,Y indel,FGA\nS1,9.3/6,2,2x/22\n';
    const r = safeParseProfiles(text, { file: 'refs.csv' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toBeInstanceOf(ParseError);
    expect(r.error.code).toBe('bad-allele');
    expect(r.error.message).toMatchInlineSnapshot(`"refs.csv:2: bad-allele: Unreadable allele "2x": not an allele designation (sample = "S1", locus = FGA)"`);
    expect(r.error.issues.map((i) => i.code)).toEqual(['bad-allele']);
    expect(r.error.warnings.map((i) => [i.code, i.severity])).toEqual([['y-str', 'warning']]);
    expect(r.error.allIssues.map((i) => i.code)).toEqual(['y-str', 'bad-allele']);
    expect(() => parseProfiles(text, { file: 'refs.csv' })).toThrow(/^refs\.csv:2: bad-allele/);
  });
});
