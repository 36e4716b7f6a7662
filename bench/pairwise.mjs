// Pairwise screening throughput: pairs of 21-locus profiles per second on one core.
//
//   npm run build   # or, before the CLI exists:
//   npx tsup src/index.ts --format esm -d dist --no-dts
//   node bench/pairwise.mjs [pairs=2000000] [theta=0]
//
// Synthetic but realistic: 21 loci with 8-24 alleles each and skewed
// frequencies (a few common alleles, a tail of rare ones, as in NIST 1036);
// people drawn from those frequencies; ~2% of loci untyped. The kernel is
// pairwiseLnLRProfileIndexed (allele indices + Float64Array frequencies).
import { IBD_COEFFICIENTS } from '../dist/index.js';
import { pairwiseLnLRProfileIndexed, UNTYPED_ALLELE } from '../dist/engine.js';

const PAIRS = Number(process.argv[2] ?? 2_000_000);
const THETA = Number(process.argv[3] ?? 0);
const LOCI = 21;
const PEOPLE = 2000; // 2000 x 2000 = 4M distinct pairs available

// mulberry32: a small seeded generator (the seed is printed with the results).
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

const offsets = new Int32Array(LOCI);
const perLocus = [];
let total = 0;
for (let l = 0; l < LOCI; l++) {
  const n = 8 + Math.floor(rand() * 17);
  const w = Array.from({ length: n }, (_, i) => Math.exp(-((i - n / 3) ** 2) / (2 * (n / 5) ** 2)) + 0.01 * rand());
  const s = w.reduce((a, b) => a + b, 0);
  perLocus.push(w.map((x) => x / s));
  offsets[l] = total;
  total += n;
}
const freqs = new Float64Array(total);
perLocus.forEach((p, l) => p.forEach((x, i) => { freqs[offsets[l] + i] = x; }));

function drawAllele(p) {
  let u = rand();
  for (let i = 0; i < p.length; i++) { u -= p[i]; if (u <= 0) return i; }
  return p.length - 1;
}
const people = Array.from({ length: PEOPLE }, () => {
  const a = new Uint16Array(2 * LOCI);
  for (let l = 0; l < LOCI; l++) {
    if (rand() < 0.02) { a[2 * l] = UNTYPED_ALLELE; a[2 * l + 1] = UNTYPED_ALLELE; continue; }
    a[2 * l] = drawAllele(perLocus[l]);
    a[2 * l + 1] = drawAllele(perLocus[l]);
  }
  return a;
});

function run(kappa, pairs) {
  let sink = 0;
  let done = 0;
  const t0 = process.hrtime.bigint();
  outer: for (let i = 0; i < PEOPLE; i++) {
    const x = people[i];
    for (let j = 0; j < PEOPLE; j++) {
      const v = pairwiseLnLRProfileIndexed(x, people[j], freqs, offsets, kappa, THETA);
      if (v > sink) sink = v;
      if (++done === pairs) break outer;
    }
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { seconds, sink };
}

console.log(`pairwise screening: ${LOCI} loci, ${total} alleles in all, theta ${THETA}, seed ${SEED}, node ${process.version}`);
for (const rel of ['parent-child', 'full-siblings', 'half-siblings']) {
  run(IBD_COEFFICIENTS[rel], 200_000); // warm-up
  const { seconds, sink } = run(IBD_COEFFICIENTS[rel], PAIRS);
  console.log(`${rel.padEnd(14)} ${PAIRS} pairs in ${seconds.toFixed(3)} s: ${(PAIRS / seconds / 1e6).toFixed(2)} M pairs/s (max lnLR ${sink.toFixed(2)})`);
}
