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
 * strided dot product over the factors.
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
  const keep: number[] = [];
  for (const f of factors) for (const v of f.vars) if (v !== sumOut && !keep.includes(v)) keep.push(v);
  const k = keep.length;
  const keepDims = keep.map(dimOf);
  const nf = factors.length;
  const inner = sumOut >= 0 ? dimOf(sumOut) : 1;
  // strides[j * k + i]: stride of keep[i] in factor j; innerStride[j]: stride of sumOut in factor j.
  const strides = new Int32Array(nf * k);
  const innerStride = new Int32Array(nf);
  factors.forEach((f, j) => {
    let stride = 1;
    for (let i = f.vars.length - 1; i >= 0; i--) {
      const v = f.vars[i] as number;
      if (v === sumOut) innerStride[j] = stride;
      else strides[j * k + keep.indexOf(v)] = stride;
      stride *= f.dims[i] as number;
    }
  });
  let outSize = 1;
  for (const d of keepDims) outSize *= d;
  const out = new Float64Array(outSize);
  let lnScale = 0;
  for (const f of factors) lnScale += f.lnScale;
  const datas = factors.map((f) => f.data);
  const offsets = new Int32Array(nf);
  const counter = new Int32Array(k);
  const d0 = datas[0] as Float64Array;
  const s0 = innerStride[0] as number;
  const d1 = (nf > 1 ? datas[1] : d0) as Float64Array;
  const s1 = nf > 1 ? (innerStride[1] as number) : 0;
  const d2 = (nf > 2 ? datas[2] : d0) as Float64Array;
  const s2 = nf > 2 ? (innerStride[2] as number) : 0;
  for (let o = 0; o < outSize; o++) {
    let sum = 0;
    const b0 = offsets[0] as number;
    if (nf === 1) {
      for (let x = 0; x < inner; x++) sum += d0[b0 + x * s0] as number;
    } else if (nf === 2) {
      const b1 = offsets[1] as number;
      for (let x = 0; x < inner; x++) sum += (d0[b0 + x * s0] as number) * (d1[b1 + x * s1] as number);
    } else if (nf === 3) {
      const b1 = offsets[1] as number;
      const b2 = offsets[2] as number;
      for (let x = 0; x < inner; x++) sum += (d0[b0 + x * s0] as number) * (d1[b1 + x * s1] as number) * (d2[b2 + x * s2] as number);
    } else {
      for (let x = 0; x < inner; x++) {
        let value = 1;
        for (let j = 0; j < nf; j++) value *= (datas[j] as Float64Array)[(offsets[j] as number) + x * (innerStride[j] as number)] as number;
        sum += value;
      }
    }
    out[o] = sum;
    // Advance the odometer over the kept variables (last fastest).
    for (let i = k - 1; i >= 0; i--) {
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
