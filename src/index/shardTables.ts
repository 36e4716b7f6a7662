/**
 * A shard's tables in a search plan's layout, and a shard built from families:
 * the bridge between the stored format and the family tables of `search/`.
 * @internal
 */
import { StrkinError } from '../errors/StrkinError.js';
import { canonicalLocus } from '../profile/loci.js';
import type { Profile } from '../profile/Profile.js';
import type { Family, RejectedFamily } from '../search/Family.js';
import { buildFamilyIndex, type FamilyIndex, type SearchTarget, tableLayout } from '../search/familyIndex.js';
import type { SearchPlan } from '../search/plan.js';
import { loadFamily, storeFamily, strideOf, type IndexShard, type ShardFamily, type ShardTarget } from './indexFormat.js';

/** Alleles observed per canonical locus in the references of families (as `planSearch` notes them), sorted. */
export function observedOf(families: readonly Family[]): Record<string, string[]> {
  const sets = new Map<string, Set<string>>();
  for (const f of families) {
    for (const p of Object.values(f.references)) {
      for (const [locus, g] of Object.entries(p.genotypes)) {
        const name = canonicalLocus(locus) ?? locus;
        let set = sets.get(name);
        if (set === undefined) sets.set(name, (set = new Set()));
        set.add(g[0]);
        if (g[1] !== null) set.add(g[1]);
      }
    }
  }
  return unionObserved([...sets].map(([l, s]) => ({ [l]: [...s] })));
}

/** The union of observed-allele records, keys and alleles sorted (code-unit order). */
export function unionObserved(records: readonly Readonly<Record<string, readonly string[]>>[]): Record<string, string[]> {
  const sets = new Map<string, Set<string>>();
  for (const r of records) {
    for (const [l, alleles] of Object.entries(r)) {
      let set = sets.get(l);
      if (set === undefined) sets.set(l, (set = new Set()));
      for (const a of alleles) set.add(a);
    }
  }
  const out: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const l of [...sets.keys()].sort()) out[l] = [...(sets.get(l) as Set<string>)].sort();
  return out;
}

/**
 * One stand-in family whose references carry exactly the observed alleles:
 * `planSearch` over it gives the plan it gives over the real families (it reads
 * only the references' alleles per locus).
 */
