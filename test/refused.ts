/** A test helper: the issues of the StrkinError a call throws, as `code [path]: message` lines. */
import { StrkinError } from '../src/errors/StrkinError.js';

/** `code [path]: message` of every issue of the StrkinError thrown by `fn`; fails if it throws anything else or nothing. */
export function refused(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof StrkinError) return error.issues.map((i) => `${i.code} [${i.path.join('.')}]: ${i.message}`);
    throw error;
  }
  throw new Error('expected a StrkinError');
}
