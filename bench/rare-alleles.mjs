#!/usr/bin/env node
// The cost of children's alleles that the frequency table lacks (docs/statistics.md,
// "Alleles and frequencies"): each (locus, unseen allele) that a child carries and a family
// lacks costs that family one more pass on its space extended by the allele.
//
//   npm run build && node bench/rare-alleles.mjs [families=300] [children=300]
//
// A seeded demo-mix scenario (simulateSearchScenario, seed 3) on nist1036-cauc, stepwise
// mutation; a share of the children's loci get one allele replaced by one of six labels the
// table lacks. Prints the search time (index build + scan) for shares 0, 1 % and 5 %.
const lib = { ...(await import('../dist/index.js')), ...(await import('../dist/engine.js')) };
const NF = Number(process.argv[2] ?? 300);
const NC = Number(process.argv[3] ?? 300);
const table = lib.builtinTable('nist1036-cauc');
const sc = lib.simulateSearchScenario({ table, seed: 3, families: NF, children: NC, related: Math.floor(NC / 3) });
const UNSEEN = ['3.1', '40', '6.3', '50.2', '1', '99'];
for (const share of [0, 0.01, 0.05]) {
  let state = 7;
  const rand = () => (state = (state * 16807) % 2147483647) / 2147483647;
  let touched = 0;
  const children = sc.children.map((c) => ({
    ...c,
    genotypes: Object.fromEntries(
      Object.entries(c.genotypes).map(([l, g]) => {
        if (!(rand() < share)) return [l, g];
        touched++;
        return [l, lib.makeGenotype(UNSEEN[Math.floor(rand() * UNSEEN.length)], g[1] ?? g[0])];
      }),
    ),
  }));
  const t0 = performance.now();
  lib.searchFamilies(children, sc.families, { frequencies: table, topK: 5 });
  console.log(`unseen alleles in ${(share * 100).toFixed(0)} % of child loci (${touched} loci): search ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
