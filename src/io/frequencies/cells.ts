/**
 * Number cells of frequency files. Internal to the frequency readers.
 */
import type { LocusInput } from '../../frequencies/FrequencyTable.js';

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const NUMBER_COMMA = /^[+-]?(?:\d+(?:,\d*)?|,\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Reads a decimal number cell (`0.123`, `1e-3`; `0,123` too when `decimalComma`), or `undefined`
 * when the cell is not a finite number. Never returns NaN. @internal
 */
export function readNumberCell(text: string, decimalComma: boolean): number | undefined {
  const raw = text.trim();
  let value: number | undefined;
  if (NUMBER.test(raw)) value = Number(raw);
  else if (decimalComma && NUMBER_COMMA.test(raw)) value = Number(raw.replace(',', '.'));
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

/** A mutable locus being read from a file. @internal */
export interface LocusDraft {
  locus: string;
  line?: number;
  alleles: string[];
  frequencies: number[];
  counts: (number | undefined)[];
  lines: (number | undefined)[];
  columns: (number | undefined)[];
  nAlleles?: number;
  fmin?: number;
  incomplete?: boolean;
}

/** A new empty locus draft. @internal */
export function newDraft(locus: string, line?: number): LocusDraft {
  return { locus, ...(line !== undefined ? { line } : {}), alleles: [], frequencies: [], counts: [], lines: [], columns: [] };
}

/** Turns a draft into a {@link LocusInput}; counts are kept only if every allele has one. @internal */
export function finishDraft(d: LocusDraft): LocusInput {
  const counts = d.counts.length === d.alleles.length && d.counts.every((c) => c !== undefined) ? (d.counts as number[]) : undefined;
  return {
    locus: d.locus,
    alleles: d.alleles,
    frequencies: d.frequencies,
    ...(counts !== undefined && counts.length > 0 ? { counts } : {}),
    ...(d.nAlleles !== undefined ? { nAlleles: d.nAlleles } : {}),
    ...(d.fmin !== undefined ? { fmin: d.fmin } : {}),
    ...(d.line !== undefined ? { line: d.line } : {}),
    ...(d.incomplete === true ? { incomplete: true } : {}),
    lines: d.lines,
    columns: d.columns,
  };
}

/** What each reader returns before validation. @internal */
export interface ReadFrequencies {
  readonly loci: LocusInput[];
  readonly population?: string;
}

/** JSON-quotes a value for messages. @internal */
export const quote = (value: string): string => JSON.stringify(value);
