/**
 * The on-disk format of a persistent family index (docs/index-format.md):
 * the manifest (JSON) and the shard files (a JSON header followed by the raw
 * little-endian family tables), encoded and decoded as bytes. No file system
 * here: opening, locking and renaming files is the caller's (the CLI's).
 */
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { StrkinError } from '../errors/StrkinError.js';
import type { FrequencyTable } from '../frequencies/FrequencyTable.js';
import type { FrequencyOptions } from '../frequencies/rareAllele.js';
import type { MutationRates } from '../mutation/defaultRates.js';
import type { Genotype } from '../profile/genotype.js';
import type { Profile, Sex } from '../profile/Profile.js';
import type { BirthYears } from '../profile/born.js';
import type { Family, FamilySource } from '../search/Family.js';
import type { SearchMutation } from '../search/plan.js';
import type { XLinkageMode } from '../search/xLinkage.js';

/** The `format` field of every manifest and shard header. */
export const INDEX_FORMAT = 'strkin-family-index';
/** The version of the index format this release reads and writes. */
export const INDEX_FORMAT_VERSION = 3;
/** First 8 bytes of a shard file. */
const SHARD_MAGIC = 'STRKIDX1';

/** The model an index was built with: a search must ask for exactly this. */
export interface IndexModel {
  readonly frequencies: { readonly name: string; readonly checksum: string; readonly rareAlleleRule: string };
  /** The frequency options as given (what `rareAlleleRule` describes). */
  readonly frequencyOptions: FrequencyOptions;
  readonly theta: number;
  /** A model name (`stepwise`, ...) or explicit per-locus settings. */
  readonly mutation: SearchMutation;
  /** One mutation rate per sex replacing the built-in per-locus rates of a model name (`{}`: the built-in rates). */
  readonly mutationRates: MutationRates;
  /** Silent allele frequency per canonical locus that has one (`{}`: none), as resolved against the frequency table. */
  readonly silentFrequencies: Readonly<Record<string, number>>;
  /** Whether X-chromosomal loci are compared (their tables are per the missing person's sex; docs/lineage.md). */
  readonly xLoci: boolean;
  /** How loci of one X linkage group are used (`xLinkage`: `'safe'` or `'unlinked'`; docs/lineage.md). */
  readonly xLinkage: XLinkageMode;
  /** Loci asked for when building (null: every locus of the table typed in a reference). */
  readonly loci: readonly string[] | null;
}

/** One shard as the manifest lists it. */
export interface IndexShardEntry {
  /** File name inside the index directory (content-addressed: `shard-<first 16 hex of sha256>.bin`). */
  readonly file: string;
  /** SHA-256 (hex) of the whole file, checked on open. */
  readonly sha256: string;
  readonly bytes: number;
  /** Families (accepted and rejected) and family targets (missing people) held. */
  readonly families: number;
  readonly targets: number;
  /** First and last family id of the shard (code-unit order; shards cover disjoint, increasing ranges). */
  readonly first: string;
  readonly last: string;
  /** Alleles observed in this shard's references per locus (the manifest's `observed` is their union). */
  readonly observed: Readonly<Record<string, readonly string[]>>;
}

/** The manifest of an index: what it holds and how it was built. */
export interface IndexManifest {
  readonly format: typeof INDEX_FORMAT;
  readonly version: number;
  /** strkin version that wrote this manifest. */
  readonly strkinVersion: string;
  /** Increases by one at every change (build, add, remove). */
  readonly generation: number;
  readonly model: IndexModel;
  /** Alleles observed in the references of all families, per canonical locus: what the search plan is made from. */
  readonly observed: Readonly<Record<string, readonly string[]>>;
  /** The index plan's genotype-index alleles per compared locus (no children): the per-locus allele spaces of the tables. */
  readonly loci: readonly { readonly name: string; readonly alleles: readonly string[] }[];
  /** Families held (accepted and rejected). */
  readonly families: number;
  readonly targets: number;
  /** Bytes per stored table entry: 8 (Float64, exact) or 4 (Float32, `--float32`: half the size, log10 LR within the bound of docs/index-format.md). */
  readonly tableBytes: 8 | 4;
  readonly shards: readonly IndexShardEntry[];
}

