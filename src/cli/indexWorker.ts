/**
 * Worker thread of the family index: `strkin index build --threads` (builds one
 * shard of the index under the build's plan, writes the file into the index
 * directory under its final, content-addressed name, and replies with its
 * manifest entry; the manifest names it only once every shard is written), and
 * `strkin search --index --threads` (reads one shard of the state the search
 * opened, checks its SHA-256, scans every child against it and replies with the
 * shard's scan, typed arrays transferred).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildIndexShardFile, scanIndexShard, StrkinError, type Issue, type Family, type IndexBuildPlan, type IndexSearchSetup, type IndexShardEntry, type IndexShardScan } from '../index.js';
import { openIndexDir, writeShard, type IndexDir } from './indexDir.js';
import { transferList } from './workerPool.js';

/** What every job of one run shares (the worker's `workerData`): the build's plan, or the search's set-up. */
export type IndexWorkerShared = { readonly build: Pick<IndexBuildPlan, 'plan' | 'hashes' | 'tableBytes'> } | { readonly setup: Pick<IndexSearchSetup, 'plan' | 'children' | 'settings'> };

/** A job posted to an index worker: build a shard, or scan one. */
export type IndexWorkerJob =
  | { readonly kind: 'build'; readonly job: number; readonly dir: string; readonly chunk: readonly Family[] }
  | { readonly kind: 'search'; readonly job: number; readonly dir: string; readonly manifestFile: string; readonly shard: number };

/** An index worker's answer. */
export type IndexWorkerReply =
  | { readonly job: number; readonly ok: true; readonly entry: IndexShardEntry }
  | { readonly job: number; readonly ok: true; readonly scan: IndexShardScan }
  /** A StrkinError of a search job (e.g. a damaged shard), passed on whole so that the command reports it as it would from one thread. */
  | { readonly job: number; readonly ok: true; readonly issues: readonly Issue[] }
  | { readonly job: number; readonly ok: false; readonly error: string };

if (parentPort !== null) {
  const port = parentPort;
  // The index state a search opened, kept across its jobs (the frequency table is read and checked once per worker).
  let opened: { readonly key: string; readonly index: IndexDir } | undefined;
  const shared = workerData as IndexWorkerShared;
  port.on('message', (job: IndexWorkerJob) => {
    try {
      if (job.kind === 'build') {
        if (!('build' in shared)) throw new Error('index worker: a build job in a search run');
        const { entry, bytes } = buildIndexShardFile(job.chunk, shared.build);
        writeShard(job.dir, entry.file, bytes);
        const reply: IndexWorkerReply = { job: job.job, ok: true, entry };
        port.postMessage(reply);
        return;
      }
      const key = `${job.dir}\u0000${job.manifestFile}`;
      if (opened?.key !== key) opened = { key, index: openIndexDir(job.dir, job.manifestFile) };
      if (!('setup' in shared)) throw new Error('index worker: a search job in a build run');
      const scan = scanIndexShard(opened.index.store.shard(job.shard), shared.setup);
      const reply: IndexWorkerReply = { job: job.job, ok: true, scan };
      port.postMessage(reply, transferList(scan.scan));
    } catch (e) {
      if (e instanceof StrkinError && job.kind === 'search') {
        const reply: IndexWorkerReply = { job: job.job, ok: true, issues: e.allIssues };
        port.postMessage(reply);
        return;
      }
      const reply: IndexWorkerReply = { job: job.job, ok: false, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
      port.postMessage(reply);
    }
  });
}
