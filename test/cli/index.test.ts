/**
 * `strkin index` and `strkin merge` with the built CLI, as processes: a search
 * of an index is byte-identical to the search of the raw files (CSV, JSON,
 * decisions); build + add in pieces = build at once; a process killed with
 * SIGKILL during `index add` leaves a valid index (old or new state); a damaged
 * shard, another model and a held lock are refused; parts searched by several
 * processes merge into the one-machine result.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { builtinTable } from '../../src/frequencies/builtin.js';
import { writeFamiliesJson } from '../../src/io/families/familiesJson.js';
import { writeProfilesCsv } from '../../src/io/profiles/writeProfilesCsv.js';
import { locusSet } from '../../src/profile/loci.js';
import { makeRandom } from '../../src/simulate/random.js';
import { simulateSearchScenario } from '../../src/simulate/simulateSearchScenario.js';
import { REPO, strkin, tempDir } from './process.js';

const dir = tempDir('index');
const at = (f: string): string => join(dir, f);
const table = builtinTable('nist1036-cauc');
const scenario = simulateSearchScenario({ table, seed: 21, loci: locusSet('identifiler')?.loci ?? [], families: 60, children: 30, related: 8 });
const families = scenario.families;
writeFileSync(at('families.json'), writeFamiliesJson(families));
writeFileSync(at('families-a.json'), writeFamiliesJson(families.filter((_, i) => i % 3 !== 0)));
writeFileSync(at('families-b.json'), writeFamiliesJson(families.filter((_, i) => i % 3 === 0)));
writeFileSync(at('refs.csv'), writeProfilesCsv(families.flatMap((f) => Object.values(f.references))));
writeFileSync(at('children.csv'), writeProfilesCsv(scenario.children));

const ok = (args: readonly string[]): string => {
  const r = strkin(args);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
};
const raw = (extra: readonly string[]): string => ok(['search', '--families', at('families.json'), '--profiles', at('refs.csv'), '--unidentified', at('children.csv'), '--threads', '1', '--quiet', ...extra]);
const fromIndex = (index: string, extra: readonly string[] = []): string => ok(['search', '--index', index, '--unidentified', at('children.csv'), '--quiet', ...extra]);
const CSV = raw(['--top', '3']);
const JSON_OUT = raw(['--top', '3', '--format', 'json']);

/** Runs the CLI as a child process; resolves with its exit code and signal. */
function run(args: readonly string[], killAfterMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [join(REPO, 'dist', 'cli.js'), ...args], { cwd: REPO, stdio: 'ignore' });
    if (killAfterMs !== undefined) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code, signal) => resolve({ code, signal, ms: Date.now() - started }));
  });
}

