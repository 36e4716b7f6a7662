/**
 * Test helper: kinship coefficients by the standard recursion (Lange,
 * Mathematical and Statistical Methods for Genetic Analysis, 2002, §5.2),
 * written independently of the library's builders.
 *
 * phi(a, a) = (1 + phi(father, mother)) / 2 (1/2 for a founder);
 * phi(a, b) = (phi(father(a), b) + phi(mother(a), b)) / 2 where a is not an
 * ancestor of b (a is later in a parents-first order); 0 if a is a founder.
 */
import type { Pedigree, Person } from '../../src/pedigree/Pedigree.js';

export function kinshipFunction(pedigree: Pedigree): (a: string, b: string) => number {
  const byId = new Map<string, Person>(pedigree.persons.map((p) => [p.id, p]));
  // depth = generations above: a parent always has a smaller depth than its child
  const depthMemo = new Map<string, number>();
  const depth = (id: string): number => {
    const known = depthMemo.get(id);
    if (known !== undefined) return known;
    const p = byId.get(id);
    if (p === undefined) throw new Error(`no person ${id}`);
    const d = p.father === null || p.mother === null ? 0 : 1 + Math.max(depth(p.father), depth(p.mother));
    depthMemo.set(id, d);
    return d;
  };
  const memo = new Map<string, number>();
  const phi = (a: string, b: string): number => {
    const key = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let value: number;
    const pa = byId.get(a);
    const pb = byId.get(b);
    if (pa === undefined || pb === undefined) throw new Error(`no person ${a} or ${b}`);
    if (a === b) {
      value = pa.father === null || pa.mother === null ? 0.5 : (1 + phi(pa.father, pa.mother)) / 2;
    } else {
      // recurse on the deeper one (it cannot be an ancestor of the other)
      const [x, y] = depth(a) >= depth(b) ? [pa, b] : [pb, a];
      value = x.father === null || x.mother === null ? 0 : (phi(x.father, y) + phi(x.mother, y)) / 2;
    }
    memo.set(key, value);
    return value;
  };
  return phi;
}

/** The kinship coefficient of two people of a pedigree. */
export function kinship(pedigree: Pedigree, a: string, b: string): number {
  return kinshipFunction(pedigree)(a, b);
}

/**
 * IBD coefficients of two non-inbred people from kinship coefficients of their
 * parents: k2 = phi(Fa,Fb)·phi(Ma,Mb) + phi(Fa,Mb)·phi(Ma,Fb) (0 if either is a
 * founder), k1 = 4·phi(a,b) - 2·k2, k0 = 1 - k1 - k2 (Thompson 1975).
 */
export function kappaOf(pedigree: Pedigree, a: string, b: string): { k0: number; k1: number; k2: number } {
  const phi = kinshipFunction(pedigree);
  const byId = new Map<string, Person>(pedigree.persons.map((p) => [p.id, p]));
  const pa = byId.get(a);
  const pb = byId.get(b);
  let k2 = 0;
  if (pa?.father != null && pa.mother != null && pb?.father != null && pb.mother != null) {
    k2 = phi(pa.father, pb.father) * phi(pa.mother, pb.mother) + phi(pa.father, pb.mother) * phi(pa.mother, pb.father);
  }
  const k1 = 4 * phi(a, b) - 2 * k2;
  return { k0: 1 - k1 - k2, k1, k2 };
}
