/**
 * Writes strkin's own profile JSON.
 */
import type { Profile } from '../../profile/Profile.js';
import { PROFILES_JSON_FORMAT, PROFILES_JSON_VERSION } from './parseProfilesJson.js';
import { checkArray } from '../../util/args.js';
import { formatBirthYears } from '../../profile/born.js';

/**
 * Writes profiles as strkin's profile JSON (see {@link parseProfilesJson}),
 * one profile per line so that files diff well. Keeps everything but `source`:
 * sample, sex, born (`"2014"` or `"2012-2015"`), family, relationship, genotypes (partial as `[a, null]`), the
 * set-aside loci with reason, detail and line, and the Y haplotype (`y`: locus -> alleles). {@link parseProfilesJson}
 * returns the same profiles (up to `source`), and writing them again gives the
 * same text.
 *
 * Cost: O(total size of the profiles).
 *
 * @example
 * ```ts
 * writeProfilesJson([{ sample: 'S1', sex: 'male', genotypes: { TH01: ['6', '9.3'] }, skipped: [] }]);
 * // => '{"format":"strkin-profiles","version":1,"profiles":[\n{"sample":"S1","sex":"male","genotypes":{"TH01":["6","9.3"]},"skipped":[]}\n]}\n'
 * ```
 */
export function writeProfilesJson(profiles: readonly Profile[]): string {
  checkArray(profiles, 'profiles', true);
  const lines = profiles.map((p) =>
    JSON.stringify({
      sample: p.sample,
      sex: p.sex,
      ...(p.born === undefined ? {} : { born: formatBirthYears(p.born) }),
      ...(p.family === undefined ? {} : { family: p.family }),
      ...(p.relationship === undefined ? {} : { relationship: p.relationship }),
      genotypes: p.genotypes,
      skipped: p.skipped.map((s) => ({ locus: s.locus, reason: s.reason, detail: s.detail, ...(s.line === undefined ? {} : { line: s.line }) })),
      // The Y haplotype (docs/lineage.md): locus -> alleles; its flags are derived again on reading.
      ...(p.y === undefined ? {} : { y: p.y.loci }),
    }),
  );
  return `{"format":"${PROFILES_JSON_FORMAT}","version":${PROFILES_JSON_VERSION},"profiles":[\n${lines.join(',\n')}${lines.length > 0 ? '\n' : ''}]}\n`;
}
