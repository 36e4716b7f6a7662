/**
 * Locus (marker) registry: canonical names, alias rules and kit definitions.
 *
 * Names arrive in many spellings (`vWA`, `VWA`, `THO1`, `Penta.D`, `ACTBP2`);
 * {@link canonicalLocus} maps every known spelling to one canonical name, which
 * is the only spelling strkin writes. Rule (formats.md §2): compare names
 * case-insensitively after removing spaces, `-`, `_` and `.`, with explicit
 * maps for the letter-O / digit-0 confusions of TH01 and TPOX.
 */
import { checkString } from '../util/args.js';
import { X_ALIASES, X_LOCI } from './xLoci.js';

/** What kind of marker a name denotes. Only `autosomal` loci enter likelihoods. */
export type LocusKind = 'autosomal' | 'amelogenin' | 'y' | 'x';

/** Canonical names of the autosomal STR loci strkin knows (NIST 1036, CODIS, ESS, kits, norSTR). */
export const AUTOSOMAL_LOCI: readonly string[] = [
  'CSF1PO', 'D1S1656', 'D2S441', 'D2S1338', 'D2S1360', 'D3S1358', 'D3S1744', 'D3S3045', 'D4S2366',
  'D5S818', 'D5S2500', 'D5S2800', 'D6S474', 'D6S477', 'D6S1043', 'D7S820', 'D7S1517', 'D7S3048',
  'D8S1132', 'D8S1179', 'D9S1122', 'D10S1248', 'D10S1435', 'D10S2325', 'D11S554', 'D11S2368',
  'D12S391', 'D13S317', 'D13S325', 'D14S1434', 'D15S659', 'D16S539', 'D17S906', 'D17S1301',
  'D18S51', 'D18S1364', 'D19S253', 'D19S433', 'D20S482', 'D21S11', 'D21S2055', 'D22S1045',
  'D22GATA198B05', 'APOAI1', 'F13A01', 'F13B', 'FESFPS', 'FGA', 'LPL', 'Penta B', 'Penta C',
  'Penta D', 'Penta E', 'SE33', 'TH01', 'TPOX', 'vWA',
];

/** Extra spellings that the key rule alone does not catch (key -> canonical). */
const EXTRA_ALIASES: Readonly<Record<string, string>> = {
  THO1: 'TH01',
  TH1: 'TH01',
  TP0X: 'TPOX',
  TPOX: 'TPOX',
  ACTBP2: 'SE33',
  FES: 'FESFPS',
  FESFPS: 'FESFPS',
  F13A1: 'F13A01',
  AMEL: 'AMEL',
  AM: 'AMEL',
  AMELOGENIN: 'AMEL',
  AMELO: 'AMEL',
};

/** The comparison key of a locus name: upper case without spaces, `-`, `_` and `.`. */
export function locusKey(name: string): string {
  checkString(name, 'name');
  return name.toUpperCase().replace(/[\s\-_.]/g, '');
}

const CANONICAL_BY_KEY: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const name of AUTOSOMAL_LOCI) map.set(locusKey(name), name);
  for (const [key, name] of Object.entries(EXTRA_ALIASES)) map.set(key, name);
  // X-chromosomal loci (xLoci.ts): canonical names, read as X markers.
  for (const name of X_LOCI) map.set(locusKey(name), name);
  for (const [key, name] of Object.entries(X_ALIASES)) map.set(key, name);
  return map;
})();

/**
 * The canonical name of a known locus (autosomal, amelogenin, or an X-chromosomal locus of
 * `X_LOCI`), or `undefined` for a name strkin does not know.
 * Idempotent: `canonicalLocus(canonicalLocus(x)) === canonicalLocus(x)`.
 *
 * Cost: O(length of name).
 *
 * @example
 * ```ts
 * canonicalLocus('THO1'); // => 'TH01'
 * canonicalLocus('Penta.D'); // => 'Penta D'
 * canonicalLocus('Amelogenin'); // => 'AMEL'
 * ```
 */
export function canonicalLocus(name: string): string | undefined {
  const cached = CANONICAL_CACHE.get(name);
  if (cached !== undefined) return cached ?? undefined;
  const canonical = CANONICAL_BY_KEY.get(locusKey(name));
  if (CANONICAL_CACHE.size < 10_000) CANONICAL_CACHE.set(name, canonical ?? null);
  return canonical;
}

/** Names seen by {@link canonicalLocus} (a search asks for every typed locus of every profile; a few dozen names recur). */
const CANONICAL_CACHE = new Map<string, string | null>();

