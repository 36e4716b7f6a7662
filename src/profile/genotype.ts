/**
 * Genotypes: unordered allele pairs, and the integer index strkin uses for
 * them inside typed arrays.
 */
import { compareAlleles, type Allele } from './allele.js';

/**
 * An unordered genotype in canonical order (`compareAlleles`): `['12', '14']`,
 * a homozygote `['12', '12']`, or a partial genotype `['12', null]` (one allele
 * known, the other not read).
 */
export type Genotype = readonly [Allele, Allele | null];

/** Makes a canonical genotype from one or two alleles (`null` = not known). */
export function makeGenotype(a: Allele, b: Allele | null): Genotype {
  if (b === null) return [a, null];
  return compareAlleles(a, b) <= 0 ? [a, b] : [b, a];
}

/** True when both alleles are known. */
export function isComplete(g: Genotype): g is readonly [Allele, Allele] {
  return g[1] !== null;
}

/** Formats a genotype as `12/14` (`12/-` for a partial one). */
export function formatGenotype(g: Genotype): string {
  return `${g[0]}/${g[1] ?? '-'}`;
}

/**
 * Number of unordered genotypes over n alleles: n(n+1)/2.
 */
export function genotypeCount(nAlleles: number): number {
  return (nAlleles * (nAlleles + 1)) / 2;
}

/**
 * The index of the unordered genotype of allele indices i and j (in either
 * order) among the n(n+1)/2 genotypes of a locus:
 * `index = hi·(hi+1)/2 + lo` with lo = min(i, j), hi = max(i, j).
 * Indices of genotypes of the first k alleles do not change when alleles are
 * appended, so a table can grow without re-indexing. O(1).
 *
 * @example
 * ```ts
 * genotypeIndex(0, 0); // => 0
 * genotypeIndex(1, 0); // => genotypeIndex(0, 1) // 1
 * genotypeIndex(1, 1); // => 2
 * ```
 */
export function genotypeIndex(i: number, j: number): number {
  const lo = i < j ? i : j;
  const hi = i < j ? j : i;
  return (hi * (hi + 1)) / 2 + lo;
}

/** The allele indices `[lo, hi]` of a genotype index (inverse of {@link genotypeIndex}). O(1). */
export function genotypeAlleles(index: number): [number, number] {
  const hi = Math.floor((Math.sqrt(8 * index + 1) - 1) / 2);
  const lo = index - (hi * (hi + 1)) / 2;
  return [lo, hi];
}
