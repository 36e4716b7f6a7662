/**
 * Y-STR locus registry: canonical names, aliases, multi-copy loci and the Y
 * loci of the kits Yfiler, Yfiler Plus and PowerPlex Y23.
 *
 * Names are compared by {@link locusKey} (upper case without spaces, `-`,
 * `_`, `.`), with explicit aliases for `Y-GATA-H4` (`GATA H4`, `GATA H4.1`).
 * A multi-copy locus (DYS385, DYF387S1, DYS527, DYS459) may be written as one
 * locus with two alleles (`DYS385` = `13,16`) or as one locus per copy
 * (`DYS385a`, `DYS385b`); both give one unordered allele set under the base name.
 */
import { locusKey } from './loci.js';

/** Canonical names of the single-copy Y-STR loci strkin knows (Yfiler, Yfiler Plus, PowerPlex Y23). */
export const SINGLE_COPY_Y_LOCI: readonly string[] = [
  'DYS19', 'DYS389I', 'DYS389II', 'DYS390', 'DYS391', 'DYS392', 'DYS393', 'DYS437', 'DYS438', 'DYS439',
  'DYS448', 'DYS449', 'DYS456', 'DYS458', 'DYS460', 'DYS481', 'DYS518', 'DYS533', 'DYS549', 'DYS570',
  'DYS576', 'DYS627', 'DYS635', 'DYS643', 'Y-GATA-H4',
];

/** Canonical names of the multi-copy Y-STR loci, with their number of copies. */
export const MULTI_COPY_Y_LOCI: Readonly<Record<string, number>> = Object.freeze({ DYS385: 2, DYF387S1: 2, DYS527: 2, DYS459: 2 });

/** A kit's Y loci (multi-copy loci listed once, by base name). */
export interface YKit {
  /** Short name, e.g. `yfiler`. */
  readonly id: string;
  /** Display name. */
  readonly name: string;
  /** Canonical Y locus names. */
  readonly loci: readonly string[];
}

const YFILER = ['DYS456', 'DYS389I', 'DYS390', 'DYS389II', 'DYS458', 'DYS19', 'DYS385', 'DYS393', 'DYS391', 'DYS439', 'DYS635', 'DYS392', 'Y-GATA-H4', 'DYS437', 'DYS438', 'DYS448'];

/** Y kits (manufacturers' locus lists): Yfiler (17 markers), Yfiler Plus (27), PowerPlex Y23 (23). */
export const Y_KITS: readonly YKit[] = [
  { id: 'yfiler', name: 'AmpFlSTR Yfiler', loci: YFILER },
  { id: 'yfilerplus', name: 'Yfiler Plus', loci: [...YFILER, 'DYS576', 'DYS627', 'DYS460', 'DYS518', 'DYS570', 'DYS449', 'DYS481', 'DYF387S1', 'DYS533'] },
  { id: 'powerplexy23', name: 'PowerPlex Y23', loci: [...YFILER, 'DYS576', 'DYS481', 'DYS549', 'DYS533', 'DYS570', 'DYS643'] },
];

/**
 * A Y kit by id (case-insensitive, ignoring spaces, `-` and `_`), e.g. `'Yfiler Plus'`, `'PowerPlex-Y23'`.
 * Returns `undefined` for an unknown id.
 */
export function yKit(id: string): YKit | undefined {
  const key = id.toLowerCase().replace(/[\s\-_]/g, '');
  return Y_KITS.find((kit) => kit.id === key);
}

/** A Y locus name resolved: the canonical locus and, for one copy of a multi-copy locus (`DYS385a`), the copy letter. */
export interface YLocusName {
  readonly locus: string;
  /** `a`, `b`, ... for a column or row holding one copy of a multi-copy locus. */
  readonly copy?: string;
}

const Y_ALIASES: Readonly<Record<string, string>> = {
  YGATAH4: 'Y-GATA-H4',
  GATAH4: 'Y-GATA-H4',
  GATAH41: 'Y-GATA-H4',
  YGATAH41: 'Y-GATA-H4',
};

const Y_BY_KEY: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const name of SINGLE_COPY_Y_LOCI) map.set(locusKey(name), name);
  for (const name of Object.keys(MULTI_COPY_Y_LOCI)) map.set(locusKey(name), name);
  for (const [key, name] of Object.entries(Y_ALIASES)) map.set(key, name);
  return map;
})();

/**
 * Resolves a Y locus name: the canonical name of a known Y locus (with the copy
 * letter for `DYS385a`, `DYF387S1 b`...; `DYS385a/b` and `DYS385ab` name the
 * whole locus), the {@link locusKey} of another `DYS`/`DYF` name (kept, single
 * copy), or `undefined` when the name is not a Y-STR.
 *
 * Cost: O(length of name).
 *
 * @example
 * ```ts
 * canonicalYLocus('DYS385a'); // => { locus: 'DYS385', copy: 'a' }
 * canonicalYLocus('DYS385a/b'); // => { locus: 'DYS385' }
 * canonicalYLocus('GATA H4'); // => { locus: 'Y-GATA-H4' }
 * canonicalYLocus('D3S1358'); // => undefined
 * ```
 */
export function canonicalYLocus(name: string): YLocusName | undefined {
  const key = locusKey(name).replace(/\//g, '');
  const known = Y_BY_KEY.get(key);
  if (known !== undefined) return { locus: known };
  const copy = /^(.*?)(AB|[A-D])$/.exec(key);
  if (copy !== null) {
    const base = Y_BY_KEY.get(copy[1] ?? '');
    if (base !== undefined && MULTI_COPY_Y_LOCI[base] !== undefined) return copy[2] === 'AB' ? { locus: base } : { locus: base, copy: (copy[2] ?? '').toLowerCase() };
  }
  if (/^(DYS|DYF)\d/.test(key)) return { locus: key };
  return undefined;
}

/** The number of copies of a Y locus: 2 for DYS385, DYF387S1, DYS527, DYS459; 1 otherwise. */
export function yLocusCopies(locus: string): number {
  return MULTI_COPY_Y_LOCI[locus] ?? 1;
}
