/**
 * Per-file setup: applies the run's one fast-check seed, chosen and printed once
 * by test/globalSetup.ts, to every property (`fc.configureGlobal`). Tests do not
 * pass their own `seed`: a failure replays with `STRKIN_FC_SEED=<seed>`.
 * `STRKIN_FC_RUNS` scales the default number of runs (100) of properties that do
 * not set their own `numRuns`.
 */
import fc from 'fast-check';
import { inject } from 'vitest';

fc.configureGlobal({ seed: inject('fcSeed'), numRuns: Number(process.env['STRKIN_FC_RUNS'] ?? 100) });
