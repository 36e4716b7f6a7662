/**
 * Multi-threaded `familyPower` (Node only): families in id order cut into
 * ranges across worker_threads; the result is identical to `familyPower`'s
 * whatever the number of threads (rows are sorted after the parts are joined).
 */
import { availableParallelism } from 'node:os';
import { familyPower, validatePowerOptions, type Family, type PowerOptions, type PowerResult } from '../index.js';
import { finishPower, orderFamilies, planSearch, withRunSize } from '../engine.js';
import type { PowerWorkerJob, PowerWorkerReply, PowerWorkerShared } from './powerWorker.js';
import { runWorkerPool } from './workerPool.js';

/** Options of {@link runPowerParallel}. */
export interface ParallelPowerOptions extends PowerOptions {
  /** Worker threads; default all cores. 1 runs in this thread. */
  readonly threads?: number;
  /** The worker script; default `power-worker.js` beside this module (dist/). */
  readonly workerUrl?: URL | string;
  /** Called after each family range is done. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Runs {@link familyPower} over worker threads (same result).
 * @example
 * ```ts
 * const result = await runPowerParallel(families, { frequencies: builtinTable(), threads: 2, gridStep: 0.01 });
 * result.rows.length === families.length; // => true
 * ```
 */
export async function runPowerParallel(families: readonly Family[], options: ParallelPowerOptions): Promise<PowerResult> {
  const threads = Math.max(1, Math.floor(options.threads ?? availableParallelism()));
  const { threads: _t, workerUrl: _w, onProgress: _p, ...powerOptions } = options;
  if (threads === 1 || families.length < 2) {
    const result = familyPower(families, powerOptions);
    options.onProgress?.(1, 1);
    return result;
  }
  // X loci compared unless asked not to, as familyPower does.
  const plan = planSearch(families, [], { ...powerOptions, xLoci: powerOptions.xLoci ?? true });
  const { ordered, rejected } = orderFamilies(families);
  const settings = withRunSize(validatePowerOptions(powerOptions), ordered.reduce((n, f) => n + f.missing.length, 0));
  const nChunks = Math.max(1, Math.min(ordered.length, threads * 8));
  const chunks: Family[][] = [];
  for (let i = 0; i < nChunks; i++) chunks.push(ordered.slice(Math.floor((i * ordered.length) / nChunks), Math.floor(((i + 1) * ordered.length) / nChunks)));
  const url = options.workerUrl ?? new URL('./power-worker.js', import.meta.url);
  const jobs: PowerWorkerJob[] = chunks.map((families, job) => ({ job, families }));
  const shared: PowerWorkerShared = { plan, settings };
  const parts = await runWorkerPool<PowerWorkerJob, Extract<PowerWorkerReply, { ok: true }>>(url, jobs, threads, 'power', { shared, ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}) });
  return finishPower(
    parts.flatMap((p) => p.rows),
    [...rejected, ...parts.flatMap((p) => p.rejected)],
    plan,
    settings,
  );
}
