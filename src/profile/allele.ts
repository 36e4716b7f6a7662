/**
 * Allele designations. An allele is a string label, never a float: `9.3` and
 * `9.30` are the same allele; `9.3` is not near `9.30000001`.
 */
import { ParseError } from '../errors/StrkinError.js';
import { checkString, describeArgument } from '../util/args.js';

/** An allele label in canonical form: `12`, `9.3`, `OL`, `<8`, `>24`. */
export type Allele = string;

/** Result of reading one allele cell. */
export type AlleleCell =
  | { readonly kind: 'allele'; readonly allele: Allele }
  | { readonly kind: 'empty' }
  | { readonly kind: 'missing' }
  | { readonly kind: 'invalid'; readonly reason: string };

/** Most digits in the repeat number of an allele label (`999`): longer labels are refused as absurd, not rounded. */
const MAX_ALLELE_DIGITS = 3;

const MISSING = new Set(['-', 'NA', 'N/A', '0', 'NULL', 'NONE']);
const OFF_LADDER = new Set(['OL', 'OMR', '?']);

/**
 * Reads one allele cell without throwing. Empty text is `empty` (a homozygote's
 * second allele in most exports); `-`, `NA`, `0` are explicit `missing` marks.
 * Numeric labels are canonicalised as strings (leading zeros of the repeat
 * number and trailing zeros of the decimal dropped), never through `Number`;
 * a repeat number of more than 3 digits is `invalid` (no STR allele comes near).
 *
 * @example
 * ```ts
 * readAlleleCell('09.30'); // => { kind: 'allele', allele: '9.3' }
 * readAlleleCell('9,3').kind; // => 'invalid'
 * readAlleleCell('99999999999999999999').kind; // => 'invalid'
 * ```
 */
export function readAlleleCell(text: string): AlleleCell {
  if (typeof text !== 'string') return { kind: 'invalid', reason: `not text (${describeArgument(text)})` };
  // Lab exports repeat a few hundred distinct cells millions of times: remember the answers.
  const cached = CELL_CACHE.get(text);
  if (cached !== undefined) return cached;
  const cell = readCell(text);
  if (CELL_CACHE.size < CELL_CACHE_LIMIT) CELL_CACHE.set(text, cell);
  return cell;
}

const CELL_CACHE = new Map<string, AlleleCell>();
const CELL_CACHE_LIMIT = 50_000;

function readCell(text: string): AlleleCell {
  const raw = text.trim();
  if (raw === '') return { kind: 'empty' };
  const upper = raw.toUpperCase();
  if (MISSING.has(upper)) return { kind: 'missing' };
  if (OFF_LADDER.has(upper)) return { kind: 'allele', allele: upper === '?' ? 'OL' : upper };
  const bound = /^([<>])\s*(\d+(?:\.\d+)?)$/.exec(raw);
  if (bound !== null) {
    const inner = readCell(bound[2] ?? '');
    return inner.kind === 'allele' ? { kind: 'allele', allele: `${bound[1]}${inner.allele}` } : { kind: 'invalid', reason: 'bad off-ladder bound' };
  }
  const m = /^(\d+)(?:\.(\d+))?$/.exec(raw);
  if (m === null) {
    if (/^\d+,\d+$/.test(raw)) return { kind: 'invalid', reason: 'decimal comma (write 9.3, not 9,3)' };
    return { kind: 'invalid', reason: 'not an allele designation' };
  }
  // Canonical form by string rules, never through Number: '007' -> '7', '12.30' -> '12.3'
  // ('99999999999999999999' would round to '100000000000000000000' and merge with other alleles).
  const whole = (m[1] ?? '0').replace(/^0+(?=\d)/, '');
  const fraction = (m[2] ?? '').replace(/0+$/, '');
  if (whole.length > MAX_ALLELE_DIGITS) return { kind: 'invalid', reason: `repeat number too large (at most ${MAX_ALLELE_DIGITS} digits)` };
  if (fraction.length > 1) return { kind: 'invalid', reason: 'microvariant with more than one decimal digit' };
  if (whole === '0' && fraction === '') return { kind: 'missing' };
  return { kind: 'allele', allele: fraction === '' ? whole : `${whole}.${fraction}` };
}

/**
 * Parses an allele designation into canonical form, or throws {@link ParseError}
 * (code `bad-allele`) with the offending value.
 *
 * @example
 * ```ts
 * parseAllele('9.30'); // => '9.3'
 * parseAllele('ol'); // => 'OL'
 * ```
 */
export function parseAllele(text: string): Allele {
  checkString(text, 'text');
  const cell = readAlleleCell(text);
  if (cell.kind === 'allele') return cell.allele;
  const reason = cell.kind === 'invalid' ? cell.reason : `${cell.kind} value`;
  throw new ParseError({ code: 'bad-allele', message: `Unreadable allele: ${reason} (allele = ${JSON.stringify(text)})`, path: [] });
}

/** True for off-ladder labels (`OL`, `OMR`, `<8`, `>24`): real alleles of unknown length. */
export function isOffLadder(allele: Allele): boolean {
  return !/^\d+(\.\d)?$/.test(allele);
}

/**
 * The numeric repeat value used for ordering and stepwise distances:
 * integer part + decimal digit / 10 (`9.3` -> 9.3). `undefined` for off-ladder alleles,
 * which never get a stepwise distance.
 */
export function alleleRepeat(allele: Allele): number | undefined {
  return isOffLadder(allele) ? undefined : Number(allele);
}

/**
 * The microvariant group: the decimal digit (`9.3` -> 3, `12` -> 0). Off-ladder
 * alleles have no group (`undefined`): each is its own group.
 */
export function microvariantGroup(allele: Allele): number | undefined {
  if (isOffLadder(allele)) return undefined;
  const dot = allele.indexOf('.');
  return dot < 0 ? 0 : Number(allele.slice(dot + 1));
}

/**
 * Orders alleles: below-ladder bounds (`<8`), numeric alleles by repeat value,
 * above-ladder bounds (`>24`), then other off-ladder labels (`OL`), each kind
 * in a stable order. Used for canonical genotype order and table layout.
 */
export function compareAlleles(a: Allele, b: Allele): number {
  const rank = (x: string): number => (x.startsWith('<') ? 0 : !isOffLadder(x) ? 1 : x.startsWith('>') ? 2 : 3);
  const value = (x: string): number => {
    const v = Number(x.replace(/^[<>]/, ''));
    return Number.isFinite(v) ? v : 0;
  };
  return rank(a) - rank(b) || value(a) - value(b) || (a < b ? -1 : a > b ? 1 : 0);
}
