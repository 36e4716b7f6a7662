#!/usr/bin/env node
// The scan of family ranges of several sizes against the demo's children, with metadata: the
// ranges a parallel search cuts (large first, down to 500 families). CPU time of scanRange alone
// (the index of each range built once, before), minimum and median of the runs; with a second
// build (`STRKIN_DIST_B=path/to/dist/index.js`) both are timed alternately in the same process on
// the same index and their outputs compared field by field.
//
//   npm run build
//   node bench/scan-ranges.mjs [children=20000] [runs=6] [seed=7] [sizes=500,1000,3000]
//
// Data: simulateSearchScenario (the demo's national mix, GlobalFiler, sexes and years of birth),
// 3,000 families (or the largest size) and `children` children; the first n families in id order
// form a range of n families.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const url = (d) => (d.startsWith('file:') ? d : pathToFileURL(resolve(d)).href);
const load = async (d) => ({ ...(await import(url(d))), ...(await import(url(d).replace(/index\.js$/, 'engine.js'))) });
const lib = await load(process.env.STRKIN_DIST ?? new URL('../dist/index.js', import.meta.url).href);
const other = process.env.STRKIN_DIST_B === undefined ? null : await load(process.env.STRKIN_DIST_B);

const [C = 20000, runs = 6, seed = 7] = process.argv.slice(2, 5).map(Number);
const sizes = (process.argv[5] ?? '500,1000,3000').split(',').map(Number);
const table = lib.builtinTable();
const loci = lib.locusSet('globalfiler').loci;
const scenario = lib.simulateSearchScenario({ table, seed, loci, families: Math.max(...sizes), children: C, related: Math.min(100, C) });
const plan = lib.planSearch(scenario.families, scenario.children, { frequencies: table });
const { ordered } = lib.orderFamilies(scenario.families);
const encoded = lib.encodeChildren(scenario.children, plan);
const builds = other === null ? [['this build', lib]] : [['A (STRKIN_DIST)', lib], ['B (STRKIN_DIST_B)', other]];
const cpu = () => process.cpuUsage().user / 1e6;
const stat = (xs) => `min ${Math.min(...xs).toFixed(3)} s, median ${[...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)].toFixed(3)} s`;
console.log(`scanRange, ${C} children, top 5, metadata rules on, ${runs} runs per build (CPU time)`);
for (const n of sizes) {
  const index = lib.buildFamilyIndex(ordered.slice(0, n), { plan });
  const times = builds.map(() => []);
  let first = null;
  let differ = 0;
  for (let r = 0; r < runs; r++) {
    for (let b = 0; b < builds.length; b++) {
      const k = (b + r) % builds.length;
      const t = cpu();
      const scan = builds[k][1].scanRange(index, encoded, 0, index.targets.length, { topK: 5 });
      times[k].push(cpu() - t);
      if (first === null) first = scan;
      else for (const key of Object.keys(first)) if (ArrayBuffer.isView(first[key]) && (first[key].length !== scan[key]?.length || first[key].some((x, i) => !Object.is(x, scan[key][i])))) differ++;
    }
  }
  console.log(`${n} families (${index.targets.length} targets): ${builds.map(([name], b) => `${name} ${stat(times[b])}`).join('; ')}${other === null ? '' : `; output fields that differ: ${differ}`}`);
}
