/**
 * Maps keyed by names that come from input (sample, person, locus, marker
 * ids). A plain object literal inherits from `Object.prototype`: a key
 * `__proto__` replaces the prototype instead of being stored, and `constructor`,
 * `toString`, `hasOwnProperty` are "found" where nothing was stored. These
 * helpers make null-prototype records (still a `Record<string, T>` for the
 * public types) and read only own properties. Internal.
 */

/** An empty record without a prototype: every string is an ordinary key. */
export function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** `record[key]` if `key` is an own property of `record`, else `undefined` (never an inherited member). */
export function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
