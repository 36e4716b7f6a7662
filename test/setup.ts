import fc from 'fast-check';

// One seed for every property test of this run, printed so that a failure can
// be replayed with `FC_SEED=<seed> npm test`.
const fromEnv = process.env['FC_SEED'];
const seed = fromEnv !== undefined && fromEnv !== '' ? Number(fromEnv) : Date.now() ^ (Math.random() * 0x100000000);
fc.configureGlobal({ seed, numRuns: Number(process.env['FC_RUNS'] ?? 100) });
if (!(globalThis as { __strkinSeedPrinted?: boolean }).__strkinSeedPrinted) {
  (globalThis as { __strkinSeedPrinted?: boolean }).__strkinSeedPrinted = true;
  console.log(`fast-check seed: ${seed} (replay with FC_SEED=${seed})`);
}