/** A family as stored: enough to rebuild its tables and to hash its content. */
export interface StoredFamily {
  readonly id: string;
  /** Persons: [id, sex, father, mother]. */
  readonly persons: readonly (readonly [string, Sex, string | null, string | null])[];
  readonly missing: readonly string[];
  /** References: person id, sample id, sex, genotypes (locus -> [allele, allele or null]). */
  readonly references: readonly { readonly person: string; readonly sample: string; readonly sex: Sex; readonly genotypes: Readonly<Record<string, Genotype>> }[];
  /** Years of birth of missing persons (the family's `born`), when known. */
  readonly born?: Readonly<Record<string, BirthYears>>;
  readonly source?: FamilySource;
}

/** One family of a shard: its content hash, and its targets or the reasons it was rejected. */
export interface ShardFamily {
  readonly family: StoredFamily;
  /** {@link familyContentHash} of the family under the index model. */
  readonly hash: string;
  /** Targets (missing people) in the shard's tables; 0 when rejected. */
  readonly targets: number;
  /** Reasons the family was rejected (empty when accepted). */
  readonly reasons: readonly string[];
}

/** One target (a family and one of its missing people) of a shard's tables. */
export interface ShardTarget {
  readonly family: string;
  readonly missing: string;
  readonly sex: Sex;
  /** Informative loci (some reference typed there). */
  readonly informative: number;
}

/**
 * A decoded shard: families in id order, their targets, and the tables laid out
 * over the shard's own loci and allele lists (`loci`; Σ (G_l + 1) entries per target).
 */
export interface IndexShard {
  readonly loci: readonly { readonly name: string; readonly alleles: readonly string[] }[];
  /** Alleles observed in this shard's references, per locus. */
  readonly observed: Readonly<Record<string, readonly string[]>>;
  readonly families: readonly ShardFamily[];
  readonly targets: readonly ShardTarget[];
  readonly stride: number;
  readonly maskWords: number;
  readonly tables: Float64Array;
  readonly inconsistent: Uint8Array;
  readonly masks: Uint32Array;
  /** Bytes per table entry in the file: 8 (Float64) or 4 (Float32; `tables` holds the Float32 values widened). Default 8. */
  readonly tableBytes?: 8 | 4;
}

/** SHA-256 of bytes, hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}

/** The stored form of a family. @internal */
export function storeFamily(f: Family): StoredFamily {
  const persons = f.pedigree.persons.map((p) => [p.id, p.sex, p.father, p.mother] as const);
  const references = Object.entries(f.references)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([person, p]) => ({ person, sample: p.sample, sex: p.sex, genotypes: p.genotypes }));
  return { id: f.id, persons, missing: [...f.missing], references, ...(f.born !== undefined ? { born: f.born } : {}), ...(f.source !== undefined ? { source: f.source } : {}) };
}

/** The family a stored family stands for. @internal */
export function loadFamily(s: StoredFamily): Family {
  const references: Record<string, Profile> = Object.create(null) as Record<string, Profile>;
  for (const r of s.references) references[r.person] = { sample: r.sample, sex: r.sex, genotypes: r.genotypes, skipped: [] };
  return {
    id: s.id,
    pedigree: { persons: s.persons.map(([id, sex, father, mother]) => ({ id, sex, father, mother })) },
    missing: s.missing,
    references,
    ...(s.born !== undefined ? { born: s.born } : {}),
    ...(s.source !== undefined ? { source: s.source } : {}),
  };
}

