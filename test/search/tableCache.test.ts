/**
 * Locus tables cached for a plan are reused by later builds with that plan
 * (a worker's family ranges, `index add`): a family's tables must be the same
 * bits whether it is built first, after other families, or with a fresh plan.
 */
import { describe, expect, it } from 'vitest';
import { builtinTable } from '../../src/frequencies/builtin.js';
import type { Family } from '../../src/search/Family.js';
import { buildFamilyIndex, orderFamilies } from '../../src/search/familyIndex.js';
import { planSearch } from '../../src/search/plan.js';
import { makeRng, simulateFamily } from '../arbitraries/search.js';

const table = builtinTable('nist1036-cauc');
const LOCI = ['TH01', 'TPOX', 'D13S317', 'D16S539', 'D5S818', 'D8S1179', 'CSF1PO', 'vWA'];

describe('the locus-table cache of a plan', () => {
  it('gives every family the tables of a build with a fresh plan, whatever was built before', () => {
    const rng = makeRng(424242);
    const base = Array.from({ length: 24 }, (_, i) => simulateFamily(rng, table, LOCI, `F${String(i).padStart(2, '0')}`, { dropout: 0.1 }).family);
    // Copies under other ids share every locus table with their original (cache hits).
    const families: Family[] = [...base, ...base.slice(0, 8).map((f, i) => ({ ...f, id: `G${i}` }))];
    const ordered = orderFamilies(families).ordered;
    const options = { frequencies: table };
    const plan = planSearch(families, [], options);
    const first = buildFamilyIndex(ordered.slice(0, 16), { plan });
    const second = buildFamilyIndex(ordered.slice(16), { plan });
    // Fresh plans (equal content, new objects): nothing cached.
    const alone = buildFamilyIndex(ordered.slice(16), { plan: planSearch(families, [], options) });
    const whole = buildFamilyIndex(ordered, { plan: planSearch(families, [], options) });
    expect(second.targets).toStrictEqual(alone.targets);
    expect(second.tables).toStrictEqual(alone.tables);
    expect(second.inconsistent).toStrictEqual(alone.inconsistent);
    const S = whole.layout.stride;
    const n = first.targets.length;
    expect(first.tables).toStrictEqual(whole.tables.slice(0, n * S));
    expect(second.tables).toStrictEqual(whole.tables.slice(n * S));
  });
});
