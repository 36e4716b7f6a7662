/**
 * Worker thread of {@link runSearchParallel}: builds the family tables of one
 * range of families with the shared plan, scans every child against them, and
 * posts the partial scan back (typed arrays transferred, not copied).
 */
import { parentPort } from 'node:worker_threads';
import type { Family, RejectedFamily, ScanOptions } from '../index.js';
import { buildFamilyIndex, type EncodedChildren, type PartialScan, scanRange, type SearchPlan, type SearchTarget } from '../engine.js';

/** A job posted to a search worker. */
export interface SearchWorkerJob {
  readonly job: number;
  readonly plan: SearchPlan;
  readonly families: readonly Family[];
  readonly children: EncodedChildren;
  readonly scan: ScanOptions;
}

/** A search worker's answer. */
export type SearchWorkerReply =
  | { readonly job: number; readonly ok: true; readonly targets: readonly SearchTarget[]; readonly familyCount: number; readonly rejected: readonly RejectedFamily[]; readonly scan: PartialScan }
  | { readonly job: number; readonly ok: false; readonly error: string };

function buffersOf(scan: PartialScan): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const v of Object.values(scan)) if (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer && !out.includes(v.buffer)) out.push(v.buffer);
  return out;
}

if (parentPort !== null) {
  const port = parentPort;
  port.on('message', (job: SearchWorkerJob) => {
    try {
      const index = buildFamilyIndex(job.families, { plan: job.plan });
      const scan = scanRange(index, job.children, 0, index.targets.length, job.scan);
      const reply: SearchWorkerReply = { job: job.job, ok: true, targets: index.targets, familyCount: index.familyCount, rejected: index.rejected, scan };
      port.postMessage(reply, buffersOf(scan));
    } catch (e) {
      const reply: SearchWorkerReply = { job: job.job, ok: false, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
      port.postMessage(reply);
    }
  });
}
