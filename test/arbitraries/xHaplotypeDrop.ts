/**
 * Small X pedigrees as index arrays, and haplotypes dropped down them without
 * recombination (a man's X is one of his mother's two, a woman's paternal X her
 * father's whole haplotype), for the X haplotype and linkage tests.
 */

/** A pedigree as arrays: parents are earlier indices, −1 for a founder's. */
export interface Ped {
  readonly sex: readonly ('male' | 'female')[];
  readonly father: readonly number[];
  readonly mother: readonly number[];
}

/** Per person: null untyped; else per locus a man's [allele] or a woman's [allele, allele]. */
export type Typing = readonly (readonly (readonly number[])[] | null)[];

/**
 * Drops haplotypes (indices into `haps`, one array of alleles per haplotype) down
 * the pedigree with the choices in `drop` (founders draw, a mother passes one of
 * her two), so the typed people's data are possible under the pedigree; returns
 * the typed people's genotypes per locus.
 */
export function dropHaplotypes(ped: Ped & { readonly typed: readonly boolean[]; readonly drop: readonly number[] }, haps: readonly (readonly number[])[]): Typing {
  const slots: number[][] = [];
  let k = 0;
  const next = (m: number): number => (ped.drop[k++] ?? 0) % m;
  for (let i = 0; i < ped.sex.length; i++) {
    const f = ped.father[i] as number;
    const m = ped.mother[i] as number;
    if (f < 0) slots.push(ped.sex[i] === 'male' ? [next(haps.length)] : [next(haps.length), next(haps.length)]);
    else {
      const fromMother = (slots[m] as number[])[next(2)] as number;
      slots.push(ped.sex[i] === 'male' ? [fromMother] : [(slots[f] as number[])[0] as number, fromMother]);
    }
  }
  return ped.sex.map((s, i) => {
    if (ped.typed[i] !== true) return null;
    const sl = slots[i] as number[];
    const allele = (slot: number, l: number): number => (haps[sl[slot] as number] as number[])[l] as number;
    return (haps[0] as number[]).map((_, l) => (s === 'male' ? [allele(0, l)] : [allele(0, l), allele(1, l)]));
  });
}
