#!/usr/bin/env node
// The serial stages of `strkin demo` that run on the main thread around the scan (issue 12,
// speed target): the simulation of the scenario, then, on one scan of a smaller search,
// finishSearch (ranking and accounting) and identifyChildren (decisions). Prints the best of
// `reps` runs of each, in ms. DIST=<folder> times another build (e.g. main's) for a comparison
// in the same session.
//
//   npm run build
//   node bench/main-thread.mjs [simFamilies=100000] [children=20000] [searchFamilies=6000] [reps=3]
import { pathToFileURL } from 'node:url';

const dist = process.env.DIST ?? new URL('../dist', import.meta.url).pathname;
const L = await import(pathToFileURL(`${dist}/index.js`).href);
const E = await import(pathToFileURL(`${dist}/engine.js`).href);
const [SIM_F, CHILDREN, SEARCH_F, REPS] = [100_000, 20_000, 6_000, 3].map((d, i) => Number(process.argv[2 + i] ?? d));
const table = L.builtinTable();
const loci = L.locusSet('globalfiler').loci;
const best = (f) => {
  let min = Infinity;
  let out;
  for (let r = 0; r < REPS; r++) {
    const t = performance.now();
    out = f();
    min = Math.min(min, performance.now() - t);
  }
  return [min, out];
};
const [sim] = best(() => L.simulateSearchScenario({ table, seed: 7, loci, families: SIM_F, children: CHILDREN, related: Math.min(3000, SIM_F, CHILDREN) }));
console.log(`simulateSearchScenario ${SIM_F} families x ${CHILDREN} children: ${sim.toFixed(0)} ms`);

const s = L.simulateSearchScenario({ table, seed: 7, loci, families: SEARCH_F, children: CHILDREN, related: Math.min(3000, SEARCH_F, CHILDREN) });
const plan = E.planSearch(s.families, s.children, { frequencies: table, xLoci: true });
const { ordered } = E.orderFamilies(s.families);
const index = E.buildFamilyIndex(ordered, { plan });
const encoded = E.encodeChildren(s.children, plan);
const scan = E.scanRange(index, encoded, 0, index.targets.length, {});
const [finish, result] = best(() => E.finishSearch(index, encoded, scan, { familiesIn: s.families.length }));
console.log(`finishSearch ${index.targets.length} targets x ${CHILDREN} children (${result.matches.length} rows): ${finish.toFixed(0)} ms`);
const [identify] = best(() => L.identifyChildren(result, { order: s.children.map((c) => c.sample) }));
console.log(`identifyChildren: ${identify.toFixed(0)} ms`);
