#!/usr/bin/env node
// `familyPower` rate on demo-mix families (simulateSearchScenario's default family structures,
// GlobalFiler from nist1036-cauc, references partly on an older kit, stepwise mutation with the
// built-in rates, theta 0), one core; and the split of the time between the exact per-locus
// distributions (peeling) and the grid convolution.
//
//   npm run build
//   node bench/power.mjs [families=200] [gridStep=0.001] [suggestionFamilies=3]
// STRKIN_DIST=/other/dist/index.js runs another build (for same-run comparisons); POWER_CLI=0 skips the CLI run.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = process.env.STRKIN_DIST ?? new URL('../dist/index.js', import.meta.url).href;
const distUrl = dist.startsWith('file:') ? dist : pathToFileURL(resolve(dist)).href;
const lib = { ...(await import(distUrl)), ...(await import(distUrl.replace(/index\.js$/, 'engine.js'))) };
const NF = Number(process.argv[2] ?? 200);
const STEP = Number(process.argv[3] ?? 0.001);
const table = lib.builtinTable('nist1036-cauc');
const scenario = lib.simulateSearchScenario({ table, seed: 20261201, families: NF, children: 1, related: 1 });
const families = scenario.families;
const options = { frequencies: table, mutation: 'stepwise' };

let t0 = performance.now();
let cpu0 = process.cpuUsage();
const result = lib.familyPower(families, { ...options, gridStep: STEP });
const total = (performance.now() - t0) / 1000;
const cpuTotal = (process.cpuUsage(cpu0).user + process.cpuUsage(cpu0).system) / 1e6;

// Split: distributions alone, then figures alone.
const plan = lib.planSearch(families, [], options);
t0 = performance.now();
const targets = [];
for (const f of families) {
  const d = lib.familyDistributions(f, plan);
  if (d.ok) targets.push(...d.targets);
}
const tDist = (performance.now() - t0) / 1000;
const settings = lib.validatePowerOptions({ gridStep: STEP });
t0 = performance.now();
for (const t of targets) lib.powerFigures(t, settings);
const tFig = (performance.now() - t0) / 1000;

const pid = result.rows.map((r) => r.pIdentified).sort((a, b) => a - b);
const q = (p) => pid[Math.min(pid.length - 1, Math.floor(p * pid.length))];
console.log(`families ${families.length}, rows ${result.rows.length}, rejected ${result.rejected.length}, grid step ${STEP}`);
console.log(`familyPower: ${total.toFixed(2)} s, ${(families.length / total).toFixed(1)} families/s on one core; ${cpuTotal.toFixed(2)} CPU-s, ${(families.length / cpuTotal).toFixed(1)} families per CPU-second`);
console.log(`  distributions ${tDist.toFixed(2)} s (${((1000 * tDist) / families.length).toFixed(2)} ms/family), figures (grid) ${tFig.toFixed(2)} s (${((1000 * tFig) / targets.length).toFixed(2)} ms/target)`);
console.log(`  100,000 families at this rate: ${((100000 / families.length) * total / 60).toFixed(1)} min on one core, ${((100000 / families.length) * total / 120).toFixed(1)} min on two`);
console.log(`pIdentified quantiles: 10% ${q(0.1)?.toFixed(3)}, 50% ${q(0.5)?.toFixed(3)}, 90% ${q(0.9)?.toFixed(3)}`);
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);

// Suggestions (every default candidate) for the first few families, one at a time.
const NS = Number(process.argv[4] ?? 3);
if (NS > 0) {
  const times = [];
  for (const f of families.slice(0, NS)) {
    const c0 = process.cpuUsage();
    const w0 = performance.now();
    const s = lib.suggestRelatives(f, f.missing[0], { ...options, gridStep: STEP });
    const c = process.cpuUsage(c0);
    times.push(`${f.id}: ${s.length} candidates, ${((performance.now() - w0) / 1000).toFixed(2)} s wall, ${((c.user + c.system) / 1e6).toFixed(2)} CPU-s`);
  }
  console.log(`suggestRelatives: ${times.join('; ')}`);
}

// The CLI on the same families with 2 worker threads (files written to a temp dir).
if (process.env.POWER_CLI !== '0') {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { execFileSync } = await import('node:child_process');
  const dir = mkdtempSync(join(tmpdir(), 'strkin-power-bench-'));
  writeFileSync(join(dir, 'families.json'), lib.writeFamiliesJson(families));
  writeFileSync(join(dir, 'refs.csv'), lib.writeProfilesCsv(families.flatMap((f) => Object.values(f.references))));
  const cli = new URL('../dist/cli.js', import.meta.url).pathname;
  const t1 = performance.now();
  execFileSync('node', [cli, 'power', '--families', join(dir, 'families.json'), '--profiles', join(dir, 'refs.csv'), '--threads', '2', '--grid-step', String(STEP), '--out', join(dir, 'power.csv')], { stdio: 'ignore' });
  const cliSeconds = (performance.now() - t1) / 1000;
  console.log(`strkin power --threads 2: ${cliSeconds.toFixed(2)} s for ${families.length} families (${(families.length / cliSeconds).toFixed(1)} families/s; 100,000 families: ${((100000 / families.length) * cliSeconds / 60).toFixed(0)} min)`);
}
