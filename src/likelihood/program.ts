/**
 * Compiled elimination programs: the products of one planned elimination
 * order, for one set of factor shapes, with everything that does not depend
 * on the numbers worked out once — which factors each step multiplies, the
 * pairing of more than three factors, every factor's strides and its offset
 * at the start of each run of the last kept variable, and where each
 * intermediate table lives in one scratch buffer. Running a program is then
 * only the loops of {@link multiplyAndSum} and the rescaling of
 * {@link normalise}: the same sums of the same products in the same order,
 * so a program gives the bits the step-by-step elimination gives.
 * @internal
 */
import { keptVariables, pairDown, takeFactorsWith, type Factor } from './factor.js';

/** One product of a program: the inputs' slots, the output's slot and place, and the precomputed loop data. */
interface Op {
  /** Input slots (0 to 3), in the order the product multiplies them. */
  readonly inputs: Int32Array;
  readonly out: number;
  /** Start of the output table in the scratch buffer. */
  readonly at: number;
  readonly size: number;
  readonly runs: number;
  readonly last: number;
  readonly inner: number;
  /** Per input: its offset at the start of each run. */
  readonly starts: readonly Int32Array[];
  /** Per input: the stride of the last kept variable, and of the summed variable. */
  readonly lastStride: Int32Array;
  readonly innerStride: Int32Array;
  /** Rescaled to a maximum of 1 afterwards (the steps of the elimination, not the partial products). */
  readonly normalise: boolean;
  /** With no input: the constant the product is (the size of the summed variable, or 1). */
  readonly constant: number;
}

/** A compiled elimination. Slots 0..leaves-1 are the leaf factors in order; slot `leaves` the extra factor given to {@link compileProgram} (if any). */
export interface Program {
  readonly leaves: number;
  readonly slots: number;
  readonly ops: readonly Op[];
  /** Scratch entries the intermediate tables need. */
  readonly work: number;
  /** Slots alive at the end, in the order the elimination leaves them. */
  readonly live: Int32Array;
  /** Slot of the final product with the extra factor (the query's joint table), or -1. */
  readonly joint: number;
  /** Bytes the program holds, roughly (for the cache's budget): its offset arrays and about 512 bytes of objects per product. */
  readonly footprint: number;
}

/** A factor at compile time: its variables and dimensions, and its slot. */
interface Sym {
  readonly vars: readonly number[];
  readonly dims: readonly number[];
  readonly size: number;
  readonly slot: number;
}

/** Largest scratch (entries) a compiled program may need; larger eliminations run step by step. */
export const PROGRAM_WORK_LIMIT = 1 << 20;

/**
 * Compiles the elimination of `leaves` (the factors as built, in order) along `order`, as
 * `eliminate` runs it: at each variable the live factors that hold it (in live order) are
 * multiplied and it is summed out, the result rescaled and appended; factors not holding it
 * keep their order. With `extra` (the query's table of ones) the remaining factors are then
 * multiplied with it, nothing summed out. Returns null when the program would need more than
 * {@link PROGRAM_WORK_LIMIT} scratch entries.
 */
