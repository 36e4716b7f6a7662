// Several typed paternal-line references (src/lineage/yTreeLikelihood.ts, paternalTree.ts):
// closed forms, the single-reference closed form, and brute-force enumeration of every
// untyped man's alleles on small random paternal-line trees, one meiosis at a time.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeHaplotypeDatabase } from '../../src/lineage/haplotypeDatabase.js';
import { checkTree, paternalLineTree, type PaternalLineTree } from '../../src/lineage/paternalTree.js';
import { lnStepProbability } from '../../src/lineage/stepwise.js';
import { caseYLineageLR } from '../../src/lineage/caseY.js';
import { inconsistentYLoci, yLineageLR, type YReference } from '../../src/lineage/yLineageLR.js';
import { lnLocusJoint } from '../../src/lineage/yTreeLikelihood.js';
import type { Pedigree, Person } from '../../src/pedigree/Pedigree.js';
import { relationshipPedigree } from '../../src/pedigree/relationshipPedigree.js';
import type { YHaplotype } from '../../src/profile/yHaplotype.js';

const hap = (loci: Record<string, string[]>): YHaplotype => ({ loci, flags: [] });
const db = makeHaplotypeDatabase('test', ['DYS19', 'DYS385'], [
  { alleles: { DYS19: ['14'], DYS385: ['13', '16'] }, count: 4 },
  { alleles: { DYS19: ['15'], DYS385: ['11', '14'] }, count: 5 },
]);
const P = (k: number, m: number, mu: number): number => Math.exp(lnStepProbability(k, m, mu));

/** A pedigree of men given by father links (mothers left out: they carry no Y). */
const menPedigree = (fathers: Record<string, string | null>): Pedigree => ({ persons: Object.entries(fathers).map(([id, father]): Person => ({ id, sex: 'male', father, mother: null })) });

/** The boy C, his father F, his paternal uncle U, his paternal grandfather G, his brothers B1, B2 and a cousin K (U's son). */
const family = menPedigree({ G: null, F: 'G', U: 'G', C: 'F', B1: 'F', B2: 'F', K: 'U' });

function lr(child: YHaplotype, refs: Record<string, YHaplotype>, rate: number, ped: Pedigree = family, person = 'C'): ReturnType<typeof yLineageLR> {
  const ids = Object.keys(refs);
  const tree = paternalLineTree(ped, person, ids);
  const checked = checkTree(tree);
  const dist = (a: string, b: string): number => {
    const up = new Map<string, number>();
    const fa = new Map(tree.nodes.map((n) => [n.id, n.father]));
    for (let x: string | null = a, d = 0; x !== null; x = fa.get(x) ?? null, d++) up.set(x, d);
    for (let x: string | null = b, d = 0; x !== null; x = fa.get(x) ?? null, d++) if (up.has(x)) return (up.get(x) as number) + d;
    return -1;
  };
  expect(checked.ids.length).toBe(tree.nodes.length);
  const references: YReference[] = ids.map((id) => ({ id, haplotype: refs[id] as YHaplotype, meioses: dist(person, id) }));
  return yLineageLR(child, references, { database: db, tree, mutation: { rates: { DYS19: rate, DYS385: rate } } });
}
const lnAt = (r: ReturnType<typeof yLineageLR>, locus: string): number => r.loci.find((l) => l.name === locus)?.lnP ?? Number.NaN;

describe('paternalLineTree', () => {
  it('joins the man and his references up to their nearest common paternal-line ancestor', () => {
    const tree = paternalLineTree(family, 'C', ['U', 'G']);
    expect(tree.nodes).toEqual([{ id: 'G', father: null }, { id: 'C', father: 'F' }, { id: 'F', father: 'G' }, { id: 'U', father: 'G' }]);
    expect(paternalLineTree(family, 'C', ['B1', 'B2']).nodes.map((n) => n.id).sort()).toEqual(['B1', 'B2', 'C', 'F']);
    const avuncular = relationshipPedigree('avuncular', { a: 'U', b: 'C', sexA: 'male', sexB: 'male', side: 'paternal' });
    expect(paternalLineTree(avuncular, 'C', ['U']).nodes).toEqual([{ id: 'C.father.father', father: null }, { id: 'C', father: 'C.father' }, { id: 'C.father', father: 'C.father.father' }, { id: 'U', father: 'C.father.father' }]);
  });

  it('refuses references off the paternal line, each with its id', () => {
    const ped = relationshipPedigree('avuncular', { a: 'U', b: 'C', sexA: 'male', sexB: 'male', side: 'maternal' });
    expect(() => paternalLineTree(ped, 'C', ['U'])).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ code: 'y-female-link', path: ['U'] })] }));
  });
});

