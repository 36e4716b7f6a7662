/**
 * The text of an input, as every `parse*` / `safeParse*` function receives it:
 * a string, or the bytes of a file (a Node `Buffer`, a `Uint8Array` or an
 * `ArrayBuffer`). Bytes are decoded strictly: UTF-8 (with or without a BOM),
 * or UTF-16 when a UTF-16 byte-order mark says so (spreadsheets' "Unicode
 * text"); invalid UTF-8 (a Latin-1 or Windows-1252 export) is refused with
 * `bad-encoding` and the line and column of the first bad byte, never
 * replaced by U+FFFD. A file whose only line ends are CRs (old Mac, "CSV (Macintosh)")
 * is read with those CRs as line ends. Runs in browsers too (TextDecoder).
 */
import { ParseError, ValidationError } from '../errors/StrkinError.js';

/** What the readers accept as the content of a file. */
export type TextInput = string | Uint8Array | ArrayBuffer;

/** Options of {@link decodeText}. */
export interface DecodeTextOptions {
  /** File name put on issues. Default: none. */
  readonly file?: string;
  /** Name of the argument, for `bad-argument`. Default `text`. */
  readonly argument?: string;
}

const describeValue = (value: unknown): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `an object (${Object.prototype.toString.call(value).slice(8, -1)})`;
  return typeof value;
};

/** Byte offset of the first byte that is not part of a valid UTF-8 sequence, or -1. O(n). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    if (i + need >= n) return i;
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * Text with CR-only line ends (old Mac, "CSV (Macintosh)": a CR and no LF
 * anywhere) gets LF line ends; any other text is returned as it is (a CR
 * inside a quoted cell of an LF or CRLF file is data).
 */
export function normalizeLineEnds(text: string): string {
  if (text.indexOf('\r') < 0 || text.indexOf('\n') >= 0) return text;
  return text.replace(/\r/g, '\n');
}

function decodeBytes(bytes: Uint8Array, file: string | undefined): string {
  const at = file !== undefined ? { file } : {};
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      throw new ParseError({ code: 'bad-encoding', message: `The file starts with a UTF-16 byte-order mark but is not valid UTF-16 (encoding = ${encoding})`, path: [], ...at });
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset; i++) {
      if (bytes[i] === 10 || (bytes[i] === 13 && bytes[i + 1] !== 10)) {
        line++;
        lineStart = i + 1;
      }
    }
    // column in characters of the valid text before the bad byte on its line
    const column = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, Math.max(lineStart, offset))).length + 1;
    const byte = (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    throw new ParseError({
      code: 'bad-encoding',
      message: `The file is not valid UTF-8; save it as UTF-8 (it may be a Latin-1 or Windows-1252 export) (byte = 0x${byte}, offset = ${offset})`,
      path: [],
      line,
      column,
      ...at,
    });
  }
}

/**
 * The text of an input: a string as it is, bytes decoded strictly (see the
 * module comment); CR-only line ends become LF. Throws `bad-argument`
 * (ValidationError) for anything else, `bad-encoding` (ParseError) for bytes
 * that are not valid UTF-8.
 *
 * Cost: O(length of input).
 *
 * @example
 * ```ts
 * decodeText(new TextEncoder().encode('Sample,TH01\rS1,9.3\r')); // 'Sample,TH01\nS1,9.3\n'
 * ```
 */
export function decodeText(input: unknown, options: DecodeTextOptions = {}): string {
  if (typeof input === 'string') return normalizeLineEnds(input);
  if (input instanceof Uint8Array) return normalizeLineEnds(decodeBytes(input, options.file));
  if (input instanceof ArrayBuffer) return normalizeLineEnds(decodeBytes(new Uint8Array(input), options.file));
  const at = options.file !== undefined ? { file: options.file } : {};
  throw new ValidationError({ code: 'bad-argument', message: `Expected the text of a file: a string, or a Buffer / Uint8Array of UTF-8 bytes (${options.argument ?? 'text'} = ${describeValue(input)})`, path: [options.argument ?? 'text'], ...at });
}

/**
 * The options argument of a reader: `undefined` gives `{}`, a plain object is
 * kept, anything else is `bad-argument`.
 */
export function optionsObject<T extends object>(options: unknown, argument = 'options'): T {
  if (options === undefined) return {} as T;
  if (typeof options === 'object' && options !== null && !Array.isArray(options)) return options as T;
  throw new ValidationError({ code: 'bad-argument', message: `Options must be an object (${argument} = ${describeValue(options)})`, path: [argument] });
}
