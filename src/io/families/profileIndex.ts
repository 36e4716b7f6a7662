/**
 * Internal: the sample-name join between a families file and the profiles.
 */
import type { Profile } from '../../profile/Profile.js';
import type { ProfileLookup } from './types.js';

/** The result of looking a sample name up. */
export type SampleMatch =
  | { readonly kind: 'found'; readonly profile: Profile; readonly loose: boolean; readonly name: string }
  | { readonly kind: 'none' }
  | { readonly kind: 'ambiguous'; readonly names: readonly string[] };

/**
 * The loose comparison key of a sample name: trimmed, inner runs of spaces
 * collapsed to one, lower case (`' REF 01'` and `'ref  01'` agree).
 */
export function looseSampleKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Profiles by sample name. Rule: an exact match wins; otherwise a match on
 * {@link looseSampleKey}. Several different profiles under one key (exact,
 * or loose when there is no exact match) are ambiguous, never guessed.
 */
export class ProfileIndex {
  private readonly exact = new Map<string, Profile[]>();
  private readonly loose = new Map<string, { name: string; profile: Profile }[]>();

  constructor(lookup?: ProfileLookup) {
    if (lookup === undefined) return;
    const entries: Iterable<[string, Profile]> = lookup instanceof Map ? lookup.entries() : (lookup as readonly Profile[]).map((p): [string, Profile] => [p.sample, p]);
    for (const [name, profile] of entries) {
      const list = this.exact.get(name);
      if (list === undefined) this.exact.set(name, [profile]);
      else if (!list.includes(profile)) list.push(profile);
      const key = looseSampleKey(name);
      const looseList = this.loose.get(key);
      if (looseList === undefined) this.loose.set(key, [{ name, profile }]);
      else if (!looseList.some((e) => e.profile === profile)) looseList.push({ name, profile });
    }
  }

  /** Looks a sample name up. O(length of name). */
  find(name: string): SampleMatch {
    const exact = this.exact.get(name);
    if (exact !== undefined) {
      if (exact.length === 1) return { kind: 'found', profile: exact[0] as Profile, loose: false, name };
      return { kind: 'ambiguous', names: exact.map(() => name) };
    }
    const loose = this.loose.get(looseSampleKey(name));
    if (loose === undefined || loose.length === 0) return { kind: 'none' };
    if (loose.length === 1) {
      const only = loose[0] as { name: string; profile: Profile };
      return { kind: 'found', profile: only.profile, loose: true, name: only.name };
    }
    return { kind: 'ambiguous', names: loose.map((e) => e.name) };
  }
}
