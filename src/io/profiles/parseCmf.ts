/**
 * CODIS CMF 3.2 XML import files (formats.md §4.3).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { IssueCollector, ParseError } from '../../errors/StrkinError.js';
import { ProfileBuilder, type Profile, type ProfileReadOptions } from '../../profile/Profile.js';
import { stripBom } from '../text.js';
import { finish } from './columns.js';
import type { ProfileParseResult } from './types.js';
import { decodeText, optionsObject, type TextInput } from '../decodeText.js';

type XmlNode = Record<string, unknown>;

const REPEATED = new Set(['SPECIMEN', 'LOCUS', 'ALLELE']);

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (tagName) => REPEATED.has(tagName.toUpperCase()),
});

function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The child of a node by tag name, ignoring case. */
function child(node: XmlNode, name: string): unknown {
  if (name in node) return node[name];
  const upper = name.toUpperCase();
  for (const key of Object.keys(node)) if (key.toUpperCase() === upper) return node[key];
  return undefined;
}

/** Child elements as an array (absent -> empty). */
function children(node: XmlNode, name: string): unknown[] {
  const value = child(node, name);
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** The text of a leaf element (`<X>text</X>` or `<X a="1">text</X>`), or `undefined`. */
function textOf(value: unknown): string | undefined {
  if (Array.isArray(value)) return textOf(value[0]);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value).trim();
  if (isNode(value)) return textOf(value['#text'] ?? '');
  return undefined;
}

/**
 * Finds start tags `<NAME` (any namespace prefix) in document order, tracking
 * line numbers: the documented approximation used for specimen and locus
 * lines, since the XML parser gives none. A start tag inside a comment or CDATA
 * section would shift the count; CMF files written by CODIS have none.
 */
class TagLines {
  private index = 0;
  private line = 1;
  private readonly patterns = new Map<string, RegExp>();
  constructor(private readonly text: string) {}

  /** Line of the next `<name` start tag at or after the current position, or `undefined`. */
  next(name: string): number | undefined {
    let pattern = this.patterns.get(name);
    if (pattern === undefined) {
      pattern = new RegExp(`<(?:[\\w.-]+:)?${name}[\\s/>]`, 'g');
      this.patterns.set(name, pattern);
    }
    pattern.lastIndex = this.index;
    const m = pattern.exec(this.text);
    if (m === null) return undefined;
    for (let i = this.text.indexOf('\n', this.index); i >= 0 && i < m.index; i = this.text.indexOf('\n', i + 1)) this.line++;
    this.index = m.index + 1;
    return this.line;
  }
}

/**
 * Reads a CODIS CMF 3.2 import file: root `CODISImportFile` (with or without
 * the `urn:CODISImportFile-schema` namespace, prefixed or not), repeated
 * `SPECIMEN` elements with `SPECIMENID` and repeated `LOCUS` (`LOCUSNAME`,
 * repeated `ALLELE`/`ALLELEVALUE`). Header fields, `SPECIMENCATEGORY`,
 * `SOURCEID`, `CASEID` and `PARTIAL` are read past. Per-locus rules are
 * applied by {@link ProfileBuilder}. Specimen and locus line numbers come from
 * the position of their start tags in the text (see the source for the rule).
 *
 * Throws {@link ParseError} listing every error: `empty-file`, `bad-xml` (with
 * the validator's line), `bad-root`, `missing-value` (specimen without id,
 * locus without name), `duplicate-sample`, `bad-allele`, `duplicate-locus`.
 *
 * Cost: O(length of text); the whole document is held as a tree.
 *
 * @example
 * ```ts
 * const xml = '<CODISImportFile><SPECIMEN><SPECIMENID>U1</SPECIMENID><LOCUS><LOCUSNAME>TH01</LOCUSNAME>' +
 *   '<ALLELE><ALLELEVALUE>6</ALLELEVALUE></ALLELE><ALLELE><ALLELEVALUE>9.3</ALLELEVALUE></ALLELE></LOCUS></SPECIMEN></CODISImportFile>';
 * parseCmf(xml).profiles[0]?.genotypes['TH01']; // => ['6', '9.3']
 * ```
 */
export function parseCmf(input: TextInput, optionsIn: ProfileReadOptions = {}): ProfileParseResult {
  const options = optionsObject<ProfileReadOptions>(optionsIn);
  const text = decodeText(input, options.file === undefined ? {} : { file: options.file });
  const issues = new IssueCollector(options.file);
  const at = options.file === undefined ? {} : { file: options.file };
  const body = stripBom(text);
  if (body.trim() === '') throw new ParseError({ code: 'empty-file', message: 'The file is empty (no XML document)', path: [], ...at });
  const valid = XMLValidator.validate(body, { allowBooleanAttributes: true });
  if (valid !== true) {
    throw new ParseError({ code: 'bad-xml', message: `Not well-formed XML: ${valid.err.msg} (line = ${valid.err.line}, column = ${valid.err.col})`, path: [], line: valid.err.line, column: valid.err.col, ...at });
  }
  let document: unknown;
  try {
    document = parser.parse(body);
  } catch (error) {
    throw new ParseError({ code: 'bad-xml', message: `Not well-formed XML (reason = ${JSON.stringify(error instanceof Error ? error.message : String(error))})`, path: [], ...at });
  }
  const root = isNode(document) ? child(document, 'CODISImportFile') : undefined;
  if (!isNode(root)) {
    const found = isNode(document) ? Object.keys(document).filter((k) => !k.startsWith('?')).join(', ') : '';
    throw new ParseError({ code: 'bad-root', message: `Not a CODIS import file: the root element is not CODISImportFile (root = ${JSON.stringify(found)})`, path: [], ...at });
  }
  const lines = new TagLines(body);
  const profiles: Profile[] = [];
  const firstLine = new Map<string, number | undefined>();
  const source = { ...at, format: 'cmf' };
  children(root, 'SPECIMEN').forEach((specimen, s) => {
    const line = lines.next('SPECIMEN');
    const where = line === undefined ? {} : { line };
    const node = isNode(specimen) ? specimen : {};
    const id = textOf(child(node, 'SPECIMENID')) ?? '';
    if (id === '') {
      issues.add({ code: 'missing-value', message: `Specimen without a SPECIMENID; specimen set aside (specimen = ${s + 1})`, path: ['SPECIMEN', s], ...where });
      return;
    }
    if (firstLine.has(id)) {
      const first = firstLine.get(id);
      issues.add({ code: 'duplicate-sample', message: `Specimen given twice${first === undefined ? '' : ` (first on line ${first})`} (sample = ${JSON.stringify(id)})`, path: [id], ...where });
      return;
    }
    firstLine.set(id, line);
    const builder = new ProfileBuilder(id, issues, options, { ...source, ...where });
    children(node, 'LOCUS').forEach((locus, l) => {
      const locusLine = lines.next('LOCUS') ?? line;
      const locusNode = isNode(locus) ? locus : {};
      const name = textOf(child(locusNode, 'LOCUSNAME')) ?? '';
      if (name === '') {
        issues.add({ code: 'missing-value', message: `Locus without a LOCUSNAME; locus set aside (sample = ${JSON.stringify(id)}, locus = ${l + 1})`, path: [id, l], ...(locusLine === undefined ? {} : { line: locusLine }) });
        return;
      }
      const alleles = children(locusNode, 'ALLELE').map((allele) => (isNode(allele) ? textOf(child(allele, 'ALLELEVALUE')) : textOf(allele)) ?? '');
      builder.addLocus(name, alleles, locusLine);
    });
    profiles.push(builder.build());
  });
  return finish(profiles, issues);
}
