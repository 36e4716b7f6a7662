/**
 * The genotype-level reference for X-chromosomal markers: brute-force
 * enumeration of every person's X genotype (a male one allele, a female an
 * unordered pair), written from the transmission rules alone and sharing no
 * code with the library's X engine (src/likelihood/xProblem.ts,
 * xElimination.ts). Founders' alleles are drawn in person order from one
 * Balding-Nichols urn: one draw for a male, two for a female. Cost: n^males ·
 * (n(n+1)/2)^females, for small pedigrees only.
 */
import type { MarkerModel } from '../../src/likelihood/MarkerModel.js';
import type { AlleleEvidence } from '../../src/likelihood/peel.js';

/** ln P(data) at an X marker by enumeration. `male[i]` is person i's sex; parents come before children or not, any order works. */
export function lnLikelihoodXBruteForce(father: readonly number[], mother: readonly number[], male: readonly boolean[], marker: MarkerModel, ev: readonly AlleleEvidence[], theta: number): number {
  const n = marker.alleles.length;
  const p = marker.frequencies;
  const P = father.length;
  // Each person's possible X genotypes as ordered [lo, hi] (a male: [a, a] meaning "a").
  const options: [number, number][][] = [];
  for (let i = 0; i < P; i++) {
    const list: [number, number][] = [];
    for (let b = 0; b < n; b++) {
      for (let a = 0; a <= b; a++) {
        if (male[i] && a !== b) continue;
        const e = ev[i] ?? null;
        if (e !== null) {
          const ok = male[i] ? a === e[0] : e[1] >= 0 ? (a === e[0] && b === e[1]) || (a === e[1] && b === e[0]) : a === e[0] || b === e[0];
          if (!ok) continue;
        }
        list.push([a, b]);
      }
    }
    options.push(list);
  }
  const M = (m: Float64Array | null, x: number, y: number): number => (m === null ? (x === y ? 1 : 0) : (m[x * n + y] as number));
  /** P(a mother [x, y] passes u). */
  const fromMother = ([x, y]: [number, number], u: number): number => (M(marker.female, x, u) + M(marker.female, y, u)) / 2;
  const choice: [number, number][] = new Array<[number, number]>(P);
  let total = 0;
  const counts = new Float64Array(n);
  const visit = (i: number, drawn: number, prob: number): void => {
    if (prob === 0) return;
    if (i === P) {
      // Transmissions, given every genotype.
      let t = prob;
      for (let c = 0; c < P && t > 0; c++) {
        const f = father[c] as number;
        const m = mother[c] as number;
        if (f < 0) continue;
        const gc = choice[c] as [number, number];
        const gm = choice[m] as [number, number];
        if (male[c]) t *= fromMother(gm, gc[0]);
        else {
          const a = (choice[f] as [number, number])[0]; // the father's one X allele
          const [u, w] = gc;
          t *= M(marker.male, a, u) * fromMother(gm, w) + (u !== w ? M(marker.male, a, w) * fromMother(gm, u) : 0);
        }
      }
      total += t;
      return;
    }
    const founder = (father[i] as number) < 0;
    for (const g of options[i] as [number, number][]) {
      choice[i] = g;
      if (!founder) {
        visit(i + 1, drawn, prob);
        continue;
      }
      const draw = (a: number, k: number): number => ((counts[a] as number) * theta + (1 - theta) * (p[a] as number)) / (1 + (k - 1) * theta);
      const [a, b] = g;
      if (male[i]) {
        const w = draw(a, drawn);
        counts[a] = (counts[a] as number) + 1;
        visit(i + 1, drawn + 1, prob * w);
        counts[a] = (counts[a] as number) - 1;
      } else {
        let w = draw(a, drawn);
        counts[a] = (counts[a] as number) + 1;
        w *= draw(b, drawn + 1);
        counts[b] = (counts[b] as number) + 1;
        visit(i + 1, drawn + 2, prob * w * (a !== b ? 2 : 1));
        counts[a] = (counts[a] as number) - 1;
        counts[b] = (counts[b] as number) - 1;
      }
    }
  };
  visit(0, 0, 1);
  return Math.log(total);
}
