#!/usr/bin/env node
/**
 * `npm run fuzz`: every parser on 100,000 inputs per format (test/fuzz/parsers.test.ts),
 * with a fixed seed so that a run can be replayed. Options through the environment:
 *   STRKIN_FUZZ_RUNS  inputs per format (default 100000)
 *   FC_SEED           fast-check seed (default 20261201)
 * Exit code: that of vitest (0 when every input gave a value or a located StrkinError).
 */
import { spawnSync } from 'node:child_process';

const env = {
  ...process.env,
  STRKIN_FUZZ_RUNS: process.env.STRKIN_FUZZ_RUNS ?? '100000',
  FC_SEED: process.env.FC_SEED ?? '20261201',
};
console.log(`fuzz: ${env.STRKIN_FUZZ_RUNS} inputs per format, seed ${env.FC_SEED}`);
const result = spawnSync('npx', ['vitest', 'run', 'test/fuzz/parsers.test.ts', ...process.argv.slice(2)], { env, stdio: 'inherit' });
process.exit(result.status ?? 1);
