/**
 * The Y-STR part of `strkin lr` (a case with a `y` section): evidence by type
 * and the product in JSON (`byType`, `total`, `independence`, `y`) and as text.
 */
import { lrJson, type KinshipEvidence, type LRJson, type RatioValue } from '../../index.js';

const json = (v: RatioValue): LRJson => lrJson(v.lnLR, v.status);

/** JSON fields added to `strkin lr --json` when the case has Y evidence: `total` becomes the product of the evidence types. */
export function yEvidenceJson(e: KinshipEvidence): Record<string, unknown> {
  const y = e.y;
  return {
    total: json(e.total),
    byType: { autosomal: json(e.byType.autosomal), ...(e.byType.X !== undefined ? { X: json(e.byType.X) } : {}), ...(e.byType.Y !== undefined ? { Y: json(e.byType.Y) } : {}) },
    independence: e.assumption,
    ...(y !== undefined
      ? {
          y: {
            reference: y.reference,
            meioses: y.meioses,
            lociCompared: y.lociCompared,
            lociDiffering: y.lociDiffering,
            numerator: { lnP: y.lnNumerator },
            matchProbability: y.match,
            loci: y.loci,
            provenance: y.provenance,
          },
        }
      : {}),
  };
}

const fmt = (v: RatioValue): string => (v.status === 'ok' ? `${v.LR.toPrecision(6)} (log10LR = ${(v.log10LR as number).toFixed(4)})` : `${v.status === 'excluded' || v.status === 'undefined' ? '0' : v.status === 'infinite' ? 'Inf' : '1'} (${v.status})`);

/** The text lines added to `strkin lr` when the case has Y evidence. */
export function yEvidenceText(e: KinshipEvidence): string {
  const y = e.y;
  const out = [''];
  if (y !== undefined) {
    const several = y.provenance.references.length > 1;
    if (several) out.push(`Y-STR haplotypes: references ${y.provenance.references.map((r) => `${r.id} (${r.meioses} meioses)`).join(', ')}, compared jointly on the paternal-line tree; ${y.lociCompared} loci compared, ${y.lociDiffering} differing`);
    else out.push(`Y-STR haplotypes: reference ${y.reference}, ${y.meioses} meiosis(es) along the paternal line; ${y.lociCompared} loci compared, ${y.lociDiffering} differing`);
    if (several) out.push(`  ${'locus'.padEnd(10)} ${'man'.padStart(8)}  ${y.provenance.references.map((r) => r.id.padStart(8)).join(' ')}  (* not compared)`);
    for (const l of y.loci) {
      const refs = several ? y.provenance.references.map((r) => { const at = l.references.find((x) => x.id === r.id); return (at === undefined ? '-' : `${at.alleles}${at.used ? '' : '*'}`).padStart(8); }).join(' ') : l.reference.padStart(8);
      out.push(`  ${l.name.padEnd(10)} ${l.child.padStart(8)} ${refs}  ${l.status}${l.reason !== undefined ? ` (${l.reason})` : ''}${l.status === 'ok' ? `  P = ${Math.exp(l.lnP).toPrecision(6)}` : ''}`);
    }
    out.push(`  match probability (${y.match.method}) = ${y.match.probability.toPrecision(6)} (x = ${y.match.count} of N = ${y.match.size}${y.match.kappa !== undefined ? `, kappa = ${y.match.kappa.toFixed(4)}` : ''})`);
  }
  out.push('evidence by type:');
  out.push(`  autosomal LR = ${fmt(e.byType.autosomal)}`);
  if (e.byType.X !== undefined) out.push(`  X LR = ${fmt(e.byType.X)}`);
  if (e.byType.Y !== undefined) out.push(`  Y LR = ${fmt(e.byType.Y)}`);
  out.push(`  total (product) = ${fmt(e.total)}`);
  out.push(`  assumption: ${e.assumption}`);
  return `${out.join('\n')}\n`;
}
