/**
 * Multi-threaded search (Node only): families split into ranges across
 * worker_threads, each building its family tables and scanning every child;
 * partial scans merged deterministically, so the result is bit-identical to
 * {@link searchFamilies} whatever the number of threads.
 */
import { availableParallelism } from 'node:os';
import { validateSearchOptions, ValidationError, type Family, type Profile, type RejectedFamily, type SearchOptions, type SearchResult } from '../index.js';
import { ADDS_BEFORE_CARRY, buildFamilyIndex, encodeChildren, finishSearch, mergeScans, normaliseLimbs, orderFamilies, type PartialScan, planSearch, rebaseScan, scanRange, type SearchTarget, SUM_LIMBS } from '../engine.js';
import type { SearchWorkerJob, SearchWorkerReply, SearchWorkerShared } from './searchWorker.js';
import { runWorkerPool } from './workerPool.js';
import { addSparse, fromSparse } from './sparseSums.js';

/** Options of {@link runSearchParallel}. */
export interface ParallelSearchOptions extends SearchOptions {
  /** Worker threads; default all cores (`os.availableParallelism()`). 1 runs in this thread. */
  readonly threads?: number;
  /**
   * Family ranges per thread, of equal size (load balancing; the result does not depend on it).
   * Default: guided ranges ({@link familyRanges}).
   */
  readonly chunksPerThread?: number;
  /** The worker script; default `search-worker.js` beside this module (dist/). */
  readonly workerUrl?: URL | string;
  /** Called after each family range is done. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** The result of one family range. */
export interface Part {
  readonly targets: readonly SearchTarget[];
  readonly familyCount: number;
  readonly rejected: readonly RejectedFamily[];
  readonly scan: PartialScan;
}

/**
 * Runs {@link searchFamilies} over worker threads. The plan (loci, allele lists)
 * and child encoding are made once here; families are put in id order and cut
 * into contiguous ranges; each worker builds and scans its ranges; the partial
 * scans are rebased and merged in range order. Same result, bit for bit, as the
 * single-threaded search.
 *
 * Cost: as {@link searchFamilies}, divided by the threads; plus a structured
 * clone of the children's offsets and of each range's families per job.
 *
 * @example
 * ```ts
 * const result = await runSearchParallel(children, families, { frequencies: builtinTable(), threads: 4 });
 * process.stdout.write(writeSearchCsv(result));
 * ```
 */
export async function runSearchParallel(children: readonly Profile[], families: readonly Family[], options: ParallelSearchOptions): Promise<SearchResult> {
  validateSearchOptions(options);
  const plan = planSearch(families, children, { ...options, xLoci: options.xLoci ?? true });
  // As scanRange (checkXMetadata), before any worker starts.
  if (options.ignoreMetadata === true && plan.loci.some((l) => l.chromosome === 'X')) {
    throw new ValidationError({ code: 'bad-option', message: "ignoreMetadata cannot be combined with X-chromosomal loci: an X table is read only by a child of the missing person's sex (leave the X loci out with loci, or keep the sex filter)", path: ['ignoreMetadata'] });
  }
  const { ordered, rejected } = orderFamilies(families);
  const encoded = encodeChildren(children, plan);
  const threads = Math.max(1, Math.floor(options.threads ?? availableParallelism()));
  const scanOptions = {
    ...(options.topK !== undefined ? { topK: options.topK } : {}),
    ...(options.minLoci !== undefined ? { minLoci: options.minLoci } : {}),
    ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
    ...(options.blockTargets !== undefined ? { blockTargets: options.blockTargets } : {}),
    ...(options.ignoreMetadata !== undefined ? { ignoreMetadata: options.ignoreMetadata } : {}),
    ...(options.ageTolerance !== undefined ? { ageTolerance: options.ageTolerance } : {}),
  };
  const bounds = familyRanges(ordered.length, threads, options.chunksPerThread);
  const chunks: Family[][] = [];
  for (let i = 1; i < bounds.length; i++) chunks.push(ordered.slice(bounds[i - 1], bounds[i]));

  let parts: Part[];
  if (threads === 1) {
    const index = buildFamilyIndex(ordered, { plan });
    parts = [{ targets: index.targets, familyCount: index.familyCount, rejected: index.rejected, scan: scanRange(index, encoded, 0, index.targets.length, scanOptions) }];
    options.onProgress?.(1, 1);
  } else {
    const url = options.workerUrl ?? new URL('./search-worker.js', import.meta.url);
    const shared: SearchWorkerShared = { plan, children: encoded, scan: scanOptions };
    const replies = await runWorkerPool<SearchWorkerJob, Extract<SearchWorkerReply, { ok: true }>>(url, chunks.map((families, job) => ({ job, families })), threads, 'search', { shared, ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}) });
    parts = withChildSums(replies, encoded.ids.length);
  }
  const { scans, targets, familyCount, rejected: allRejected } = concatParts(parts, rejected);
  const merged = mergeScans(scans);
  return finishSearch({ plan, targets, familyCount, rejected: allRejected }, encoded, merged, { ...options, familiesIn: families.length });
}

