#!/usr/bin/env node
// The cost of a silent allele frequency (docs/statistics.md, "Silent alleles") in a search:
// every case space has one more allele, and each family table is folded onto apparent
// genotypes; the scan itself is unchanged.
//
//   npm run build && node bench/silent-alleles.mjs [families=150] [children=300] [rounds=3]
//
// A seeded demo-mix scenario (simulateSearchScenario, seed 7) on nist1036-cauc, stepwise
// mutation, one thread. Prints the search time (index build + scan) without and with
// silentFrequency 0.01 at every locus, interleaved, and their ratio per round.
const lib = await import('../dist/index.js');
const NF = Number(process.argv[2] ?? 150);
const NC = Number(process.argv[3] ?? 300);
const ROUNDS = Number(process.argv[4] ?? 3);
const table = lib.builtinTable('nist1036-cauc');
const sc = lib.simulateSearchScenario({ table, seed: 7, families: NF, children: NC, related: Math.floor(NC / 6) });
const options = { frequencies: table, minLoci: 1 };
const time = (o) => {
  const t0 = performance.now();
  lib.searchFamilies(sc.children, sc.families, o);
  return (performance.now() - t0) / 1000;
};
time(options); // warm-up
console.log(`silent alleles: ${NF} families x ${NC} children, 1 thread`);
for (let r = 0; r < ROUNDS; r++) {
  const plain = time(options);
  const silent = time({ ...options, silentFrequency: 0.01 });
  console.log(`  round ${r + 1}: no silent allele ${plain.toFixed(2)} s, silentFrequency 0.01 ${silent.toFixed(2)} s, ratio ${(silent / plain).toFixed(2)}`);
}
