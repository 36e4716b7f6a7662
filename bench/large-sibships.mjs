#!/usr/bin/env node
// Planning and peeling a large sibship: n typed full siblings with untyped parents, one
// 6-allele marker, kinshipLR against unrelated.
//
//   npm run build && node bench/large-sibships.mjs [sizes=60,100,200,400]
const lib = await import('../dist/index.js');
const sizes = (process.argv[2] ?? '60,100,200,400').split(',').map(Number);
const alleles = ['1', '2', '3', '4', '5', '6'];
const marker = lib.makeMarkerModel({ name: 'M', alleles, frequencies: [0.1, 0.2, 0.3, 0.2, 0.1, 0.1] });
for (const n of sizes) {
  const persons = [{ id: 'F', sex: 'male', father: null, mother: null }, { id: 'MO', sex: 'female', father: null, mother: null }];
  const genotypes = {};
  for (let i = 0; i < n; i++) {
    persons.push({ id: `S${i}`, sex: 'unknown', father: 'F', mother: 'MO' });
    genotypes[`S${i}`] = { M: [i % 2 === 0 ? '1' : '2', i % 3 === 0 ? '3' : '4'] };
  }
  const t0 = performance.now();
  const r = lib.kinshipLR({ hypotheses: [{ persons }, { persons: [] }], markers: [marker], genotypes });
  console.log(`${n} typed siblings: ${(performance.now() - t0).toFixed(0)} ms (log10LR ${r.total.log10LR?.toFixed(2)})`);
}
