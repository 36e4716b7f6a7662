#!/usr/bin/env node
// Worst-case log10 LR error of Float32 family tables (`strkin index build --float32`): every
// child against every family target, the pair's log10 LR summed from the Float64 tables and from
// the same tables rounded to Float32, in the scan's order (loci in order).
//
//   npm run build
//   node bench/index-float32.mjs [families=1000] [children=1000] [seed=7]
//
// Demo-mix families (simulateSearchScenario's default structures) on GlobalFiler from nist1036-cauc.
// Prints the largest |Δ log10 LR| over all pairs (and over pairs with LR >= 1), the largest bound
// Σ_l |ln LR_l| · 2^-24 / ln 10 (the Float32 rounding of each entry) and whether every LR of 0 stays 0.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = process.env.STRKIN_DIST ?? new URL('../dist/index.js', import.meta.url).href;
const distUrl = dist.startsWith('file:') ? dist : pathToFileURL(resolve(dist)).href;
const lib = { ...(await import(distUrl)), ...(await import(distUrl.replace(/index\.js$/, 'engine.js'))) };
const NF = Number(process.argv[2] ?? 1000);
const NC = Number(process.argv[3] ?? 1000);
const SEED = Number(process.argv[4] ?? 7);
const table = lib.builtinTable('nist1036-cauc');
const s = lib.simulateSearchScenario({ table, seed: SEED, families: NF, children: NC, related: Math.floor(NC / 2), loci: lib.locusSet('globalfiler').loci });
const plan = lib.planSearch(s.families, s.children, { frequencies: table });
const index = lib.buildFamilyIndex(s.families, { plan });
const enc = lib.encodeChildren(s.children, plan);
const f64 = index.tables;
const f32 = Float64Array.from(Float32Array.from(f64));
const T = index.targets.length;
const S = index.layout.stride;
const L = enc.loci;
let worst = 0, worstAbove1 = 0, worstBound = 0, pairs = 0, zerosKept = true, worstAt = null;
for (let c = 0; c < enc.ids.length; c++) {
  for (let t = 0; t < T; t++) {
    let a = 0, b = 0, abs = 0;
    for (let l = 0; l < L; l++) {
      const o = t * S + enc.offsets[c * L + l];
      a += f64[o];
      b += f32[o];
      abs += Math.abs(f64[o]);
    }
    pairs++;
    if (a === -Infinity || b === -Infinity) { if (a !== b) zerosKept = false; continue; }
    const d = Math.abs(a - b) / Math.LN10;
    if (d > worst) { worst = d; worstAt = { child: enc.ids[c], family: index.targets[t].family, log10LR: a / Math.LN10 }; }
    if (a >= 0 && d > worstAbove1) worstAbove1 = d;
    const bound = (abs * 2 ** -24) / Math.LN10;
    if (bound > worstBound) worstBound = bound;
  }
}
console.log(`families ${NF} (${T} targets), children ${enc.ids.length}, pairs ${pairs}`);
console.log(`largest |Δ log10 LR|: ${worst.toExponential(2)} (at log10 LR ${worstAt?.log10LR.toFixed(2)}); over pairs with LR >= 1: ${worstAbove1.toExponential(2)}`);
console.log(`largest bound Σ|ln LR_l|·2^-24/ln 10: ${worstBound.toExponential(2)}; every LR of 0 stays 0: ${zerosKept}`);
