/**
 * A pool of worker threads that runs numbered jobs and collects one reply per
 * job in job order (so results never depend on which worker finished first).
 * Used by the parallel search and the parallel power figures.
 */
import { Worker } from 'node:worker_threads';

/**
 * The buffers of the typed arrays that are direct fields of `parts`, each once: a
 * worker's transfer list, so that its reply's arrays move instead of being copied.
 */
export function transferList(...parts: object[]): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const v of parts.flatMap((p) => Object.values(p))) if (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer && !out.includes(v.buffer)) out.push(v.buffer);
  return out;
}

/** A worker's reply to a job that failed. */
interface WorkerFailure {
  readonly ok: false;
  readonly job: number;
  readonly error: string;
}

/** Options of {@link runWorkerPool}. */
export interface WorkerPoolOptions<R> {
  /** Called after each job is done. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Each reply is handed to it as it arrives (in any job order) and not kept (the result is then empty), so that replies can be merged and released. */
  readonly consume?: (reply: R) => void;
  /** What every job shares (a plan, encoded children): cloned once per worker as its `workerData`, not once per job. */
  readonly shared?: unknown;
}

/**
 * Runs `jobs` on at most `threads` workers started from `url`; job k is posted as
 * `jobs[k]` (which must carry `job: k`) and its successful reply lands at index k.
 * The first failure ends every worker and rejects with `${name} worker failed: …`.
 */
export function runWorkerPool<J, R extends { readonly ok: true; readonly job: number }>(url: URL | string, jobs: readonly J[], threads: number, name: string, options: WorkerPoolOptions<R> = {}): Promise<R[]> {
  const { onProgress, consume, shared } = options;
  const results: (R | undefined)[] = jobs.map(() => undefined);
  return new Promise<R[]>((resolve, reject) => {
    let next = 0;
    let done = 0;
    let failed = false;
    const workers: Worker[] = [];
    const finish = (error?: Error): void => {
      for (const w of workers) void w.terminate();
      if (error !== undefined) reject(error);
      else resolve(consume === undefined ? (results as R[]) : []);
    };
    const feed = (w: Worker): void => {
      if (next >= jobs.length) return;
      w.postMessage(jobs[next++]);
    };
    for (let i = 0; i < Math.min(threads, jobs.length); i++) {
      const w = new Worker(url, shared === undefined ? {} : { workerData: shared });
      workers.push(w);
      w.on('message', (reply: R | WorkerFailure) => {
        if (failed) return;
        if (!reply.ok) {
          failed = true;
          finish(new Error(`${name} worker failed: ${reply.error}`));
          return;
        }
        if (consume === undefined) results[reply.job] = reply;
        else {
          try {
            consume(reply);
          } catch (e) {
            failed = true;
            finish(e instanceof Error ? e : new Error(String(e)));
            return;
          }
        }
        done++;
        onProgress?.(done, jobs.length);
        if (done === jobs.length) finish();
        else feed(w);
      });
      w.on('error', (e) => {
        if (failed) return;
        failed = true;
        finish(e);
      });
      feed(w);
    }
    if (jobs.length === 0) finish();
  });
}
