/**
 * Searching a family index in worker threads (Node only): the shards of a search
 * part are scanned by a pool of workers, each reading its shard from the index
 * directory (SHA-256 checked), and their scans are merged in shard order as they
 * come, so that the part is the same, bit for bit, as one thread's
 * (`searchIndexPart`) and only the running scan and the scans waiting for an
 * earlier shard are held.
 */
import { availableParallelism } from 'node:os';
import { collectIndexSearchPart, planIndexSearchPart, scanIndexShard, StrkinError, type IndexSearchPart, type IndexShardScan, type Profile, type SearchOptions } from '../index.js';
import type { IndexDir } from './indexDir.js';
import type { IndexWorkerJob, IndexWorkerReply, IndexWorkerShared } from './indexWorker.js';
import { runWorkerPool } from './workerPool.js';

/** Options of {@link searchIndexPartParallel}. */
export interface ParallelIndexSearchOptions {
  /** Worker threads; default all cores. 1 (or a part of one shard) runs in this thread. */
  readonly threads?: number;
  /** The worker script; default `index-worker.js` beside this module (dist/). */
  readonly workerUrl?: URL | string;
}

/**
 * Part `part` of `parts` of a search of the index in `index.dir` (the state
 * `index` opened), its shards scanned by worker threads.
 *
 * Cost: as `searchIndexPart`, divided by the threads; plus a structured clone of
 * the encoded children per shard.
 */
export async function searchIndexPartParallel(index: IndexDir, children: readonly Profile[], options: SearchOptions, part: number, parts: number, parallel: ParallelIndexSearchOptions = {}): Promise<IndexSearchPart> {
  const setup = planIndexSearchPart(index.store, children, options, part, parts);
  const collector = collectIndexSearchPart(index.store, setup);
  const shards = setup.shardEnd - setup.shardStart;
  const threads = Math.max(1, Math.min(Math.floor(parallel.threads ?? availableParallelism()), shards));
  if (threads === 1) {
    for (let i = setup.shardStart; i < setup.shardEnd; i++) collector.add(scanIndexShard(index.store.shard(i), setup));
    return collector.finish();
  }
  const shared = { plan: setup.plan, children: setup.children, settings: setup.settings };
  const jobs: IndexWorkerJob[] = [];
  for (let k = 0; k < shards; k++) jobs.push({ kind: 'search', job: k, dir: index.dir, manifestFile: index.manifestFile, shard: setup.shardStart + k });
  // Scans arrive in any order; each is merged once every earlier shard's is.
  const waiting = new Map<number, IndexShardScan>();
  let next = 0;
  const consume = (reply: Exclude<Extract<IndexWorkerReply, { ok: true }>, { entry: unknown }>): void => {
    if ('issues' in reply) throw new StrkinError(reply.issues);
    waiting.set(reply.job, reply.scan);
    for (let s = waiting.get(next); s !== undefined; s = waiting.get(next)) {
      waiting.delete(next);
      collector.add(s);
      next++;
    }
  };
  const url = parallel.workerUrl ?? new URL('./index-worker.js', import.meta.url);
  await runWorkerPool(url, jobs, threads, 'index search', { consume, shared: { setup: shared } satisfies IndexWorkerShared });
  return collector.finish();
}
