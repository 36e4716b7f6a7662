/**
 * One entry point for every profile layout.
 */
import { ValidationError, safely, type Result } from '../../errors/StrkinError.js';
import type { BadAlleleRule } from '../../profile/Profile.js';
import type { Delimiter } from '../text.js';
import { detectProfileFormat } from './detectProfileFormat.js';
import { parseCmf } from './parseCmf.js';
import { parseGeneMapper } from './parseGeneMapper.js';
import { parseProfilesJson } from './parseProfilesJson.js';
import { parseWideProfiles } from './parseWideProfiles.js';
import type { ProfileFormat, ProfileParseResult } from './types.js';
import { decodeText, optionsObject, type TextInput } from '../decodeText.js';

/** Options of {@link parseProfiles}. */
export interface ParseProfilesOptions {
  /** The layout. Default: detected by {@link detectProfileFormat} from the text and `file`. */
  readonly format?: ProfileFormat;
  /** File name, used in issues and for format detection. Default: none. */
  readonly file?: string;
  /** `error` (default): an unreadable allele makes the input invalid; `skip`: its locus is set aside with a `bad-allele` warning. */
  readonly badAllele?: BadAlleleRule;
  /** Field separator of delimited layouts. Default: detected from the header line. Ignored for `cmf` and `json`. */
  readonly delimiter?: Delimiter;
}

/**
 * Reads profiles from text in any supported layout (GeneMapper ID-X export,
 * wide table, CODIS CMF 3.2 XML, strkin JSON), detecting the layout unless
 * `format` is given. Every row becomes data or an issue: warnings (loci set
 * aside) are returned in `issues`; if there is any error, a
 * {@link ParseError} is thrown whose `issues` list every problem found, each
 * with file, line (where there is one), code and message.
 *
 * `input` is the text, or the file's bytes (`fs.readFileSync(file)`): decoded as strict UTF-8
 * (UTF-16 with a byte-order mark), `bad-encoding` with the line for invalid bytes; see {@link decodeText}.
 *
 * Cost: O(length of text).
 *
 * @example
 * ```ts
 * const { profiles, issues } = parseProfiles('Sample,AMEL,TH01,DYS391\nS1,"X,Y",9.3/6,10\n', { file: 'refs.csv' });
 * profiles[0]?.sex; // => 'male'
 * profiles[0]?.y?.loci['DYS391']; // => ['10'] // the Y-STR haplotype (docs/lineage.md)
 * ```
 */
export function parseProfiles(input: TextInput, optionsIn: ParseProfilesOptions = {}): ProfileParseResult {
  const options = optionsObject<ParseProfilesOptions>(optionsIn);
  const text = decodeText(input, options.file === undefined ? {} : { file: options.file });
  const format = options.format ?? detectProfileFormat(text, options.file);
  const read = {
    ...(options.file === undefined ? {} : { file: options.file }),
    ...(options.badAllele === undefined ? {} : { badAllele: options.badAllele }),
  };
  const delimited = options.delimiter === undefined ? read : { ...read, delimiter: options.delimiter };
  switch (format) {
    case 'genemapper':
      return parseGeneMapper(text, delimited);
    case 'wide':
      return parseWideProfiles(text, delimited);
    case 'cmf':
      return parseCmf(text, read);
    case 'json':
      return parseProfilesJson(text, read);
  }
  throw new ValidationError({ code: 'bad-option', message: `Unknown profile format (format = ${JSON.stringify(format)})`, path: ['format'] });
}

/**
 * {@link parseProfiles} without throwing: `{ ok: true, value }` or
 * `{ ok: false, error }` with every issue in `error.issues`.
 *
 * @example
 * ```ts
 * const result = safeParseProfiles('');
 * if (!result.ok) result.error.code; // => 'empty-file'
 * ```
 */
export function safeParseProfiles(input: TextInput, options: ParseProfilesOptions = {}): Result<ProfileParseResult> {
  return safely(() => parseProfiles(input, options));
}