/** JSON with object keys sorted (a canonical text to hash). */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The content hash of a family under a model: SHA-256 (hex) of the canonical
 * JSON of its pedigree (persons with sex and parents), missing people,
 * references (person, sample, genotypes) and the model. Where the family came
 * from (file, line) is not content. Two families with the same hash get the
 * same tables.
 *
 * Cost: O(size of the family).
 *
 * @example
 * ```ts
 * const f = { id: 'F1', pedigree: { persons: [{ id: 'M', sex: 'female', father: null, mother: null }, { id: 'C', sex: 'unknown', father: null, mother: 'M' }] }, missing: ['C'], references: { M: { sample: 'S1', sex: 'female', genotypes: { TH01: ['6', '7'] }, skipped: [] } } } as const;
 * const model = { frequencies: { name: 't', checksum: 'abc', rareAlleleRule: '5/2N' }, frequencyOptions: {}, theta: 0, mutation: 'stepwise', mutationRates: {}, silentFrequencies: {}, xLoci: true, xLinkage: 'safe', loci: null } as const;
 * familyContentHash(f, model).length; // => 64
 * familyContentHash(f, model) === familyContentHash({ ...f, source: { line: 9 } }, model); // => true
 * ```
 */
export function familyContentHash(family: Family, model: IndexModel): string {
  const s = storeFamily(family);
  const content = { persons: s.persons, missing: [...s.missing].sort(), references: s.references.map((r) => ({ person: r.person, sample: r.sample, genotypes: r.genotypes })), model };
  return sha256Hex(utf8ToBytes(canonicalJson(content)));
}

/** Genotype entries per target of a layout: Σ (n(n+1)/2 + 1). @internal */
export function strideOf(loci: readonly { readonly alleles: readonly string[] }[]): number {
  let s = 0;
  for (const l of loci) s += (l.alleles.length * (l.alleles.length + 1)) / 2 + 1;
  return s;
}

function bad(code: string, message: string, file?: string): never {
  throw new StrkinError({ code, message, path: [], ...(file !== undefined ? { file } : {}) });
}

const pad = (n: number, to: number): number => (n + to - 1) - ((n + to - 1) % to);

/**
 * Encodes a shard: `STRKIDX1`, a little-endian uint32 header length, the header
 * (UTF-8 JSON), zero padding to a multiple of 8, then the tables (targets ×
 * stride; Float64, or Float32 when `tableBytes` is 4), the Uint8 no-mutation flags (targets × stride), zero
 * padding to a multiple of 4, and the Uint32 locus masks (targets × maskWords).
 * docs/index-format.md describes every field.
 *
 * Cost: O(bytes).
 */
export function encodeIndexShard(shard: IndexShard): Uint8Array {
  const B = shard.tableBytes ?? 8;
  const header = utf8ToBytes(JSON.stringify({ format: INDEX_FORMAT, version: INDEX_FORMAT_VERSION, loci: shard.loci, observed: shard.observed, stride: shard.stride, maskWords: shard.maskWords, tableBytes: B, families: shard.families, targets: shard.targets }));
  const T = shard.targets.length;
  const S = shard.stride;
  const tablesAt = pad(12 + header.length, 8);
  const incAt = tablesAt + T * S * B;
  const masksAt = pad(incAt + T * S, 4);
  const total = masksAt + T * shard.maskWords * 4;
  const out = new Uint8Array(total);
  for (let i = 0; i < 8; i++) out[i] = SHARD_MAGIC.charCodeAt(i);
  new DataView(out.buffer).setUint32(8, header.length, true);
  out.set(header, 12);
  const values = B === 8 ? shard.tables.subarray(0, T * S) : Float32Array.from(shard.tables.subarray(0, T * S));
  out.set(new Uint8Array(values.buffer, values.byteOffset, T * S * B), tablesAt);
  out.set(shard.inconsistent.subarray(0, T * S), incAt);
  out.set(new Uint8Array(shard.masks.buffer, shard.masks.byteOffset, T * shard.maskWords * 4), masksAt);
  return out;
}

interface ShardHeader {
  readonly format: string;
  readonly version: number;
  readonly loci: IndexShard['loci'];
  readonly observed: IndexShard['observed'];
  readonly stride: number;
  readonly maskWords: number;
  readonly tableBytes?: 8 | 4;
  readonly families: readonly ShardFamily[];
  readonly targets: readonly ShardTarget[];
}

