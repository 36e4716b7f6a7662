/** Runs the built CLI (`node dist/cli.js`, built by `npm test` before vitest) as a process, from the repository root. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(REPO, 'dist', 'cli.js');

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `strkin ARGS` run as a process (cwd: the repository, so `fixtures/...` paths work). */
export function strkin(args: readonly string[]): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh temporary folder for a test file's outputs. */
export const tempDir = (prefix: string): string => mkdtempSync(join(tmpdir(), `strkin-${prefix}-`));
