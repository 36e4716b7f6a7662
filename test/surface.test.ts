// The two entries: `strkin` (src/index.ts) lists what users call, `strkin/engine`
// (src/engine.ts) the building blocks under it; no name is in both.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as engine from '../src/engine.js';
import * as root from '../src/index.js';

describe('public surface', () => {
  it('exports no value from both entries', () => {
    const both = Object.keys(engine).filter((name) => name in root);
    expect(both).toEqual([]);
  });

  it('keeps kernels, worker plumbing and engine internals out of the root entry', () => {
    const internals = [
      'scanRange', 'mergeScans', 'rebaseScan', 'planSearch', 'buildFamilyIndex', 'orderFamilies', 'encodeChildren', 'finishSearch',
      'lnLikelihood', 'lnQueryLikelihoods', 'indexPedigree', 'evidenceFor', 'ratio', 'combineRatios', 'withoutMutation',
      'pairwiseMarkerLRIndexed', 'pairwiseLnLRIndexed', 'pairwiseLnLRProfileIndexed', 'UNTYPED_ALLELE',
      'IssueCollector', 'readDelimited', 'eachDelimitedRow', 'writeDelimited', 'detectDelimiter', 'stripBom',
      'genotypeIndex', 'genotypeCount', 'genotypeAlleles', 'readAlleleCell', 'locusKey',
    ];
    for (const name of internals) {
      expect(name in root, `${name} in strkin`).toBe(false);
      expect(name in engine, `${name} in strkin/engine`).toBe(true);
    }
  });

  it('exports what users call from the root entry', () => {
    const calls = [
      'parseProfiles', 'safeParseProfiles', 'ProfileBuilder', 'makeFrequencyTable', 'parseFrequencies', 'builtinTable', 'markerFrequencies',
      'makePedigree', 'relationshipPedigree', 'pedigreeFromRelations', 'parseFamilies', 'parseCase', 'makeMarkerModel', 'defaultMutation',
      'kinshipLR', 'pairwiseLR', 'pairwiseMarkerLR', 'searchFamilies', 'screenRelatives', 'writeSearchCsv', 'writeSearchJson',
      'simulateGenotypes', 'simulateLRDistribution', 'simulateSearchScenario', 'makeRandom', 'StrkinError', 'ValidationError',
    ];
    for (const name of calls) expect(name in root, name).toBe(true);
  });

  it('throws the same error classes through both entries', () => {
    expect(() => engine.indexPedigree({ persons: [{ id: 'A', sex: 'male', father: 'X', mother: null }] })).toThrow(root.ValidationError);
  });
});

describe('the built package (package.json "exports")', () => {
  const repo = fileURLToPath(new URL('..', import.meta.url));
  // Node resolves the package's own name from inside it, through "exports".
  const check = `
    const e = (() => { try { engine.indexPedigree({ persons: [{ id: 'A', sex: 'male', father: 'X', mother: null }] }); } catch (error) { return error; } })();
    console.log(JSON.stringify({ scanRange: typeof engine.scanRange, kinshipLR: typeof root.kinshipLR, rootScan: typeof root.scanRange, same: e instanceof root.ValidationError }));`;
  const expected = { scanRange: 'function', kinshipLR: 'function', rootScan: 'undefined', same: true };

  it.each([
    ['ESM', ['--input-type=module', '-e', `import * as root from 'strkin'; import * as engine from 'strkin/engine';${check}`]],
    ['CommonJS', ['--input-type=commonjs', '-e', `const root = require('strkin'); const engine = require('strkin/engine');${check}`]],
  ])('%s: strkin and strkin/engine resolve and share one copy of the error classes', (_format, args) => {
    expect(existsSync(new URL('../dist/engine.cjs', import.meta.url)), 'dist/ is built by `npm test` before the tests run').toBe(true);
    const out = execFileSync(process.execPath, args, { cwd: repo, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual(expected);
  });
});
