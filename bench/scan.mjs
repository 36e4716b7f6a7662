#!/usr/bin/env node
// Scan kernel throughput: children x family tables by gather-add, strkin's scanRange (JS) against
// the same loop in C (bench/scan_ref.c, cc -O3), on the same synthetic data in the same run.
//
//   npm run build     # or: npx tsup src/index.ts src/engine.ts --format esm -d dist --no-dts
//   node bench/scan.mjs [children=2000] [families=20000] [threads=all]
//
// Synthetic but realistic: GlobalFiler's 21 loci with the allele counts of the built-in table
// nist1036-cauc (G_l from 28 to 780, stride 2172 entries); random table values; 2% of child loci
// untyped; K = 10, minimum 10 loci. Prints comparisons/s for: the C kernel, scanRange on one core
// for several cache block sizes, a Float32 variant (speed and max |Δlog10LR|), and scanRange split
// over worker threads (tables in a SharedArrayBuffer), checking that all give the same best scores.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const dist = process.env.STRKIN_DIST ?? new URL('../dist/index.js', import.meta.url).href;
const distUrl = dist.startsWith('file:') ? dist : pathToFileURL(resolve(dist)).href;
// The search steps are in strkin/engine, beside the root entry (builds before it exported them from the root).
const lib = { ...(await import(distUrl)), ...(await import(distUrl.replace(/index\.js$/, 'engine.js')).catch(() => ({}))) };
const K = 10;
const MIN_LOCI = 10;

