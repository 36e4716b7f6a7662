#!/usr/bin/env node
// Writes a synthetic GeneMapper ID-X export (GlobalFiler, 24 markers, with
// Sample File, Panel, Dye, Allele/Size/Height 1-3, AE and GQ columns) for
// benchmarks and large-file tests.
//
// Usage: node scripts/gen-genemapper.mjs OUT_PATH [SAMPLES=10000] [SEED=1]
// 10,000 samples x 24 markers = 240,000 rows (about 27 MB). Deterministic:
// the same seed gives the same file (a small xorshift generator, no Math.random).
import { createWriteStream } from 'node:fs';

const [out, samplesArg = '10000', seedArg = '1'] = process.argv.slice(2);
if (out === undefined) {
  console.error('usage: node scripts/gen-genemapper.mjs OUT_PATH [SAMPLES] [SEED]');
  process.exit(2);
}
const samples = Number(samplesArg);
let state = Number(seedArg) >>> 0 || 1;
const random = () => {
  state ^= state << 13;
  state >>>= 0;
  state ^= state >>> 17;
  state ^= state << 5;
  state >>>= 0;
  return state / 0x100000000;
};
const pick = (list) => list[Math.floor(random() * list.length)];

// [dye, marker, base size, alleles seen in the NIST 1036 tables]
const range = (lo, hi) => Array.from({ length: hi - lo + 1 }, (_, i) => String(lo + i));
const MARKERS = [
  ['B', 'D3S1358', 100, [...range(12, 19)]], ['B', 'vWA', 150, range(13, 20)], ['B', 'D16S539', 230, range(8, 14)],
  ['B', 'CSF1PO', 280, range(7, 14)], ['B', 'TPOX', 330, range(6, 12)], ['G', 'Yindel', 80, ['1', '2']], ['G', 'AMEL', 100, ['X', 'Y']],
  ['G', 'D8S1179', 120, range(9, 17)], ['G', 'D21S11', 180, ['27', '28', '29', '30', '30.2', '31', '31.2', '32.2', '33.2']],
  ['G', 'D18S51', 270, [...range(11, 21), '13.2', '14.2']], ['G', 'DYS391', 360, range(9, 12)], ['Y', 'D2S441', 80, ['10', '11', '11.3', '12', '13', '14', '15']],
  ['Y', 'D19S433', 130, ['12', '13', '13.2', '14', '14.2', '15', '15.2', '16']], ['Y', 'TH01', 175, ['6', '7', '8', '9', '9.3', '10']],
  ['Y', 'FGA', 230, ['19', '20', '21', '22', '22.2', '23', '24', '25', '26']], ['R', 'D22S1045', 85, range(11, 17)], ['R', 'D5S818', 130, range(9, 13)],
  ['R', 'D13S317', 200, range(8, 14)], ['R', 'D7S820', 255, range(7, 13)], ['R', 'SE33', 320, ['15', '16', '17', '18', '19', '20', '21', '27.2', '28.2', '29.2']],
  ['P', 'D10S1248', 95, range(12, 16)], ['P', 'D1S1656', 165, ['12', '13', '14', '15', '15.3', '16', '16.3', '17.3']],
  ['P', 'D12S391', 220, ['17', '18', '18.3', '19', '20', '21', '22', '23']], ['P', 'D2S1338', 280, range(17, 25)],
];

const stream = createWriteStream(out);
const write = (line) => (stream.write(line) ? Promise.resolve() : new Promise((resolve) => stream.once('drain', resolve)));
await write('Sample File\tSample Name\tPanel\tMarker\tDye\tAllele 1\tAllele 2\tAllele 3\tSize 1\tSize 2\tSize 3\tHeight 1\tHeight 2\tHeight 3\tAE\tGQ\n');
let rows = 0;
for (let s = 1; s <= samples; s++) {
  const name = `S${String(s).padStart(6, '0')}`;
  const file = `A${String((s % 96) + 1).padStart(2, '0')}_${name}.hid`;
  const male = random() < 0.5;
  let chunk = '';
  for (const [dye, marker, base, alleles] of MARKERS) {
    let called;
    if (marker === 'AMEL') called = male ? ['X', 'Y'] : ['X'];
    else if (marker === 'Yindel' || marker === 'DYS391') called = male ? [pick(alleles)] : [];
    else {
      const a = pick(alleles);
      const b = pick(alleles);
      called = a === b ? [a] : Number(a) < Number(b) ? [a, b] : [b, a];
    }
    const sizes = called.map((a) => (base + (Number.isFinite(Number(a)) ? 4 * Number(a) : a === 'Y' ? 6 : 0) + random()).toFixed(2));
    const heights = called.map(() => String(500 + Math.floor(random() * 3000)));
    const pad = (list) => [...list, '', '', ''].slice(0, 3);
    chunk += [file, name, 'GlobalFiler_v1X', marker, dye, ...pad(called), ...pad(sizes), ...pad(heights), '', called.length > 0 ? '1.0' : ''].join('\t') + '\n';
    rows++;
  }
  await write(chunk);
}
stream.end();
await new Promise((resolve) => stream.on('finish', resolve));
console.error(`wrote ${rows} rows (${samples} samples x ${MARKERS.length} markers) to ${out}`);
