import fc from 'fast-check';

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

/**
 * Random pedigrees of 2 to `maxPeople` people (parents among earlier people: a
 * man and a woman, or none), who is typed, the gene-dropping choices for
 * {@link dropHaplotypes}, and a person drawn as the query.
 */
export function xPedigreeArb(maxPeople: number): fc.Arbitrary<Ped & { readonly typed: boolean[]; readonly drop: number[]; readonly query: number }> {
  return fc.integer({ min: 2, max: maxPeople }).chain((n) =>
    fc
      .record({
        sex: fc.array(fc.constantFrom('male' as const, 'female' as const), { minLength: n, maxLength: n }),
        parents: fc.array(fc.tuple(fc.boolean(), fc.nat(), fc.nat()), { minLength: n, maxLength: n }),
        typed: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
        drop: fc.array(fc.nat(), { minLength: 3 * n, maxLength: 3 * n }),
        query: fc.nat(),
      })
      .map(({ sex, parents, typed, drop, query }) => {
        const father: number[] = [];
        const mother: number[] = [];
        sex.forEach((_, i) => {
          const [has, a, b] = parents[i] as [boolean, number, number];
          const men = sex.slice(0, i).flatMap((s, j) => (s === 'male' ? [j] : []));
          const women = sex.slice(0, i).flatMap((s, j) => (s === 'female' ? [j] : []));
          if (has && men.length > 0 && women.length > 0) {
            father.push(men[a % men.length] as number);
            mother.push(women[b % women.length] as number);
          } else {
            father.push(-1);
            mother.push(-1);
          }
        });
        return { sex, father, mother, typed, drop, query: query % n };
      }),
  );
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
