#!/usr/bin/env node
// CPU time of the power figures' grid convolution alone (`powerFigures` on per-locus distributions
// computed beforehand), three passes over the demo-mix targets of bench/power.mjs; the first pass
// includes the JIT's warm-up and the per-locus binning (cached per distribution).
//
//   npm run build
//   node bench/power-grid.mjs [families=300] [gridStep=0.01]
// STRKIN_DIST=/other/dist/index.js runs another build (for same-run comparisons, run alternately).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = process.env.STRKIN_DIST ?? new URL('../dist/index.js', import.meta.url).href;
const distUrl = dist.startsWith('file:') ? dist : pathToFileURL(resolve(dist)).href;
const lib = { ...(await import(distUrl)), ...(await import(distUrl.replace(/index\.js$/, 'engine.js'))) };
const NF = Number(process.argv[2] ?? 300);
const STEP = Number(process.argv[3] ?? 0.01);
const table = lib.builtinTable('nist1036-cauc');
const families = lib.simulateSearchScenario({ table, seed: 20261201, families: NF, children: 1, related: 1 }).families;
const plan = lib.planSearch(families, [], { frequencies: table, mutation: 'stepwise' });
const targets = [];
for (const f of families) {
  const d = lib.familyDistributions(f, plan);
  if (d.ok) targets.push(...d.targets);
}
const settings = lib.validatePowerOptions({ gridStep: STEP });
const passes = [];
for (let r = 0; r < 3; r++) {
  const c0 = process.cpuUsage();
  for (const t of targets) lib.powerFigures(t, settings);
  const c = process.cpuUsage(c0);
  passes.push(((c.user + c.system) / 1e3 / targets.length).toFixed(2));
}
console.log(`grid step ${STEP}, ${targets.length} targets: figures (grid) CPU-ms per target, three passes: ${passes.join(', ')}`);
