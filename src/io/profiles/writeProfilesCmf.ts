/**
 * Writes profiles as a CODIS CMF 3.2 XML import file.
 */
import { ValidationError } from '../../errors/StrkinError.js';
import type { Profile } from '../../profile/Profile.js';
import { own } from '../../util/dict.js';
import { checkArray, checkObject } from '../../util/args.js';

/** Options of {@link writeProfilesCmf}: header fields, written only when given. */
export interface WriteProfilesCmfOptions {
  /** `SOURCELAB` (the submitting laboratory's ORI). Default: not written. */
  readonly sourceLab?: string;
  /** `DESTINATIONORI`. Default: not written. */
  readonly destinationOri?: string;
  /** `SUBMITBYUSERID`. Default: not written. */
  readonly submitByUserId?: string;
  /** `SUBMITDATETIME`, e.g. `2024-05-17T10:30:00`. Default: not written (strkin writes no clock time unasked). */
  readonly submitDateTime?: string;
  /** `KIT`. Default: not written. */
  readonly kit?: string;
  /** `SPECIMENCATEGORY` of every specimen, e.g. `Unidentified Human (Remains)`. Default: not written. */
  readonly specimenCategory?: string;
}

/** XML text: `&`, `<`, `>` and quotes escaped. */
function xmlText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;'));
}

/**
 * Characters a CMF file cannot carry in a name: control characters but tab and
 * LF (a CR is turned into LF by XML readers), lone surrogates, U+FFFE/FFFF.
 */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Writes profiles as a CODIS CMF 3.2 import file (formats.md §4.3): root
 * `CODISImportFile` in the `urn:CODISImportFile-schema` namespace,
 * `HEADERVERSION` 3.2 and `MESSAGETYPE` Import, the header fields given in
 * `options`, then one `SPECIMEN` per profile (`SPECIMENID`, `PARTIAL` true
 * when a locus has one known allele) with one `LOCUS` per typed locus
 * (`LOCUSNAME`, `ALLELE`/`ALLELEVALUE`; a homozygote written once, a partial
 * genotype as its known allele and `-`) and an `AMEL` locus for a known sex.
 * Text is XML-escaped. {@link parseCmf} reads it back to the same sample, sex
 * and genotypes; family, relationship and set-aside loci are not carried by
 * CMF (use {@link writeProfilesJson} to keep them).
 *
 * Cost: O(samples x loci).
 *
 * @throws {@link ValidationError} `bad-name` when a sample name holds a character a CMF file cannot carry (a control character other than tab and line feed, carriage return included).
 * @example
 * ```ts
 * const xml = writeProfilesCmf([{ sample: 'U1 <&>', sex: 'male', genotypes: { TH01: ['6', '9.3'] }, skipped: [] }]);
 * parseCmf(xml).profiles[0]?.sample; // => 'U1 <&>'
 * parseCmf(xml).profiles[0]?.genotypes['TH01']; // => ['6', '9.3']
 * ```
 */
export function writeProfilesCmf(profiles: readonly Profile[], options: WriteProfilesCmfOptions = {}): string {
  checkArray(profiles, 'profiles', true);
  checkObject(options, 'options');
  const bad = profiles.findIndex((p) => NOT_XML.test(p.sample));
  if (bad >= 0) {
    throw new ValidationError({ code: 'bad-name', message: `A sample name holds a character a CMF file cannot carry (a control character) (sample = ${JSON.stringify(profiles[bad]?.sample)})`, path: ['profiles', bad, 'sample'] });
  }
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', '<CODISImportFile xmlns="urn:CODISImportFile-schema">', '  <HEADERVERSION>3.2</HEADERVERSION>', '  <MESSAGETYPE>Import</MESSAGETYPE>'];
  const header: [string, string | undefined][] = [['DESTINATIONORI', options.destinationOri], ['SOURCELAB', options.sourceLab], ['SUBMITBYUSERID', options.submitByUserId], ['SUBMITDATETIME', options.submitDateTime], ['KIT', options.kit]];
  for (const [tag, value] of header) if (value !== undefined) out.push(`  <${tag}>${xmlText(value)}</${tag}>`);
  const locus = (name: string, alleles: readonly string[]): string =>
    `    <LOCUS>\n      <LOCUSNAME>${xmlText(name)}</LOCUSNAME>\n${alleles.map((a) => `      <ALLELE><ALLELEVALUE>${xmlText(a)}</ALLELEVALUE></ALLELE>\n`).join('')}    </LOCUS>`;
  for (const p of profiles) {
    const loci = Object.keys(p.genotypes);
    const partial = loci.some((l) => own(p.genotypes, l)?.[1] === null);
    out.push(`  <SPECIMEN PARTIAL="${partial ? 'true' : 'false'}">`, `    <SPECIMENID>${xmlText(p.sample)}</SPECIMENID>`);
    if (options.specimenCategory !== undefined) out.push(`    <SPECIMENCATEGORY>${xmlText(options.specimenCategory)}</SPECIMENCATEGORY>`);
    for (const l of loci) {
      const g = own(p.genotypes, l);
      if (g === undefined) continue;
      out.push(locus(l, g[1] === null ? [g[0], '-'] : g[0] === g[1] ? [g[0]] : [g[0], g[1]]));
    }
    if (p.sex !== 'unknown') out.push(locus('AMEL', p.sex === 'male' ? ['X', 'Y'] : ['X']));
    out.push('  </SPECIMEN>');
  }
  out.push('</CODISImportFile>');
  return `${out.join('\n')}\n`;
}
