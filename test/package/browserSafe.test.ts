// README.md: "The library runs in Node >= 20 and in browsers (it never touches files)".
// Everything outside src/cli/ is checked to import no Node built-in module and to use no
// Node-only global (process, Buffer, require, __dirname); only the CLI touches files and processes.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../examples/extractExamples.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const library = sourceFiles(`${root}src`).filter((f) => !f.startsWith(`${root}src/cli/`));

/** Source without comments and string contents, so that documentation mentioning `process.stdout` does not count. */
function code(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '')
    .replace(/(['"`])(?:\\.|(?!\1)[^\\])*\1/g, (m) => (m.startsWith("'node:") || m.startsWith('"node:') ? m : "''"));
}

describe('the library outside src/cli is browser-safe', () => {
  it('finds the library files', () => {
    expect(library.length).toBeGreaterThan(40);
  });
  it.each(library.map((f) => [f.slice(root.length)]))('%s', (file) => {
    const text = code(readFileSync(`${root}${file}`, 'utf8'));
    expect(text).not.toMatch(/from\s+['"]node:|import\(\s*['"]node:|\brequire\(/);
    expect(text).not.toMatch(/from\s+['"](fs|path|os|child_process|worker_threads|url)['"]/);
    expect(text).not.toMatch(/(?<![\w.])(process|Buffer|__dirname|__filename)\s*\./);
  });
});
