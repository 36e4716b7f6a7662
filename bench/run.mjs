#!/usr/bin/env node
// Runs the benchmarks of bench/ one after another with their default arguments (from their headers)
// and prints their output. `npm run bench` builds dist/ first. Scripts that need an input file
// (parse.mjs) get it generated first.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (f) => fileURLToPath(new URL(f, import.meta.url));
const jobs = [
  ['scan.mjs', ['2000', '20000']],
  ['search.mjs', ['50', '2000', '20']],
  ['build.mjs', ['2000', '2000', '7']],
  ['rare-alleles.mjs', ['300', '300']],
  ['large-sibships.mjs', []],
  ['pairwise.mjs', []],
  ['likelihood.mjs', ['10']],
  ['parse.mjs', ['/tmp/gm-bench.txt'], '/tmp/gm-bench.txt'],
  ['parse-large.mjs', ['50']],
];
// The parse bench reads a generated 240,000-row GeneMapper export: make it once.
if (!existsSync('/tmp/gm-bench.txt')) spawnSync(process.execPath, [fileURLToPath(new URL('../scripts/gen-genemapper.mjs', import.meta.url)), '/tmp/gm-bench.txt'], { stdio: 'inherit' });
let failed = 0;
for (const [script, args, needs] of jobs) {
  if (!existsSync(here(`./${script}`))) continue;
  if (needs !== undefined && !existsSync(needs)) {
    console.log(`\n== ${script}: skipped (needs ${needs}; see its header)`);
    continue;
  }
  console.log(`\n== node bench/${script} ${args.join(' ')}`);
  const r = spawnSync(process.execPath, [here(`./${script}`), ...args], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
