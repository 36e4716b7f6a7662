/**
 * An index directory (docs/index-format.md): opening it (checksums verified),
 * the writer's lock, and the atomic switch to a new state (new files written and
 * flushed under new names, then the manifest, then the CURRENT pointer renamed
 * into place). Node only: the library encodes and decodes the bytes.
 */
import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { threadId } from 'node:worker_threads';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { encodeIndexManifest, frequencyTableChecksum, openFamilyIndexStore, StrkinError, type FamilyIndexStore, type FrequencyTable, type IndexManifest, type IndexUpdate } from '../index.js';

/** The file naming the current manifest. */
export const CURRENT_FILE = 'CURRENT';
/** The writer's lock file. */
export const LOCK_FILE = 'LOCK';

/** An opened index directory. */
export interface IndexDir {
  readonly dir: string;
  /** File name of the current manifest. */
  readonly manifestFile: string;
  readonly store: FamilyIndexStore;
  readonly manifest: IndexManifest;
  /** The frequency table stored with the index (checksum verified). */
  readonly table: FrequencyTable;
}

function indexError(code: string, message: string, file?: string): StrkinError {
  return new StrkinError({ code, message, path: [], ...(file !== undefined ? { file } : {}) });
}

/** File name of the frequency table stored with an index of this checksum. */
export const frequencyFile = (checksum: string): string => `frequencies-${checksum.slice(0, 16)}.json`;

function readIn(dir: string, file: string): Uint8Array {
  try {
    return readFileSync(join(dir, file));
  } catch (error) {
    throw indexError('index-missing-file', `Index file cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`, join(dir, file));
  }
}

/**
 * Opens the index in `dir` as of its CURRENT manifest. Shards are read (and
 * their SHA-256 checked) when the store asks for them; the frequency table is
 * read and checked now. With `manifestFile`, that manifest instead of CURRENT's
 * (the workers of a search read the state their search opened, even if a writer
 * switched CURRENT meanwhile: its files are kept until the next switch).
 *
 * @throws StrkinError `index-missing` (no index there), `index-format`, `index-checksum`.
 */
export function openIndexDir(dir: string, manifestFile?: string): IndexDir {
  if (manifestFile === undefined && !existsSync(join(dir, CURRENT_FILE))) throw indexError('index-missing', `Not a strkin index: no ${CURRENT_FILE} file (index = ${dir})`, dir);
  return openManifest(dir, manifestFile ?? new TextDecoder().decode(readIn(dir, CURRENT_FILE)).trim());
}

function openManifest(dir: string, manifestFile: string): IndexDir {
  let store: FamilyIndexStore;
  try {
    store = openFamilyIndexStore(readIn(dir, manifestFile), (file) => readIn(dir, file), { sha256: (bytes) => createHash('sha256').update(bytes).digest('hex') });
  } catch (error) {
    if (error instanceof StrkinError) throw new StrkinError(error.issues.map((i) => ({ ...i, file: i.file !== undefined ? join(dir, i.file) : join(dir, manifestFile) })));
    throw error;
  }
  const wrapped: FamilyIndexStore = {
    manifest: store.manifest,
    shard: (i) => {
      try {
        return store.shard(i);
      } catch (error) {
        if (error instanceof StrkinError) throw new StrkinError(error.issues.map((x) => ({ ...x, ...(x.file !== undefined && !x.file.startsWith(dir) ? { file: join(dir, x.file) } : {}) })));
        throw error;
      }
    },
  };
  const tableFile = frequencyFile(store.manifest.model.frequencies.checksum);
  let table: FrequencyTable;
  try {
    table = JSON.parse(new TextDecoder().decode(readIn(dir, tableFile))) as FrequencyTable;
  } catch (error) {
    if (error instanceof StrkinError) throw error;
    throw indexError('index-format', 'Index frequency table is not JSON', join(dir, tableFile));
  }
  if (frequencyTableChecksum(table) !== store.manifest.model.frequencies.checksum || table.checksum !== store.manifest.model.frequencies.checksum) {
    throw indexError('index-checksum', `Index frequency table is damaged: its checksum does not match the manifest (file = ${tableFile})`, join(dir, tableFile));
  }
  return { dir, manifestFile, store: wrapped, manifest: store.manifest, table };
}

/** Writes a new shard file (a new, content-addressed name that no manifest names yet) unless it is there already. */
export function writeShard(dir: string, file: string, bytes: Uint8Array): void {
  if (!existsSync(join(dir, file))) writeDurably(dir, file, bytes);
}

/** Writes bytes to `dir/name` through a temporary name, flushed, then renamed. */
export function writeDurably(dir: string, name: string, bytes: Uint8Array): void {
  const temp = join(dir, `${name}.tmp-${process.pid}-${threadId}`);
  const fd = openSync(temp, 'w', 0o644);
  try {
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, join(dir, name));
}

function syncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Takes the writer's lock of `dir` (creating the directory if needed): the lock
 * file holds `{pid, host, started}` and is created atomically (hard link of a
 * complete temporary file). A lock whose process is gone (same host, pid not
 * running) is stale: it is removed and taken. Returns the release function.
 *
 * @throws StrkinError `index-locked` naming the holder.
 */
export function lockIndexDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const lock = join(dir, LOCK_FILE);
  const temp = join(dir, `${LOCK_FILE}.tmp-${process.pid}`);
  const mine = JSON.stringify({ pid: process.pid, host: hostname(), started: new Date().toISOString() });
  writeDurably(dir, `${LOCK_FILE}.tmp-${process.pid}.w`, new TextEncoder().encode(mine));
  renameSync(join(dir, `${LOCK_FILE}.tmp-${process.pid}.w`), temp);
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        linkSync(temp, lock);
        return () => {
          try {
            unlinkSync(lock);
          } catch {
            // already gone
          }
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        let holder: { pid?: number; host?: string; started?: string } = {};
        try {
          holder = JSON.parse(readFileSync(lock, 'utf8')) as typeof holder;
        } catch {
          holder = {};
        }
        if (attempt === 0 && holder.host === hostname() && typeof holder.pid === 'number' && !alive(holder.pid)) {
          unlinkSync(lock); // stale: its writer is gone
          continue;
        }
        throw indexError('index-locked', `Index is being changed by another process (pid = ${String(holder.pid)}, host = ${String(holder.host)}, since = ${String(holder.started)}); if that process is gone on another host, remove ${lock}`, lock);
      }
    }
    throw indexError('index-locked', `Index lock cannot be taken (lock = ${lock})`, lock);
  } finally {
    try {
      unlinkSync(temp);
    } catch {
      // gone
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Switches `dir` to a new state: writes the update's new shard files and the
 * frequency table (new names; existing files are never changed), flushes them,
 * writes `manifest-<generation>.json`, then replaces CURRENT by a rename and
 * flushes the directory. Files of neither the new nor the previous state are
 * deleted afterwards (readers of the previous state keep their files). The
 * caller holds the lock.
 */
export function commitIndexDir(dir: string, update: IndexUpdate, table: FrequencyTable): string {
  mkdirSync(dir, { recursive: true });
  for (const f of update.files) if (!existsSync(join(dir, f.file))) writeDurably(dir, f.file, f.bytes);
  const tableFile = frequencyFile(table.checksum);
  if (!existsSync(join(dir, tableFile))) {
    const { warnings: _w, ...stored } = table;
    writeDurably(dir, tableFile, new TextEncoder().encode(`${JSON.stringify(stored)}\n`));
  }
  const manifestFile = `manifest-${String(update.manifest.generation).padStart(6, '0')}.json`;
  writeDurably(dir, manifestFile, encodeIndexManifest(update.manifest));
  syncDir(dir);
  let previous: string | undefined;
  try {
    previous = readFileSync(join(dir, CURRENT_FILE), 'utf8').trim();
  } catch {
    previous = undefined;
  }
  writeDurably(dir, CURRENT_FILE, new TextEncoder().encode(`${manifestFile}\n`));
  syncDir(dir);
  collectGarbage(dir, [manifestFile, ...(previous !== undefined && previous !== manifestFile ? [previous] : [])]);
  return manifestFile;
}

/** Deletes index files referenced by none of the kept manifests, and temporary files of killed writers. */
function collectGarbage(dir: string, keepManifests: readonly string[]): void {
  const keep = new Set<string>([CURRENT_FILE, LOCK_FILE, ...keepManifests]);
  for (const m of keepManifests) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, m), 'utf8')) as IndexManifest;
      for (const s of manifest.shards) keep.add(s.file);
      keep.add(frequencyFile(manifest.model.frequencies.checksum));
    } catch {
      return; // leave everything when a kept manifest cannot be read
    }
  }
  for (const f of readdirSync(dir)) {
    const ours = !f.startsWith(LOCK_FILE) && (/^(shard-[0-9a-f]{16}\.bin|manifest-\d+\.json|frequencies-[0-9a-f]{16}\.json)$/.test(f) || /\.tmp-\d+(-\d+)?$/.test(f));
    if (ours && !keep.has(f)) {
      try {
        unlinkSync(join(dir, f));
      } catch {
        // a reader on another platform may hold it; left for the next writer
      }
    }
  }
}

/** Bytes on disk of the current state's files, and of every file of the directory. */
export function diskUse(index: IndexDir): { readonly current: number; readonly directory: number } {
  let current = 0;
  for (const f of [index.manifestFile, frequencyFile(index.manifest.model.frequencies.checksum), ...index.manifest.shards.map((s) => s.file)]) {
    try {
      current += statSync(join(index.dir, f)).size;
    } catch {
      // reported by a search
    }
  }
  let directory = 0;
  for (const f of readdirSync(index.dir)) directory += statSync(join(index.dir, f)).size;
  return { current, directory };
}
