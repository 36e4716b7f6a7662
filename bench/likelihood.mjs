// Likelihood engine speed: the predictive table of a missing person (every genotype,
// every locus) and kinshipLR, on the built-in table nist1036-cauc with GlobalFiler loci
// (21 loci, SE33 with 39 alleles) and the built-in per-locus stepwise mutation rates.
//
//   npm run build && node bench/likelihood.mjs [REPS=20]
//
// Families (ids; typed references marked *):
//   hard:    GF GM F MO* M S* U* UW  — father untyped between untyped grandparents, uncle typed
//   typical: PGF PGM* F MO* M S* S2   — mother, sibling and paternal grandmother typed
//   trio:    F* MO* M                  — both parents typed
//   siblings: F MO M S1* S2* S3* S4*  — four full siblings typed, parents untyped
import * as root from '../dist/index.js';
import * as engine from '../dist/engine.js';

const s = { ...root, ...engine };

const reps = Number(process.argv[2] ?? 20);
const table = s.builtinTable('nist1036-cauc');
const loci = s.locusSet('globalfiler').loci;
const markers = loci.map((l) => {
  const mf = s.markerFrequencies(table, l, []);
  return s.makeMarkerModel({ name: l, alleles: mf.alleles, frequencies: mf.frequencies, mutation: s.defaultMutation(l, 'stepwise') });
});
let seed = 12345;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = (m) => {
  let u = rnd();
  for (let i = 0; i < m.frequencies.length; i++) if ((u -= m.frequencies[i]) < 0) return i;
  return m.frequencies.length - 1;
};
const families = {
  hard: { ids: ['GF', 'GM', 'F', 'MO', 'M', 'S', 'U', 'UW'], father: [-1, -1, 0, -1, 2, 2, 0, -1], mother: [-1, -1, 1, -1, 3, 3, 1, -1], typed: ['MO', 'S', 'U'], query: 'M' },
  typical: { ids: ['PGF', 'PGM', 'F', 'MO', 'M', 'S', 'S2'], father: [-1, -1, 0, -1, 2, 2, 2], mother: [-1, -1, 1, -1, 3, 3, 3], typed: ['PGM', 'MO', 'S'], query: 'M' },
  trio: { ids: ['F', 'MO', 'M'], father: [-1, -1, 0], mother: [-1, -1, 1], typed: ['F', 'MO'], query: 'M' },
  siblings: { ids: ['F', 'MO', 'M', 'S1', 'S2', 'S3', 'S4'], father: [-1, -1, 0, 0, 0, 0, 0], mother: [-1, -1, 1, 1, 1, 1, 1], typed: ['S1', 'S2', 'S3', 'S4'], query: 'M' },
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`likelihood engine, ${loci.length} loci (GlobalFiler), nist1036-cauc, stepwise mutation, ${reps} repetitions, median`);
for (const [name, f] of Object.entries(families)) {
  const q = f.ids.indexOf(f.query);
  const ev = markers.map((m) => f.ids.map((id) => (f.typed.includes(id) ? [pick(m), pick(m)].sort((a, b) => a - b) : null)));
  const times = [];
  let tables;
  for (let r = 0; r < reps + 2; r++) {
    const t = performance.now();
    tables = markers.map((m, k) => s.lnQueryLikelihoods({ father: f.father, mother: f.mother, marker: m, evidence: ev[k], theta: 0 }, q));
    if (r >= 2) times.push(performance.now() - t);
  }
  // kinshipLR of one child against the family: H1 child = M, H2 child unrelated.
  const persons = f.ids.map((id, i) => ({ id, sex: 'unknown', father: f.father[i] < 0 ? null : f.ids[f.father[i]], mother: f.mother[i] < 0 ? null : f.ids[f.mother[i]] }));
  const genotypes = {};
  f.ids.forEach((id, i) => {
    if (!f.typed.includes(id)) return;
    genotypes[id] = Object.fromEntries(markers.map((m, k) => [m.name, [m.alleles[ev[k][i][0]], m.alleles[ev[k][i][1]]]]));
  });
  genotypes[f.query] = Object.fromEntries(markers.map((m) => [m.name, [m.alleles[pick(m)], m.alleles[pick(m)]]]));
  const h2 = { persons: persons.map((p) => (p.id === f.query ? { ...p, father: null, mother: null } : p)) };
  const lrTimes = [];
  for (let r = 0; r < reps + 2; r++) {
    const t = performance.now();
    s.kinshipLR({ hypotheses: [{ persons }, h2], markers, genotypes });
    if (r >= 2) lrTimes.push(performance.now() - t);
  }
  // The same LR from the table: one look-up per locus.
  const lookupTimes = [];
  for (let r = 0; r < 1000; r++) {
    const t = performance.now();
    let sum = 0;
    markers.forEach((m, k) => {
      const [a, b] = genotypes[f.query][m.name].map((x) => m.alleles.indexOf(x));
      sum += tables[k][s.genotypeIndex(a, b)];
    });
    lookupTimes.push(performance.now() - t);
    if (!Number.isFinite(sum) && sum !== -Infinity) throw new Error('NaN');
  }
  console.log(`${name.padEnd(8)} predictive table: ${median(times).toFixed(2)} ms/family   kinshipLR (both hypotheses, with and without mutation): ${median(lrTimes).toFixed(2)} ms   table look-up LR: ${(median(lookupTimes) * 1000).toFixed(1)} µs`);
}
