/**
 * Pedigrees: people with sex and parents. Everyone has 0 or 2 parents.
 */
import type { Sex } from '../profile/Profile.js';

/** One person of a pedigree. Founders have `father` and `mother` both `null`. */
export interface Person {
  readonly id: string;
  readonly sex: Sex;
  readonly father: string | null;
  readonly mother: string | null;
}

/** A pedigree: a list of people, parents listed by id. Unconnected parts are independent. */
export interface Pedigree {
  readonly persons: readonly Person[];
}
