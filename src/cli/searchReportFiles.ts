/**
 * The files of `strkin search --report DIR`: `index.html` and `index.json`,
 * then for each listed pair (each row of the search output) its page as HTML,
 * JSON and per-locus CSV under `pairs/`. Each pair is recomputed alone with
 * `familyLR` (the value the search reports for it) to get its per-locus table.
 */
import { buildPairReport, buildSearchReportIndex, familyLR, type Family, type FamilyIndexOptions, type Identification, kinshipReportCsv, kinshipReportHtml, kinshipReportJson, pairReportFileName, type Profile, type ReportInput, searchReportIndexHtml, searchReportIndexJson, type SearchResult, type VerbalScale } from '../index.js';

/** Settings of the report pages: the search's own, plus the scale, inputs and the prior's note. */
export interface SearchReportSettings extends FamilyIndexOptions {
  readonly mutation: NonNullable<FamilyIndexOptions['mutation']>;
  readonly scale: VerbalScale;
  readonly inputs: readonly ReportInput[];
  readonly priorNote: string;
}

/** Every file of the report folder (paths relative to it), index first. */
export function searchReportFiles(result: SearchResult, identification: Identification, children: readonly Profile[], families: readonly Family[], settings: SearchReportSettings): { path: string; text: string }[] {
  const generated = new Date().toISOString();
  const childBySample = new Map<string, Profile>();
  for (const c of children) if (!childBySample.has(c.sample)) childBySample.set(c.sample, c);
  const familyById = new Map<string, Family>();
  for (const f of families) if (!familyById.has(f.id)) familyById.set(f.id, f);
  const decisionOf = new Map(identification.decisions.map((d) => [d.child, d]));
  const names = result.matches.map((m, i) => `pairs/${pairReportFileName(i, m)}`);
  const files: { path: string; text: string }[] = [];
  const index = buildSearchReportIndex(result, identification, { generated, inputs: settings.inputs, pages: names.map((n) => `${n}.html`) });
  files.push({ path: 'index.html', text: searchReportIndexHtml(index) }, { path: 'index.json', text: searchReportIndexJson(index) });
  result.matches.forEach((m, i) => {
    const child = childBySample.get(m.child);
    const family = familyById.get(m.family);
    if (child === undefined || family === undefined) return; // every match names a searched child and family
    const lr = familyLR(child, family, m.missing, settings);
    const d = decisionOf.get(m.child);
    const notes = [
      `Search: this pair is listed with log10 LR ${m.log10LR === null ? 'null' : m.log10LR.toFixed(3)}, ${m.lociCompared} loci compared, ${m.lociInconsistent} inconsistent without mutation; rank ${m.rankForChild ?? '–'} for the child, ${m.rankForFamily ?? '–'} for the family.`,
      ...(d !== undefined ? [`Decision for ${m.child} over the whole search: ${d.decision}${d.family !== null ? ` (family ${d.family}, missing person ${d.missing ?? ''}, database-wide posterior ${d.posterior === null ? '–' : d.posterior.toPrecision(6)})` : ''}. The posterior above is this pair's own, at the search prior.`] : []),
    ];
    const report = buildPairReport({ child, family, missing: m.missing }, lr, {
      prior: result.settings.prior,
      priorNote: settings.priorNote,
      scale: settings.scale,
      inputs: settings.inputs,
      generated,
      mutationModel: `${settings.mutation} (built-in per-locus rates)`,
      rareAlleleRule: result.provenance.frequencies.rareAlleleRule,
      notes,
    });
    const name = names[i] as string;
    files.push({ path: `${name}.html`, text: kinshipReportHtml(report) }, { path: `${name}.json`, text: kinshipReportJson(report) }, { path: `${name}.csv`, text: kinshipReportCsv(report) });
  });
  return files;
}
