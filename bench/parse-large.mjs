#!/usr/bin/env node
// parseProfiles on a generated GeneMapper export of at least 50 MB, checked row by row.
//
//   npm run build
//   node bench/parse-large.mjs [MB=50]
//
// Every sample has the same 24 marker rows (with Size / Height / quality columns) under its own
// name. Checks that every row is read (21 autosomal genotypes, AMEL as sex, 2 Y markers set aside
// with a warning each, line numbers of the last sample) and exits 1 if not; prints the parse time,
// rows/s (wall clock and per CPU-second) and the peak RSS. Not a test: it takes seconds and hundreds of MB.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const mb = Number(process.argv[2] ?? '50');
const dist = process.env.STRKIN_DIST ?? new URL('../dist/index.js', import.meta.url).href;
const { parseProfiles } = await import(dist.startsWith('file:') ? dist : pathToFileURL(resolve(dist)).href);

const HEADER = 'Sample File\tSample Name\tPanel\tMarker\tDye\tAllele 1\tAllele 2\tAllele 3\tSize 1\tSize 2\tSize 3\tHeight 1\tHeight 2\tHeight 3\tAE\tGQ\n';
const MARKERS = [
  ['D3S1358', '15', '17'], ['vWA', '16', '18'], ['D16S539', '11', '12'], ['CSF1PO', '10', '12'], ['TPOX', '8', ''], ['Yindel', '2', ''],
  ['AMEL', 'X', 'Y'], ['D8S1179', '13', '14'], ['D21S11', '29', '30.2'], ['D18S51', '14', '17'], ['DYS391', '10', ''], ['D2S441', '11', '14'],
  ['D19S433', '13', '14.2'], ['TH01', '6', '9.3'], ['FGA', '21', '22.2'], ['D22S1045', '15', '16'], ['D5S818', '11', '12'], ['D13S317', '11', ''],
  ['D7S820', '10', '11'], ['SE33', '17', '28.2'], ['D10S1248', '13', '15'], ['D1S1656', '15', '16.3'], ['D12S391', '18', '20'], ['D2S1338', '17', '23'],
];

const block = MARKERS.map(([marker, a, b]) => `A01_@.hid\t@\tGlobalFiler_v1X\t${marker}\tB\t${a}\t${b}\t\t120.51\t${b === '' ? '' : '128.43'}\t\t1532\t${b === '' ? '' : '1410'}\t\t\t1.0\n`).join('');
const samples = Math.ceil((mb * 1024 * 1024) / block.length) + 1;
const parts = [HEADER];
for (let s = 0; s < samples; s++) parts.push(block.replaceAll('@', `S${String(s).padStart(7, '0')}`));
const text = parts.join('');
const rows = samples * MARKERS.length;

const start = process.hrtime.bigint();
const cpuStart = process.cpuUsage();
const { profiles, issues } = parseProfiles(text, { file: 'big.txt' });
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;

const problems = [];
const check = (what, ok) => {
  if (!ok) problems.push(what);
};
check(`text of at least ${mb} MB`, text.length > mb * 1024 * 1024);
check(`${samples} profiles`, profiles.length === samples);
check('every row read', profiles.reduce((n, p) => n + Object.keys(p.genotypes).length + p.skipped.length + 1, 0) === rows);
check('one warning per Y marker', issues.length === samples * 2);
const last = profiles[samples - 1];
check('last sample name', last?.sample === `S${String(samples - 1).padStart(7, '0')}`);
check('last sample line', last?.source?.line === 2 + (samples - 1) * MARKERS.length);
check('last TH01', JSON.stringify(last?.genotypes['TH01']) === '["6","9.3"]');
check('last sex', last?.sex === 'male');

console.log(`${(text.length / 1024 / 1024).toFixed(1)} MB, ${samples.toLocaleString('en')} samples, ${rows.toLocaleString('en')} rows: parsed in ${seconds.toFixed(2)} s wall (${cpuSeconds.toFixed(2)} s CPU) = ${Math.round(rows / seconds).toLocaleString('en')} rows/s wall, ${Math.round(rows / cpuSeconds).toLocaleString('en')} rows per CPU-second; peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
if (problems.length > 0) {
  console.error(`FAILED: ${problems.join('; ')}`);
  process.exit(1);
}
console.log('checks: every row read, warnings and line numbers as expected');
