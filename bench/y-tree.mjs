#!/usr/bin/env node
// The cost of the Y-STR LR per (man, family) pair (docs/lineage.md, "Several references"):
// one reference (closed form) against two references on the paternal-line tree (a brother and a
// paternal uncle; the predictive law of each locus is computed once per family and reused), 15
// single-copy Yfiler loci plus DYS385 (two copies: summed over orderings per pair).
//
//   npm run build && node bench/y-tree.mjs [pairs=20000] [rounds=3]
const lib = await import('../dist/index.js');
const N = Number(process.argv[2] ?? 20000);
const ROUNDS = Number(process.argv[3] ?? 3);
const single = ['DYS19', 'DYS389I', 'DYS390', 'DYS391', 'DYS392', 'DYS393', 'DYS437', 'DYS438', 'DYS439', 'DYS448', 'DYS456', 'DYS458', 'DYS635', 'DYS389II', 'Y-GATA-H4'];
const loci = [...single, 'DYS385'];
const hap = (d) => ({ loci: { ...Object.fromEntries(single.map((l, i) => [l, [String(12 + (i % 5) + (i === 3 ? d : 0))]])), DYS385: ['13', String(16 + d)] }, flags: [] });
const database = lib.makeHaplotypeDatabase('bench', loci, [{ alleles: hap(0).loci, count: 5 }, { alleles: hap(1).loci, count: 3 }]);
const ped = { persons: Object.entries({ G: null, F: 'G', U: 'G', C: 'F', B: 'F' }).map(([id, father]) => ({ id, sex: 'male', father, mother: null })) };
const tree = lib.paternalLineTree(ped, 'C', ['B', 'U']);
const two = [{ id: 'B', haplotype: hap(0), meioses: 2 }, { id: 'U', haplotype: hap(1), meioses: 3 }];
const one = [two[0]];
const options = { database, mutation: { defaultRate: 0.003 } };
const time = (refs, extra) => {
  const t0 = performance.now();
  for (let i = 0; i < N; i++) lib.yLineageLR(hap(i % 2), refs, { ...options, ...extra });
  return ((performance.now() - t0) * 1000) / N;
};
time(one, {});
time(two, { tree });
console.log(`Y LR per pair, ${loci.length} loci, ${N} pairs`);
for (let r = 0; r < ROUNDS; r++) {
  const a = time(one, {});
  const b = time(two, { tree });
  console.log(`  round ${r + 1}: one reference ${a.toFixed(1)} us, two references on the tree ${b.toFixed(1)} us, ratio ${(b / a).toFixed(2)}`);
}
