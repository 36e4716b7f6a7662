/**
 * Dense factors over person genotypes, the building block of the peeling engine.
 * A factor holds non-negative numbers over the joint domains of its variables
 * (persons), row-major in the order of `vars`, times exp(`lnScale`): values are
 * kept scaled to a maximum of 1 so long products never underflow.
 * @internal
 */

/** A dense factor. `vars` are person indices; `dims` their domain sizes. */
export interface Factor {
  readonly vars: readonly number[];
  readonly dims: readonly number[];
  readonly data: Float64Array;
  lnScale: number;
}

/** Rescales a factor so its largest entry is 1; returns false when every entry is 0. */
export function normalise(factor: Factor): boolean {
  const data = factor.data;
  let max = 0;
  for (let i = 0; i < data.length; i++) if ((data[i] as number) > max) max = data[i] as number;
  if (max === 0) return false;
  if (max !== 1) {
    // Divide (not multiply by 1/max): 1/max overflows when max is subnormal.
    for (let i = 0; i < data.length; i++) data[i] = (data[i] as number) / max;
    factor.lnScale += Math.log(max);
  }
  return true;
}

/**
 * More than three factors down to three, as {@link multiplyAndSum} multiplies them: the two
 * smallest first (a stable sort by size), their product put back in size order, until three
 * remain. The loops for up to three factors are the fast ones, and a partial product is never
 * larger than the whole joint table. The compiled programs (program.ts) pair the same way.
 */
export function pairDown<T>(factors: readonly T[], sizeOf: (f: T) => number, multiply: (a: T, b: T) => T): T[] {
  const rest = [...factors].sort((a, b) => sizeOf(a) - sizeOf(b));
  while (rest.length > 3) {
    const [a, b] = rest.splice(0, 2) as [T, T];
    const ab = multiply(a, b);
    let at = rest.findIndex((f) => sizeOf(f) > sizeOf(ab));
    if (at < 0) at = rest.length;
    rest.splice(at, 0, ab);
  }
  return rest;
}

/**
 * One elimination step's split of the live factors: those holding variable `best` go to `own`
 * (in live order), the others stay in `live`, compacted in place in their order (no array made
 * per step). Returns false, leaving `live` as it was, when no factor holds `best`. The
 * step-by-step engine and the compiled programs (program.ts) split the same way.
 */
export function takeFactorsWith<T extends { readonly vars: readonly number[] }>(live: T[], best: number, own: T[]): boolean {
  own.length = 0;
  let kept = 0;
  for (let i = 0; i < live.length; i++) {
    const f = live[i] as T;
    if (f.vars.includes(best)) own.push(f);
    else live[kept++] = f;
  }
  if (own.length === 0) return false;
  live.length = kept;
  return true;
}

/** The variables a product keeps when it sums out `sumOut`: every other variable, in the order it first appears. */
export function keptVariables(factors: readonly { readonly vars: readonly number[] }[], sumOut: number): number[] {
  const keep: number[] = [];
  for (const f of factors) for (const v of f.vars) if (v !== sumOut && !keep.includes(v)) keep.push(v);
  return keep;
}

/**
 * Multiplies factors and sums variable `sumOut` out (pass -1 to keep all).
 * The summed variable is the innermost loop, so each output entry is one
 * strided dot product over the factors; the last kept variable is the next
 * loop, started at offsets precomputed per run (no odometer, no call per run). Every entry is the same sum of the same products in the same order whatever the
 * loop structure, so results do not depend on it to the bit.
 * Cost: O(product of the domain sizes of all variables involved × number of factors).
 */
