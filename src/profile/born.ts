/**
 * Years of birth: a year (`2014`) or a range of years (`2012-2015`), as given
 * for missing persons and, as estimates, for found children.
 */

/** A year of birth or a range of years, both ends included (`from` ≤ `to`). A single year has `from === to`. */
export interface BirthYears {
  readonly from: number;
  readonly to: number;
}

/** The result of reading a `born` cell: years, unknown (empty, `unknown`, `NA`, `?`), or invalid with the reason. */
export type BornCell = { readonly kind: 'years'; readonly born: BirthYears } | { readonly kind: 'unknown' } | { readonly kind: 'invalid'; readonly reason: string };

/** Smallest and largest year accepted (four digits). */
export const MIN_BIRTH_YEAR = 1000;
/** Largest year accepted. */
export const MAX_BIRTH_YEAR = 9999;

const UNKNOWN_BORN: ReadonlySet<string> = new Set(['', 'unknown', 'unk', 'u', 'na', 'n/a', '?', '-']);

/**
 * Reads a year-of-birth cell: `2014`, `2012-2015` (also `2012–2015`,
 * `2012 - 2015`, `2012..2015`); empty, `unknown`, `NA`, `?` and `-` are
 * unknown. Years have four digits and a range goes forward (`from ≤ to`);
 * anything else is `invalid` with the reason (the caller reports it with its
 * file and line). A number (JSON) is read as a year.
 *
 * Cost: O(length of the cell).
 *
 * @example
 * ```ts
 * readBornCell('2012-2015'); // => { kind: 'years', born: { from: 2012, to: 2015 } }
 * readBornCell('2014'); // => { kind: 'years', born: { from: 2014, to: 2014 } }
 * readBornCell('NA'); // => { kind: 'unknown' }
 * readBornCell('2015-2012').kind; // => 'invalid'
 * ```
 */
export function readBornCell(cell: string | number): BornCell {
  const text = String(cell).trim();
  if (UNKNOWN_BORN.has(text.toLowerCase())) return { kind: 'unknown' };
  const m = /^(\d{4})(?:\s*(?:-|–|\.\.)\s*(\d{4}))?$/.exec(text);
  if (m === null) return { kind: 'invalid', reason: 'a year of birth is a year (2014) or a range of years (2012-2015), or empty when unknown' };
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  if (from < MIN_BIRTH_YEAR || to > MAX_BIRTH_YEAR) return { kind: 'invalid', reason: `a year of birth has four digits (${MIN_BIRTH_YEAR}-${MAX_BIRTH_YEAR})` };
  if (from > to) return { kind: 'invalid', reason: 'a range of years goes from the earlier year to the later one' };
  return { kind: 'years', born: { from, to } };
}

/**
 * Writes years of birth as {@link readBornCell} reads them: `2014` for a single
 * year, `2012-2015` for a range, `` (empty) when unknown.
 *
 * Cost: O(1).
 *
 * @example
 * ```ts
 * formatBirthYears({ from: 2012, to: 2015 }); // => '2012-2015'
 * formatBirthYears({ from: 2014, to: 2014 }); // => '2014'
 * formatBirthYears(undefined); // => ''
 * ```
 */
export function formatBirthYears(born: BirthYears | undefined): string {
  if (born === undefined) return '';
  return born.from === born.to ? String(born.from) : `${born.from}-${born.to}`;
}