describe('strkin index', () => {
  ok(['index', 'build', '--families', at('families.json'), '--profiles', at('refs.csv'), '--out', at('idx'), '--shard-families', '8', '--quiet']);

  it('search --index is byte-identical to the search of the raw files (CSV, JSON with decisions, decisions CSV)', () => {
    expect(fromIndex(at('idx'), ['--top', '3'])).toBe(CSV);
    expect(fromIndex(at('idx'), ['--top', '3', '--format', 'json'])).toBe(JSON_OUT);
    raw(['--decisions', at('raw-decisions.csv'), '--out', at('raw.csv')]);
    fromIndex(at('idx'), ['--decisions', at('idx-decisions.csv'), '--out', at('idx.csv')]);
    expect(readFileSync(at('idx-decisions.csv'), 'utf8')).toBe(readFileSync(at('raw-decisions.csv'), 'utf8'));
    expect(readFileSync(at('idx.csv'), 'utf8')).toBe(readFileSync(at('raw.csv'), 'utf8'));
  });

  it('years of birth are kept: --age-tolerance gives the raw search\'s output; options the index cannot honour (--report, --y-database) are usage errors', () => {
    expect(fromIndex(at('idx'), ['--top', '3', '--age-tolerance', '0', '--format', 'json'])).toBe(raw(['--top', '3', '--age-tolerance', '0', '--format', 'json']));
    // The rule does exclude pairs of these families (their years of birth are stored in the index).
    expect(strkin(['search', '--index', at('idx'), '--unidentified', at('children.csv'), '--age-tolerance', '0']).stderr).toMatch(/excluded by year of birth: [1-9]/);
    for (const extra of [['--report', at('report-dir')], ['--y-database', at('refs.csv')]]) {
      const r = strkin(['search', '--index', at('idx'), '--unidentified', at('children.csv'), ...extra]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain('not available with --index yet');
    }
  });

  it('--threads: shards scanned in worker threads give the bytes of one thread and of the raw search (CSV, JSON, a search part); a damaged shard is named as on one thread', () => {
    expect(fromIndex(at('idx'), ['--top', '3', '--threads', '2'])).toBe(CSV);
    expect(fromIndex(at('idx'), ['--top', '3', '--threads', '3', '--format', 'json'])).toBe(JSON_OUT);
    expect(fromIndex(at('idx'), ['--top', '3', '--threads', '1', '--format', 'json'])).toBe(JSON_OUT);
    for (const threads of ['1', '2']) fromIndex(at('idx'), ['--top', '3', '--threads', threads, '--part', '2/3', '--out', at(`part-threads-${threads}.json`)]);
    expect(readFileSync(at('part-threads-2.json'), 'utf8')).toBe(readFileSync(at('part-threads-1.json'), 'utf8'));
    ok(['index', 'build', '--families', at('families.json'), '--profiles', at('refs.csv'), '--out', at('bad-threads'), '--shard-families', '8', '--quiet']);
    const shard = readdirSync(at('bad-threads')).filter((f) => f.startsWith('shard-')).sort()[3] as string;
    const bytes = readFileSync(join(at('bad-threads'), shard));
    bytes[bytes.length - 5] = (bytes[bytes.length - 5] as number) ^ 0x10;
    writeFileSync(join(at('bad-threads'), shard), bytes);
    for (const threads of ['1', '2']) {
      const damaged = strkin(['search', '--index', at('bad-threads'), '--unidentified', at('children.csv'), '--threads', threads]);
      expect(damaged.code, damaged.stderr).toBe(1);
      expect(damaged.stderr).toContain(`${join(at('bad-threads'), shard)}: index-checksum: Index shard is damaged: its SHA-256 does not match the manifest`);
    }
  });

  it('mutation rates and silent allele frequencies: recorded at build, a search with the same settings is the raw search, other settings are refused', () => {
    const model = ['--mutation', 'equal', '--mutation-rate', '0.002', '--mutation-rate-male', '0.004', '--silent-frequency', 'TH01=0.02,FGA=0.01'];
    ok(['index', 'build', '--families', at('families.json'), '--profiles', at('refs.csv'), '--out', at('model'), '--shard-families', '16', '--quiet', ...model]);
    expect(fromIndex(at('model'), ['--top', '3', '--format', 'json', '--threads', '2', ...model])).toBe(raw(['--top', '3', '--format', 'json', ...model]));
    const info = JSON.parse(ok(['index', 'info', at('model'), '--json'])) as { model: { mutationRates: unknown; silentFrequencies: unknown; xLoci: boolean } };
    expect(info.model).toMatchObject({ mutationRates: { female: 0.002, male: 0.004 }, silentFrequencies: { FGA: 0.01, TH01: 0.02 }, xLoci: true });
    const plain = strkin(['search', '--index', at('model'), '--unidentified', at('children.csv'), '--mutation', 'equal']);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain('index-model-mismatch: The index was built with another model: mutation rates (index = female 0.002, male 0.004, asked = built-in per-locus rates)');
    expect(plain.stderr).toContain('index-model-mismatch: The index was built with another model: silent allele frequencies (index = FGA 0.01, TH01 0.02, asked = none)');
    const none = strkin(['index', 'build', '--families', at('families.json'), '--profiles', at('refs.csv'), '--out', at('model-none'), '--mutation', 'none', '--mutation-rate', '0.002']);
    expect(none.code).toBe(2);
  });

  it('an index of format version 1 is refused with what to do', () => {
    ok(['index', 'build', '--families', at('families-b.json'), '--profiles', at('refs.csv'), '--out', at('old'), '--quiet']);
    const manifest = readFileSync(join(at('old'), 'CURRENT'), 'utf8').trim();
    writeFileSync(join(at('old'), manifest), readFileSync(join(at('old'), manifest), 'utf8').replace('"version": 3', '"version": 1'));
    const r = strkin(['search', '--index', at('old'), '--unidentified', at('children.csv')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('index-format: Index of another format version (version = 1; this strkin reads version 3): rebuild it from the families and profiles files with strkin index build --force');
  });

  it('build + add in pieces = build at once; add again changes nothing; remove', () => {
    ok(['index', 'build', '--families', at('families-a.json'), '--profiles', at('refs.csv'), '--out', at('pieces'), '--shard-families', '8', '--quiet']);
    const add = strkin(['index', 'add', '--index', at('pieces'), '--families', at('families-b.json'), '--profiles', at('refs.csv')]);
    expect(add.stderr).toMatch(/60 families .* added 20, replaced 0, unchanged 0/);
    expect(fromIndex(at('pieces'), ['--top', '3', '--format', 'json'])).toBe(JSON_OUT);
    const again = strkin(['index', 'add', '--index', at('pieces'), '--families', at('families.json'), '--profiles', at('refs.csv')]);
    expect(again.stderr).toMatch(/added 0, replaced 0, unchanged 60, removed 0; shard files written 0/);
    const info = JSON.parse(ok(['index', 'info', at('pieces'), '--json', '--verify'])) as { families: number; generation: number; verified: boolean };
    expect([info.families, info.generation, info.verified]).toEqual([60, 3, true]);
    const gone = strkin(['index', 'remove', '--index', at('pieces'), '--family', families[0]?.id as string, '--family', 'NOPE']);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('family-not-in-index: No family with this id in the index (family = NOPE)');
    expect((JSON.parse(ok(['index', 'info', at('pieces'), '--json'])) as { families: number }).families).toBe(59);
  });

  it('a damaged shard is named; another model, a missing index and a held lock are refused', () => {
    ok(['index', 'build', '--families', at('families.json'), '--profiles', at('refs.csv'), '--out', at('bad'), '--quiet']);
    const shard = readdirSync(at('bad')).find((f) => f.startsWith('shard-')) as string;
    const bytes = readFileSync(join(at('bad'), shard));
    bytes[bytes.length - 3] = (bytes[bytes.length - 3] as number) ^ 0x40;
    writeFileSync(join(at('bad'), shard), bytes);
    const damaged = strkin(['search', '--index', at('bad'), '--unidentified', at('children.csv')]);
    expect(damaged.code).toBe(1);
    expect(damaged.stderr).toContain(`${join(at('bad'), shard)}: index-checksum: Index shard is damaged: its SHA-256 does not match the manifest`);
    expect(strkin(['index', 'info', at('bad'), '--verify']).stderr).toContain('index-checksum');
    const theta = strkin(['search', '--index', at('idx'), '--unidentified', at('children.csv'), '--theta', '0.02']);
    expect(theta.code).toBe(1);
    expect(theta.stderr).toContain('index-model-mismatch: The index was built with another model: theta (index = 0, asked = 0.02)');
    expect(strkin(['search', '--index', at('idx'), '--unidentified', at('children.csv'), '--frequencies', 'nist1036-afam']).stderr).toContain('The index was built with another model: frequency table (index = nist1036-cauc');
    expect(strkin(['index', 'info', at('nothing-here')]).stderr).toContain('index-missing: Not a strkin index: no CURRENT file');
    // A lock held by a live process (this test runner) is respected; a lock of a dead process is taken.
    writeFileSync(join(at('idx'), 'LOCK'), JSON.stringify({ pid: process.pid, host: hostname(), started: 'now' }));
    const held = strkin(['index', 'remove', '--index', at('idx'), '--family', 'X']);
    expect(held.code).toBe(1);
    expect(held.stderr).toContain(`index-locked: Index is being changed by another process (pid = ${process.pid}`);
    expect(fromIndex(at('idx'), ['--top', '3'])).toBe(CSV); // readers are unaffected
    writeFileSync(join(at('idx'), 'LOCK'), JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), started: 'long ago' }));
    expect(strkin(['index', 'add', '--index', at('idx'), '--families', at('families-b.json'), '--profiles', at('refs.csv'), '--quiet']).code).toBe(0);
    expect(readdirSync(at('idx'))).not.toContain('LOCK');
  });

  it('SIGKILL at random points of `index add` leaves the old or the new index, valid', async () => {
    const random = makeRandom(inject('fcSeed') >>> 0);
    const build = ['index', 'build', '--families', at('families-a.json'), '--profiles', at('refs.csv'), '--shard-families', '8', '--quiet'];
    ok([...build, '--out', at('timing')]);
    const before = fromIndex(at('timing'), ['--top', '3']);
    expect(before).not.toBe(CSV);
    const full = await run(['index', 'add', '--index', at('timing'), '--families', at('families-b.json'), '--profiles', at('refs.csv'), '--quiet']);
    expect(full.code).toBe(0);
    expect(fromIndex(at('timing'), ['--top', '3'])).toBe(CSV);
    const seen = new Set<string>();
    for (let k = 0; k < 4; k++) {
      const target = at(`killed-${k}`);
      ok([...build, '--out', target]);
      const delay = Math.floor(random.float() * full.ms);
      const killed = await run(['index', 'add', '--index', target, '--families', at('families-b.json'), '--profiles', at('refs.csv'), '--quiet'], delay);
      expect(strkin(['index', 'info', target, '--verify']).code, `killed after ${delay} ms`).toBe(0);
      const after = fromIndex(target, ['--top', '3']);
      expect([before, CSV], `killed after ${delay} ms (${killed.signal ?? 'finished'})`).toContain(after);
      seen.add(after === CSV ? 'new' : 'old');
      // The next writer takes the dead writer's lock and finishes the job.
      if (k === 0) {
        ok(['index', 'add', '--index', target, '--families', at('families-b.json'), '--profiles', at('refs.csv'), '--quiet']);
        expect(fromIndex(target, ['--top', '3'])).toBe(CSV);
      }
    }
    expect(seen.size).toBeGreaterThan(0);
  }, 240_000);

  it('parts searched by separate processes merge into the one-machine result (CSV, JSON, decisions)', async () => {
    const parts = [1, 2, 3, 4].map((p) => at(`part-${p}.json`));
    const runs = await Promise.all(parts.map((file, i) => run(['search', '--index', at('pieces'), '--unidentified', at('children.csv'), '--top', '3', '--part', `${i + 1}/4`, '--out', file, '--quiet'])));
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    const one = fromIndex(at('pieces'), ['--top', '3', '--format', 'json', '--decisions', at('one-decisions.csv'), '--out', at('one.json')]);
    expect(one).toBe('');
    ok(['merge', ...[...parts].reverse(), '--format', 'json', '--decisions', at('merged-decisions.csv'), '--out', at('merged.json'), '--quiet']);
    expect(readFileSync(at('merged.json'), 'utf8')).toBe(readFileSync(at('one.json'), 'utf8'));
    expect(readFileSync(at('merged-decisions.csv'), 'utf8')).toBe(readFileSync(at('one-decisions.csv'), 'utf8'));
    expect(ok(['merge', ...parts, '--quiet'])).toBe(fromIndex(at('pieces'), ['--top', '3']));
    const missing = strkin(['merge', parts[0] as string, parts[2] as string]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/bad-parts: Cannot merge: shards \d+-\d+ are in no part/);
  });
});