/**
 * The workers' parts with dense per-child sums again. One part gets its own sums
 * back; several get the exact total of their sums (added part by part, normalised
 * every `ADDS_BEFORE_CARRY` parts and at the end: canonical limbs are below
 * 2^32, so the limbs stay below 2^53 and every addition is exact) in the first and
 * zeros in the others, which `mergeScans` adds into the same canonical limbs as
 * the parts' own sums (the canonical form of an exact sum is unique), without a
 * dense array per part.
 */
export function withChildSums(replies: readonly Extract<SearchWorkerReply, { ok: true }>[], children: number): Part[] {
  const part = (r: Extract<SearchWorkerReply, { ok: true }>, childSum: Float64Array): Part => ({ targets: r.targets, familyCount: r.familyCount, rejected: r.rejected, scan: { ...r.scan, childSum } });
  const only = replies.length === 1 ? replies[0] : undefined;
  if (only !== undefined) return [part(only, fromSparse(only.childSum))];
  const total = new Float64Array(children * SUM_LIMBS);
  const normalise = (): void => {
    for (let c = 0; c < children; c++) normaliseLimbs(total, c * SUM_LIMBS);
  };
  replies.forEach((r, i) => {
    addSparse(total, r.childSum);
    if ((i + 1) % ADDS_BEFORE_CARRY === 0) normalise();
  });
  normalise();
  const zeros = new Float64Array(total.length);
  return replies.map((r, i) => part(r, i === 0 ? total : zeros));
}

/** Smallest guided range, in families (a range's fixed costs: one job message, one partial scan to merge). */
const MIN_RANGE = 500;

/**
 * Cuts `n` ordered families into contiguous ranges for `threads` workers, as
 * bounds `[0, …, n]`. With `chunksPerThread`, `threads × chunksPerThread` ranges
 * of equal size. Otherwise guided: each range takes a `1/(4·threads)` share of
 * the families left (at least {@link MIN_RANGE}, or `n/(4·threads)` when smaller), so ranges shrink towards the
 * end and the last one a worker takes is short: a core idles at most about one
 * small range while the other finishes (with four equal ranges per thread it
 * idled up to a range of n/8 families). One thread: one range.
 */
export function familyRanges(n: number, threads: number, chunksPerThread?: number): number[] {
  if (threads <= 1 || n === 0) return [0, n];
  if (chunksPerThread !== undefined) {
    const k = Math.max(1, Math.min(n, threads * Math.max(1, Math.floor(chunksPerThread))));
    return Array.from({ length: k + 1 }, (_, i) => Math.floor((i * n) / k));
  }
  const least = Math.min(MIN_RANGE, Math.ceil(n / (4 * threads))); // small inputs still get several ranges
  const bounds = [0];
  let at = 0;
  while (at < n) {
    at += Math.max(least, Math.ceil((n - at) / (4 * threads)));
    if (n - at < least) at = n; // no shorter range at the end
    bounds.push(at);
  }
  return bounds;
}

/**
 * Joins the parts of a parallel search in range order: scans rebased, targets
 * and rejected families concatenated (rejected sorted by id). Loops rather than
 * spreads, so that 250,000 families do not overflow the stack.
 */
export function concatParts(parts: readonly Part[], rejectedBefore: readonly RejectedFamily[]): { scans: PartialScan[]; targets: SearchTarget[]; familyCount: number; rejected: RejectedFamily[] } {
  let offset = 0;
  const scans: PartialScan[] = [];
  const targets: SearchTarget[] = [];
  const rejected: RejectedFamily[] = rejectedBefore.slice();
  let familyCount = 0;
  for (const p of parts) {
    scans.push(rebaseScan(p.scan, offset));
    for (const t of p.targets) targets.push(t); // a loop: push(...array) overflows the stack past ~125,000
    for (const r of p.rejected) rejected.push(r);
    familyCount += p.familyCount;
    offset += p.targets.length;
  }
  rejected.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { scans, targets, familyCount, rejected };
}
