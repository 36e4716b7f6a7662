#!/usr/bin/env node
// Family index build rate, search vs naive kinshipLR, and a full search run with real family tables.
//
//   npm run build     # or: npx tsup src/index.ts --format esm -d dist --no-dts
//   node bench/search.mjs [families=20] [children=200] [naivePairs=20]
//
// Mixed families of 3-10 people (parents, 0-2 full siblings, paternal grandparents and uncle; 1-4
// typed) simulated on GlobalFiler (21 loci) from nist1036-cauc, seed 20240601; mutation stepwise
// with the built-in rates (the default), theta 0. Prints families/s for the index build (1 core),
// the scan rate on these tables, the naive per-pair cost (kinshipLR on each pair) and the ratio,
// and peak RSS. The kernel alone at 2,000 x 20,000 is bench/scan.mjs.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = process.env.STRKIN_DIST ?? new URL('../dist/index.js', import.meta.url).href;
const distUrl = dist.startsWith('file:') ? dist : pathToFileURL(resolve(dist)).href;
// The search steps are in strkin/engine, beside the root entry (builds before it exported them from the root).
const lib = { ...(await import(distUrl)), ...(await import(distUrl.replace(/index\.js$/, 'engine.js')).catch(() => ({}))) };
const NF = Number(process.argv[2] ?? 20);
const NC = Number(process.argv[3] ?? 200);
const NAIVE = Number(process.argv[4] ?? 20);
const SEED = 20240601;

