#!/usr/bin/env node
// Search time with the metadata rules (sex, year of birth) against the same search with
// ignoreMetadata, on the same simulated data in the same run (issue 8: within 20 %).
//
//   npm run build
//   node bench/metadata.mjs [families=3000] [children=1000] [reps=5] [seed=7]
//
// Data: simulateSearchScenario (the demo's national mix, GlobalFiler, sexes and years of birth
// 2005-2020, children's years as estimates). The index is built once (the same for both); each rep
// times scanRange + finishSearch with and without metadata, alternating (which one goes first
// alternates too), on one core. Prints the median and minimum times and their ratio, the pairs each
// rule removed, and checks that every kept pair has the same LR in both runs.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = process.env.STRKIN_DIST ?? new URL('../dist/index.js', import.meta.url).href;
const distUrl = dist.startsWith('file:') ? dist : pathToFileURL(resolve(dist)).href;
const lib = { ...(await import(distUrl)), ...(await import(distUrl.replace(/index\.js$/, 'engine.js'))) };

const [families = 3000, children = 1000, reps = 5, seed = 7] = process.argv.slice(2).map(Number);
const table = lib.builtinTable();
const scenario = lib.simulateSearchScenario({ table, seed, families, children, related: Math.min(Math.floor(children * 0.3), families) });
const options = { frequencies: table, topK: 5 };
let t = performance.now();
const plan = lib.planSearch(scenario.families, scenario.children, options);
const { ordered, rejected } = lib.orderFamilies(scenario.families);
const index = lib.buildFamilyIndex(ordered, { plan });
const encoded = lib.encodeChildren(scenario.children, plan);
const buildSeconds = (performance.now() - t) / 1000;

function run(ignoreMetadata) {
  const start = performance.now();
  const scan = lib.scanRange(index, encoded, 0, index.targets.length, { ...options, ignoreMetadata });
  const result = lib.finishSearch({ ...index, rejected }, encoded, scan, { ...options, ignoreMetadata, familiesIn: scenario.families.length });
  return { seconds: (performance.now() - start) / 1000, result };
}

const on = [];
const off = [];
let last;
for (let r = 0; r < reps; r++) {
  const order = r % 2 === 0 ? [false, true] : [true, false];
  for (const ignore of order) {
    const x = run(ignore);
    (ignore ? off : on).push(x.seconds);
    if (!ignore) last = { ...last, on: x.result };
    else last = { ...last, off: x.result };
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const min = (xs) => Math.min(...xs);
const offLR = new Map(last.off.matches.map((m) => [`${m.child}\u0000${m.family}\u0000${m.missing}`, m.lnLR]));
const differ = last.on.matches.filter((m) => offLR.has(`${m.child}\u0000${m.family}\u0000${m.missing}`) && !Object.is(offLR.get(`${m.child}\u0000${m.family}\u0000${m.missing}`), m.lnLR)).length;
const a = last.on.accounting;
console.log(`families ${families} (${index.targets.length} missing persons), children ${children}, reps ${reps}, seed ${seed}; index build ${buildSeconds.toFixed(2)} s (once, shared)`);
console.log(`pairs: ${children * index.targets.length}; with metadata scored ${a.pairsScored}, excluded by sex ${a.pairsExcludedBySex}, by year of birth ${a.pairsExcludedByAge}`);
console.log(`scan + ranking, with metadata:     median ${median(on).toFixed(3)} s, min ${min(on).toFixed(3)} s`);
console.log(`scan + ranking, ignoreMetadata:    median ${median(off).toFixed(3)} s, min ${min(off).toFixed(3)} s`);
console.log(`ratio with / without: median ${(median(on) / median(off)).toFixed(3)}, min ${(min(on) / min(off)).toFixed(3)}; whole search (build + scan) median ${((buildSeconds + median(on)) / (buildSeconds + median(off))).toFixed(3)}`);
console.log(`kept pairs whose LR differs between the two runs: ${differ} (must be 0)`);
if (differ !== 0) process.exit(1);