/**
 * Decodes a shard written by {@link encodeIndexShard}. The tables are views on
 * `bytes` when it is 8-byte aligned (no copy), else copies. Checks the magic,
 * format version and sizes; the checksum is the caller's (it knows the manifest).
 *
 * @throws `StrkinError` `index-format` for a file that is not a shard of this format version.
 */
export function decodeIndexShard(bytes: Uint8Array, file?: string): IndexShard {
  const magic = String.fromCharCode(...bytes.subarray(0, 8));
  if (bytes.length < 12 || magic !== SHARD_MAGIC) bad('index-format', `Not a strkin index shard (first bytes = ${JSON.stringify(magic)})`, file);
  const aligned = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  const view = new DataView(aligned.buffer, aligned.byteOffset, aligned.byteLength);
  const headerLength = view.getUint32(8, true);
  let header: ShardHeader;
  try {
    header = JSON.parse(new TextDecoder().decode(aligned.subarray(12, 12 + headerLength))) as ShardHeader;
  } catch {
    return bad('index-format', 'Index shard header is not JSON', file);
  }
  if (header.format !== INDEX_FORMAT || header.version !== INDEX_FORMAT_VERSION) bad('index-format', `Index shard of another format version (format = ${header.format} ${header.version}; this strkin reads ${INDEX_FORMAT} ${INDEX_FORMAT_VERSION})`, file);
  const T = header.targets.length;
  const S = header.stride;
  const W = header.maskWords;
  const B = header.tableBytes ?? 8;
  if (B !== 8 && B !== 4) bad('index-format', `Index shard with ${String(B)}-byte table entries (this strkin reads 8 and 4)`, file);
  const tablesAt = pad(12 + headerLength, 8);
  const incAt = tablesAt + T * S * B;
  const masksAt = pad(incAt + T * S, 4);
  if (S !== strideOf(header.loci) || aligned.length !== masksAt + T * W * 4) bad('index-format', `Index shard has the wrong size (bytes = ${aligned.length}, expected ${masksAt + T * W * 4})`, file);
  const base = aligned.byteOffset;
  return {
    loci: header.loci,
    observed: header.observed,
    families: header.families,
    targets: header.targets,
    stride: S,
    maskWords: W,
    tables: B === 8 ? new Float64Array(aligned.buffer, base + tablesAt, T * S) : Float64Array.from(new Float32Array(aligned.buffer, base + tablesAt, T * S)),
    tableBytes: B,
    inconsistent: new Uint8Array(aligned.buffer, base + incAt, T * S),
    masks: new Uint32Array(aligned.buffer, base + masksAt, T * W),
  };
}

/** Encodes a manifest (pretty JSON, UTF-8). */
export function encodeIndexManifest(manifest: IndexManifest): Uint8Array {
  return utf8ToBytes(`${JSON.stringify(manifest, null, 1)}\n`);
}

/**
 * Decodes a manifest.
 *
 * @throws `StrkinError` `index-format` for another format or version.
 */
export function decodeIndexManifest(bytes: Uint8Array, file?: string): IndexManifest {
  let m: IndexManifest;
  try {
    m = JSON.parse(new TextDecoder().decode(bytes)) as IndexManifest;
  } catch {
    return bad('index-format', 'Index manifest is not JSON', file);
  }
  if (m.format !== INDEX_FORMAT) bad('index-format', `Not a strkin family index manifest (format = ${JSON.stringify(m.format)})`, file);
  if (m.version !== INDEX_FORMAT_VERSION) bad('index-format', `Index of another format version (version = ${m.version}; this strkin reads version ${INDEX_FORMAT_VERSION}): rebuild it from the families and profiles files with strkin index build --force`, file);
  return m;
}

/** The frequency table as stored beside an index (JSON; warnings left out). @internal */
export function storedTable(table: FrequencyTable): unknown {
  const { warnings: _w, ...rest } = table;
  return rest;
}
