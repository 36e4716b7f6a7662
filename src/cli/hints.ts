/**
 * Hints for the common errors (issue 10, "errors as `file:line: code:
 * message` with a hint for the common ones"): after the issues of an input,
 * one `hint: ...` line on stderr per code that has one, telling what to do.
 */
import { BUILTIN_TABLES, type Issue } from '../index.js';

/** What to do about an error, by code. */
export const HINTS: Readonly<Record<string, string>> = Object.freeze({
  'file-not-found': `check the path (relative to the current folder); frequency tables built in are named, not files: ${BUILTIN_TABLES.map((t) => t.name).join(', ')} (strkin frequencies list)`,
  'file-unreadable': 'check the file permissions, or copy the file somewhere readable',
  'locus-not-in-table': 'strkin frequencies show TABLE lists the loci of a table; give another table with --frequencies, or leave the locus out with --loci',
  'unknown-locus': 'strkin frequencies show TABLE lists the loci of a table; locus names are matched through the alias table of docs/frequencies.md',
  'bad-json': 'the file must be valid JSON (a case: docs/case-format.md); a JSON validator shows the line',
  'unknown-relationship': 'relationships are named as in docs/families.md: mother, father, full-sibling, half-sibling-maternal, grandmother-paternal, aunt-maternal, child, ...',
  'unknown-sample': 'a families file names samples of the --profiles files: check the spelling, and give every reference profile file with --profiles',
  'bad-verbal-scale': 'a verbal scale is {"name", "citation", "levels": [{"minLR": 1, "words": "..."}, ...]} with increasing minLR from 1 (docs/analyst-guide.md)',
  'report-extension': 'name the report file .html (a page to read and print), .json (for programs) or .csv (one row per locus)',
});

/** The hint lines for these issues: one per code with a hint, in order of first appearance; warnings get none. */
export function hintLines(issues: readonly Issue[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const issue of issues) {
    if (issue.severity === 'warning' || seen.has(issue.code)) continue;
    seen.add(issue.code);
    const hint = HINTS[issue.code];
    if (hint !== undefined) out.push(`hint: ${hint}`);
  }
  return out;
}
