/**
 * Multi-threaded `familyPower` (Node only): families in id order cut into
 * ranges across worker_threads; the result is identical to `familyPower`'s
 * whatever the number of threads (rows are sorted after the parts are joined).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { familyPower, validatePowerOptions, type Family, type FamilyPower, type PowerOptions, type PowerResult, type RejectedFamily } from '../index.js';
import { finishPower, orderFamilies, planSearch } from '../engine.js';
import type { PowerWorkerJob, PowerWorkerReply } from './powerWorker.js';

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
  const settings = validatePowerOptions(powerOptions);
  const plan = planSearch(families, [], powerOptions);
  const { ordered, rejected } = orderFamilies(families);
  const nChunks = Math.max(1, Math.min(ordered.length, threads * 8));
  const chunks: Family[][] = [];
  for (let i = 0; i < nChunks; i++) chunks.push(ordered.slice(Math.floor((i * ordered.length) / nChunks), Math.floor(((i + 1) * ordered.length) / nChunks)));
  const url = options.workerUrl ?? new URL('./power-worker.js', import.meta.url);
  const parts = await new Promise<{ rows: readonly FamilyPower[]; rejected: readonly RejectedFamily[] }[]>((resolve, reject) => {
    const results: { rows: readonly FamilyPower[]; rejected: readonly RejectedFamily[] }[] = [];
    let next = 0;
    let done = 0;
    let failed = false;
    const workers: Worker[] = [];
    const finish = (error?: Error): void => {
      for (const w of workers) void w.terminate();
      if (error !== undefined) reject(error);
      else resolve(results);
    };
    const feed = (w: Worker): void => {
      if (next >= chunks.length) return;
      const job: PowerWorkerJob = { job: next, plan, families: chunks[next] as Family[], settings };
      next++;
      w.postMessage(job);
    };
    for (let i = 0; i < Math.min(threads, chunks.length); i++) {
      const w = new Worker(url);
      workers.push(w);
      w.on('message', (reply: PowerWorkerReply) => {
        if (failed) return;
        if (!reply.ok) {
          failed = true;
          finish(new Error(`power worker failed: ${reply.error}`));
          return;
        }
        results[reply.job] = { rows: reply.rows, rejected: reply.rejected };
        done++;
        options.onProgress?.(done, chunks.length);
        if (done === chunks.length) finish();
        else feed(w);
      });
      w.on('error', (e) => {
        if (failed) return;
        failed = true;
        finish(e);
      });
      feed(w);
    }
  });
  return finishPower(
    parts.flatMap((p) => p.rows),
    [...rejected, ...parts.flatMap((p) => p.rejected)],
    plan,
    settings,
  );
}