export function compileProgram(leaves: readonly { readonly vars: readonly number[]; readonly dims: readonly number[] }[], order: readonly number[], dimOf: (x: number) => number, extra: { readonly vars: readonly number[]; readonly dims: readonly number[] } | null): Program | null {
  const ops: Op[] = [];
  let slots = leaves.length + (extra !== null ? 1 : 0);
  let work = 0;
  let footprint = 0;
  const sym = (f: { readonly vars: readonly number[]; readonly dims: readonly number[] }, slot: number): Sym => ({ vars: f.vars, dims: f.dims, size: f.dims.reduce((a, b) => a * b, 1), slot });

  const emit = (factors: readonly Sym[], sumOut: number, normalise: boolean): Sym => {
    // As multiplyAndSum: the same pairing and the same kept variables, so the same bits.
    if (factors.length > 3) return emit(pairDown(factors, (f) => f.size, (a, b) => emit([a, b], -1, false)), sumOut, normalise);
    const out = slots++;
    if (factors.length === 0) {
      ops.push({ inputs: new Int32Array(0), out, at: work, size: 1, runs: 1, last: 1, inner: 1, starts: [], lastStride: new Int32Array(0), innerStride: new Int32Array(0), normalise, constant: sumOut >= 0 ? dimOf(sumOut) : 1 });
      work += 1;
      return { vars: [], dims: [], size: 1, slot: out };
    }
    const keep = keptVariables(factors, sumOut);
    const k = keep.length;
    const keepDims = keep.map(dimOf);
    const nf = factors.length;
    const inner = sumOut >= 0 ? dimOf(sumOut) : 1;
    let size = 1;
    for (const d of keepDims) size *= d;
    const last = k > 0 ? (keepDims[k - 1] as number) : 1;
    const runs = size / last;
    const starts: Int32Array[] = [];
    const lastStride = new Int32Array(nf);
    const innerStride = new Int32Array(nf);
    for (let j = 0; j < nf; j++) {
      const f = factors[j] as Sym;
      const strides = new Int32Array(k);
      let stride = 1;
      for (let i = f.vars.length - 1; i >= 0; i--) {
        const v = f.vars[i] as number;
        if (v === sumOut) innerStride[j] = stride;
        else strides[keep.indexOf(v)] = stride;
        stride *= f.dims[i] as number;
      }
      lastStride[j] = k > 0 ? (strides[k - 1] as number) : 0;
      // Offsets at every combination of the kept variables but the last (row-major).
      const b = new Int32Array(runs);
      let length = 1;
      for (let i = 0; i < k - 1; i++) {
        const d = keepDims[i] as number;
        const s = strides[i] as number;
        for (let e = length - 1; e >= 0; e--) {
          const v = b[e] as number;
          for (let c = d - 1; c >= 0; c--) b[e * d + c] = v + c * s;
        }
        length *= d;
      }
      starts.push(b);
      footprint += 4 * runs + 64;
    }
    const inputs = new Int32Array(nf);
    for (let j = 0; j < nf; j++) inputs[j] = (factors[j] as Sym).slot;
    ops.push({ inputs, out, at: work, size, runs, last, inner, starts, lastStride, innerStride, normalise, constant: 0 });
    work += size;
    return { vars: keep, dims: keepDims, size, slot: out };
  };

  const live: Sym[] = leaves.map((f, i) => sym(f, i));
  const own: Sym[] = [];
  for (const best of order) {
    if (!takeFactorsWith(live, best, own)) continue;
    live.push(emit(own, best, true));
    if (work > PROGRAM_WORK_LIMIT) return null;
  }
  let joint = -1;
  if (extra !== null) {
    joint = emit([sym(extra, leaves.length), ...live], -1, false).slot;
    if (work > PROGRAM_WORK_LIMIT) return null;
  }
  return { leaves: leaves.length, slots, ops, work, live: Int32Array.from(live, (f) => f.slot), joint, footprint: footprint + 512 * ops.length };
}

/** The tables of a running program: every slot's array, start and ln scale (reused between runs). */
export interface ProgramState {
  data: Float64Array[];
  base: Int32Array;
  scale: Float64Array;
}

let WORK = new Float64Array(1 << 12);
const STATE: ProgramState = { data: [], base: new Int32Array(64), scale: new Float64Array(64) };

/**
 * Runs a program on the leaf factors (and `extra`, the table of the extra factor). Returns the
 * state (valid until the next run), or null when a step's table is all zeros (the data are
 * impossible).
 */
export function runProgram(p: Program, leaves: readonly Factor[], extra: Float64Array | null): ProgramState | null {
  if (WORK.length < p.work) WORK = new Float64Array(Math.max(p.work, 2 * WORK.length));
  const work = WORK;
  const state = STATE;
  if (state.base.length < p.slots) {
    state.base = new Int32Array(2 * p.slots);
    state.scale = new Float64Array(2 * p.slots);
  }
  const { data, base, scale } = state;
  for (let i = 0; i < p.leaves; i++) {
    const f = leaves[i] as Factor;
    data[i] = f.data;
    base[i] = 0;
    scale[i] = f.lnScale;
  }
  if (extra !== null) {
    data[p.leaves] = extra;
    base[p.leaves] = 0;
    scale[p.leaves] = 0;
  }
  for (const op of p.ops) {
    const o0 = op.at;
    const inputs = op.inputs;
    const nf = inputs.length;
    let lnScale = 0;
    for (let j = 0; j < nf; j++) lnScale += scale[inputs[j] as number] as number;
    data[op.out] = work;
    base[op.out] = o0;
    // The largest entry is tracked while writing (the normalising pass then only divides).
    let max = 0;
    if (nf === 0) max = work[o0] = op.constant;
    else max = product(op, work, data, base);
    if (op.normalise) {
      // As normalise(): divide by the largest entry (not multiply by its inverse: that overflows when it is subnormal).
      if (max === 0) return null;
      if (max !== 1) {
        const end = o0 + op.size;
        for (let i = o0; i < end; i++) work[i] = (work[i] as number) / max;
        lnScale += Math.log(max);
      }
    }
    scale[op.out] = lnScale;
  }
  return state;
}

