// The @example blocks of the power exports, run as written (style.md §7), with
// the family and plan they assume defined here.
import { describe, expect, it } from 'vitest';
import { builtinTable } from '../../src/frequencies/builtin.js';
import { parseFamilies } from '../../src/io/families/parseFamilies.js';
import type { Profile } from '../../src/profile/Profile.js';
import { planSearch } from '../../src/search/plan.js';
import { familyPower } from '../../src/power/familyPower.js';
import { familyDistributions } from '../../src/power/locusDistributions.js';
import { exceedance } from '../../src/power/lrGrid.js';
import { powerFigures, validatePowerOptions } from '../../src/power/powerFigures.js';
import { candidateRelatives } from '../../src/power/suggestRelatives.js';
import { powerCsvColumns, writePowerCsv, writePowerJson } from '../../src/report/powerReport.js';

const father: Profile = { sample: 'AF', sex: 'male', genotypes: { TH01: ['6', '9.3'] }, skipped: [] };
const { families } = parseFamilies('family,sample,relationship\nF1,AF,father\n', { profiles: [father] });

describe('TSDoc examples (power)', () => {
  it('familyPower', () => {
    const result = familyPower(families, { frequencies: builtinTable(), mutation: 'none' });
    const th01 = builtinTable().loci['TH01'];
    const p = (a: string) => th01?.frequencies[th01.alleles.indexOf(a)] as number;
    expect(result.rows[0]?.exclusionPower).toBeCloseTo((1 - p('6') - p('9.3')) ** 2, 12);
    expect(result.rows[0]?.exclusionPower).toBeGreaterThan(0.17);
    expect(result.rows[0]?.exclusionPower).toBeLessThan(0.18);
    expect(result.rows[0]?.pExceed[0]?.threshold).toBe(10);
    expect(JSON.parse(writePowerJson(result)).families[0].pIdentified).toBe(result.rows[0]?.pIdentified);
    expect(writePowerCsv(result).split('\n')).toHaveLength(3);
  });
  it('familyDistributions and powerFigures', () => {
    const family = families[0];
    if (family === undefined) throw new Error('no family');
    const plan = planSearch([family], [], { frequencies: builtinTable(), mutation: 'none' });
    const d = familyDistributions(family, plan);
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    const h1 = d.targets[0]?.loci[0]?.h1 as Float64Array;
    expect(h1.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 14);
    expect(powerFigures(d.targets[0]!, validatePowerOptions({})).exclusionPower).toBeGreaterThan(0.17);
  });
  it('exceedance, validatePowerOptions, powerCsvColumns, candidateRelatives', () => {
    expect(exceedance([{ log10LR: [1, -1], probability: [0.5, 0.5] }], [0, 1, 2]).exceed).toEqual([0.5, 0.5, 0]);
    expect(validatePowerOptions({}).gridStep).toBe(0.001);
    expect(powerCsvColumns([10]).slice(6, 8)).toEqual(['p_h1_ge_1e1', 'p_h2_ge_1e1']);
    expect(candidateRelatives(families[0]!, families[0]!.missing[0]!).map((c) => c.relative)).toEqual(expect.arrayContaining(['mother', 'full-sibling', 'grandmother-paternal']));
  });
});
