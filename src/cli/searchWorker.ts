/**
 * Worker thread of {@link runSearchParallel}: builds the family tables of one
 * range of families with the shared plan, scans every child against them, and
 * posts the partial scan back (typed arrays transferred, not copied).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Family, RejectedFamily, ScanOptions } from '../index.js';
import { buildFamilyIndex, type EncodedChildren, type PartialScan, scanRange, type SearchPlan, type SearchTarget } from '../engine.js';
import { toSparse, type SparseSums } from './sparseSums.js';
import { transferList } from './workerPool.js';

/** What every job of a search shares: the worker's `workerData`. */
export interface SearchWorkerShared {
  readonly plan: SearchPlan;
  readonly children: EncodedChildren;
  readonly scan: ScanOptions;
}

/** A job posted to a search worker: one range of families. */
export interface SearchWorkerJob {
  readonly job: number;
  readonly families: readonly Family[];
}

/** A search worker's answer. */
export type SearchWorkerReply =
  | { readonly job: number; readonly ok: true; readonly targets: readonly SearchTarget[]; readonly familyCount: number; readonly rejected: readonly RejectedFamily[]; readonly scan: WireScan; readonly childSum: SparseSums }
  | { readonly job: number; readonly ok: false; readonly error: string };

/** A scan as a worker sends it: the per-child exact sums go apart, as their non-zero limbs ({@link SparseSums}). */
export type WireScan = Omit<PartialScan, 'childSum'>;

if (parentPort !== null) {
  const port = parentPort;
  const shared = workerData as SearchWorkerShared;
  port.on('message', (job: SearchWorkerJob) => {
    try {
      const index = buildFamilyIndex(job.families, { plan: shared.plan });
      const scan = scanRange(index, shared.children, 0, index.targets.length, shared.scan);
      const { childSum: dense, ...rest } = scan;
      const childSum = toSparse(dense);
      const reply: SearchWorkerReply = { job: job.job, ok: true, targets: index.targets, familyCount: index.familyCount, rejected: index.rejected, scan: rest, childSum };
      port.postMessage(reply, transferList(rest, childSum));
    } catch (e) {
      const reply: SearchWorkerReply = { job: job.job, ok: false, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
      port.postMessage(reply);
    }
  });
}
