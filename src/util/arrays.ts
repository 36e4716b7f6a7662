/**
 * Array helpers safe at national size. `target.push(...source)` and
 * `Math.max(...values)` pass every element as a function argument, and V8
 * overflows its stack past about 125,000 arguments; these loop instead.
 * Internal (not part of the public surface).
 */

/**
 * Appends every element of `source` to `target`, in order, and returns `target`.
 * Cost: O(source.length), constant stack.
 */
export function appendAll<T>(target: T[], source: Iterable<T>): T[] {
  for (const item of source) target.push(item);
  return target;
}

/** The largest of `values`, or `empty` when there is none. Cost: O(n), constant stack. */
export function maxOf(values: Iterable<number>, empty = -Infinity): number {
  let best = empty;
  let any = false;
  for (const v of values) {
    if (!any || v > best) best = v;
    any = true;
  }
  return best;
}

/**
 * The first `length` code units of `codes` as a string (a cache key with one code unit per
 * number), in chunks of 1,024 so that no call passes more arguments than the stack allows.
 */
export function codeUnitString(codes: Uint16Array, length: number): string {
  // Short keys (most) through one plain array: `apply` on a plain array is about twice as fast
  // as on a typed-array view (measured), and makes no view per call.
  if (length <= SHORT_KEY) {
    const chunk = (CODE_CHUNKS[length] ??= new Array<number>(length).fill(0));
    for (let i = 0; i < length; i++) chunk[i] = codes[i] as number;
    return String.fromCharCode.apply(null, chunk);
  }
  let key = '';
  for (let i = 0; i < length; i += 1024) key += String.fromCharCode.apply(null, codes.subarray(i, Math.min(length, i + 1024)) as unknown as number[]);
  return key;
}

/** Longest key {@link codeUnitString} writes through a plain array. */
const SHORT_KEY = 256;
/** Plain arrays of {@link codeUnitString}, one per key length up to SHORT_KEY (their contents are overwritten each call). */
const CODE_CHUNKS: number[][] = [];