/**
 * The kind of a locus name: amelogenin, Y-chromosomal (`DYS…`, `DYF…`, `Y-GATA-H4`, `Y indel`),
 * X-chromosomal (`DXS…`, `HPRTB`), autosomal (a known autosomal locus), or `undefined` (unknown).
 */
export function locusKind(name: string): LocusKind | undefined {
  const cached = KIND_CACHE.get(name);
  if (cached !== undefined) return cached ?? undefined;
  const kind = kindOf(name);
  if (KIND_CACHE.size < 10_000) KIND_CACHE.set(name, kind ?? null);
  return kind;
}

const KIND_CACHE = new Map<string, LocusKind | null>();
const X_CANONICAL: ReadonlySet<string> = new Set(X_LOCI);

function kindOf(name: string): LocusKind | undefined {
  const canonical = canonicalLocus(name);
  if (canonical === 'AMEL') return 'amelogenin';
  const key = locusKey(name);
  if (canonical !== undefined && !X_CANONICAL.has(canonical)) return 'autosomal';
  if (/^(DYS|DYF)\d/.test(key) || /^Y?GATAH4(1)?$/.test(key) || key === 'YINDEL') return 'y';
  if (/^DXS\d/.test(key) || key === 'HPRTB' || key === 'GATA172D05' || key === 'GATA31E08') return 'x';
  return undefined;
}

/** A named set of autosomal loci (a standard or a commercial kit's autosomal part). */
export interface LocusSet {
  /** Short name used on the command line, e.g. `codis20`, `globalfiler`. */
  readonly id: string;
  /** Display name. */
  readonly name: string;
  /** Canonical locus names. */
  readonly loci: readonly string[];
}

const CODIS13 = ['CSF1PO', 'FGA', 'TH01', 'TPOX', 'vWA', 'D3S1358', 'D5S818', 'D7S820', 'D8S1179', 'D13S317', 'D16S539', 'D18S51', 'D21S11'];
const CODIS20 = [...CODIS13, 'D1S1656', 'D2S441', 'D2S1338', 'D10S1248', 'D12S391', 'D19S433', 'D22S1045'];
const ESS = ['D3S1358', 'vWA', 'D8S1179', 'D21S11', 'D18S51', 'TH01', 'FGA', 'D1S1656', 'D2S441', 'D10S1248', 'D12S391', 'D22S1045'];
const ESS15 = [...ESS, 'D2S1338', 'D16S539', 'D19S433'];

/** Locus sets and kits (autosomal part), per formats.md §1. */
export const LOCUS_SETS: readonly LocusSet[] = [
  { id: 'codis13', name: 'CODIS 13 (1997)', loci: CODIS13 },
  { id: 'codis20', name: 'CODIS 20 (2017)', loci: CODIS20 },
  { id: 'ess', name: 'European Standard Set (12)', loci: ESS },
  { id: 'globalfiler', name: 'GlobalFiler', loci: [...CODIS20, 'SE33'] },
  { id: 'investigator24plex', name: 'Investigator 24plex', loci: [...CODIS20, 'SE33'] },
  { id: 'fusion6c', name: 'PowerPlex Fusion 6C', loci: [...CODIS20, 'SE33', 'Penta D', 'Penta E'] },
  { id: 'fusion5c', name: 'PowerPlex Fusion 5C', loci: [...CODIS20, 'Penta D', 'Penta E'] },
  { id: 'identifiler', name: 'Identifiler', loci: [...CODIS13, 'D2S1338', 'D19S433'] },
  { id: 'powerplex16', name: 'PowerPlex 16', loci: [...CODIS13, 'Penta D', 'Penta E'] },
  { id: 'esx16', name: 'PowerPlex ESX 16', loci: ESS15 },
  { id: 'esi16', name: 'PowerPlex ESI 16', loci: ESS15 },
  { id: 'esx17', name: 'PowerPlex ESX 17', loci: [...ESS15, 'SE33'] },
  { id: 'esi17', name: 'PowerPlex ESI 17', loci: [...ESS15, 'SE33'] },
  { id: 'ngm', name: 'AmpFlSTR NGM', loci: ESS15 },
  { id: 'ngmselect', name: 'AmpFlSTR NGM SElect', loci: [...ESS15, 'SE33'] },
];

/**
 * A locus set by id (case-insensitive, ignoring spaces, `-` and `_`), e.g. `'GlobalFiler'`, `'codis-20'`.
 * Returns `undefined` for an unknown id.
 */
export function locusSet(id: string): LocusSet | undefined {
  const key = id.toLowerCase().replace(/[\s\-_]/g, '');
  return LOCUS_SETS.find((set) => set.id === key);
}
