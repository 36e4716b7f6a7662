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
    const inv = 1 / max;
    for (let i = 0; i < data.length; i++) data[i] = (data[i] as number) * inv;
    factor.lnScale += Math.log(max);
  }
  return true;
}

/**
 * Multiplies factors and sums variable `sumOut` out (pass -1 to keep all).
 * Cost: O(product of the domain sizes of all variables involved × number of factors).
 */
export function multiplyAndSum(factors: readonly Factor[], sumOut: number, dimOf: (v: number) => number): Factor {
  const vars: number[] = [];
  for (const f of factors) for (const v of f.vars) if (!vars.includes(v)) vars.push(v);
  const k = vars.length;
  const dims = vars.map(dimOf);
  const keep = vars.filter((v) => v !== sumOut);
  const keepDims = keep.map(dimOf);
  // Strides of each factor and of the output, per position in `vars`.
  const strides = factors.map((f) => {
    const s = new Array<number>(k).fill(0);
    let stride = 1;
    for (let i = f.vars.length - 1; i >= 0; i--) {
      s[vars.indexOf(f.vars[i] as number)] = stride;
      stride *= f.dims[i] as number;
    }
    return s;
  });
  const outStride = new Array<number>(k).fill(0);
  {
    let stride = 1;
    for (let i = keep.length - 1; i >= 0; i--) {
      outStride[vars.indexOf(keep[i] as number)] = stride;
      stride *= keepDims[i] as number;
    }
  }
  let outSize = 1;
  for (const d of keepDims) outSize *= d;
  const out = new Float64Array(outSize);
  let lnScale = 0;
  for (const f of factors) lnScale += f.lnScale;
  const nf = factors.length;
  const offsets = new Array<number>(nf).fill(0);
  const counter = new Array<number>(k).fill(0);
  let outOffset = 0;
  let total = 1;
  for (const d of dims) total *= d;
  const datas = factors.map((f) => f.data);
  for (let step = 0; step < total; step++) {
    let value = 1;
    for (let j = 0; j < nf; j++) {
      value *= (datas[j] as Float64Array)[offsets[j] as number] as number;
      if (value === 0) break;
    }
    out[outOffset] = (out[outOffset] as number) + value;
    // Advance the odometer (last variable fastest).
    for (let i = k - 1; i >= 0; i--) {
      const c = (counter[i] as number) + 1;
      if (c < (dims[i] as number)) {
        counter[i] = c;
        for (let j = 0; j < nf; j++) offsets[j] = (offsets[j] as number) + ((strides[j] as number[])[i] as number);
        outOffset += outStride[i] as number;
        break;
      }
      counter[i] = 0;
      const back = c - 1;
      for (let j = 0; j < nf; j++) offsets[j] = (offsets[j] as number) - back * ((strides[j] as number[])[i] as number);
      outOffset -= back * (outStride[i] as number);
    }
  }
  return { vars: keep, dims: keepDims, data: out, lnScale };
}