/**
 * One product of 1 to 3 inputs into `work` at `op.at`, as multiplyAndSum computes it (each entry
 * is 0 plus the products in order, summed over the inner variable in order); returns the largest entry.
 */
function product(op: Op, work: Float64Array, data: readonly Float64Array[], base: Int32Array): number {
  const inputs = op.inputs;
  const nf = inputs.length;
  const runs = op.runs;
  const last = op.last;
  const inner = op.inner;
  let max = 0;
  const x0 = inputs[0] as number;
  const d0 = data[x0] as Float64Array;
  const a0 = base[x0] as number;
  const b0 = op.starts[0] as Int32Array;
  const l0 = op.lastStride[0] as number;
  const s0 = op.innerStride[0] as number;
  if (nf === 1) {
    for (let r = 0, o = op.at; r < runs; r++) {
      for (let i = 0, q0 = a0 + (b0[r] as number); i < last; i++, o++, q0 += l0) {
        let sum = 0;
        for (let x = 0, p0 = q0; x < inner; x++, p0 += s0) sum += d0[p0] as number;
        work[o] = sum;
        if (sum > max) max = sum;
      }
    }
    return max;
  }
  const x1 = inputs[1] as number;
  const d1 = data[x1] as Float64Array;
  const a1 = base[x1] as number;
  const b1 = op.starts[1] as Int32Array;
  const l1 = op.lastStride[1] as number;
  const s1 = op.innerStride[1] as number;
  if (nf === 2) {
    for (let r = 0, o = op.at; r < runs; r++) {
      let q0 = a0 + (b0[r] as number);
      let q1 = a1 + (b1[r] as number);
      if (inner === 1) {
        for (let i = 0; i < last; i++, o++, q0 += l0, q1 += l1) {
          const v = 0 + (d0[q0] as number) * (d1[q1] as number);
          work[o] = v;
          if (v > max) max = v;
        }
      } else if (inner === 2) {
        for (let i = 0; i < last; i++, o++, q0 += l0, q1 += l1) {
          const v = 0 + (d0[q0] as number) * (d1[q1] as number) + (d0[q0 + s0] as number) * (d1[q1 + s1] as number);
          work[o] = v;
          if (v > max) max = v;
        }
      } else {
        for (let i = 0; i < last; i++, o++, q0 += l0, q1 += l1) {
          let sum = 0;
          for (let x = 0, p0 = q0, p1 = q1; x < inner; x++, p0 += s0, p1 += s1) sum += (d0[p0] as number) * (d1[p1] as number);
          work[o] = sum;
          if (sum > max) max = sum;
        }
      }
    }
    return max;
  }
  const x2 = inputs[2] as number;
  const d2 = data[x2] as Float64Array;
  const a2 = base[x2] as number;
  const b2 = op.starts[2] as Int32Array;
  const l2 = op.lastStride[2] as number;
  const s2 = op.innerStride[2] as number;
  for (let r = 0, o = op.at; r < runs; r++) {
    let q0 = a0 + (b0[r] as number);
    let q1 = a1 + (b1[r] as number);
    let q2 = a2 + (b2[r] as number);
    if (inner === 1) {
      for (let i = 0; i < last; i++, o++, q0 += l0, q1 += l1, q2 += l2) {
        const v = 0 + (d0[q0] as number) * (d1[q1] as number) * (d2[q2] as number);
        work[o] = v;
        if (v > max) max = v;
      }
    } else if (inner === 2) {
      for (let i = 0; i < last; i++, o++, q0 += l0, q1 += l1, q2 += l2) {
        const v = 0 + (d0[q0] as number) * (d1[q1] as number) * (d2[q2] as number) + (d0[q0 + s0] as number) * (d1[q1 + s1] as number) * (d2[q2 + s2] as number);
        work[o] = v;
        if (v > max) max = v;
      }
    } else {
      for (let i = 0; i < last; i++, o++, q0 += l0, q1 += l1, q2 += l2) {
        let sum = 0;
        for (let x = 0, p0 = q0, p1 = q1, p2 = q2; x < inner; x++, p0 += s0, p1 += s1, p2 += s2) sum += (d0[p0] as number) * (d1[p1] as number) * (d2[p2] as number);
        work[o] = sum;
        if (sum > max) max = sum;
      }
    }
  }
  return max;
}
