/**
 * The one rule for Balding-Nichols theta (the coancestry coefficient F_ST),
 * shared by `kinshipLR`, the search and the simulators.
 */
import type { Issue } from '../errors/StrkinError.js';

/** Default Balding-Nichols theta of every strkin function: 0 (Hardy-Weinberg, no subpopulation correction). */
export const DEFAULT_THETA = 0;

/**
 * The issue of a bad theta (`bad-theta`: not a number in [0, 1)), or
 * `undefined` when it is fine. `undefined` theta means the default.
 * @internal
 */
export function thetaIssue(theta: unknown, path: readonly (string | number)[] = ['theta']): Issue | undefined {
  if (theta === undefined || (typeof theta === 'number' && theta >= 0 && theta < 1)) return undefined;
  return { code: 'bad-theta', message: `Theta must be in [0, 1) (theta = ${typeof theta === 'number' ? String(theta) : (JSON.stringify(theta) ?? String(theta))})`, path: [...path] };
}
