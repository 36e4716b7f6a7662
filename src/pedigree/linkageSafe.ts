/**
 * Linkage-safe pedigrees for X loci of one linkage group (docs/lineage.md,
 * "Linkage in the search"): where the likelihood of linked loci without
 * recombination, under linkage equilibrium, equals the product of the loci's.
 */
/**
 * Whether the pedigree (`father`, `mother`: parent index or −1), restricted to
 * the people `relevant` (typed people and the query) and their ancestors, is
 * linkage-safe: after removing, repeatedly, the two parents of a person when
 * both are irrelevant founders whose only child is that person, every woman with
 * a child (a `mother` of someone) is a founder with exactly one child.
 *
 * Cost: O(P²) in the worst case for P people (families are small).
 * @internal
 */
export function linkageSafe(father: readonly number[], mother: readonly number[], relevant: Iterable<number>): boolean {
  const P = father.length;
  const keep = new Uint8Array(P);
  const isRelevant = new Uint8Array(P);
  const stack: number[] = [];
  for (const r of relevant) {
    isRelevant[r] = 1;
    stack.push(r);
  }
  markAncestors(father, mother, keep, stack);
  // Parents as kept: an emptied pair makes the person a founder.
  const fa = Int32Array.from(father);
  const mo = Int32Array.from(mother);
  const kids = new Int32Array(P);
  for (let x = 0; x < P; x++) {
    if (!keep[x]) continue;
    const f = fa[x] as number;
    const m = mo[x] as number;
    if (f >= 0) kids[f] = (kids[f] as number) + 1;
    if (m >= 0) kids[m] = (kids[m] as number) + 1;
  }
  const removable = (p: number): boolean => !isRelevant[p] && (fa[p] as number) < 0 && (mo[p] as number) < 0 && kids[p] === 1;
  for (let changed = true; changed; ) {
    changed = false;
    for (let x = 0; x < P; x++) {
      const f = fa[x] as number;
      const m = mo[x] as number;
      if (!keep[x] || f < 0 || m < 0 || !removable(f) || !removable(m)) continue;
      keep[f] = 0;
      keep[m] = 0;
      kids[f] = 0;
      kids[m] = 0;
      fa[x] = -1;
      mo[x] = -1;
      changed = true;
    }
  }
  for (let x = 0; x < P; x++) {
    if (!keep[x] || (mo[x] as number) < 0) continue;
    const m = mo[x] as number;
    if ((fa[m] as number) >= 0 || (mo[m] as number) >= 0 || kids[m] !== 1) return false;
  }
  return true;
}

/**
 * Marks in `keep` every person on `stack` and all their ancestors (parent indices
 * in `father` / `mother`, −1 for none); empties the stack.
 */
export function markAncestors(father: ArrayLike<number>, mother: ArrayLike<number>, keep: Uint8Array, stack: number[]): void {
  while (stack.length > 0) {
    const x = stack.pop() as number;
    if (keep[x] === 1) continue;
    keep[x] = 1;
    if ((father[x] as number) >= 0) stack.push(father[x] as number);
    if ((mother[x] as number) >= 0) stack.push(mother[x] as number);
  }
}