export function observedStandIn(observed: Readonly<Record<string, readonly string[]>>): Family[] {
  const references: Record<string, Profile> = Object.create(null) as Record<string, Profile>;
  let n = 0;
  for (const alleles of Object.values(observed)) n = Math.max(n, Math.ceil(alleles.length / 2));
  for (let k = 0; k < n; k++) {
    const genotypes: Record<string, [string, string | null]> = Object.create(null) as Record<string, [string, string | null]>;
    for (const [l, alleles] of Object.entries(observed)) {
      const a = alleles[2 * k];
      if (a !== undefined) genotypes[l] = [a, alleles[2 * k + 1] ?? null];
    }
    references[`r${k}`] = { sample: `r${k}`, sex: 'unknown', genotypes, skipped: [] };
  }
  return [{ id: '', pedigree: { persons: [] }, missing: [], references }];
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Builds the shard of families (distinct ids) under a plan. */
export function buildShard(families: readonly Family[], plan: SearchPlan, hashes: ReadonlyMap<string, string>): IndexShard {
  const index = buildFamilyIndex(families, { plan });
  return shardFromIndex(index, [...families].sort((a, b) => byCodeUnit(a.id, b.id)), hashes);
}

/** A shard holding the rows of an index built over `families` (in id order). */
export function shardFromIndex(index: FamilyIndex, families: readonly Family[], hashes: ReadonlyMap<string, string>): IndexShard {
  const rejected = new Map(index.rejected.map((r) => [r.id, r.reasons]));
  const count = new Map<string, number>();
  for (const t of index.targets) count.set(t.family, (count.get(t.family) ?? 0) + 1);
  const shardFamilies: ShardFamily[] = families.map((f) => ({ family: storeFamily(f), hash: hashes.get(f.id) as string, targets: count.get(f.id) ?? 0, reasons: rejected.get(f.id) ?? [] }));
  const targets: ShardTarget[] = index.targets.map((t, i) => ({ family: t.family, missing: t.missing, sex: t.sex ?? 'unknown', informative: index.informative[i] as number }));
  return {
    loci: index.plan.loci.map((l) => ({ name: l.name, alleles: l.alleles })),
    observed: observedOf(families),
    families: shardFamilies,
    targets,
    stride: index.layout.stride,
    maskWords: index.layout.maskWords,
    tables: index.tables,
    inconsistent: index.inconsistent,
    masks: index.masks,
  };
}

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** Whether a shard's tables are laid out exactly as a plan's (same loci, same allele lists, no children's rare genotypes to fill). */
export function sameLayout(shard: IndexShard, plan: SearchPlan): boolean {
  return shard.loci.length === plan.loci.length && plan.loci.every((l, i) => l.name === shard.loci[i]?.name && sameList(l.alleles, shard.loci[i]?.alleles ?? []) && l.childRareGenotypes.length === 0);
}

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/**
 * The shard's family index under a search plan. When the shard is laid out as
 * the plan, its stored arrays are used as they are. Otherwise each locus block is
 * copied where the shard has that locus with the same allele list and the plan
 * asks for no children's rare genotypes there, and the other loci ("stale": new
 * alleles observed since the shard was written, or children's alleles the table
 * lacks) are recomputed from the stored families by the ordinary build on a plan
 * of those loci only: the values are the bits a build from the raw files gives.
 */
export function shardIndex(shard: IndexShard, plan: SearchPlan): FamilyIndex {
  const targets: SearchTarget[] = [];
  const rejected: RejectedFamily[] = [];
  const families = new Map(shard.families.map((f) => [f.family.id, f]));
  let familyCount = 0;
  for (const f of shard.families) {
    const src = f.family.source !== undefined ? { source: f.family.source } : {};
    if (f.targets === 0) rejected.push({ id: f.family.id, reasons: f.reasons, ...src });
    else familyCount++;
  }
  for (const t of shard.targets) {
    const stored = families.get(t.family)?.family;
    const src = stored?.source;
    const born = stored?.born?.[t.missing];
    targets.push({ family: t.family, missing: t.missing, sex: t.sex, ...(born !== undefined ? { born } : {}), ...(src !== undefined ? { source: src } : {}) });
  }
  const layout = tableLayout(plan);
  const T = shard.targets.length;
  if (sameLayout(shard, plan)) {
    return { plan, layout, targets, tables: shard.tables, inconsistent: shard.inconsistent, masks: shard.masks, informative: Uint8Array.from(shard.targets, (t) => t.informative), familyCount, rejected };
  }
  const S = layout.stride;
  const W = layout.maskWords;
  const tables = new Float64Array(T * S);
  const inconsistent = new Uint8Array(T * S);
  const masks = new Uint32Array(T * W);
  const informative = new Uint8Array(T);
  const oldStart: number[] = [];
  let s = 0;
  for (const l of shard.loci) {
    oldStart.push(s);
    s += (l.alleles.length * (l.alleles.length + 1)) / 2 + 1;
  }
  const oldByName = new Map(shard.loci.map((l, k) => [l.name, k]));
  const stale: number[] = [];
  plan.loci.forEach((locus, l) => {
    const k = oldByName.get(locus.name);
    const to = layout.blockStart[l] as number;
    if (k !== undefined) {
      for (let t = 0; t < T; t++) {
        if ((((shard.masks[t * shard.maskWords + (k >>> 5)] as number) >>> (k & 31)) & 1) === 1) masks[t * W + (l >>> 5)] = ((masks[t * W + (l >>> 5)] as number) | (1 << (l & 31))) >>> 0;
      }
    }
    if (k === undefined) return; // no family of the shard is typed there: zeros
    if (!sameList(locus.alleles, shard.loci[k]?.alleles ?? []) || locus.childRareGenotypes.length > 0) {
      stale.push(l);
      return;
    }
    const from = oldStart[k] as number;
    const n = locus.genotypes + 1;
    for (let t = 0; t < T; t++) {
      tables.set(shard.tables.subarray(t * shard.stride + from, t * shard.stride + from + n), t * S + to);
      inconsistent.set(shard.inconsistent.subarray(t * shard.stride + from, t * shard.stride + from + n), t * S + to);
    }
  });
  for (let t = 0; t < T; t++) {
    let n = 0;
    for (let w = 0; w < W; w++) n += popcount32(masks[t * W + w] as number);
    informative[t] = n;
  }
  if (stale.length > 0) {
    const sub: SearchPlan = { ...plan, loci: stale.map((l) => plan.loci[l] as SearchPlan['loci'][number]) };
    const accepted = shard.families.filter((f) => f.targets > 0).map((f) => loadFamily(f.family));
    const part = buildFamilyIndex(accepted, { plan: sub });
    const subLayout = tableLayout(sub);
    for (const r of part.rejected) {
      if (!(r.reasons.length === 1 && r.reasons[0] === 'no reference is typed at any compared locus')) {
        throw new StrkinError({ code: 'index-stale', path: [], message: `A family of the index cannot be recomputed at loci with new alleles (family = ${r.id}: ${r.reasons.join('; ')}); rebuild the index` });
      }
    }
    const row = new Map<string, number>();
    part.targets.forEach((t, i) => row.set(`${t.family}\u0000${t.missing}`, i));
    shard.targets.forEach((t, i) => {
      const j = row.get(`${t.family}\u0000${t.missing}`);
      if (j === undefined) return; // not typed at any stale locus: zeros
      stale.forEach((l, m) => {
        const from = j * subLayout.stride + (subLayout.blockStart[m] as number);
        const n = (plan.loci[l]?.genotypes as number) + 1;
        tables.set(part.tables.subarray(from, from + n), i * S + (layout.blockStart[l] as number));
        inconsistent.set(part.inconsistent.subarray(from, from + n), i * S + (layout.blockStart[l] as number));
      });
    });
  }
  return { plan, layout, targets, tables, inconsistent, masks, informative, familyCount, rejected };
}

/** The shard laid out as a plan (stale loci recomputed), ready to store. */
export function relayoutShard(shard: IndexShard, plan: SearchPlan): IndexShard {
  if (sameLayout(shard, plan)) return shard;
  const index = shardIndex(shard, plan);
  const loci = plan.loci.map((l) => ({ name: l.name, alleles: l.alleles }));
  return { ...shard, loci, stride: strideOf(loci), maskWords: index.layout.maskWords, tables: index.tables, inconsistent: index.inconsistent, masks: index.masks, targets: shard.targets.map((t, i) => ({ ...t, informative: index.informative[i] as number })) };
}

/** Joins shards (same layout) into one, families in id order; `keep` picks families. */
export function joinShards(parts: readonly IndexShard[], keep: (f: ShardFamily) => boolean = () => true): IndexShard {
  const first = parts[0] as IndexShard;
  const S = first.stride;
  const W = first.maskWords;
  const rows: { f: ShardFamily; shard: IndexShard; row: number }[] = [];
  for (const p of parts) {
    let t = 0;
    for (const f of p.families) {
      if (keep(f)) rows.push({ f, shard: p, row: t });
      t += f.targets;
    }
  }
  rows.sort((a, b) => byCodeUnit(a.f.family.id, b.f.family.id));
  const T = rows.reduce((n, r) => n + r.f.targets, 0);
  const tables = new Float64Array(T * S);
  const inconsistent = new Uint8Array(T * S);
  const masks = new Uint32Array(T * W);
  const targets: ShardTarget[] = [];
  for (const { f, shard, row } of rows) {
    const at = targets.length;
    tables.set(shard.tables.subarray(row * S, (row + f.targets) * S), at * S);
    inconsistent.set(shard.inconsistent.subarray(row * S, (row + f.targets) * S), at * S);
    masks.set(shard.masks.subarray(row * W, (row + f.targets) * W), at * W);
    for (let k = 0; k < f.targets; k++) targets.push(shard.targets[row + k] as ShardTarget);
  }
  const families = rows.map((r) => r.f);
  return { loci: first.loci, observed: observedOf(families.map((f) => loadFamily(f.family))), families, targets, stride: S, maskWords: W, tables, inconsistent, masks };
}
