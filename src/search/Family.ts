/**
 * A family searching for one or more missing people: a pedigree with the
 * missing person(s) and the typed references in place.
 */
import type { Pedigree } from '../pedigree/Pedigree.js';
import type { BirthYears } from '../profile/born.js';
import type { Profile } from '../profile/Profile.js';

/** Where a family came from in a families file. */
export interface FamilySource {
  readonly file?: string;
  /** First line of the family in the file (1-based). */
  readonly line?: number;
}

/** One family of a search. */
export interface Family {
  /** Family id as written in the families file. */
  readonly id: string;
  /** Everyone of the family: missing person(s), typed references, untyped helpers (e.g. a dead father). */
  readonly pedigree: Pedigree;
  /** Person ids (in `pedigree`) of the missing people; untyped. */
  readonly missing: readonly string[];
  /** Typed references: person id (in `pedigree`) -> profile. */
  readonly references: Readonly<Record<string, Profile>>;
  /** Year(s) of birth of missing persons, by person id; a missing person not listed (or no map) is of unknown year of birth. */
  readonly born?: Readonly<Record<string, BirthYears>>;
  readonly source?: FamilySource;
}

/** A family that could not be used, with every reason (nothing is dropped silently). */
export interface RejectedFamily {
  readonly id: string;
  readonly reasons: readonly string[];
  readonly source?: FamilySource;
}
