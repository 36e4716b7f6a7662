/**
 * Types shared by the profile readers and writers.
 */
import type { Issue } from '../../errors/StrkinError.js';
import type { Profile, ProfileReadOptions } from '../../profile/Profile.js';
import type { Delimiter } from '../text.js';

/** The profile file layouts strkin reads (formats.md §4). */
export type ProfileFormat = 'genemapper' | 'wide' | 'cmf' | 'json';

/** What a profile reader returns when the input is usable. */
export interface ProfileParseResult {
  /** Profiles in order of first appearance in the input. */
  readonly profiles: Profile[];
  /** Warnings (severity `warning`): loci set aside, ignored cells. Errors are thrown, never returned. */
  readonly issues: Issue[];
}

/** Options of the delimited-text profile readers ({@link ProfileReadOptions} plus the delimiter). */
export interface DelimitedProfileOptions extends ProfileReadOptions {
  /** Force a delimiter. Default: detected from the header line. */
  readonly delimiter?: Delimiter;
}
