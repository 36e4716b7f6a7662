/**
 * Runs every ```ts block of a TSDoc `@example` in src/ (style.md §7), with the
 * checks written as `expression; // => value` (convention in ./extractExamples.ts).
 * Examples run against the source: the exports of the example's own file, the
 * fixtures of ./fixtures.ts, the public API of src/index.ts and the exports of the
 * other library modules are in scope (in that order of precedence).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import { compileExample, examplesOf, sourceFiles, type Example } from './extractExamples.js';
import { exampleFixtures } from './fixtures.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const examples: Example[] = sourceFiles(`${root}src`).flatMap((path) => examplesOf(path, root));

/** Numbers anywhere in `expected` compared to a relative 1e-12 (LR 10 may be 9.999999999999993); the rest exactly. */
function approx(expected: unknown): unknown {
  if (typeof expected === 'number' && Number.isFinite(expected) && expected !== 0) return expect.closeTo(expected, 12 - Math.floor(Math.log10(Math.abs(expected))));
  if (Array.isArray(expected)) return expected.map(approx);
  if (expected !== null && typeof expected === 'object' && Object.getPrototypeOf(expected) === Object.prototype) {
    return Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, approx(v)]));
  }
  return expected;
}

// Workers of runSearchParallel come from the build (npm test builds before vitest runs).
const workerUrl = new URL('../../dist/search-worker.js', import.meta.url);
const powerWorkerUrl = new URL('../../dist/power-worker.js', import.meta.url);

let fixtures: Record<string, unknown> | undefined;
let library: Record<string, unknown> | undefined;

/** Every export of every library module (src/ outside src/cli), so that an example keeps running when a name moves off the public entry. */
async function libraryExports(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const path of sourceFiles(`${root}src`)) if (!path.startsWith(`${root}src/cli/`)) Object.assign(out, (await import(path)) as Record<string, unknown>);
  return out;
}

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...values: unknown[]) => Promise<void>;

async function run(example: Example): Promise<{ checked: number; output: string[] }> {
  fixtures ??= exampleFixtures();
  library ??= await libraryExports();
  const own = (await import(`${root}${example.file}`)) as Record<string, unknown>;
  const output: string[] = [];
  let checked = 0;
  const scope: Record<string, unknown> = {
    // the example's own file first (queries.ts's `children`), then the fixtures (search examples' `children`), then the public API, then the rest of the library
    ...library,
    ...api,
    ...fixtures,
    ...own,
    console: { log: (...xs: unknown[]) => output.push(xs.map(String).join(' ')) },
    process: { stdout: { write: (s: string) => output.push(s) } },
    __check: (actual: unknown, expected: unknown, label: string) => {
      checked++;
      expect(actual, label).toEqual(approx(expected));
    },
  };
  if (typeof own['runSearchParallel'] === 'function') {
    if (!existsSync(workerUrl)) throw new Error('dist/search-worker.js is missing: `npm test` builds it before vitest runs (or run `npm run build`)');
    const real = own['runSearchParallel'] as (c: unknown, f: unknown, o: Record<string, unknown>) => Promise<unknown>;
    scope['runSearchParallel'] = (c: unknown, f: unknown, o: Record<string, unknown>) => real(c, f, { workerUrl, ...o });
  }
  if (typeof own['runPowerParallel'] === 'function') {
    if (!existsSync(powerWorkerUrl)) throw new Error('dist/power-worker.js is missing: `npm test` builds it before vitest runs (or run `npm run build`)');
    const real = own['runPowerParallel'] as (f: unknown, o: Record<string, unknown>) => Promise<unknown>;
    scope['runPowerParallel'] = (f: unknown, o: Record<string, unknown>) => real(f, { workerUrl: powerWorkerUrl, ...o });
  }
  const names = Object.keys(scope).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
  await new AsyncFunction(...names, `{\n${example.code}\n}`)(...names.map((n) => scope[n]));
  return { checked, output };
}

// runSearchParallel's example starts 4 worker threads: seconds on a loaded machine.
describe('TSDoc @example blocks run as written', { timeout: 60_000 }, () => {
  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThan(80);
    expect(examples.reduce((n, e) => n + e.checks, 0)).toBeGreaterThan(100);
  });

  it.each(examples.map((e) => [`${e.file}:${e.line} ${e.symbol}`, e] as const))('%s', async (_name, example) => {
    const { checked } = await run(example);
    expect(checked, 'every "// =>" check of the example ran').toBe(example.checks);
  });
});

describe('the example runner', () => {
  const example = (source: string): Example => ({ file: 'src/index.ts', symbol: 'test', line: 1, source, ...compileExample(source, 'test') });
  it('a wrong value fails; a right one, with prose after a second //, passes', async () => {
    await expect(run(example('1 + 1; // => 3'))).rejects.toThrow(/1 \+ 1 => 3/);
    await expect(run(example("const x: number = 2;\n[x, 'a']; // => [2, 'a'] // prose"))).resolves.toMatchObject({ checked: 1 });
  });
  it('checks a value written alone on the next line, and compares numbers to 1e-12 relative', async () => {
    await expect(run(example('0.1 + 0.2;\n// => 0.3'))).resolves.toMatchObject({ checked: 1 });
    await expect(run(example('0.1 + 0.2;\n// => 0.3000001'))).rejects.toThrow();
  });
  it('a check in a branch that does not run is counted as not run; prose comments are not checks', async () => {
    const e = example("if (false) 1; // => 1\n2; // 3");
    expect(e.checks).toBe(1);
    expect((await run(e)).checked).toBe(0);
  });
});
