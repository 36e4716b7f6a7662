/**
 * Vitest global setup: runs once per `vitest run`, before any test file. It
 * chooses the one fast-check seed of the run (or takes `STRKIN_FC_SEED`),
 * prints it once, and hands it to every test file through `provide`; test/setup.ts
 * applies it with `fc.configureGlobal`. A failing property therefore replays with
 * `STRKIN_FC_SEED=<seed> npx vitest run <file>` (or `npm test`).
 */
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    fcSeed: number;
  }
}

/** Reads `STRKIN_FC_SEED` (a 32-bit integer) or draws a seed. */
function chooseSeed(): number {
  const text = process.env['STRKIN_FC_SEED'];
  if (text === undefined || text.trim() === '') return (Date.now() ^ (Math.random() * 0x1_0000_0000)) | 0;
  const seed = Number(text);
  if (!Number.isInteger(seed) || seed < -0x8000_0000 || seed > 0xffff_ffff) throw new Error(`STRKIN_FC_SEED must be a 32-bit integer (STRKIN_FC_SEED = ${JSON.stringify(text)})`);
  return seed | 0;
}

export default function setup(project: TestProject): void {
  const seed = chooseSeed();
  project.provide('fcSeed', seed);
  console.log(`fast-check seed: ${seed} (replay with STRKIN_FC_SEED=${seed})`);
}
