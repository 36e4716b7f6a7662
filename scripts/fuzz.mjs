#!/usr/bin/env node
/**
 * `npm run fuzz`: every parser on 100,000 inputs per format (test/fuzz/parsers.test.ts),
 * one vitest run per format so that each result prints as soon as it is known, with a
 * fixed seed so that a run can be replayed. Options through the environment:
 *   STRKIN_FUZZ_RUNS  inputs per format (default 100000)
 *   FC_SEED           fast-check seed (default 20261201)
 *   STRKIN_FUZZ_ONLY  one format name (default: every format below)
 * Exit code 0 when every input of every format gave a value or a located StrkinError.
 */
import { spawnSync } from 'node:child_process';

const FORMATS = [
  'profiles: GeneMapper', 'profiles: wide', 'profiles: CMF XML', 'profiles: JSON', 'profiles: detected',
  'families: relationship table', 'families: explicit pedigree', 'families: JSON', 'families: .ped',
  'frequencies: wide', 'frequencies: list', 'frequencies: merlin', 'frequencies: long', 'frequencies: STRidER XML', 'frequencies: detected',
  'case file',
];
const runs = process.env.STRKIN_FUZZ_RUNS ?? '100000';
const seed = process.env.FC_SEED ?? '20261201';
const formats = process.env.STRKIN_FUZZ_ONLY ? [process.env.STRKIN_FUZZ_ONLY] : FORMATS;
console.log(`fuzz: ${runs} inputs per format, seed ${seed} (replay with FC_SEED=${seed})`);
let failed = 0;
for (const format of formats) {
  const started = Date.now();
  const r = spawnSync('npx', ['vitest', 'run', 'test/fuzz/parsers.test.ts', '--reporter', 'dot'], {
    env: { ...process.env, STRKIN_FUZZ_RUNS: runs, FC_SEED: seed, STRKIN_FUZZ_ONLY: format },
    encoding: 'utf8',
  });
  const ok = r.status === 0;
  if (!ok) failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${format}: ${runs} inputs in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (!ok) console.log(r.stdout.split('\n').filter((l) => /Counterexample|Error|seed|not a StrkinError|issue without/.test(l)).slice(0, 20).join('\n'));
}
process.exit(failed === 0 ? 0 : 1);