describe('several references: closed forms', () => {
  const mu = 0.01;
  it('child, paternal uncle and paternal grandfather: P(C | U, G) = P_2(C − G), the uncle adds nothing given the grandfather', () => {
    for (const [c, u, g] of [['14', '14', '14'], ['15', '13', '14'], ['16', '15', '14'], ['14', '15', '14'], ['17', '14', '14']] as const) {
      const r = lr(hap({ DYS19: [c] }), { U: hap({ DYS19: [u] }), G: hap({ DYS19: [g] }) }, mu);
      const expected = P(Number(c) - Number(g), 2, mu);
      if (expected === 0) expect(r.loci[0]?.status).toBe('excluded');
      else expect(Math.exp(lnAt(r, 'DYS19'))).toBeCloseTo(expected, 14);
    }
    // U and G three repeats apart in one meiosis: the references themselves are impossible (0/0).
    const r = lr(hap({ DYS19: ['14'] }), { U: hap({ DYS19: ['17'] }), G: hap({ DYS19: ['14'] }) }, mu);
    expect([r.loci[0]?.status, r.total.status]).toEqual(['undefined', 'undefined']);
  });

  it('father and grandfather: P(C | F, G) = P_1(C − F)', () => {
    const r = lr(hap({ DYS19: ['15'] }), { F: hap({ DYS19: ['14'] }), G: hap({ DYS19: ['13'] }) }, mu);
    expect(Math.exp(lnAt(r, 'DYS19'))).toBeCloseTo(mu / 2, 15);
  });

  it('two brothers, all three equal: Σ_f P_1(f)³ / Σ_f P_1(f)²', () => {
    const r = lr(hap({ DYS19: ['14'] }), { B1: hap({ DYS19: ['14'] }), B2: hap({ DYS19: ['14'] }) }, mu);
    expect(Math.exp(lnAt(r, 'DYS19'))).toBeCloseTo(((1 - mu) ** 3 + 2 * (mu / 2) ** 3) / ((1 - mu) ** 2 + 2 * (mu / 2) ** 2), 14);
    // one brother one step away: the father is 14 or 15; Σ_f P(14−f)P(14−f)P(15−f) / Σ_f P(14−f)P(15−f)
    const s = yLineageLR(hap({ DYS19: ['14'] }), [{ id: 'B1', haplotype: hap({ DYS19: ['14'] }), meioses: 2 }, { id: 'B2', haplotype: hap({ DYS19: ['15'] }), meioses: 2 }], { database: db, tree: paternalLineTree(family, 'C', ['B1', 'B2']), mutation: { rates: { DYS19: mu } } });
    const a = 1 - mu;
    const h = mu / 2;
    expect(Math.exp(lnAt(s, 'DYS19'))).toBeCloseTo((a * a * h + h * h * a) / (a * h + h * a), 14);
  });

  it('one reference: the tree gives the closed form P_m(k), with or without untyped men between', () => {
    for (const [c, k, m] of [['14', '14', 1], ['15', '13', 4], ['14', '17', 3], ['14', '16', 2]] as const) {
      const tree: PaternalLineTree = { person: 'C', nodes: Array.from({ length: m + 1 }, (_, i) => ({ id: i === 0 ? 'R' : i === m ? 'C' : `x${i}`, father: i === 0 ? null : i === 1 ? 'R' : `x${i - 1}` })) };
      const checked = checkTree(tree);
      const joint = lnLocusJoint(checked, new Map([[checked.index.get('R') as number, [k]], [checked.index.get('C') as number, [c]]]), mu);
      expect(Math.exp(joint)).toBeCloseTo(P(Number(c) - Number(k), m, mu), 14);
      const withTree = yLineageLR(hap({ DYS19: [c] }), [{ id: 'R', haplotype: hap({ DYS19: [k] }), meioses: m }], { database: db, tree, mutation: { rates: { DYS19: mu } } });
      const without = yLineageLR(hap({ DYS19: [c] }), [{ id: 'R', haplotype: hap({ DYS19: [k] }), meioses: m }], { database: db, mutation: { rates: { DYS19: mu } } });
      expect(withTree.total).toEqual(without.total);
    }
    // a two-copy locus through the tree code: Σ over pairings as the closed form
    const tree = checkTree({ person: 'C', nodes: [{ id: 'R', father: null }, { id: 'x', father: 'R' }, { id: 'C', father: 'x' }] });
    const joint = lnLocusJoint(tree, new Map([[0, ['13', '14']], [tree.index.get('C') as number, ['13', '15']]]), mu);
    // joint of both men: 2 orderings of R's copies × [(13→13, 14→15) + (14→13, 13→15)]; R's own joint is 2
    expect(Math.exp(joint)).toBeCloseTo(2 * (P(0, 2, mu) * P(1, 2, mu) + P(-1, 2, mu) * P(2, 2, mu)), 14);
  });

  it('the uncle\'s son adds nothing given the uncle; a brother does (he informs the father)', () => {
    const c = hap({ DYS19: ['14'] });
    const onlyU = lr(c, { U: hap({ DYS19: ['15'] }) }, mu);
    const withK = lr(c, { U: hap({ DYS19: ['15'] }), K: hap({ DYS19: ['16'] }) }, mu);
    const withB = lr(c, { U: hap({ DYS19: ['15'] }), B1: hap({ DYS19: ['15'] }) }, mu);
    expect(lnAt(onlyU, 'DYS19')).toBeCloseTo(Math.log(P(1, 3, mu)), 13);
    expect(lnAt(withK, 'DYS19')).toBeCloseTo(lnAt(onlyU, 'DYS19'), 13);
    expect(lnAt(withB, 'DYS19')).toBeLessThan(lnAt(onlyU, 'DYS19') - 0.1);
  });

  it('microvariants step within their group; a copy across groups is excluded', () => {
    const r = lr(hap({ DYS19: ['14.2'] }), { B1: hap({ DYS19: ['14.2'] }), B2: hap({ DYS19: ['15.2'] }) }, mu);
    const s = lr(hap({ DYS19: ['14'] }), { B1: hap({ DYS19: ['14'] }), B2: hap({ DYS19: ['15'] }) }, mu);
    expect(lnAt(r, 'DYS19')).toBeCloseTo(lnAt(s, 'DYS19'), 14);
    expect(lr(hap({ DYS19: ['14.2'] }), { B1: hap({ DYS19: ['14'] }), B2: hap({ DYS19: ['14'] }) }, mu).loci[0]?.status).toBe('excluded');
  });

  it('an off-ladder reference or one with another number of copies is left out at that locus, and listed', () => {
    const r = lr(hap({ DYS19: ['14'], DYS385: ['13', '16'] }), { U: hap({ DYS19: ['OL'], DYS385: ['13', '16'] }), G: hap({ DYS19: ['15'], DYS385: ['13', '16', '17'] }) }, mu);
    const dys19 = r.loci.find((l) => l.name === 'DYS19');
    expect(dys19?.references).toEqual([{ id: 'U', alleles: 'OL', used: false }, { id: 'G', alleles: '15', used: true }]);
    expect(dys19?.lnP).toBeCloseTo(Math.log(P(1, 2, mu)), 14);
    const dys385 = r.loci.find((l) => l.name === 'DYS385');
    expect(dys385?.references.map((x) => x.used)).toEqual([true, false]);
  });

  it('rejects several references without a tree, references off the tree and meioses that disagree with it', () => {
    const refs: YReference[] = [{ id: 'U', haplotype: hap({ DYS19: ['14'] }), meioses: 3 }, { id: 'G', haplotype: hap({ DYS19: ['14'] }), meioses: 2 }];
    expect(() => yLineageLR(hap({ DYS19: ['14'] }), refs, { database: db, mutation: { defaultRate: mu } })).toThrow(expect.objectContaining({ code: 'y-tree-required' }));
    const tree = paternalLineTree(family, 'C', ['U', 'G']);
    expect(() => yLineageLR(hap({ DYS19: ['14'] }), [{ ...refs[0] as YReference, meioses: 2 }, refs[1] as YReference], { database: db, tree, mutation: { defaultRate: mu } })).toThrow(/meioses differ from the tree's \(reference = "U", meioses = 2, on the tree = 3\)/);
    expect(() => yLineageLR(hap({ DYS19: ['14'] }), [...refs, { id: 'Z', haplotype: hap({}), meioses: 1 }], { database: db, tree, mutation: { defaultRate: mu } })).toThrow(/must be a man of the paternal-line tree/);
    expect(() => checkTree({ person: 'C', nodes: [{ id: 'C', father: 'D' }, { id: 'D', father: 'C' }] })).toThrow(/exactly one root/);
    expect(inconsistentYLoci(refs, { database: db, tree, mutation: { defaultRate: mu } })).toEqual([]);
    expect(inconsistentYLoci([refs[0] as YReference, { ...refs[1] as YReference, haplotype: hap({ DYS19: ['17'] }) }], { database: db, tree, mutation: { defaultRate: mu } })).toEqual(['DYS19']);
  });

  it('a case compares every reference on H1\'s tree (caseYLineageLR)', () => {
    const h2: Pedigree = { persons: family.persons.map((p) => (p.id === 'C' ? { ...p, father: null } : p)) };
    const r = caseYLineageLR([family, h2], { person: 'C', haplotypes: { C: hap({ DYS19: ['15'] }), U: hap({ DYS19: ['13'] }), G: hap({ DYS19: ['14'] }) }, database: db, mutation: { rates: { DYS19: mu } } });
    expect(r.lnNumerator).toBeCloseTo(Math.log(P(1, 2, mu)), 14);
    expect(r.provenance.tree.nodes.map((n) => n.id).sort()).toEqual(['C', 'F', 'G', 'U']);
  });
});

// ---------------------------------------------------------------------------------------------
// Brute force: every man of the paternal-line tree (one meiosis per father-son link), every
// untyped man's allele enumerated over a window, the single-step law P_1 written out directly,
// a flat weight on the root's allele; P(C | refs) = joint(C and refs) / joint(refs).

interface World {
  readonly fathers: readonly number[]; // man i's father (< i), -1 for man 0
  readonly typed: ReadonlyMap<number, readonly number[]>; // man -> alleles (one per copy)
}

const step1 = (d: number, mu: number): number => (d === 0 ? 1 - mu : Math.abs(d) === 1 ? mu / 2 : 0);

/** Men of the tree joining the typed men (their father chains up to the lowest common one). */
function treeMen(w: World): number[] {
  const chains = [...w.typed.keys()].map((v) => {
    const c: number[] = [];
    for (let x = v; x >= 0; x = w.fathers[x] as number) c.push(x);
    return c;
  });
  const root = (chains[0] as number[]).find((x) => chains.every((c) => c.includes(x))) as number;
  const men = new Set<number>();
  for (const c of chains) for (const x of c) {
    men.add(x);
    if (x === root) break;
  }
  return [...men].sort((a, b) => a - b);
}

function bruteJoint(w: World, typed: ReadonlyMap<number, readonly number[]>, mu: number, copies: number): number {
  const men = treeMen({ ...w, typed });
  const root = men[0] as number;
  const untyped = men.filter((v) => !typed.has(v));
  const all = [...typed.values()].flat();
  const lo = Math.min(...all) - men.length - 2;
  const hi = Math.max(...all) + men.length + 2;
  const width = hi - lo + 1;
  // orderings of each typed man's copies (distinct)
  const orders = [...typed].map(([v, a]) => [v, copies === 1 ? [a] : a[0] === a[1] ? [a] : [a, [a[1], a[0]]]] as const);
  let total = 0;
  const orderCount = orders.reduce((n, [, o]) => n * o.length, 1);
  for (let oc = 0; oc < orderCount; oc++) {
    const value = new Map<number, number[]>();
    let rest = oc;
    for (const [v, o] of orders) {
      value.set(v, [...(o[rest % o.length] as readonly number[])]);
      rest = Math.floor(rest / o.length);
    }
    const cells = untyped.length * copies;
    // Each untyped man's copies live in one array, filled in place for every assignment.
    for (const v of untyped) value.set(v, new Array<number>(copies).fill(lo));
    for (let a = 0; a < width ** cells; a++) {
      let r = a;
      for (const v of untyped) {
        const vals = value.get(v) as number[];
        for (let j = 0; j < copies; j++) {
          vals[j] = lo + (r % width);
          r = Math.floor(r / width);
        }
      }
      let p = 1;
      for (const v of men) {
        if (v === root) continue;
        const f = w.fathers[v] as number;
        for (let j = 0; j < copies && p > 0; j++) p *= step1(((value.get(v) as number[])[j] as number) - ((value.get(f) as number[])[j] as number), mu);
        if (p === 0) break;
      }
      total += p;
    }
  }
  return total;
}

const worldArb = (maxMen: number, copies: number, maxUntyped: number): fc.Arbitrary<World & { person: number }> =>
  fc
    .integer({ min: 2, max: maxMen })
    .chain((n) =>
      fc.record({
        fathers: fc.tuple(...Array.from({ length: n }, (_, i) => (i === 0 ? fc.constant(-1) : fc.integer({ min: 0, max: i - 1 })))),
        typedMask: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
        person: fc.integer({ min: 0, max: n - 1 }),
        alleles: fc.array(fc.array(fc.integer({ min: 12, max: 14 }), { minLength: copies, maxLength: copies }), { minLength: n, maxLength: n }),
      }),
    )
    .map(({ fathers, typedMask, person, alleles }) => {
      const typed = new Map<number, readonly number[]>();
      typedMask.forEach((t, i) => {
        if (t || i === person) typed.set(i, [...(alleles[i] as number[])].sort((a, b) => a - b));
      });
      return { fathers, typed, person };
    })
    .filter((w) => w.typed.size >= 3 && treeMen(w).length - w.typed.size <= maxUntyped);

/** The tree with every untyped man who has one son left out (his edges joined: `meioses` adds up). */
function collapse(tree: PaternalLineTree, typed: ReadonlySet<string>): PaternalLineTree {
  let nodes = tree.nodes.map((n) => ({ id: n.id, father: n.father, meioses: n.meioses ?? 1 }));
  for (;;) {
    const v = nodes.find((n) => n.father !== null && !typed.has(n.id) && nodes.filter((s) => s.father === n.id).length === 1);
    if (v === undefined) return { person: tree.person, nodes };
    nodes = nodes.filter((n) => n !== v).map((n) => (n.father === v.id ? { ...n, father: v.father, meioses: n.meioses + v.meioses } : n));
  }
}

function checkAgainstBrute(w: World & { person: number }, mu: number, copies: number): void {
  const locus = copies === 1 ? 'DYS19' : 'DYS385';
  const ped = menPedigree(Object.fromEntries(w.fathers.map((f, i) => [`m${i}`, f < 0 ? null : `m${f}`])));
  const person = `m${w.person}`;
  const refIds = [...w.typed.keys()].filter((v) => v !== w.person).map((v) => `m${v}`);
  const refs = Object.fromEntries(refIds.map((id) => [id, hap({ [locus]: (w.typed.get(Number(id.slice(1))) as number[]).map(String) })]));
  const r = lr(hap({ [locus]: (w.typed.get(w.person) as number[]).map(String) }), refs, mu, ped, person);
  const refsOnly = new Map([...w.typed].filter(([v]) => v !== w.person));
  // A multi-copy locus's rate is per locus: each copy mutates at rate / copies.
  const all = bruteJoint(w, w.typed, mu / copies, copies);
  const den = bruteJoint(w, refsOnly, mu / copies, copies);
  const l = r.loci.find((x) => x.name === locus);
  // The same tree with chains of untyped men as single edges of several meioses gives the same value.
  const full = paternalLineTree(ped, person, refIds);
  const short = collapse(full, new Set([person, ...refIds]));
  const references = r.provenance.references.map((x) => ({ ...x, haplotype: refs[x.id] as YHaplotype }));
  const c = yLineageLR(hap({ [locus]: (w.typed.get(w.person) as number[]).map(String) }), references, { database: db, tree: short, mutation: { rates: { DYS19: mu, DYS385: mu } } });
  const lc = c.loci.find((x) => x.name === locus);
  expect(lc?.status).toBe(l?.status);
  if (l?.status === 'ok') expect(lc?.lnP as number).toBeCloseTo(l.lnP, 10);
  if (den === 0) expect(l?.status).toBe('undefined');
  else if (all === 0) expect(l?.status).toBe('excluded');
  else {
    expect(l?.status).toBe('ok');
    expect(l?.lnP as number).toBeCloseTo(Math.log(all / den), 9);
  }
}

describe('several references: brute-force enumeration on random paternal-line trees', () => {
  it('single-copy locus: P(C | references) equals enumeration over every untyped man, one meiosis at a time', () => {
    fc.assert(
      fc.property(worldArb(7, 1, 4), fc.constantFrom(0, 0.01, 0.1, 0.3), (w, mu) => checkAgainstBrute(w, mu, 1)),
      { numRuns: 60 },
    );
  });

  it('two-copy locus (unordered copies): the sum over orderings and untyped men agrees too', () => {
    fc.assert(
      fc.property(worldArb(5, 2, 2), fc.constantFrom(0.05, 0.3), (w, mu) => checkAgainstBrute(w, mu, 2)),
      { numRuns: 25 },
    );
    // The brute force enumerates width^4 values per copy ordering: some seeds take tens of seconds.
  }, 180_000);
});
