/**
 * Shared fast-check arbitraries for profiles: random valid profiles on known
 * loci, as the readers build them (canonical locus names, canonical alleles,
 * genotypes in canonical order).
 */
import fc from 'fast-check';
import type { Profile, Sex, SkippedLocus } from '../../src/profile/Profile.js';
import { makeGenotype, type Genotype } from '../../src/profile/genotype.js';
import { AUTOSOMAL_LOCI } from '../../src/profile/loci.js';

/** A canonical allele label: `12`, `9.3`, or an off-ladder call (`OL`, `<8`, `>24`). */
export const alleleArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 2, max: 45 }).map(String) },
  { weight: 3, arbitrary: fc.tuple(fc.integer({ min: 2, max: 45 }), fc.integer({ min: 1, max: 3 })).map(([whole, decimal]) => `${whole}.${decimal}`) },
  { weight: 1, arbitrary: fc.constantFrom('OL', '<8', '>24', 'OMR') },
);

/** A canonical genotype: two alleles in canonical order, or a partial one `[a, null]`. */
export const genotypeArb: fc.Arbitrary<Genotype> = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(alleleArb, alleleArb).map(([a, b]) => makeGenotype(a, b)) },
  { weight: 1, arbitrary: alleleArb.map((a) => makeGenotype(a, null)) },
);

/** Genotypes on a random subset of the known autosomal loci. */
export const genotypesArb: fc.Arbitrary<Record<string, Genotype>> = fc
  .subarray([...AUTOSOMAL_LOCI], { maxLength: 12 })
  .chain((loci) => fc.tuple(...loci.map(() => genotypeArb)).map((gs) => Object.fromEntries(loci.map((locus, i) => [locus, gs[i] as Genotype]))));

/**
 * Text a user writes in a name cell: non-empty, no leading or trailing space
 * (readers trim), and including the characters that need quoting.
 */
export const nameArb: fc.Arbitrary<string> = fc
  .string({ unit: fc.constantFrom('A', 'b', '7', '-', '_', ' ', ',', ';', '"', '\t', '\n', 'é', '/', '.'), minLength: 1, maxLength: 10 })
  .filter((s) => s.trim() === s && s !== '');

export const sexArb: fc.Arbitrary<Sex> = fc.constantFrom<Sex>('male', 'female', 'unknown');

/** A set-aside locus as a reader records it. */
export const skippedArb: fc.Arbitrary<SkippedLocus> = fc.record(
  {
    locus: fc.constantFrom('DYS391', 'FGA', 'D99S1', 'TPOX'),
    reason: fc.constantFrom('tri-allelic', 'y-str', 'x-str', 'unknown-locus', 'bad-allele' as const),
    detail: fc.string({ maxLength: 12 }).map((s) => `alleles = ${s}`),
    line: fc.integer({ min: 1, max: 10_000 }),
  },
  { requiredKeys: ['locus', 'reason', 'detail'] },
);

/** One profile; `withSkipped` adds set-aside loci (only JSON keeps them). */
export function profileArb(withSkipped = false): fc.Arbitrary<Profile> {
  return fc
    .record({
      sample: nameArb,
      sex: sexArb,
      genotypes: genotypesArb,
      skipped: withSkipped ? fc.array(skippedArb, { maxLength: 3 }) : fc.constant([]),
      family: fc.option(nameArb, { nil: undefined }),
      relationship: fc.option(fc.constantFrom('mother', 'father', 'full-sibling', 'half-sibling', 'child', 'paternal uncle, "Ed"'), { nil: undefined }),
    })
    .map(({ family, relationship, ...rest }) => ({ ...rest, ...(family === undefined ? {} : { family }), ...(relationship === undefined ? {} : { relationship }) }));
}

/** Profiles with distinct sample names. */
export function profilesArb(withSkipped = false): fc.Arbitrary<Profile[]> {
  return fc.uniqueArray(profileArb(withSkipped), { selector: (p) => p.sample, maxLength: 8 });
}

/** A profile without its `source` (what a writer keeps), for round-trip comparisons. */
export function withoutSource(profile: Profile): Profile {
  const { source: _source, ...rest } = profile;
  return rest;
}

/**
 * A hostile name cell (issue 10): a spreadsheet formula or its first character
 * (`=`, `+`, `-`, `@`), already-guarded text (`'=...`), quotes, delimiters and
 * line breaks; trimmed and non-empty, as every reader gives a name.
 */
export const hostileNameArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('=', '+', '-', '@', "'=", "''+", "'", '=HYPERLINK("http://x","y")', '=cmd|\' /C calc\'!A0', '@SUM(1+1)*cmd', '-2+3', '+1', 'ok'),
    fc.string({ unit: fc.constantFrom('A', '=', '+', '-', '@', "'", '"', ',', ';', '\t', '\r', '\n', ' ', 'é'), maxLength: 8 }),
  )
  .map(([head, tail]) => `${head}${tail}`.trim())
  .filter((s) => s !== '' && s !== '-');
