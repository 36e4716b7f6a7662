// Silent alleles are modelled on autosomal markers only: an X marker with a silent
// allele frequency is refused, and a command-line default skips X markers.
import { describe, expect, it } from 'vitest';
import { makeMarkerModel, parseCase } from '../../src/index.js';
import { refused } from '../refused.js';

const xCase = (silent: number | undefined): string => JSON.stringify({
  hypotheses: {
    H1: { label: 'AF is the father of D', individuals: [{ id: 'AF', father: null, mother: null, sex: 'male' }, { id: 'MO', father: null, mother: null, sex: 'female' }, { id: 'D', father: 'AF', mother: 'MO', sex: 'female' }] },
    H2: { label: 'unrelated', individuals: [] },
  },
  markers: [{ name: 'DXS10135', chromosome: 'X', alleles: ['17', '18', '19'], frequencies: [0.1, 0.2, 0.7], ...(silent === undefined ? {} : { silent }) }],
  genotypes: { AF: { DXS10135: ['17'] }, D: { DXS10135: ['17', '17'] } },
});

describe('silent alleles and X markers', () => {
  it('makeMarkerModel refuses a silent allele on an X marker', () => {
    expect(refused(() => makeMarkerModel({ name: 'DXS10135', chromosome: 'X', alleles: ['17', '18'], frequencies: [0.5, 0.5], silentFrequency: 0.01 })).map((l) => l.split(' ')[0])).toEqual(['x-silent-unsupported']);
  });
  it('a case file with silent on an X marker is refused; a default silent frequency leaves X markers alone', () => {
    expect(refused(() => parseCase(xCase(0.02))).map((l) => l.split(' ')[0])).toEqual(['x-silent-unsupported']);
    const parsed = parseCase(xCase(undefined), { defaultSilentFrequency: () => 0.05 });
    expect(parsed.markers[0]?.silentFrequency).toBeUndefined();
    expect(parsed.markers[0]?.chromosome).toBe('X');
  });
});
