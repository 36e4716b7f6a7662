/**
 * STRidER XML frequency exports: `<frequencies><marker><name>TH01</name><origin name="..." n="...">
 * <frequency allele="9.3">0.3</frequency>...`. Parsed with fast-xml-parser (namespace prefixes
 * removed); line numbers come from the parser's node offsets.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { IssueCollector } from '../../errors/StrkinError.js';
import { finishDraft, newDraft, quote, readNumberCell, type LocusDraft, type ReadFrequencies } from './cells.js';
import { choosePopulation } from './readLong.js';

type XmlNode = Record<string, unknown>;

const ARRAYS = new Set(['marker', 'origin', 'frequency']);

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);
const isNode = (value: unknown): value is XmlNode => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : isNode(value) ? text(value['#text']) : '');

/** Reads a STRidER XML export, adding problems to `issues`. @internal */
export function readStriderFrequencies(xml: string, issues: IssueCollector, population?: string): ReadFrequencies {
  const body = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  const valid = XMLValidator.validate(body);
  if (valid !== true) {
    issues.add({ code: 'bad-xml', message: `Not well-formed XML: ${valid.err.msg.replace(/\s+/g, ' ')} (code = ${valid.err.code})`, path: [], line: valid.err.line, column: valid.err.col });
    return { loci: [] };
  }
  const lineStarts: number[] = [0];
  for (let i = body.indexOf('\n'); i >= 0; i = body.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const meta = XMLParser.getMetaDataSymbol() as unknown as string;
  const lineOf = (node: unknown): { line?: number } => {
    const start = isNode(node) ? (node[meta] as { startIndex?: number } | undefined)?.startIndex : undefined;
    if (start === undefined) return {};
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= start) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1 };
  };
  let doc: XmlNode;
  try {
    const parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      removeNSPrefix: true,
      parseTagValue: false,
      parseAttributeValue: false,
      processEntities: true,
      captureMetaData: true,
      isArray: (name) => ARRAYS.has(name),
    });
    doc = parser.parse(body) as XmlNode;
  } catch (error) {
    issues.add({ code: 'bad-xml', message: `Unreadable XML (error = ${quote(error instanceof Error ? error.message : String(error))})`, path: [] });
    return { loci: [] };
  }
  const root = doc['frequencies'];
  if (!isNode(root)) {
    issues.add({ code: 'bad-xml', message: `Expected a <frequencies> root element (root = ${quote(Object.keys(doc).filter((k) => !k.startsWith('?'))[0] ?? '')})`, path: [], line: 1 });
    return { loci: [] };
  }
  const markers = asArray(root['marker']).filter(isNode);
  const originsOf = (marker: XmlNode): XmlNode[] => {
    const origins = asArray(marker['origin']).filter(isNode);
    // Frequencies directly under a marker form one unnamed origin.
    return origins.length > 0 ? origins : marker['frequency'] !== undefined ? [marker] : [];
  };
  const originName = (origin: XmlNode): string => text(origin['@_name']).trim();
  const available = [...new Set(markers.flatMap((m) => originsOf(m).map(originName)))];
  const chosen = available.length === 1 && available[0] === '' && population === undefined ? '' : choosePopulation(available.filter((a) => a !== ''), population, issues, 1);
  if (chosen === undefined) return { loci: [] };
  const loci: LocusDraft[] = [];
  if (markers.length === 0) issues.add({ code: 'empty-table', message: 'The XML has no <marker> elements (markers = 0)', path: [], line: 1 });
  for (const marker of markers) {
    const name = (text(marker['name']) || text(marker['@_name'])).trim();
    const at = lineOf(marker);
    if (name === '') {
      issues.add({ code: 'bad-locus', message: 'A <marker> has no <name> (name = "")', path: [], ...at });
      continue;
    }
    const origin = originsOf(marker).find((o) => originName(o) === chosen);
    if (origin === undefined) continue;
    const draft = newDraft(name, lineOf(origin).line ?? at.line);
    const nText = text(origin['@_n']).trim();
    if (nText !== '') {
      const n = readNumberCell(nText, false);
      if (n === undefined || !Number.isInteger(2 * n) || n <= 0) {
        issues.add({ code: 'bad-sample-size', message: `Sample size n must be a positive number of individuals (${name} n = ${quote(nText)})`, path: ['loci', name, 'n'], ...lineOf(origin) });
      } else draft.nAlleles = 2 * n;
    }
    for (const f of asArray(origin['frequency'])) {
      const fAt = lineOf(f);
      const allele = isNode(f) ? text(f['@_allele']).trim() : '';
      const value = text(f).trim();
      const number = readNumberCell(value, false);
      if (number === undefined) {
        issues.add({ code: 'bad-frequency', message: `Frequency is not a number (${name} ${allele} frequency = ${quote(value)})`, path: ['loci', name, allele], ...fAt });
        draft.incomplete = true;
        continue;
      }
      draft.alleles.push(allele);
      draft.frequencies.push(number);
      draft.lines.push(fAt.line);
      draft.columns.push(undefined);
    }
    loci.push(draft);
  }
  return { loci: loci.map(finishDraft), ...(chosen !== '' ? { population: chosen } : {}) };
}
