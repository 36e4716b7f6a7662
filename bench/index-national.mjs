#!/usr/bin/env node
// The national operation with a family index (issue 12's Proof), with the built CLI: a cold
// `index build` of N demo-mix families, the incremental run (a search of C new children against
// the index), `index add` of A new families, the search after the add, and the open time
// (`index info`), with wall time, CPU time (user + system: the figure to compare on a shared
// machine), peak RSS of each process and the index's size on disk.
//
//   npm run build
//   node bench/index-national.mjs [families=2000] [added=1000] [children=100] [threads=2]
//
// Families: simulateSearchScenario's default structures (the demo mix), seed 7, GlobalFiler loci
// of nist1036-cauc; the last A families are held back for the add. Children: the scenario's C
// (a tenth related to some family). Files in a temp folder (deleted at the end).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';

const lib = await import(new URL('../dist/index.js', import.meta.url).href);
const cli = new URL('../dist/cli.js', import.meta.url).pathname;
const N = Number(process.argv[2] ?? 2000);
const A = Number(process.argv[3] ?? 1000);
const C = Number(process.argv[4] ?? 100);
const T = String(process.argv[5] ?? 2);
const table = lib.builtinTable('nist1036-cauc');
let t0 = performance.now();
const s = lib.simulateSearchScenario({ table, seed: 7, families: N + A, children: C, related: Math.floor(C / 10), loci: lib.locusSet('globalfiler').loci });
const dir = mkdtempSync(join(tmpdir(), 'strkin-index-national-'));
const at = (f) => join(dir, f);
writeFileSync(at('base.json'), lib.writeFamiliesJson(s.families.slice(0, N)));
writeFileSync(at('added.json'), lib.writeFamiliesJson(s.families.slice(N)));
writeFileSync(at('refs.csv'), lib.writeProfilesCsv(s.families.flatMap((f) => Object.values(f.references))));
writeFileSync(at('children.csv'), lib.writeProfilesCsv(s.children));
console.log(`families ${N} + ${A} added, ${C} children, --threads ${T}; ${cpus().length} cores; scenario written in ${((performance.now() - t0) / 1000).toFixed(0)} s to ${dir}`);

function run(label, args) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const [wall, user, sys, kb] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  if (r.status !== 0) {
    console.log(r.stderr);
    throw new Error(`${label} failed`);
  }
  console.log(`${label.padEnd(56)} wall ${wall.toFixed(1).padStart(7)} s  CPU ${(user + sys).toFixed(1).padStart(7)} s  peak RSS ${(kb / 1024).toFixed(0).padStart(5)} MB`);
  return r;
}
const info = () => JSON.parse(spawnSync(process.execPath, [cli, 'index', 'info', at('idx'), '--json'], { encoding: 'utf8' }).stdout);
const size = (i) => `${i.families} families in ${i.shards} shards, ${(i.disk.currentBytes / 1048576).toFixed(0)} MiB on disk, largest shard ${(i.memory.largestShardBytes / 1048576).toFixed(1)} MiB`;

run(`index build (${N} families, cold)`, ['index', 'build', '--families', at('base.json'), '--profiles', at('refs.csv'), '--out', at('idx'), '--threads', T, '--quiet']);
console.log(`  index: ${size(info())}`);
run('index info (open: manifest and frequency table)', ['index', 'info', at('idx')]);
run(`search --index (${C} new children: the incremental run)`, ['search', '--index', at('idx'), '--unidentified', at('children.csv'), '--threads', T, '--quiet', '--out', at('run1.csv')]);
run(`index add (${A} new families)`, ['index', 'add', '--index', at('idx'), '--families', at('added.json'), '--profiles', at('refs.csv'), '--quiet']);
console.log(`  index: ${size(info())}`);
run(`search --index (${C} children, after the add)`, ['search', '--index', at('idx'), '--unidentified', at('children.csv'), '--threads', T, '--quiet', '--out', at('run2.csv')]);
run(`search --index --threads 1 (${C} children)`, ['search', '--index', at('idx'), '--unidentified', at('children.csv'), '--threads', '1', '--quiet', '--out', at('run3.csv')]);
console.log(`  same output on ${T} threads and on 1: ${readFileSync(at('run2.csv'), 'utf8') === readFileSync(at('run3.csv'), 'utf8')}`);
rmSync(dir, { recursive: true, force: true });
