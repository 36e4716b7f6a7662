#!/usr/bin/env node
// Same-run comparison of another build's `familyPower` with this one on demo-mix families
// (the families of bench/power.mjs): CPU time of two calls each, and the figures row by row.
// H1 figures should agree within massError, and P(LR >= t | H2) within a factor
// 10^(±maxLog10Error), less massError/t (docs/statistics.md, "Power"); violations are counted, and
// the rows whose figures are not bit for bit the same.
//
//   npm run build
//   node bench/power-compare.mjs /other/dist [families=300] [gridStep=0.01]
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const url = (d) => pathToFileURL(resolve(d)).href;
const load = async (d) => ({ ...(await import(`${url(d)}/index.js`)), ...(await import(`${url(d)}/engine.js`)) });
if (process.argv[2] === undefined) {
  console.error('usage: node bench/power-compare.mjs /other/dist [families] [gridStep]');
  process.exit(2);
}
const base = await load(process.argv[2]);
const now = await load(new URL('../dist', import.meta.url).pathname);
const NF = Number(process.argv[3] ?? 300);
const STEP = Number(process.argv[4] ?? 0.01);
const table = now.builtinTable('nist1036-cauc');
const families = now.simulateSearchScenario({ table, seed: 20261201, families: NF, children: 1, related: 1 }).families;
const options = { frequencies: table, mutation: 'stepwise', gridStep: STEP };
const time = (f) => {
  const c0 = process.cpuUsage();
  const r = f();
  const c = process.cpuUsage(c0);
  return [r, (c.user + c.system) / 1e6];
};
const [a, ta1] = time(() => base.familyPower(families, options));
const [b, tb1] = time(() => now.familyPower(families, options));
const [, ta2] = time(() => base.familyPower(families, options));
const [, tb2] = time(() => now.familyPower(families, options));
console.log(`familyPower CPU-s, first and second call: other ${ta1.toFixed(2)}, ${ta2.toFixed(2)}; this ${tb1.toFixed(2)}, ${tb2.toFixed(2)}; families per CPU-second (second call) ${(NF / ta2).toFixed(1)} and ${(NF / tb2).toFixed(1)}`);
const key = (r) => `${r.family}|${r.missing}`;
const old = new Map(a.rows.map((r) => [key(r), r]));
let dH1 = 0;
let dE = 0;
let dX = 0;
let h2 = 0;
let violations = 0;
// Rows whose figures are not all the same doubles (JSON writes each double's shortest round-trip form).
let changed = 0;
for (const r of b.rows) {
  const o = old.get(key(r));
  if (o === undefined) {
    violations++;
    continue;
  }
  if (JSON.stringify(r) !== JSON.stringify(o)) changed++;
  dE = Math.max(dE, Math.abs(r.expectedLog10LR - o.expectedLog10LR));
  dX = Math.max(dX, Math.abs(r.exclusionPower - o.exclusionPower));
  const f = 10 ** r.maxLog10Error;
  for (const [v, w] of [[r.pIdentified, o.pIdentified], [r.pAboveThreshold, o.pAboveThreshold]]) {
    dH1 = Math.max(dH1, Math.abs(v - w));
    if (Math.abs(v - w) > r.massError + o.massError + 1e-15) violations++;
  }
  r.pExceed.forEach((e, i) => {
    const oe = o.pExceed[i];
    dH1 = Math.max(dH1, Math.abs(e.h1 - oe.h1));
    if (Math.abs(e.h1 - oe.h1) > r.massError + o.massError + 1e-15) violations++;
    if (e.h2 > oe.h2 * f + 1e-300 || e.h2 < oe.h2 / f - (r.massError + o.massError) / e.threshold) violations++;
    if (oe.h2 > 0 && e.h2 > 0) h2 = Math.max(h2, Math.abs(Math.log10(e.h2 / oe.h2)));
  });
}
console.log(`rows ${b.rows.length} (other ${a.rows.length}); largest |ΔH1| ${dH1.toExponential(2)}, |Δ expectedLog10LR| ${dE}, |Δ exclusionPower| ${dX}, |log10 of the H2 ratio| ${h2.toFixed(4)}; outside the bounds: ${violations}; rows not bit for bit the same: ${changed}`);
process.exitCode = violations === 0 && a.rows.length === b.rows.length ? 0 : 1;
