/**
 * Extracts the fenced ```ts blocks of TSDoc `@example` tags from source files and
 * turns them into runnable JavaScript with checks (style.md §7: examples a test runs).
 *
 * The convention, for example authors:
 * - Every ```ts block after `@example` runs as written (TypeScript types are
 *   stripped), inside an async function, with the exports of its own file, the
 *   fixtures of test/examples/fixtures.ts (`families`, `children`, `index`, `result`,
 *   ...), the public API of `strkin` and the rest of the library in scope.
 * - `expression; // => value` is a check: the expression must equal `value`, itself
 *   any JavaScript expression (`10`, `['6', '9.3']`, `Math.log(30.25)`, `{ k0: 0.25 }`).
 *   A long value may go alone on the next line: `// => 'Allele,TH01\n...'`.
 *   Objects and arrays are compared deeply; non-integer numbers to 1e-12. Text after
 *   a further ` // ` is prose: `result.total.LR; // => 10 // 1/pa`.
 * - Any other comment (`// e.g. ['7', '9.3']`, `// in [0, 1)`) is prose and not checked:
 *   use it for random or illustrative values only.
 * - A check inside a branch that does not run (`if (!r.ok) r.error.code; // => 'x'`)
 *   fails the example: every check must run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** One `@example` block of one file. */
export interface Example {
  /** Path relative to the repository root, e.g. `src/likelihood/kinshipLR.ts`. */
  readonly file: string;
  /** The exported name the comment documents (or `?`). */
  readonly symbol: string;
  /** 1-based line of the block's first code line in `file`. */
  readonly line: number;
  /** The TypeScript source of the block, comment stars removed. */
  readonly source: string;
  /** JavaScript to run: checks are calls to `__check(actual, expected, label)`. */
  readonly code: string;
  /** Number of `// =>` checks. */
  readonly checks: number;
}

/** Every `.ts` file under `dir`, sorted. */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out.sort();
}

const CHECK = /^\/\/\s*=>\s*(.*)$/;
const NEXT_LINE = /^[ \t]*\r?\n[ \t]*(\/\/\s*=>.*)/;

/** Rewrites `expr; // => value` statements of a block into `__check(...)` calls and strips types. */
export function compileExample(source: string, label: string): { code: string; checks: number } {
  const sf = ts.createSourceFile('example.ts', source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const edits: { start: number; end: number; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isExpressionStatement(node)) {
      // `expr; // => value` on the statement's line, or `// => value` alone on the next line
      const comment = (ts.getTrailingCommentRanges(source, node.end) ?? [])[0];
      const text = comment === undefined ? NEXT_LINE.exec(source.slice(node.end))?.[1] : source.slice(comment.pos, comment.end);
      const match = text === undefined ? null : CHECK.exec(text);
      if (match !== null) {
        const expected = (match[1] ?? '').split(' // ')[0]?.trim() ?? '';
        if (expected === '') throw new Error(`${label}: empty check after "// =>"`);
        const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
        const shown = JSON.stringify(`${node.expression.getText(sf)} => ${expected} (example line ${line + 1})`);
        edits.push({ start: node.getStart(sf), end: node.end, text: `__check((${node.expression.getText(sf)}), (${expected}), ${shown});` });
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  let code = source;
  for (const e of edits.sort((a, b) => b.start - a.start)) code = code.slice(0, e.start) + e.text + code.slice(e.end);
  const js = ts.transpileModule(code, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext }, reportDiagnostics: true });
  const errors = (js.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) throw new Error(`${label}: ${ts.flattenDiagnosticMessageText(errors[0]?.messageText ?? '', '\n')}`);
  return { code: js.outputText.replace(/^export \{\};?\s*$/m, ''), checks: edits.length };
}

/** The `@example` blocks of one file. */
export function examplesOf(path: string, root: string): Example[] {
  const text = readFileSync(path, 'utf8');
  const file = relative(root, path);
  const out: Example[] = [];
  for (const comment of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    const start = comment.index ?? 0;
    const after = text.slice(start + comment[0].length);
    const symbol = /^\s*export\s+(?:declare\s+)?(?:async\s+)?(?:function\*?|const|let|class|abstract class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/.exec(after)?.[1] ?? '?';
    const lines = comment[0].split('\n').map((l) => l.replace(/^\s*\/?\*\*?\/?\s?/, ''));
    let inExample = false;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i] ?? '';
      if (/^@example\b/.test(l)) inExample = true;
      else if (/^@\w/.test(l)) inExample = false;
      if (inExample && /^```(ts|typescript)\s*$/.test(l.trim())) {
        const body: string[] = [];
        let j = i + 1;
        for (; j < lines.length && !/^```\s*$/.test((lines[j] ?? '').trim()); j++) body.push(lines[j] ?? '');
        const line = text.slice(0, start).split('\n').length + i + 1;
        const label = `${file}:${line} (${symbol})`;
        const source = body.join('\n');
        out.push({ file, symbol, line, source, ...compileExample(source, label) });
        i = j;
      }
    }
  }
  return out;
}
