// docs/statistics.md, "Theta": the joint enumeration of untyped founders is limited to
// THETA_ENUMERATION_LIMIT combinations per marker, and a larger problem is refused with
// `theta-too-costly` instead of being computed for hours.
import { describe, expect, it } from 'vitest';
import { StrkinError } from '../../src/errors/StrkinError.js';
import { kinshipLR } from '../../src/likelihood/kinshipLR.js';
import { makeMarkerModel } from '../../src/likelihood/MarkerModel.js';
import { THETA_ENUMERATION_LIMIT } from '../../src/likelihood/peel.js';
import { relationshipPedigree } from '../../src/pedigree/relationshipPedigree.js';

describe('theta enumeration limit', () => {
  it('is 200,000 combinations per marker, as documented', () => {
    expect(THETA_ENUMERATION_LIMIT).toBe(200_000);
  });

  it('refuses half first cousins on a 30-allele stepwise marker with theta > 0 (theta-too-costly), and computes them at theta 0', () => {
    // stepwise mutation keeps every allele apart (no lumping): each untyped founder has 465 genotypes
    const alleles = Array.from({ length: 30 }, (_, i) => String(i + 5));
    const stepwise = { model: 'stepwise', rate: 0.002, range: 0.5, rate2: 0 } as const;
    const marker = makeMarkerModel({ name: 'SE33', alleles, frequencies: alleles.map(() => 1 / 30), mutation: { female: stepwise, male: stepwise } });
    const kase = { hypotheses: [relationshipPedigree('half-first-cousins'), relationshipPedigree('unrelated')], markers: [marker], genotypes: { A: { SE33: ['5', '6'] as const }, B: { SE33: ['6', '7'] as const } } };
    let error: unknown;
    try {
      kinshipLR({ ...kase, theta: 0.01 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StrkinError);
    expect((error as StrkinError).code).toBe('theta-too-costly');
    expect(kinshipLR({ ...kase, theta: 0 }).total.status).toBe('ok');
  });
});