export function multiplyAndSum(factors: readonly Factor[], sumOut: number, dimOf: (v: number) => number): Factor {
  if (factors.length > 3) return multiplyAndSum(pairDown(factors, (f) => f.data.length, (a, b) => multiplyAndSum([a, b], -1, dimOf)), sumOut, dimOf);
  // No factor: the constant 1, summed over `sumOut`'s values.
  if (factors.length === 0) return { vars: [], dims: [], data: Float64Array.of(sumOut >= 0 ? dimOf(sumOut) : 1), lnScale: 0 };
  const keep = keptVariables(factors, sumOut);
  const k = keep.length;
  const keepDims = keep.map(dimOf);
  const nf = factors.length;
  const inner = sumOut >= 0 ? dimOf(sumOut) : 1;
  // strides[j * k + i]: stride of keep[i] in factor j; innerStride[j]: stride of sumOut in factor j.
  const strides = scratchInts(0, 3 * k);
  const innerStride = [0, 0, 0];
  for (let j = 0; j < nf; j++) {
    const f = factors[j] as Factor;
    let stride = 1;
    for (let i = f.vars.length - 1; i >= 0; i--) {
      const v = f.vars[i] as number;
      if (v === sumOut) innerStride[j] = stride;
      else strides[j * k + keep.indexOf(v)] = stride;
      stride *= f.dims[i] as number;
    }
  }
  let outSize = 1;
  for (const d of keepDims) outSize *= d;
  const out = factorData(outSize);
  let lnScale = 0;
  for (const f of factors) lnScale += f.lnScale;
  // The last kept variable runs in the loop inside; every factor's offset at the start of each run
  // is precomputed (row-major over the other kept variables), so no odometer and no call per run.
  const last = k > 0 ? (keepDims[k - 1] as number) : 1;
  const runs = outSize / last;
  const km = k > 0 ? k - 1 : 0;
  const b0 = offsetsOf(0, strides, 0, km, keepDims, runs);
  const s0 = innerStride[0] as number;
  const l0 = k > 0 ? (strides[k - 1] as number) : 0;
  const d0 = (factors[0] as Factor).data;
  if (nf === 1) {
    for (let r = 0, o = 0; r < runs; r++) {
      for (let i = 0, q0 = b0[r] as number; i < last; i++, o++, q0 += l0) {
        let sum = 0;
        for (let x = 0, p0 = q0; x < inner; x++, p0 += s0) sum += d0[p0] as number;
        out[o] = sum;
      }
    }
    return { vars: keep, dims: keepDims, data: out, lnScale };
  }
  const b1 = offsetsOf(1, strides, k, km, keepDims, runs);
  const s1 = innerStride[1] as number;
  const l1 = k > 0 ? (strides[k + k - 1] as number) : 0;
  const d1 = (factors[1] as Factor).data;
  if (nf === 2) {
    for (let r = 0, o = 0; r < runs; r++) {
      let q0 = b0[r] as number;
      let q1 = b1[r] as number;
      if (inner === 1) {
        for (let i = 0; i < last; i++, o++, q0 += l0, q1 += l1) out[o] = 0 + (d0[q0] as number) * (d1[q1] as number);
        continue;
      }
      for (let i = 0; i < last; i++, o++, q0 += l0, q1 += l1) {
        let sum = 0;
        for (let x = 0, p0 = q0, p1 = q1; x < inner; x++, p0 += s0, p1 += s1) sum += (d0[p0] as number) * (d1[p1] as number);
        out[o] = sum;
      }
    }
    return { vars: keep, dims: keepDims, data: out, lnScale };
  }
  const b2 = offsetsOf(2, strides, 2 * k, km, keepDims, runs);
  const s2 = innerStride[2] as number;
  const l2 = k > 0 ? (strides[2 * k + k - 1] as number) : 0;
  const d2 = (factors[2] as Factor).data;
  for (let r = 0, o = 0; r < runs; r++) {
    let q0 = b0[r] as number;
    let q1 = b1[r] as number;
    let q2 = b2[r] as number;
    if (inner === 1) {
      for (let i = 0; i < last; i++, o++, q0 += l0, q1 += l1, q2 += l2) out[o] = 0 + (d0[q0] as number) * (d1[q1] as number) * (d2[q2] as number);
      continue;
    }
    for (let i = 0; i < last; i++, o++, q0 += l0, q1 += l1, q2 += l2) {
      let sum = 0;
      for (let x = 0, p0 = q0, p1 = q1, p2 = q2; x < inner; x++, p0 += s0, p1 += s1, p2 += s2) sum += (d0[p0] as number) * (d1[p1] as number) * (d2[p2] as number);
      out[o] = sum;
    }
  }
  return { vars: keep, dims: keepDims, data: out, lnScale };
}

/**
 * The offset in one factor at every combination of the first `k` kept variables
 * (scratch slot `slot`; row-major): their strides `strides[at + i]`, expanded in
 * place from the first (slowest) variable.
 */
function offsetsOf(slot: number, strides: Int32Array, at: number, k: number, dims: readonly number[], size: number): Int32Array {
  let b = SCRATCH[OFFSET_SLOT + slot] as Int32Array;
  // Very large products get their own arrays (not kept), so the scratch stays small.
  if (b.length < size) b = size > SCRATCH_KEPT ? new Int32Array(size) : (SCRATCH[OFFSET_SLOT + slot] = new Int32Array(Math.min(2 * size, SCRATCH_KEPT)));
  b[0] = 0;
  let length = 1;
  for (let i = 0; i < k; i++) {
    const d = dims[i] as number;
    const s = strides[at + i] as number;
    for (let e = length - 1; e >= 0; e--) {
      const v = b[e] as number;
      for (let c = d - 1; c >= 0; c--) b[e * d + c] = v + c * s;
    }
    length *= d;
  }
  return b;
}

/**
 * Float64 storage for the factors of one elimination: inside {@link withFactorArena}, factor
 * tables are views into one reused buffer (a new typed array per table costs more than most
 * products); outside, and for very large tables, they are ordinary arrays.
 */
let arena = new Float64Array(1 << 14);
let arenaUsed = 0;
let arenaDepth = 0;
/** Largest arena kept (entries): 2^21 doubles, 16 MiB. */
const ARENA_MAX = 1 << 21;

/**
 * Runs `fn` with factor tables taken from the arena; every table made inside is
 * invalid once the outermost call returns, so nothing made inside may escape.
 */
export function withFactorArena<T>(fn: () => T): T {
  arenaDepth++;
  try {
    return fn();
  } finally {
    if (--arenaDepth === 0) arenaUsed = 0;
  }
}

/** A factor table of `size` entries (not zeroed inside the arena: the caller writes every entry, or asks `zero`). */
export function factorData(size: number, zero = false): Float64Array {
  if (arenaDepth === 0) return new Float64Array(size);
  if (arenaUsed + size > arena.length) {
    if (arena.length >= ARENA_MAX || size > ARENA_MAX / 4) return new Float64Array(size);
    // Tables already handed out keep the old buffer alive until they are dropped.
    arena = new Float64Array(Math.min(ARENA_MAX, 2 * (arena.length + size)));
    arenaUsed = 0;
  }
  const view = arena.subarray(arenaUsed, arenaUsed + size);
  arenaUsed += size;
  if (zero) view.fill(0);
  return view;
}

/** Reusable integer scratch arrays (strides; offsets of up to three factors), zeroed to the length asked. */
const OFFSET_SLOT = 1;
const SCRATCH_KEPT = 1 << 20;
const SCRATCH: Int32Array[] = [new Int32Array(64), new Int32Array(64), new Int32Array(64), new Int32Array(64)];
function scratchInts(slot: number, length: number): Int32Array {
  let a = SCRATCH[slot] as Int32Array;
  if (a.length < length) SCRATCH[slot] = a = new Int32Array(2 * length);
  a.fill(0, 0, length);
  return a;
}
