/**
 * Types shared by the families-file readers and writer.
 */
import type { Issue } from '../../errors/StrkinError.js';
import type { Profile } from '../../profile/Profile.js';
import type { Family, RejectedFamily } from '../../search/Family.js';

/**
 * The families-file layouts strkin reads (docs/families.md):
 * `relationships` (family, sample, relationship to the missing person),
 * `pedigree` (family, person, father, mother, sex, sample, missing),
 * `json` (strkin's families JSON) and `ped` (QuickPed/pedtools `.ped`).
 */
export type FamiliesFormat = 'relationships' | 'pedigree' | 'json' | 'ped';

/** The profiles that references are joined to: a list, or a map from sample name to profile. */
export type ProfileLookup = readonly Profile[] | ReadonlyMap<string, Profile>;

/** Options of {@link parseFamilies}. */
export interface ParseFamiliesOptions {
  /** File name, used in issues, in `Family.source` and for format detection. Default: none. */
  readonly file?: string;
  /** The layout. Default: detected by {@link detectFamiliesFormat} from the text and `file`. */
  readonly format?: FamiliesFormat;
  /**
   * Profiles of the references, joined by sample name (exact match first, then
   * trimmed, case-insensitive, spaces collapsed). Default: none, which suits
   * only `.ped` files with marker columns and wide tables with genotypes inline.
   */
  readonly profiles?: ProfileLookup;
}

/**
 * What a families reader returns: the usable families, the rejected ones with
 * every reason, and every issue found (errors of rejected families and rows,
 * and warnings). Every input family is in exactly one of `families` and
 * `rejected`.
 */
export interface FamiliesParseResult {
  /** Usable families, in order of first appearance. */
  readonly families: Family[];
  /** Families that cannot be used, each with its reasons (`file:line: code: message`). */
  readonly rejected: RejectedFamily[];
  /** Every problem: errors (`severity` absent) and warnings, each with file and line where there is one. */
  readonly issues: Issue[];
}
