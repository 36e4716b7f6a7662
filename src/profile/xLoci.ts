/**
 * X-chromosomal STR loci: canonical names and the linkage groups of the
 * Investigator Argus X-12 kit (QIAGEN), whose loci lie in four clusters on the
 * X chromosome (Szibor et al. 2003, Int J Legal Med 117:67-74; Argus X-12
 * handbook). Loci of one group are linked: their alleles are not inherited
 * independently, so multiplying their LRs (strkin's default, as for unlinked
 * markers) is an approximation, and strkin warns when two of one group are used
 * together (docs/lineage.md).
 */
/** One linkage group of X loci. */
export interface XLinkageGroup {
  /** `I` to `IV`. */
  readonly name: string;
  /** Canonical locus names, in map order. */
  readonly loci: readonly string[];
}

/** The four linkage groups of Argus X-12 (I: Xp22, II: Xq12, III: Xq26, IV: Xq28). */
export const ARGUS_X12_LINKAGE_GROUPS: readonly XLinkageGroup[] = [
  { name: 'I', loci: ['DXS10148', 'DXS10135', 'DXS8378'] },
  { name: 'II', loci: ['DXS7132', 'DXS10079', 'DXS10074'] },
  { name: 'III', loci: ['DXS10103', 'HPRTB', 'DXS10101'] },
  { name: 'IV', loci: ['DXS10146', 'DXS10134', 'DXS7423'] },
];

/**
 * Canonical names of the X-chromosomal STR loci strkin knows: the twelve of
 * Argus X-12, and other loci of X kits and population studies. Any other
 * `DXS…` name is also read as an X locus, kept as written.
 */
export const X_LOCI: readonly string[] = [
  ...ARGUS_X12_LINKAGE_GROUPS.flatMap((g) => g.loci),
  'DXS101', 'DXS6789', 'DXS6795', 'DXS6800', 'DXS6801', 'DXS6803', 'DXS6807', 'DXS6809', 'DXS6810',
  'DXS7130', 'DXS7133', 'DXS8377', 'DXS9898', 'DXS9902', 'DXS10011', 'DXS10075', 'DXS10077',
  'DXS10078', 'DXS10147', 'GATA144D04', 'GATA165B12', 'GATA172D05', 'GATA31E08',
];

/** Extra spellings of X loci (key -> canonical). */
export const X_ALIASES: Readonly<Record<string, string>> = {
  HPRT: 'HPRTB',
  HPRTB: 'HPRTB',
};

/**
 * For each Argus X-12 linkage group with two or more of `loci` (canonical
 * names), the group and those loci, in group order.
 *
 * Cost: O(loci).
 *
 * @example
 * ```ts
 * linkedXLoci(['DXS10148', 'DXS8378', 'HPRTB']); // => [{ group: 'I', loci: ['DXS10148', 'DXS8378'] }]
 * ```
 */
export function linkedXLoci(loci: readonly string[]): { readonly group: string; readonly loci: readonly string[] }[] {
  const used = new Set(loci);
  const out: { group: string; loci: string[] }[] = [];
  for (const g of ARGUS_X12_LINKAGE_GROUPS) {
    const together = g.loci.filter((l) => used.has(l));
    if (together.length >= 2) out.push({ group: g.name, loci: together });
  }
  return out;
}
