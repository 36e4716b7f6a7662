/**
 * Content checksum of a frequency table, for provenance records.
 */
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import type { LocusFrequencies } from './FrequencyTable.js';

/** The contents a checksum covers: the numbers, not the labels. */
export interface FrequencyTableContent {
  /** Per-locus frequencies keyed by canonical locus name. */
  readonly loci: Readonly<Record<string, LocusFrequencies>>;
  /** Number of individuals, where known. */
  readonly n?: number;
}

/**
 * The canonical text that {@link frequencyTableChecksum} hashes: a version line, `n` if known, then
 * for each locus in code-point order of its name a line `locus<TAB>name<TAB>nAlleles<TAB>fmin` and
 * one line per allele `allele<TAB>frequency<TAB>count`, numbers written in JavaScript's shortest
 * round-trip form (`String(x)`), unknown values as empty fields.
 *
 * Cost: O(number of alleles).
 */
export function canonicalFrequencyText(content: FrequencyTableContent): string {
  const out: string[] = ['strkin-frequencies 1', `n\t${content.n ?? ''}`];
  const names = Object.keys(content.loci).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    const locus = content.loci[name];
    if (locus === undefined) continue;
    out.push(`locus\t${name}\t${locus.nAlleles ?? ''}\t${locus.fmin ?? ''}`);
    locus.alleles.forEach((allele, i) => {
      out.push(`${allele}\t${String(locus.frequencies[i])}\t${locus.counts?.[i] ?? ''}`);
    });
  }
  return out.join('\n') + '\n';
}

/**
 * SHA-256 (lower-case hex) of a table's contents: loci, alleles, frequencies, counts, nAlleles,
 * FMIN and n. The name, population, source and citation are left out, so the same numbers read
 * from a file and from a built-in table give the same checksum. Uses `@noble/hashes` (audited,
 * pure JavaScript, runs in browsers).
 *
 * Cost: O(number of alleles).
 *
 * @example
 * ```ts
 * const table = makeFrequencyTable({ name: 'a', loci: { TH01: { '6': 0.5, '7': 0.5 } } });
 * frequencyTableChecksum(table) === table.checksum; // => true
 * ```
 */
export function frequencyTableChecksum(content: FrequencyTableContent): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalFrequencyText(content))));
}
