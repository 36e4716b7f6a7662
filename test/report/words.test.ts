/** Relationships in words, the verbal scale and the pedigree drawing of a report. */
import { describe, expect, it } from 'vitest';
import { StrkinError } from '../../src/errors/StrkinError.js';
import type { Pedigree } from '../../src/pedigree/Pedigree.js';
import { pedigreeSvg } from '../../src/report/pedigreeSvg.js';
import { hypothesisInWords, relationshipWord } from '../../src/report/relationshipWords.js';
import { ENFSI_VERBAL_SCALE, parseVerbalScale, verbalEquivalent } from '../../src/report/verbalScale.js';

const p = (id: string, sex: 'male' | 'female' | 'unknown', father: string | null = null, mother: string | null = null) => ({ id, sex, father, mother });
// GF+GM -> MO, UN (uncle); FA+MO -> C, SIS; FA+OT -> HB (paternal half-brother); UN+AW -> CO (cousin); C+W -> K; K+KW -> KK.
const family: Pedigree = {
  persons: [
    p('GF', 'male'), p('GM', 'female'), p('MO', 'female', 'GF', 'GM'), p('UN', 'male', 'GF', 'GM'), p('AW', 'female'),
    p('FA', 'male'), p('OT', 'female'), p('C', 'male', 'FA', 'MO'), p('SIS', 'female', 'FA', 'MO'), p('HB', 'male', 'FA', 'OT'),
    p('CO', 'unknown', 'UN', 'AW'), p('W', 'female'), p('K', 'male', 'C', 'W'), p('KK', 'female', 'K', 'KW'), p('KW', 'female'),
  ],
};

describe('relationshipWord', () => {
  it.each([
    ['C', 'MO', 'son'],
    ['MO', 'C', 'mother'],
    ['C', 'GM', 'grandson'],
    ['GF', 'C', 'grandfather'],
    ['C', 'SIS', 'full brother'],
    ['SIS', 'C', 'full sister'],
    ['C', 'HB', 'half-brother (same father)'],
    ['UN', 'C', 'uncle'],
    ['C', 'UN', 'nephew'],
    ['C', 'CO', 'first cousin'],
    ['CO', 'C', 'first cousin'],
    ['KK', 'MO', 'great-granddaughter'],
    ['GM', 'K', 'great-grandmother'],
    ['K', 'UN', 'grandnephew'],
  ])('%s is the %3$s of %2$s', (a, b, word) => {
    expect(relationshipWord(family, a, b)).toBe(word);
  });
  it('is null for people with no common ancestor, or not in the pedigree', () => {
    expect(relationshipWord(family, 'FA', 'MO')).toBeNull();
    expect(relationshipWord(family, 'W', 'C')).toBeNull();
    expect(relationshipWord(family, 'C', 'nobody')).toBeNull();
  });
  it('reads the whole pedigree as sentences, the youngest first', () => {
    expect(hypothesisInWords(family, ['GM', 'MO', 'C'])).toBe('C is the son of MO and the grandson of GM; MO is the daughter of GM');
    expect(hypothesisInWords({ persons: [] }, ['A', 'B', 'C'])).toBe('A, B and C are unrelated to each other');
    expect(hypothesisInWords(family, ['C', 'W', 'MO'])).toBe('C is the son of MO; C is unrelated to W; MO is unrelated to W');
  });
});

describe('verbalEquivalent (ENFSI 2015)', () => {
  it.each([
    [Math.log10(2), 'weak support', 'H1'],
    [Math.log10(9.99), 'weak support', 'H1'],
    [1, 'moderate support', 'H1'],
    [2, 'moderately strong support', 'H1'],
    [3, 'strong support', 'H1'],
    [4, 'very strong support', 'H1'],
    [5.99, 'very strong support', 'H1'],
    [6, 'extremely strong support', 'H1'],
    [400, 'extremely strong support', 'H1'],
    [-0.5, 'weak support', 'H2'],
    [-4.5, 'very strong support', 'H2'],
  ])('log10 LR %d: %s for %s', (log10LR, words, supports) => {
    expect(verbalEquivalent(log10LR, 'ok')).toMatchObject({ words, supports, scale: 'ENFSI 2015' });
  });
  it('LR 1, 0, infinite and undefined', () => {
    expect(verbalEquivalent(0, 'ok').supports).toBe('neither');
    expect(verbalEquivalent(null, 'excluded')).toMatchObject({ supports: 'H2', words: 'exclusion of H1' });
    expect(verbalEquivalent(null, 'infinite')).toMatchObject({ supports: 'H1', words: 'exclusion of H2' });
    expect(verbalEquivalent(null, 'undefined')).toMatchObject({ supports: 'neither', words: 'no conclusion' });
  });
  it('the built-in scale is the ENFSI one as published', () => {
    expect(ENFSI_VERBAL_SCALE.levels.map((l) => [l.minLR, l.words])).toEqual([
      [1, 'weak support'],
      [10, 'moderate support'],
      [100, 'moderately strong support'],
      [1000, 'strong support'],
      [10000, 'very strong support'],
      [1000000, 'extremely strong support'],
    ]);
  });
  it('reads a user scale and rejects a bad one with every issue', () => {
    const scale = parseVerbalScale({ name: 'lab', citation: 'SOP 7', levels: [{ minLR: 1, words: 'limited' }, { minLR: 1e4, words: 'strong' }] });
    expect(verbalEquivalent(3.99, 'ok', scale).words).toBe('limited');
    expect(verbalEquivalent(4, 'ok', scale).words).toBe('strong');
    let error: unknown;
    try {
      parseVerbalScale('{"name": "", "levels": [{"minLR": 10, "words": "a"}, {"minLR": 5, "words": ""}]}', 'scale.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StrkinError);
    const issues = (error as StrkinError).issues;
    expect(issues.map((i) => i.path.join('.'))).toEqual(['name', 'citation', 'levels.1.words', 'levels.0.minLR']);
    expect(issues.every((i) => i.code === 'bad-verbal-scale' && i.file === 'scale.json')).toBe(true);
    expect(() => parseVerbalScale('{', 'x.json')).toThrow(/bad-json|Not valid JSON/);
  });
});

describe('pedigreeSvg', () => {
  it('draws one shape per person by sex, typed shaded, missing dashed', () => {
    const svg = pedigreeSvg(family, { typed: ['MO', 'GM'], missing: ['C'] });
    expect(svg.match(/<rect /g)).toHaveLength(family.persons.filter((x) => x.sex === 'male').length);
    expect(svg.match(/<circle /g)).toHaveLength(family.persons.filter((x) => x.sex === 'female').length);
    expect(svg.match(/<polygon /g)).toHaveLength(1);
    expect(svg.match(/class="person typed"/g)).toHaveLength(2);
    expect(svg.match(/class="person missing"/g)).toHaveLength(1);
    // every person has a generation row: parents above children
    const yOf = (id: string): number => {
      const at = svg.indexOf(`>${id}</text>`);
      const m = /y="([\d.]+)"[^<]*$/.exec(svg.slice(0, at));
      return Number(m?.[1]);
    };
    expect(yOf('GM')).toBeLessThan(yOf('MO'));
    expect(yOf('MO')).toBeLessThan(yOf('C'));
    expect(yOf('C')).toBeLessThan(yOf('K'));
    expect(yOf('FA')).toBe(yOf('MO')); // a founder who married in sits beside the partner
  });
  it('escapes names', () => {
    const svg = pedigreeSvg({ persons: [p('<script>x</script>', 'male')] }, { labels: { '<script>x</script>': '"&' } });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('&quot;&amp;');
  });
});
