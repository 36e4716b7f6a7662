#!/usr/bin/env node
// `familyPower`'s steady rate (families per CPU-second), the one that decides a run of 100,000
// families: each build first runs on other demo-mix families (the JIT's warm-up, the lumped
// consistency memo filled as a long run fills it), then on `rounds` fresh sets of `families`
// demo-mix families each (seed 20261201, as bench/power.mjs), with another build (optional)
// on the same set in the same round, the order alternating between rounds (same-run ratios).
//
//   npm run build
//   node bench/power-rate.mjs [families=300] [gridStep=0.01] [rounds=4] [/other/dist]
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const url = (d) => pathToFileURL(resolve(d)).href;
const load = async (d) => ({ ...(await import(`${url(d)}/index.js`)), ...(await import(`${url(d)}/engine.js`)) });
const NF = Number(process.argv[2] ?? 300);
const STEP = Number(process.argv[3] ?? 0.01);
const ROUNDS = Number(process.argv[4] ?? 4);
const builds = [['this', await load(new URL('../dist', import.meta.url).pathname)]];
if (process.argv[5] !== undefined) builds.push(['other', await load(process.argv[5])]);
const lib = builds[0][1];
const table = lib.builtinTable('nist1036-cauc');
const all = lib.simulateSearchScenario({ table, seed: 20261201, families: NF * (ROUNDS + 1), children: 1, related: 1 }).families;
const options = { frequencies: table, mutation: 'stepwise', gridStep: STEP };
const cpu = (f) => {
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
};
const warm = all.slice(NF * ROUNDS);
for (const [, b] of builds) b.familyPower(warm, options);
const rates = new Map(builds.map(([name]) => [name, []]));
for (let r = 0; r < ROUNDS; r++) {
  const set = all.slice(r * NF, (r + 1) * NF);
  const order = r % 2 === 0 ? builds : [...builds].reverse();
  for (const [name, b] of order) rates.get(name).push(NF / cpu(() => b.familyPower(set, options)));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [name, xs] of rates) console.log(`${name}: ${xs.map((x) => x.toFixed(1)).join(', ')} families per CPU-second (median ${median(xs).toFixed(1)})`);
if (builds.length === 2) {
  const ratios = rates.get('this').map((x, i) => x / rates.get('other')[i]);
  console.log(`this / other, per round: ${ratios.map((x) => x.toFixed(2)).join(', ')} (median ${median(ratios).toFixed(2)})`);
}
