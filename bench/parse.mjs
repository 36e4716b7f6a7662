#!/usr/bin/env node
// Parse throughput and peak memory of parseProfiles on a GeneMapper export.
//
//   npm run build          # or: npx tsup src/index.ts --no-config --format esm -d bench/out/dist
//   node scripts/gen-genemapper.mjs /tmp/gm-bench.txt          # 240,000 rows
//   node bench/parse.mjs /tmp/gm-bench.txt [RUNS=5]            # STRKIN_DIST=bench/out/dist/index.js to use the other build
//
// Prints rows/s (wall clock and per CPU-second) for each run (median last) and the process's peak RSS and
// heap. Target: >= 250,000 rows/s on one core, peak RSS < 500 MB.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [path, runsArg = '5'] = process.argv.slice(2);
if (path === undefined) {
  console.error('usage: node bench/parse.mjs GENEMAPPER_FILE [RUNS]');
  process.exit(2);
}
const dist = process.env.STRKIN_DIST ?? new URL('../dist/index.js', import.meta.url).href;
const { parseProfiles } = await import(dist.startsWith('file:') ? dist : pathToFileURL(resolve(dist)).href);

const text = readFileSync(path, 'utf8');
const rows = text.split('\n').filter((line) => line.trim() !== '').length - 1;
let heapMax = process.memoryUsage().heapUsed;
const rates = [];
const cpuRates = [];
let result;
for (let run = 0; run < Number(runsArg); run++) {
  result = undefined;
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  result = parseProfiles(text, { format: 'genemapper' });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  heapMax = Math.max(heapMax, process.memoryUsage().heapUsed);
  rates.push(rows / seconds);
  cpuRates.push(rows / cpuSeconds);
  console.log(`run ${run + 1}: ${rows} rows in ${seconds.toFixed(3)} s wall (${cpuSeconds.toFixed(3)} s CPU) = ${Math.round(rows / seconds).toLocaleString('en')} rows/s wall, ${Math.round(rows / cpuSeconds).toLocaleString('en')} rows per CPU-second`);
}
rates.sort((a, b) => a - b);
cpuRates.sort((a, b) => a - b);
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
console.log(`profiles: ${result.profiles.length}, warnings: ${result.issues.length}`);
// CPU time includes the garbage collector's helper threads; wall time includes waiting for a core on a busy machine.
console.log(`median: ${Math.round(rates[Math.floor(rates.length / 2)]).toLocaleString('en')} rows/s wall, ${Math.round(cpuRates[Math.floor(cpuRates.length / 2)]).toLocaleString('en')} rows per CPU-second`);
console.log(`peak RSS: ${mb(process.resourceUsage().maxRSS * 1024)}, max heapUsed after a run: ${mb(heapMax)} (input text: ${mb(text.length)})`);
