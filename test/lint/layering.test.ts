// The lint rule of eslint.config.js keeps the layers of DESIGN.md pointing one
// way and the CLI on the public entries: each case lints one import line as if
// it were in the given file.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function restricted(filePath: string, from: string): Promise<boolean> {
  const [result] = await eslint.lintText(`import { x } from '${from}';\nexport const y = x;\n`, { filePath });
  return (result?.messages ?? []).some((m) => m.ruleId === 'no-restricted-imports');
}

describe('eslint layering rule', () => {
  it.each([
    ['src/cli/files.ts', '../search/plan.js'],
    ['src/cli/files.ts', '../version.js'],
    ['src/cli/commands/lr.ts', '../../likelihood/kinshipLR.js'],
    ['src/cli/commands/lr.ts', '../../io/caseFile.js'],
    ['src/likelihood/peel.ts', '../search/plan.js'],
    ['src/likelihood/peel.ts', '../index.js'],
    ['src/search/plan.ts', '../engine.js'],
    ['src/search/plan.ts', '../io/text.js'],
    ['src/search/plan.ts', '../simulate/random.js'],
    ['src/simulate/dropGenes.ts', '../search/plan.js'],
    ['src/report/searchReport.ts', '../cli/files.js'],
    ['src/profile/loci.ts', '../frequencies/FrequencyTable.js'],
    ['src/pedigree/queries.ts', '../mutation/mutationMatrix.js'],
    ['src/errors/StrkinError.ts', '../profile/Profile.js'],
    ['src/io/caseFile.ts', '../report/searchReport.js'],
    ['src/index.ts', './cli/main.js'],
    ['src/power/familyPower.ts', '../search/familyIndex.js'],
    ['src/power/familyPower.ts', '../simulate/random.js'],
    ['src/search/plan.ts', '../power/familyPower.js'],
    ['src/simulate/dropGenes.ts', '../power/lrGrid.js'],
    ['src/lineage/yLineageLR.ts', '../search/plan.js'],
    ['src/lineage/yLineageLR.ts', '../simulate/random.js'],
    ['src/likelihood/kinshipLR.ts', '../lineage/yLineageLR.js'],
    ['src/profile/Profile.ts', '../lineage/yLineageLR.js'],
  ])('refuses %s importing %s', async (file, from) => {
    expect(await restricted(file, from)).toBe(true);
  });

  it.each([
    ['src/cli/files.ts', '../index.js'],
    ['src/cli/parallelSearch.ts', '../engine.js'],
    ['src/cli/parallelSearch.ts', './searchWorker.js'],
    ['src/cli/commands/lr.ts', '../../index.js'],
    ['src/cli/commands/lr.ts', '../files.js'],
    ['src/likelihood/kinshipLR.ts', '../pedigree/Pedigree.js'],
    ['src/likelihood/kinshipLR.ts', '../version.js'],
    ['src/search/plan.ts', '../likelihood/MarkerModel.js'],
    ['src/simulate/simulateSearchScenario.ts', '../search/Family.js'],
    ['src/report/searchReport.ts', '../search/searchFamilies.js'],
    ['src/io/caseFile.ts', '../likelihood/kinshipLR.js'],
    ['src/frequencies/rareAllele.ts', '../profile/loci.js'],
    ['src/power/familyPower.ts', '../search/plan.js'],
    ['src/power/familyPower.ts', '../search/Family.js'],
    ['src/power/locusDistributions.ts', '../likelihood/peel.js'],
    ['src/report/powerReport.ts', '../power/familyPower.js'],
    ['src/lineage/yLineageLR.ts', '../likelihood/LRResult.js'],
    ['src/search/searchFamilies.ts', '../lineage/yLineageLR.js'],
    ['src/simulate/simulateYLineages.ts', '../lineage/stepwise.js'],
  ])('allows %s importing %s', async (file, from) => {
    expect(await restricted(file, from)).toBe(false);
  });
});
