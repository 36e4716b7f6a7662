/**
 * The exact per-child sums of a worker's scan (`childSum`: SUM_LIMBS limbs per
 * child, 11 MB for 20,000 children) as their non-zero limbs only. A child's LRs
 * span a few dozen powers of two, so a handful of its 68 limbs are set: replies
 * shrink about tenfold, and the main thread, which receives one reply per job
 * while the workers run, stops allocating the dense arrays that V8 counts as
 * external memory (each ~64 MB of it starts a full mark-compact of the main heap,
 * which holds every family). Exact: the dense array is rebuilt value for value.
 */

/** The non-zero entries of a Float64Array, in index order. */
export interface SparseSums {
  /** Length of the dense array. */
  readonly length: number;
  /** Indices of the entries that are not +0. */
  readonly at: Int32Array;
  /** Their values (bit for bit, −0 included). */
  readonly value: Float64Array;
}

/** The entries of `dense` that are not +0. Cost: O(length). */
export function toSparse(dense: Float64Array): SparseSums {
  let n = 0;
  for (let i = 0; i < dense.length; i++) if (!Object.is(dense[i], 0)) n++;
  const at = new Int32Array(n);
  const value = new Float64Array(n);
  for (let i = 0, k = 0; i < dense.length; i++) {
    const v = dense[i] as number;
    if (Object.is(v, 0)) continue;
    at[k] = i;
    value[k++] = v;
  }
  return { length: dense.length, at, value };
}

/** The dense array again (+0 where nothing is listed). Cost: O(length). */
export function fromSparse(sparse: SparseSums): Float64Array {
  const dense = new Float64Array(sparse.length);
  for (let k = 0; k < sparse.at.length; k++) dense[sparse.at[k] as number] = sparse.value[k] as number;
  return dense;
}

/**
 * Adds the listed entries into `into` (same length), as `into[i] + value`: with
 * integer limbs below 2^32 and fewer than 2^20 additions per entry, every sum is
 * exact, so adding the parts one by one gives the bits adding them all at once does.
 */
export function addSparse(into: Float64Array, sparse: SparseSums): void {
  if (sparse.length !== into.length) throw new RangeError(`Sparse sums of another length (${sparse.length}, expected ${into.length})`);
  for (let k = 0; k < sparse.at.length; k++) {
    const i = sparse.at[k] as number;
    into[i] = (into[i] as number) + (sparse.value[k] as number);
  }
}
