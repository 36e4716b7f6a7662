/**
 * Allele pairs of genotype indices, shared by the likelihood engines: genotype
 * index g (genotypeIndex order) holds alleles LO[g] <= HI[g]. The tables grow
 * on demand and are never shrunk.
 * @internal
 */

/** Allele indices of genotype index g: lo = LO[g], hi = HI[g]. Grown on demand (see {@link ensureGenotypeTables}). */
export let LO = new Int32Array(0);
export let HI = new Int32Array(0);
/** Grows {@link LO} and {@link HI} to cover every genotype of `nA` alleles. */
export function ensureGenotypeTables(nA: number): void {
  const G = (nA * (nA + 1)) / 2;
  if (LO.length >= G) return;
  const size = Math.max(G, 2 * LO.length);
  LO = new Int32Array(size);
  HI = new Int32Array(size);
  let g = 0;
  for (let hi = 0; g < size; hi++) for (let lo = 0; lo <= hi && g < size; lo++, g++) {
    LO[g] = lo;
    HI[g] = hi;
  }
}
/** The genotype index of the unordered allele pair {i, j}. */
export const gIndex = (i: number, j: number): number => (i < j ? (j * (j + 1)) / 2 + i : (i * (i + 1)) / 2 + j);
