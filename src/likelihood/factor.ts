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
 * Multiplies factors and sums variable `sumOut` out (pass -1 to keep all).
 * The summed variable is the innermost loop, so each output entry is one
 * strided dot product over the factors; the last kept variable is the next
 * loop, and an odometer steps the others once per run of that variable. Every
 * entry is the same sum of the same products in the same order whatever the
 * loop structure, so results do not depend on it to the bit.
 * Cost: O(product of the domain sizes of all variables involved × number of factors).
 */
export function multiplyAndSum(factors: readonly Factor[], sumOut: number, dimOf: (v: number) => number): Factor {
  if (factors.length > 3) {
    // Multiply the two smallest first until three remain: the loops for up to three factors are
    // the fast ones, and a partial product is never larger than the whole joint table.
    const rest = [...factors].sort((a, b) => a.data.length - b.data.length);
    while (rest.length > 3) {
      const [a, b] = rest.splice(0, 2) as [Factor, Factor];
      const ab = multiplyAndSum([a, b], -1, dimOf);
      let at = rest.findIndex((f) => f.data.length > ab.data.length);
      if (at < 0) at = rest.length;
      rest.splice(at, 0, ab);
    }
    return multiplyAndSum(rest, sumOut, dimOf);
  }
  // No factor: the constant 1, summed over `sumOut`'s values.
  if (factors.length === 0) return { vars: [], dims: [], data: Float64Array.of(sumOut >= 0 ? dimOf(sumOut) : 1), lnScale: 0 };
  const keep: number[] = [];
  for (const f of factors) for (const v of f.vars) if (v !== sumOut && !keep.includes(v)) keep.push(v);
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
  const out = new Float64Array(outSize);
  let lnScale = 0;
  for (const f of factors) lnScale += f.lnScale;
  // The last kept variable runs in a loop of its own; an odometer steps the others.
  const last = k > 0 ? (keepDims[k - 1] as number) : 1;
  const step = (j: number): number => (k > 0 && j < nf ? (strides[j * k + k - 1] as number) : 0);
  const kernel = { inner, last, s0: innerStride[0] as number, s1: innerStride[1] as number, s2: innerStride[2] as number, l0: step(0), l1: step(1), l2: step(2) };
  const d0 = (factors[0] as Factor).data;
  const d1 = nf > 1 ? (factors[1] as Factor).data : d0;
  const d2 = nf > 2 ? (factors[2] as Factor).data : d0;
  const offsets = scratchInts(1, 3);
  const counter = scratchInts(2, k);
  for (let o = 0; o < outSize; o += last) {
    if (nf === 1) run1(out, o, kernel, d0, offsets[0] as number);
    else if (nf === 2) run2(out, o, kernel, d0, offsets[0] as number, d1, offsets[1] as number);
    else run3(out, o, kernel, d0, offsets[0] as number, d1, offsets[1] as number, d2, offsets[2] as number);
    // Advance the odometer over the other kept variables (last fastest).
    for (let i = k - 2; i >= 0; i--) {
      const c = (counter[i] as number) + 1;
      if (c < (keepDims[i] as number)) {
        counter[i] = c;
        for (let j = 0; j < nf; j++) offsets[j] = (offsets[j] as number) + (strides[j * k + i] as number);
        break;
      }
      counter[i] = 0;
      const back = c - 1;
      for (let j = 0; j < nf; j++) offsets[j] = (offsets[j] as number) - back * (strides[j * k + i] as number);
    }
  }
  return { vars: keep, dims: keepDims, data: out, lnScale };
}

/** Loop bounds and strides of one product: `inner` summed values at strides s0..s2, `last` outputs at strides l0..l2. */
interface Kernel {
  readonly inner: number;
  readonly last: number;
  readonly s0: number;
  readonly s1: number;
  readonly s2: number;
  readonly l0: number;
  readonly l1: number;
  readonly l2: number;
}

/** One run of the last kept variable for a single factor: out[o + i] = Σ_x d0[...]. */
function run1(out: Float64Array, o: number, kr: Kernel, d0: Float64Array, b0: number): void {
  const { inner, last, s0, l0 } = kr;
  for (let i = 0; i < last; i++, b0 += l0) {
    let sum = 0;
    for (let x = 0, p0 = b0; x < inner; x++, p0 += s0) sum += d0[p0] as number;
    out[o + i] = sum;
  }
}

/** One run of the last kept variable for two factors. */
function run2(out: Float64Array, o: number, kr: Kernel, d0: Float64Array, b0: number, d1: Float64Array, b1: number): void {
  const { inner, last, s0, s1, l0, l1 } = kr;
  if (inner === 1) {
    for (let i = 0; i < last; i++, b0 += l0, b1 += l1) out[o + i] = 0 + (d0[b0] as number) * (d1[b1] as number);
    return;
  }
  for (let i = 0; i < last; i++, b0 += l0, b1 += l1) {
    let sum = 0;
    for (let x = 0, p0 = b0, p1 = b1; x < inner; x++, p0 += s0, p1 += s1) sum += (d0[p0] as number) * (d1[p1] as number);
    out[o + i] = sum;
  }
}

/** One run of the last kept variable for three factors. */
function run3(out: Float64Array, o: number, kr: Kernel, d0: Float64Array, b0: number, d1: Float64Array, b1: number, d2: Float64Array, b2: number): void {
  const { inner, last, s0, s1, s2, l0, l1, l2 } = kr;
  if (inner === 1) {
    for (let i = 0; i < last; i++, b0 += l0, b1 += l1, b2 += l2) out[o + i] = 0 + (d0[b0] as number) * (d1[b1] as number) * (d2[b2] as number);
    return;
  }
  for (let i = 0; i < last; i++, b0 += l0, b1 += l1, b2 += l2) {
    let sum = 0;
    for (let x = 0, p0 = b0, p1 = b1, p2 = b2; x < inner; x++, p0 += s0, p1 += s1, p2 += s2) sum += (d0[p0] as number) * (d1[p1] as number) * (d2[p2] as number);
    out[o + i] = sum;
  }
}

/** Reusable integer scratch arrays (strides, offsets, odometer), zeroed to the length asked. */
const SCRATCH: Int32Array[] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];
function scratchInts(slot: number, length: number): Int32Array {
  let a = SCRATCH[slot] as Int32Array;
  if (a.length < length) SCRATCH[slot] = a = new Int32Array(2 * length);
  a.fill(0, 0, length);
  return a;
}
