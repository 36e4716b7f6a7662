#!/usr/bin/env node
// National-size inputs through the built CLI (issue 13, item 1): more than 125,000 found children
// (one --unidentified file, each child with a Y-STR warning, so also more than 125,000 issues) and
// more than 125,000 one-reference families, searched with --threads 1. Before the fix this ended in
// "RangeError: Maximum call stack size exceeded" (exit 70). Prints the exit code, time and peak RSS.
//
//   npm run build
//   node bench/national-size.mjs 200000 10     # > 125,000 children and issues
//   node bench/national-size.mjs 10 130000     # > 125,000 families (--threads 1)
//
// Genotypes are drawn (seeded) from a few common alleles; the point is size, not statistics.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const NC = Number(process.argv[2] ?? 200_000);
const NF = Number(process.argv[3] ?? 130_000);
const LOCI = (process.argv[4] ?? 'TH01,vWA,FGA').split(',');
const ALLELES = { TH01: ['6', '7', '8', '9', '9.3'], vWA: ['15', '16', '17', '18'], FGA: ['20', '21', '22', '23', '24'], D3S1358: ['14', '15', '16', '17'] };
let seed = 20261201;
const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
const pick = (list) => list[Math.floor(rand() * list.length)];
const header = ['Sample', ...LOCI.flatMap((l) => [`${l} 1`, `${l} 2`]), 'DYS391'];
const row = (id) => [id, ...LOCI.flatMap((l) => [pick(ALLELES[l] ?? ['10', '11', '12']), pick(ALLELES[l] ?? ['10', '11', '12'])]), '10'].join(',');

const dir = mkdtempSync(join(tmpdir(), 'strkin-national-'));
const children = join(dir, 'children.csv');
const refs = join(dir, 'refs.csv');
const families = join(dir, 'families.csv');
writeFileSync(children, [header.join(','), ...Array.from({ length: NC }, (_, i) => row(`C${i}`))].join('\n') + '\n');
writeFileSync(refs, [header.join(','), ...Array.from({ length: NF }, (_, i) => row(`R${i}`))].join('\n') + '\n');
writeFileSync(families, ['family,sample,relationship', ...Array.from({ length: NF }, (_, i) => `F${i},R${i},mother`)].join('\n') + '\n');
const mib = (f) => (statSync(f).size / 1024 / 1024).toFixed(1);
console.log(`children ${NC} (${mib(children)} MiB), families ${NF} (${mib(refs)} MiB of references), loci ${LOCI.join(',')}`);

const cli = new URL('../dist/cli.js', import.meta.url).pathname;
const started = performance.now();
const r = spawnSync('/usr/bin/time', ['-f', '%M', 'node', '--max-old-space-size=4096', cli, 'search', '--unidentified', children, '--families', families, '--profiles', refs,
  '--loci', LOCI.join(','), '--min-loci', '1', '--top', '1', '--threads', '1', '--no-progress', '--threshold', '1e300', '--out', join(dir, 'matches.csv')], { encoding: 'utf8', maxBuffer: 1 << 30 });
const seconds = (performance.now() - started) / 1000;
const lines = r.stderr.trim().split('\n');
const peakKiB = Number(lines.at(-1));
console.log(lines.filter((l) => /^(children|families|pairs|strkin: internal|RangeError)/.test(l)).join('\n'));
console.log(`exit ${r.status}; ${seconds.toFixed(1)} s; peak RSS ${(peakKiB / 1024).toFixed(0)} MiB; stderr lines ${lines.length}`);
process.exit(r.status === 0 ? 0 : 1);
