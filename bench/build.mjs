#!/usr/bin/env node
// Family table build rate on the demo's family mix, per CPU-second (the machine is shared, so the
// wall clock says little), and a digest of every table so that two builds can be compared bit for bit.
//
//   npm run build
//   node bench/build.mjs [families=2000] [children=2000] [seed=7] [--structure NAME] [--save FILE | --compare FILE]
//
// The families and children come from simulateSearchScenario (the families of `strkin demo`:
// GlobalFiler from the built-in table, stepwise mutation with the built-in rates, theta 0). The
// children matter only through the plan (alleles the table lacks); the build is timed alone,
// after planning. Prints families per CPU-second and the tables' digest; `--structure NAME`
// builds only the families of one structure (e.g. full-siblings). `--save FILE` writes the tables; `--compare FILE` reports the largest difference
// of this build's ln LRs from those, |Δ| / max(1, |ln LR|) (and exits 1 above 1e-12).
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createHash } from 'node:crypto';

const dist = process.env.STRKIN_DIST ?? new URL('../dist/index.js', import.meta.url).href;
const distUrl = dist.startsWith('file:') ? dist : pathToFileURL(resolve(dist)).href;
const lib = { ...(await import(distUrl)), ...(await import(distUrl.replace(/index\.js$/, 'engine.js'))) };
const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
};
const save = flag('--save');
const compare = flag('--compare');
const only = flag('--structure');
const NF = Number(args[0] ?? 2000);
const NC = Number(args[1] ?? 2000);
const SEED = Number(args[2] ?? 7);

const table = lib.builtinTable();
const scenario = lib.simulateSearchScenario({ table, seed: SEED, families: NF, children: NC, related: Math.min(NC, Math.floor(NF / 10)) });
const families = only === undefined ? scenario.families : scenario.families.filter((f) => scenario.structures.get(f.id) === only);
const plan = lib.planSearch(families, scenario.children, { frequencies: table });
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const c0 = cpu();
const w0 = performance.now();
const index = lib.buildFamilyIndex(families, { plan });
const cpuS = cpu() - c0;
const wallS = (performance.now() - w0) / 1000;
const digest = createHash('sha256').update(new Uint8Array(index.tables.buffer, index.tables.byteOffset, index.tables.byteLength)).update(index.inconsistent).digest('hex').slice(0, 16);
const label = only ?? 'demo mix';
console.log(`${label}: ${families.length} families (${index.targets.length} targets, ${index.rejected.length} rejected), build ${cpuS.toFixed(2)} CPU-s (${wallS.toFixed(2)} s wall): ${(families.length / cpuS).toFixed(0)} families per CPU-second; tables digest ${digest}; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);

if (save !== undefined) writeFileSync(save, new Uint8Array(index.tables.buffer, index.tables.byteOffset, index.tables.byteLength));
if (compare !== undefined) {
  const before = new Float64Array(readFileSync(compare).buffer.slice(0));
  let worst = 0;
  let differ = 0;
  if (before.length !== index.tables.length) throw new Error(`different table sizes: ${before.length} vs ${index.tables.length}`);
  for (let i = 0; i < before.length; i++) {
    const a = before[i];
    const b = index.tables[i];
    if (Object.is(a, b)) continue;
    differ++;
    // ln LR values: an absolute difference near 0 (LR near 1), relative beyond; the LR's relative difference either way.
    const rel = Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1);
    if (!(rel <= worst)) worst = Number.isNaN(rel) ? Infinity : rel;
  }
  console.log(`compared with ${compare}: ${differ} of ${before.length} entries differ, largest difference ${worst.toExponential(2)} (|Δ ln LR| / max(1, |ln LR|))`);
  if (!(worst <= 1e-12)) process.exitCode = 1;
}