function mulberry32(a) {
  return () => {
    a |= 0; a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(SEED);
const table = lib.builtinTable('nist1036-cauc');
const LOCI = lib.locusSet('globalfiler').loci;
const draw = (l) => { const e = table.loci[l]; let u = rand(); for (let i = 0; i < e.alleles.length; i++) { u -= e.frequencies[i]; if (u < 0) return e.alleles[i]; } return e.alleles[e.alleles.length - 1]; };
const founder = () => Object.fromEntries(LOCI.map((l) => [l, [draw(l), draw(l)]]));
const child = (f, m) => Object.fromEntries(LOCI.map((l) => [l, [f[l][rand() < 0.5 ? 0 : 1], m[l][rand() < 0.5 ? 0 : 1]]]));
const profile = (sample, g) => ({ sample, sex: 'unknown', skipped: [], genotypes: Object.fromEntries(LOCI.map((l) => [l, lib.makeGenotype(g[l][0], g[l][1])])) });

function family(id) {
  const gp = rand() < 0.5;
  const GF = founder(), GM = founder();
  const F = gp ? child(GF, GM) : founder();
  const Mo = founder();
  const persons = [
    { id: 'F', sex: 'male', father: gp ? 'GF' : null, mother: gp ? 'GM' : null },
    { id: 'Mo', sex: 'female', father: null, mother: null },
    { id: 'M', sex: 'unknown', father: 'F', mother: 'Mo' },
  ];
  const g = { F, Mo };
  const sibs = Math.floor(rand() * 3);
  for (let s = 1; s <= sibs; s++) { persons.push({ id: `S${s}`, sex: 'unknown', father: 'F', mother: 'Mo' }); g[`S${s}`] = child(F, Mo); }
  if (gp) { persons.push({ id: 'GF', sex: 'male', father: null, mother: null }, { id: 'GM', sex: 'female', father: null, mother: null }, { id: 'U', sex: 'male', father: 'GF', mother: 'GM' }); Object.assign(g, { GF, GM, U: child(GF, GM) }); }
  const ids = Object.keys(g);
  const want = 1 + Math.floor(rand() * 4);
  const refs = {};
  while (Object.keys(refs).length < Math.min(want, ids.length)) { const p = ids[Math.floor(rand() * ids.length)]; refs[p] = profile(`${id}:${p}`, g[p]); }
  return { family: { id, pedigree: { persons }, missing: ['M'], references: refs }, truth: profile(`truth:${id}`, child(F, Mo)) };
}

const sims = Array.from({ length: NF }, (_, i) => family(`F${i}`));
const families = sims.map((s) => s.family);
const children = [...sims.map((s) => s.truth), ...Array.from({ length: Math.max(0, NC - NF) }, (_, i) => profile(`U${i}`, founder()))].slice(0, NC);
console.log(`search bench: ${NF} mixed families (3-10 people, 1-4 typed), ${children.length} children, GlobalFiler, stepwise mutation, theta 0, seed ${SEED}`);

const options = { frequencies: table, topK: 10 };
const plan = lib.planSearch(families, children, options);
const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
let t0 = performance.now();
const c0 = cpuSeconds();
const index = lib.buildFamilyIndex(families, { plan });
const buildMs = performance.now() - t0;
const buildCpu = cpuSeconds() - c0;
const people = families.reduce((s, f) => s + f.pedigree.persons.length, 0) / NF;
console.log(`index build: ${(NF / (buildMs / 1000)).toFixed(2)} families/s on 1 core (${(buildMs / NF).toFixed(0)} ms/family, mean ${people.toFixed(1)} people; rejected ${index.rejected.length}); ${(NF / buildCpu).toFixed(0)} families per CPU-second`);
t0 = performance.now();
const none = lib.buildFamilyIndex(families, { ...options, children, mutation: 'none' });
console.log(`index build without mutation: ${(NF / ((performance.now() - t0) / 1000)).toFixed(2)} families/s (rejected ${none.rejected.length})`);

const encoded = lib.encodeChildren(children, plan);
t0 = performance.now();
const scan = lib.scanRange(index, encoded, 0, index.targets.length, options);
const scanMs = performance.now() - t0;
const result = lib.finishSearch(index, encoded, scan, { ...options, familiesIn: NF });
const right = result.matches.filter((m) => m.rankForChild === 1 && m.child === `truth:${m.family}`).length;
console.log(`scan: ${children.length} x ${index.targets.length} pairs in ${scanMs.toFixed(1)} ms; true family ranked first for ${right} of ${NF} missing children`);

// Naive: familyLR (kinshipLR on the pair alone, on the pair's own allele space) for each pair.
const naivePair = (i) => [children[(i * 7) % children.length], families[i % NF]];
t0 = performance.now();
let maxDiff = 0;
for (let i = 0; i < NAIVE; i++) {
  const [c, fam] = naivePair(i);
  const k = lib.familyLR(c, fam, 'M', options);
  const m = lib.searchFamilies([c], [fam], { ...options, minLoci: 1 }).matches[0];
  if (m && Number.isFinite(k.total.lnLR)) maxDiff = Math.max(maxDiff, Math.abs(m.lnLR - k.total.lnLR) / Math.LN10);
}
const naiveMs = (performance.now() - t0) / NAIVE; // includes one small searchFamilies per pair as the check
t0 = performance.now();
for (let i = 0; i < NAIVE; i++) lib.familyLR(...naivePair(i), 'M', options);
const perPairNaive = (performance.now() - t0) / NAIVE;
const pairs = children.length * index.targets.length;
const perPairSearch = (buildMs + scanMs) / pairs;
console.log(`naive familyLR: ${perPairNaive.toFixed(1)} ms/pair; search here: ${(perPairSearch * 1000).toFixed(2)} µs/pair incl. build -> ${(perPairNaive / perPairSearch).toFixed(0)}x; max |Δlog10LR| search vs familyLR ${maxDiff.toExponential(1)} (${naiveMs.toFixed(0)} ms with the check)`);
console.log(`at 2,000 x 20,000 the naive way would take ${(perPairNaive * 2000 * 20000 / 3.6e6 / 24).toFixed(0)} core-days`);
console.log(`tables: ${(index.layout.stride * 9 / 1024).toFixed(1)} KB/family (Float64 + Uint8 consistency) -> ${(index.layout.stride * 9 * 1e5 / 2 ** 30).toFixed(2)} GiB for 100,000 families; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
