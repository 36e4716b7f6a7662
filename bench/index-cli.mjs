#!/usr/bin/env node
// The family index with the built CLI: cold build, search of 100 new children from the index
// against the same search from the raw files, incremental add of 1,000 families, open time
// (index info), a two-part search merged, with wall time, CPU time (user + system: the figure to
// compare on a shared machine) and peak RSS of each process.
//
//   npm run build
//   node bench/index-cli.mjs [baseFamilies=2000] [addedFamilies=1000] [children=100]
//
// Demo-mix families (simulateSearchScenario's default structures, seed 7) on GlobalFiler from
// nist1036-cauc; the children are the scenario's (a tenth related). Files in a temp folder.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const lib = await import(new URL('../dist/index.js', import.meta.url).href);
const cli = new URL('../dist/cli.js', import.meta.url).pathname;
const NB = Number(process.argv[2] ?? 2000);
const NA = Number(process.argv[3] ?? 1000);
const NC = Number(process.argv[4] ?? 100);
const table = lib.builtinTable('nist1036-cauc');
const s = lib.simulateSearchScenario({ table, seed: 7, families: NB + NA, children: NC, related: Math.floor(NC / 10), loci: lib.locusSet('globalfiler').loci });
const dir = mkdtempSync(join(tmpdir(), 'strkin-index-cli-'));
const at = (f) => join(dir, f);
writeFileSync(at('base.json'), lib.writeFamiliesJson(s.families.slice(0, NB)));
writeFileSync(at('added.json'), lib.writeFamiliesJson(s.families.slice(NB)));
writeFileSync(at('all.json'), lib.writeFamiliesJson(s.families));
writeFileSync(at('refs.csv'), lib.writeProfilesCsv(s.families.flatMap((f) => Object.values(f.references))));
writeFileSync(at('children.csv'), lib.writeProfilesCsv(s.children));

function run(label, args) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, cli, ...args], { encoding: 'utf8' });
  const [wall, user, sys, kb] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  if (r.status !== 0) { console.log(r.stderr); throw new Error(`${label} failed`); }
  console.log(`${label.padEnd(52)} wall ${wall.toFixed(1).padStart(6)} s  CPU ${(user + sys).toFixed(1).padStart(6)} s  peak RSS ${(kb / 1024).toFixed(0).padStart(5)} MB`);
  return r;
}
console.log(`families ${NB} + ${NA} added, children ${NC}; files in ${dir}`);
run(`index build (${NB} families, --threads 2)`, ['index', 'build', '--families', at('base.json'), '--profiles', at('refs.csv'), '--out', at('idx'), '--threads', '2', '--quiet']);
run(`search raw files (${NB} families, --threads 2)`, ['search', '--families', at('base.json'), '--profiles', at('refs.csv'), '--unidentified', at('children.csv'), '--threads', '2', '--quiet', '--out', at('raw.csv')]);
run(`search --index (${NB} families, ${NC} children)`, ['search', '--index', at('idx'), '--unidentified', at('children.csv'), '--quiet', '--out', at('idx.csv')]);
console.log(`  same output: ${readFileSync(at('raw.csv'), 'utf8') === readFileSync(at('idx.csv'), 'utf8')}`);
run('index info (open)', ['index', 'info', at('idx')]);
run('index info --verify (read and hash every shard)', ['index', 'info', at('idx'), '--verify']);
run(`index add (${NA} new families)`, ['index', 'add', '--index', at('idx'), '--families', at('added.json'), '--profiles', at('refs.csv'), '--quiet']);
run(`index add (the same ${NA} again: nothing to do)`, ['index', 'add', '--index', at('idx'), '--families', at('added.json'), '--profiles', at('refs.csv'), '--quiet']);
run(`search --index (${NB + NA} families)`, ['search', '--index', at('idx'), '--unidentified', at('children.csv'), '--quiet', '--out', at('idx2.csv')]);
for (const p of [1, 2]) run(`search --index --part ${p}/2`, ['search', '--index', at('idx'), '--unidentified', at('children.csv'), '--quiet', '--part', `${p}/2`, '--out', at(`part${p}.json`)]);
run('merge (2 parts)', ['merge', at('part1.json'), at('part2.json'), '--quiet', '--out', at('merged.csv')]);
console.log(`  merged = one machine: ${readFileSync(at('merged.csv'), 'utf8') === readFileSync(at('idx2.csv'), 'utf8')}; part sizes ${[1, 2].map((p) => (readFileSync(at(`part${p}.json`)).length / 1048576).toFixed(1)).join(', ')} MiB`);
const info = JSON.parse(spawnSync(process.execPath, [cli, 'index', 'info', at('idx'), '--json'], { encoding: 'utf8' }).stdout);
console.log(`index: ${info.families} families in ${info.shards} shards, ${(info.disk.currentBytes / 1048576).toFixed(0)} MiB on disk, largest shard ${(info.memory.largestShardBytes / 1048576).toFixed(1)} MiB`);
