#!/usr/bin/env node
// The on-disk layout of the family index, chosen by measurement: strkin's shard file (JSON header +
// raw little-endian typed arrays, docs/index-format.md) against Apache Arrow IPC (file format, one
// record batch: family, missing, sex, informative, and FixedSizeList columns of the Float64 table,
// the Uint8 no-mutation flags and the Uint32 locus masks; the families' JSON in the schema metadata).
//
//   npm run build
//   npm install --no-save apache-arrow   # or ARROW=/path/to/node_modules/apache-arrow/Arrow.node.mjs
//   node bench/index-format.mjs [families=5000] [children=2000]
//
// Demo-mix families (simulateSearchScenario's default structures, seed 7) on GlobalFiler from
// nist1036-cauc, one shard. Prints build time, bytes, write time, open time (read the file from disk,
// check the SHA-256 with node:crypto, decode to typed arrays; median of 5), the scan time of every child against the
// decoded tables (scanRange), and checks that both decodings give the same bits.
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = process.env.STRKIN_DIST ?? new URL('../dist/index.js', import.meta.url).href;
const distUrl = dist.startsWith('file:') ? dist : pathToFileURL(resolve(dist)).href;
const lib = { ...(await import(distUrl)), ...(await import(distUrl.replace(/index\.js$/, 'engine.js'))) };
const arrowPath = process.env.ARROW ?? 'apache-arrow';
const A = await import(arrowPath.startsWith('/') ? pathToFileURL(arrowPath).href : arrowPath);
const NF = Number(process.argv[2] ?? 5000);
const NC = Number(process.argv[3] ?? 2000);
const table = lib.builtinTable('nist1036-cauc');
const scenario = lib.simulateSearchScenario({ table, seed: 7, families: NF, children: NC, related: Math.floor(NC / 10), loci: lib.locusSet('globalfiler').loci });
const dir = mkdtempSync(join(tmpdir(), 'strkin-index-format-'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (f) => { const t = performance.now(); const v = f(); return [performance.now() - t, v]; };

const [buildMs, update] = time(() => lib.buildFamilyIndexStore(scenario.families, { frequencies: table, shardFamilies: NF }));
const ours = update.files[0].bytes;
const shard = lib.decodeIndexShard(ours);
const T = shard.targets.length;
const S = shard.stride;
const W = shard.maskWords;
console.log(`families ${NF}, targets ${T}, entries per target ${S}; build ${(buildMs / 1000).toFixed(1)} s (${(NF / (buildMs / 1000)).toFixed(0)} families/s, 1 core)`);

// Arrow: the same content.
function toArrow(s) {
  const list = (type, n, values) => A.makeVector(A.makeData({ type: new A.FixedSizeList(n, new A.Field('v', type)), length: T, nullCount: 0, child: A.makeData({ type, length: T * n, nullCount: 0, data: values }) }));
  const t = new A.Table({
    family: A.vectorFromArray(s.targets.map((x) => x.family), new A.Utf8()),
    missing: A.vectorFromArray(s.targets.map((x) => x.missing), new A.Utf8()),
    sex: A.vectorFromArray(s.targets.map((x) => x.sex), new A.Utf8()),
    informative: A.makeVector(Uint8Array.from(s.targets, (x) => x.informative)),
    table: list(new A.Float64(), S, s.tables),
    inconsistent: list(new A.Uint8(), S, s.inconsistent),
    mask: list(new A.Uint32(), W, s.masks),
  });
  t.schema.metadata.set('strkin', JSON.stringify({ loci: s.loci, observed: s.observed, families: s.families }));
  return A.tableToIPC(t, 'file');
}
const [arrowWriteMs, arrow] = time(() => toArrow(shard));
const [oursWriteMs] = time(() => lib.encodeIndexShard(shard));
writeFileSync(join(dir, 'ours.bin'), ours);
writeFileSync(join(dir, 'arrow.arrow'), arrow);

// SHA-256 by Node's crypto (the CLI's) and by @noble/hashes (the library's default, pure JS).
const nodeSha = (bytes) => createHash('sha256').update(bytes).digest('hex');
const shaNodeMs = median(Array.from({ length: 5 }, () => time(() => nodeSha(ours))[0]));
const shaNobleMs = median(Array.from({ length: 3 }, () => time(() => lib.sha256Hex(ours))[0]));
function openOurs() {
  const bytes = readFileSync(join(dir, 'ours.bin'));
  nodeSha(bytes);
  return lib.decodeIndexShard(bytes);
}
function openArrow() {
  const bytes = readFileSync(join(dir, 'arrow.arrow'));
  nodeSha(bytes);
  const t = A.tableFromIPC(bytes);
  const header = JSON.parse(t.schema.metadata.get('strkin'));
  const values = (name) => { const d = t.getChild(name).data; if (d.length !== 1) throw new Error('one batch expected'); return d[0].children[0].values; };
  const fam = t.getChild('family').toArray(), mis = t.getChild('missing').toArray(), sex = t.getChild('sex').toArray(), inf = t.getChild('informative').toArray();
  const targets = Array.from({ length: t.numRows }, (_, i) => ({ family: fam[i], missing: mis[i], sex: sex[i], informative: inf[i] }));
  return { ...header, targets, stride: S, maskWords: W, tables: values('table'), inconsistent: values('inconsistent'), masks: values('mask') };
}
const openOursMs = median(Array.from({ length: 5 }, () => time(openOurs)[0]));
const openArrowMs = median(Array.from({ length: 5 }, () => time(openArrow)[0]));
const a = openArrow();
const o = openOurs();
const same = Buffer.compare(Buffer.from(a.tables.buffer, a.tables.byteOffset, a.tables.byteLength), Buffer.from(o.tables.buffer, o.tables.byteOffset, o.tables.byteLength)) === 0 && JSON.stringify(a.targets) === JSON.stringify(o.targets);

// Scan every child against the decoded tables (the search's kernel).
const plan = lib.planSearch(scenario.families, scenario.children, { frequencies: table });
const encoded = lib.encodeChildren(scenario.children, plan);
const layoutOf = (p) => { const L = p.loci.length; const blockStart = new Uint32Array(L), genotypes = new Uint32Array(L); let s = 0; p.loci.forEach((l, i) => { blockStart[i] = s; genotypes[i] = l.genotypes; s += l.genotypes + 1; }); return { blockStart, genotypes, stride: s, maskWords: Math.max(1, Math.ceil(L / 32)) }; };
const asIndex = (d) => ({ plan, layout: layoutOf(plan), targets: d.targets, tables: d.tables, inconsistent: d.inconsistent, masks: d.masks, informative: Uint8Array.from(d.targets, (x) => x.informative), familyCount: NF, rejected: [] });
if (layoutOf(plan).stride !== S) throw new Error('children changed the layout: choose another seed');
const scanOnce = (d) => time(() => lib.scanRange(asIndex(d), encoded, 0, T, { topK: 10 }))[0];
scanOnce(o); // warm-up
const runs = { o: [], a: [] };
for (let k = 0; k < 3; k++) { runs.o.push(scanOnce(o)); runs.a.push(scanOnce(a)); }
const scanOurs = median(runs.o);
const scanArrow = median(runs.a);
const mb = (b) => (b / 1048576).toFixed(1);
console.log(`strkin shard: ${mb(ours.length)} MiB, write ${oursWriteMs.toFixed(0)} ms, open ${openOursMs.toFixed(0)} ms, scan ${NC} children ${scanOurs.toFixed(0)} ms`);
console.log(`Arrow IPC:    ${mb(arrow.length)} MiB, write ${arrowWriteMs.toFixed(0)} ms, open ${openArrowMs.toFixed(0)} ms, scan ${NC} children ${scanArrow.toFixed(0)} ms`);
console.log(`SHA-256 of the shard: node:crypto ${shaNodeMs.toFixed(0)} ms, @noble/hashes ${shaNobleMs.toFixed(0)} ms`);
console.log(`same tables and targets after decoding: ${same}; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
