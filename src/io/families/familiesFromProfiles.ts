/**
 * Families from a wide reference-family profile table (profiles carrying
 * `family` and `relationship`).
 */
import type { Profile } from '../../profile/Profile.js';
import { FamiliesBuilder, type FamilyInput } from './buildFamily.js';
import { isMissingWord } from './cells.js';
import type { FamiliesParseResult } from './types.js';
import { checkArray, checkObject } from '../../util/args.js';

/** Options of {@link familiesFromProfiles}. */
export interface FamiliesFromProfilesOptions {
  /** File name used in issues and `Family.source`. Default: the `source.file` of the first profile, if any. */
  readonly file?: string;
}

/**
 * Builds families from profiles that carry `family` and `relationship`, as
 * {@link parseProfiles} reads them from a wide reference-family table
 * (`Family ID, Sample ID, Relationship, AMEL 1, ...`): the relationship-table
 * rules of {@link parseFamilies} with the genotypes inline. A profile whose
 * relationship is `missing` declares a missing person (it must be untyped); a
 * profile without `family` is no reference and is reported with a
 * `no-family` warning. Each family gets one missing person `<family>:missing`
 * unless it declares its own.
 *
 * Cost: O(profiles).
 *
 * @example
 * ```ts
 * const { profiles } = parseProfiles('Family,Sample,Relationship,TH01\nF1,R1,mother,6/9.3\n');
 * const { families } = familiesFromProfiles(profiles);
 * families[0]?.missing; // => ['F1:missing']
 * Object.keys(families[0]?.references ?? {}); // => ['R1']
 * ```
 */
export function familiesFromProfiles(profiles: readonly Profile[], options: FamiliesFromProfilesOptions = {}): FamiliesParseResult {
  checkArray(profiles, 'profiles', true);
  checkObject(options, 'options');
  const file = options.file ?? profiles.find((p) => p.source?.file !== undefined)?.source?.file;
  const builder = new FamiliesBuilder(file);
  const families = new Map<string, Extract<FamilyInput, { kind: 'relations' }>>();
  profiles.forEach((profile, index) => {
    const line = profile.source?.line;
    const at = line === undefined ? {} : { line };
    if (profile.family === undefined || profile.family.trim() === '') {
      builder.issues.add({ code: 'no-family', severity: 'warning', path: ['profiles', index], ...at, message: `Profile has no family; not used as a reference (sample = ${JSON.stringify(profile.sample)})` });
      return;
    }
    const id = profile.family.trim();
    let family = families.get(id);
    if (family === undefined) {
      family = { kind: 'relations', id, path: ['families', id], errors: [], missing: [], missingNames: [], refs: [], ...at };
      families.set(id, family);
    }
    const path = ['profiles', index];
    const relationship = (profile.relationship ?? '').trim();
    if (isMissingWord(relationship)) family.missing.push({ id: profile.sample, inline: profile, path, ...at });
    else family.refs.push({ sample: profile.sample, relationship, inline: profile, path, ...at });
  });
  for (const family of families.values()) builder.add(family);
  return builder.result();
}
