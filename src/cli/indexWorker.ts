/**
 * Worker thread of `strkin index build --threads`: builds one shard of the
 * index (its families' tables under the build's plan), writes the file into the
 * index directory under its final, content-addressed name, and replies with its
 * manifest entry (the manifest names it only once every shard is written).
 */
import { parentPort } from 'node:worker_threads';
import { buildIndexShardFile, type Family, type IndexBuildPlan, type IndexShardEntry } from '../index.js';
import { writeShard } from './indexDir.js';

/** A job posted to an index worker. */
export interface IndexWorkerJob {
  readonly job: number;
  readonly dir: string;
  readonly chunk: readonly Family[];
  readonly build: Pick<IndexBuildPlan, 'plan' | 'hashes' | 'tableBytes'>;
}

/** An index worker's answer. */
export type IndexWorkerReply = { readonly job: number; readonly ok: true; readonly entry: IndexShardEntry } | { readonly job: number; readonly ok: false; readonly error: string };

if (parentPort !== null) {
  const port = parentPort;
  port.on('message', (job: IndexWorkerJob) => {
    try {
      const { entry, bytes } = buildIndexShardFile(job.chunk, job.build);
      writeShard(job.dir, entry.file, bytes);
      const reply: IndexWorkerReply = { job: job.job, ok: true, entry };
      port.postMessage(reply);
    } catch (e) {
      const reply: IndexWorkerReply = { job: job.job, ok: false, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
      port.postMessage(reply);
    }
  });
}