function mulberry32(a) {
  return () => {
    a |= 0; a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeData(C, F, shared) {
  const plan = lib.planSearch([], [], { frequencies: lib.builtinTable('nist1036-cauc'), loci: lib.locusSet('globalfiler').loci });
  const L = plan.loci.length;
  const blockStart = [];
  let S = 0;
  for (const l of plan.loci) { blockStart.push(S); S += l.genotypes + 1; }
  const rand = mulberry32(20240601);
  const buf = shared ? new SharedArrayBuffer(F * S * 8) : new ArrayBuffer(F * S * 8);
  const tables = new Float64Array(buf);
  for (let f = 0; f < F; f++) for (let l = 0; l < L; l++) {
    const b = f * S + blockStart[l];
    const G = plan.loci[l].genotypes;
    for (let g = 0; g < G; g++) tables[b + g] = (rand() - 0.7) * 4; // most entries < 0, some > 0
    tables[b + G] = 0;
  }
  const offsets = new Uint16Array(C * L);
  const cmask = new Uint32Array(C);
  const typed = new Uint8Array(C);
  for (let c = 0; c < C; c++) for (let l = 0; l < L; l++) {
    const G = plan.loci[l].genotypes;
    if (rand() < 0.02) offsets[c * L + l] = blockStart[l] + G;
    else { offsets[c * L + l] = blockStart[l] + Math.floor(rand() * G); cmask[c] |= 1 << l; typed[c]++; }
  }
  const fmask = new Uint32Array(F).fill((2 ** L - 1) >>> 0);
  const finf = new Uint8Array(F).fill(L);
  return { plan, L, S, tables, offsets, cmask, typed, fmask, finf, C, F };
}

function asIndex(d, start = 0, end = d.F) {
  const layout = { blockStart: new Uint32Array(0), genotypes: new Uint32Array(0), stride: d.S, maskWords: 1 };
  const targets = Array.from({ length: d.F }, (_, f) => ({ family: `F${f}`, missing: 'M' }));
  return { plan: d.plan, layout, targets, tables: d.tables, inconsistent: new Uint8Array(d.F * d.S), masks: d.fmask, informative: d.finf, familyCount: d.F, rejected: [] };
}
const asChildren = (d) => ({ ids: Array.from({ length: d.C }, (_, c) => `C${c}`), loci: d.L, offsets: d.offsets, masks: d.cmask, typed: d.typed, rejected: [], notes: [] });

function bestSum(scan) {
  let check = 0;
  const C = scan.childCount.length;
  for (let c = 0; c < C; c++) { let best = -Infinity; for (let i = 0; i < scan.childCount[c]; i++) best = Math.max(best, scan.childScore[c * scan.childK + i]); check += best; }
  return check;
}

// Float32 variant of the inner loop (for the layout/precision measurement only).
function scanF32(t32, d, B) {
  const best = new Float64Array(d.C).fill(-Infinity);
  for (let fb = 0; fb < d.F; fb += B) {
    const fe = Math.min(d.F, fb + B);
    for (let c = 0; c < d.C; c++) {
      const o = c * d.L;
      let bc = best[c];
      for (let f = fb; f < fe; f++) {
        const t = f * d.S;
        let s = 0;
        for (let l = 0; l < d.L; l++) s += t32[t + d.offsets[o + l]];
        if (s > bc) bc = s;
      }
      best[c] = bc;
    }
  }
  return best;
}

if (!isMainThread) {
  const { d, start, end, B } = workerData;
  const t0 = performance.now();
  const scan = lib.scanRange(asIndex(d), asChildren(d), start, end, { topK: K, minLoci: MIN_LOCI, blockTargets: B });
  parentPort.postMessage({ scan, ms: performance.now() - t0 });
} else {
  const C = Number(process.argv[2] ?? 2000);
  const F = Number(process.argv[3] ?? 20000);
  const threads = Number(process.argv[4] ?? availableParallelism());
  const d = makeData(C, F, true);
  const pairs = C * F;
  console.log(`scan bench: ${C} children x ${F} families, ${d.L} loci, stride ${d.S} entries (${(d.S * 8 / 1024).toFixed(1)} KB/family), tables ${(F * d.S * 8 / 2 ** 20).toFixed(0)} MB`);

  // C reference
  const dir = mkdtempSync(join(tmpdir(), 'strkin-scan-'));
  let cRate = NaN;
  let cRateNative = NaN;
  let cCheck = NaN;
  try {
    writeFileSync(join(dir, 'tables.f64'), new Uint8Array(d.tables.buffer));
    writeFileSync(join(dir, 'offsets.u16'), new Uint8Array(d.offsets.buffer));
    writeFileSync(join(dir, 'cmask.u32'), new Uint8Array(d.cmask.buffer));
    writeFileSync(join(dir, 'fmask.u32'), new Uint8Array(d.fmask.buffer));
    writeFileSync(join(dir, 'finf.u8'), d.finf);
    // The issue's reference is `-O3`; `-march=native` (AVX gathers on this CPU) is shown too.
    for (const flags of [['-O3'], ['-O3', '-march=native']]) {
      const exe = join(dir, `scan_ref${flags.length}`);
      execFileSync('cc', [...flags, '-o', exe, fileURLToPath(new URL('./scan_ref.c', import.meta.url)), '-lm']);
      const runs = [];
      for (let r = 0; r < 3; r++) {
        const [secs, , check] = execFileSync(exe, [dir, C, F, d.L, d.S, K, MIN_LOCI, 64].map(String)).toString().trim().split(' ');
        runs.push(Number(secs));
        cCheck = Number(check);
      }
      runs.sort((a, b) => a - b);
      const rate = pairs / runs[1];
      if (flags.length === 1) cRate = rate;
      else cRateNative = rate;
      console.log(`C ${flags.join(' ')} (1 core, block 64): ${(rate / 1e6).toFixed(1)} M comparisons/s (median of 3)`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // JS, one core, block sizes
  const index = asIndex(d);
  const children = asChildren(d);
  let jsRate64 = NaN;
  for (const B of [1, 8, 64, 256, F]) {
    const times = [];
    let check = 0;
    for (let r = 0; r < 3; r++) {
      const t0 = performance.now();
      const scan = lib.scanRange(index, children, 0, F, { topK: K, minLoci: MIN_LOCI, blockTargets: B });
      times.push(performance.now() - t0);
      check = bestSum(scan);
    }
    times.sort((a, b) => a - b);
    const rate = pairs / (times[1] / 1000);
    if (B === 64) jsRate64 = rate;
    console.log(`JS scanRange (1 core, block ${B === F ? 'all' : B}): ${(rate / 1e6).toFixed(1)} M comparisons/s; checksum ${check === cCheck ? 'equal to C' : `DIFFERS (${check} vs ${cCheck})`}`);
  }
  console.log(`ratio C -O3 / JS (block 64): ${(cRate / jsRate64).toFixed(2)}; C -O3 -march=native / JS: ${(cRateNative / jsRate64).toFixed(2)}`);

  // Float32 tables: speed and precision
  {
    const t32 = Float32Array.from(d.tables);
    const t0 = performance.now();
    const b32 = scanF32(t32, d, 64);
    const ms32 = performance.now() - t0;
    const t1 = performance.now();
    const b64 = scanF32(d.tables, d, 64);
    const ms64 = performance.now() - t1;
    let maxErr = 0;
    for (let c = 0; c < C; c++) maxErr = Math.max(maxErr, Math.abs(b32[c] - b64[c]) / Math.LN10);
    console.log(`best-only loop: Float64 ${(pairs / ms64 / 1e3).toFixed(1)} M/s, Float32 ${(pairs / ms32 / 1e3).toFixed(1)} M/s; Float32 max |Δlog10LR| on the best scores = ${maxErr.toExponential(2)} (synthetic tables; values stored in float32 are exact here up to rounding of each entry)`);
  }

  // threads
  if (threads > 1) {
    const t0 = performance.now();
    const parts = await Promise.all(Array.from({ length: threads }, (_, i) => new Promise((res, rej) => {
      const start = Math.floor((i * F) / threads);
      const end = Math.floor(((i + 1) * F) / threads);
      const w = new Worker(new URL(import.meta.url), { workerData: { d, start, end, B: 64 } });
      w.once('message', (m) => { res(m); void w.terminate(); });
      w.once('error', rej);
    })));
    const wall = performance.now() - t0;
    const merged = lib.mergeScans(parts.map((p) => p.scan));
    const single = lib.scanRange(index, children, 0, F, { topK: K, minLoci: MIN_LOCI });
    const singleMatches = lib.finishSearch(index, children, single, { familiesIn: F }).matches;
    const same = lib.finishSearch(index, children, merged, { familiesIn: F }).matches.every((m, i) => {
      const s = singleMatches[i];
      return s !== undefined && Object.is(m.lnLR, s.lnLR) && m.family === s.family && m.child === s.child;
    });
    console.log(`JS scanRange on ${threads} worker threads (tables shared): ${(pairs / wall / 1e3).toFixed(1)} M comparisons/s wall clock incl. worker start (kernel ${parts.map((p) => p.ms.toFixed(0)).join(' + ')} ms); bit-identical to 1 thread: ${same}`);
  }
  const mu = process.memoryUsage();
  console.log(`peak-ish RSS ${(mu.rss / 2 ** 20).toFixed(0)} MB`);
}
