/**
 * Every record of a search that got no score, named with its reason (issue 13,
 * item 4): families the families reader or the engine rejected, children the
 * engine rejected (typed at no compared locus, an id given twice across
 * `--unidentified` files), and children and families with insufficient data.
 * Printed on stderr whatever the output format, and written by
 * `strkin search --rejected FILE` as CSV `kind,id,file,line,reason`.
 */
import { csvTextCell, type Family, type Profile, type RejectedFamily, type SearchResult } from '../index.js';

/** Every cell of this CSV is text (the line number is a positive integer): formula-guarded and quoted per RFC 4180. */
const csvRows = (rows: readonly (readonly string[])[]): string => rows.map((row) => row.map((cell) => csvTextCell(cell)).join(',')).join('\n') + '\n';

/** One record that was rejected, merged or not scored. */
export interface RejectedRecord {
  /** `child` (an unidentified profile) or `family`. */
  readonly kind: 'child' | 'family';
  readonly id: string;
  readonly file?: string;
  readonly line?: number;
  /** `rejected` (not searched), `merged` (a duplicate id; another record with it was searched), `insufficient-data` or `excluded-by-metadata` (every pair excluded by sex or year of birth). */
  readonly status: 'rejected' | 'merged' | 'insufficient-data' | 'excluded-by-metadata';
  readonly reason: string;
}

interface Where {
  readonly file?: string;
  readonly line?: number;
}

const whereText = (w: Where): string => (w.file === undefined ? (w.line === undefined ? '' : `line ${w.line}`) : w.line === undefined ? w.file : `${w.file}:${w.line}`);
const place = (w: Where | undefined): Where => ({ ...(w?.file !== undefined ? { file: w.file } : {}), ...(w?.line !== undefined ? { line: w.line } : {}) });

/**
 * The records of a search that got no score, in a stable order: families
 * rejected by the reader, then the search's families and children, each in
 * the accounting's order.
 */
export function rejectedRecords(result: SearchResult, children: readonly Profile[], families: readonly Family[], readerRejected: readonly RejectedFamily[]): RejectedRecord[] {
  const out: RejectedRecord[] = [];
  for (const r of readerRejected) {
    for (const reason of r.reasons) {
      // the reader's reasons are formatted issues (`file:line: code: message`): drop the file, and
      // the line when it is the family's own (another row's line stays, as `line N: `)
      let text = reason;
      const file = r.source?.file;
      if (file !== undefined && reason.startsWith(`${file}:`)) {
        const m = /^:(\d+): /.exec(reason.slice(file.length));
        if (m !== null) text = `${Number(m[1]) === r.source?.line ? '' : `line ${m[1]}: `}${reason.slice(file.length + m[0].length)}`;
      }
      out.push({ kind: 'family', id: r.id, ...place(r.source), status: 'rejected', reason: text });
    }
  }
  const familySource = new Map<string, Where>();
  for (const f of families) if (!familySource.has(f.id)) familySource.set(f.id, place(f.source));
  for (const f of result.accounting.families) {
    if (f.status === 'scored') continue;
    for (const reason of f.reasons) out.push({ kind: 'family', id: f.id, ...familySource.get(f.id), status: f.status, reason });
  }
  const sources = new Map<string, Where[]>();
  for (const c of children) {
    const list = sources.get(c.sample);
    if (list === undefined) sources.set(c.sample, [place(c.source)]);
    else list.push(place(c.source));
  }
  const nextDuplicate = new Map<string, number>();
  for (const c of result.accounting.children) {
    if (c.status === 'scored') continue;
    const all = sources.get(c.id) ?? [];
    const duplicate = c.status === 'rejected' && all.length > 1 && c.reasons.some((r) => r.includes('given twice'));
    if (duplicate) {
      // the engine rejects every occurrence after the first: name each with its own file and line
      const k = nextDuplicate.get(c.id) ?? 1;
      nextDuplicate.set(c.id, k + 1);
      const first = all[0] ?? {};
      out.push({ kind: 'child', id: c.id, ...all[k], status: 'merged', reason: `child id given twice; this one is ignored and the first one is used${whereText(first) === '' ? '' : ` (first = ${whereText(first)})`}` });
      continue;
    }
    for (const reason of c.reasons) out.push({ kind: 'child', id: c.id, ...all[0], status: c.status, reason });
  }
  return out;
}

/** One stderr line per record: `file:line: rejected-child: reason (child = "id")`. */
export function rejectedLines(records: readonly RejectedRecord[]): string {
  return records
    .map((r) => {
      const where = whereText(r);
      const code = r.status === 'insufficient-data' ? `insufficient-data-${r.kind}` : `${r.status}-${r.kind}`;
      return `${where === '' ? '' : `${where}: `}${code}: ${r.reason} (${r.kind} = ${JSON.stringify(r.id)})\n`;
    })
    .join('');
}

/**
 * The `--rejected` CSV: `kind,id,file,line,reason`, one row per record and
 * reason; a record with insufficient data has a reason starting
 * `insufficient data: `.
 */
export function rejectedCsv(records: readonly RejectedRecord[]): string {
  const reason = (r: RejectedRecord): string => (r.status === 'insufficient-data' ? `insufficient data: ${r.reason}` : r.reason);
  return csvRows([['kind', 'id', 'file', 'line', 'reason'], ...records.map((r) => [r.kind, r.id, r.file ?? '', r.line === undefined ? '' : String(r.line), reason(r)])]);
}
