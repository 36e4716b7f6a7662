/**
 * A seed replays its scenario: `strkin demo --seed S` and every study built on
 * simulateSearchScenario promise the same families, children, truth and X/Y data
 * for the same seed and options. The fingerprints below are SHA-256 prefixes of a
 * canonical serialisation (key order, null or plain prototypes, frozenness, Maps,
 * typed arrays) of scenarios made by strkin at commit da7797b (main, before the
 * simulation kept one pedigree per family shape); a change to the random streams,
 * the order of draws or the shape of the records changes them.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { builtinTable } from '../../src/frequencies/builtin.js';
import { pedigreeFromRelations } from '../../src/pedigree/pedigreeFromRelations.js';
import { locusSet } from '../../src/profile/loci.js';
import { ARGUS_X12_LINKAGE_GROUPS } from '../../src/profile/xLoci.js';
import { syntheticXTable, YFILER_PLUS_SINGLE_COPY } from '../../src/simulate/scenarioLineage.js';
import { simulateSearchScenario, type SearchScenarioOptions } from '../../src/simulate/simulateSearchScenario.js';

/** A canonical text of a value: what deep equality with prototypes and frozenness compares, plus which objects are shared. */
function canonical(v: unknown, seen = new Map<object, number>()): string {
  if (v === null) return 'null';
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v !== 'object') return typeof v === 'function' ? 'fn' : String(v);
  const shared = seen.get(v);
  if (shared !== undefined) return `@ref${shared}`;
  seen.set(v, seen.size);
  const frozen = Object.isFrozen(v) ? 'F' : '';
  if (ArrayBuffer.isView(v)) return `${v.constructor.name}${frozen}[${Array.from(v as unknown as ArrayLike<number>).join(',')}]`;
  if (Array.isArray(v)) return `${frozen}[${v.map((x) => canonical(x, seen)).join(',')}]`;
  if (v instanceof Map) return `Map{${[...v].map(([k, x]) => `${canonical(k, seen)}:${canonical(x, seen)}`).join(',')}}`;
  if (v instanceof Set) return `Set{${[...v].map((x) => canonical(x, seen)).join(',')}}`;
  const proto: unknown = Object.getPrototypeOf(v);
  const kind = proto === null ? 'N' : proto === Object.prototype ? 'O' : `C${String((v as { constructor?: { name?: string } }).constructor?.name)}`;
  const record = v as Record<string | symbol, unknown>;
  return `${kind}${frozen}{${Reflect.ownKeys(v).map((k) => `${String(k)}:${canonical(record[k], seen)}`).join(',')}}`;
}

const fingerprint = (value: unknown): string => createHash('sha256').update(canonical(value)).digest('hex').slice(0, 16);

const GLOBALFILER = locusSet('globalfiler')?.loci ?? [];
const ARGUS = ARGUS_X12_LINKAGE_GROUPS.flatMap((g) => g.loci);
type Case = Omit<SearchScenarioOptions, 'table'> & { readonly syntheticX?: boolean };
const CASES: readonly (readonly [string, Case])[] = [
  ['645dbe4d0a308031', { seed: 7, families: 3000, children: 800, related: 300 }],
  ['1a650c27fea12d33', { seed: 1, families: 500, children: 200, related: 100, birthYears: null }],
  ['185bace77089476e', { seed: 42, families: 700, children: 300, related: 150, references: [2, 4], locusDropRate: 0, oldKitRate: 0 }],
  ['dfd8a3498a61768a', { seed: 3, families: 400, children: 200, related: 50, mutation: 'equal', oldKitRate: 1 }],
  ['c5d5cc78ac2c7f24', { seed: 5, families: 600, children: 300, related: 120, xLoci: ARGUS, syntheticX: true }],
  ['23a06c3a89ff4786', { seed: 6, families: 600, children: 300, related: 120, yLoci: YFILER_PLUS_SINGLE_COPY }],
  ['f37e95121eacbe5d', { seed: 8, families: 500, children: 250, related: 100, xLoci: ['DXS10135', 'DXS10074', 'DXS10101', 'DXS10134'], yLoci: YFILER_PLUS_SINGLE_COPY, lineageTypedRate: 0.5, syntheticX: true }],
  [
    'e78cc2d78162fcdd',
    {
      seed: 9,
      families: 300,
      children: 100,
      related: 40,
      references: [1, 6],
      structures: [
        { name: 'two', weight: 1, missing: 3, relations: ['mother', 'father', 'full-sibling', 'half-sibling-paternal', 'first-cousin-maternal', 'aunt-paternal'] },
        { name: 'kid', weight: 2, missing: 1, relations: ['child', 'child', 'grandfather-maternal'] },
      ],
    },
  ],
  ['1024b7404156b6c3', { seed: 10, families: 0, children: 50, related: 0 }],
  ['beeed4121cde349a', { seed: 11, families: 200, children: 100, related: 100, loci: ['TH01', 'D8S1179', 'vWA'] }],
];

const scenario = ({ syntheticX, ...options }: Case) => simulateSearchScenario({ table: syntheticX === true ? syntheticXTable(builtinTable(), options.seed) : builtinTable(), loci: GLOBALFILER, ...options });

describe('simulateSearchScenario: a seed replays its scenario', () => {
  it.each(CASES)('fingerprint %s', (expected, options) => {
    expect(fingerprint(scenario(options))).toBe(expected);
  });

  it('the fingerprint sees a changed genotype, prototype or sharing', () => {
    const base = scenario({ seed: 12, families: 20, children: 10, related: 5 });
    const family = base.families[3];
    if (family === undefined) throw new Error('no family');
    const ref = Object.values(family.references)[0];
    if (ref === undefined) throw new Error('no reference');
    const locus = Object.keys(ref.genotypes)[0] as string;
    const again = scenario({ seed: 12, families: 20, children: 10, related: 5 });
    expect(fingerprint(again)).toBe(fingerprint(base));
    const [a, b] = ref.genotypes[locus] as readonly [string, string];
    const changed = { ...base, families: base.families.map((f) => (f === family ? { ...f, references: { ...f.references, [ref.sample]: { ...ref, genotypes: Object.assign(Object.create(null) as object, ref.genotypes, { [locus]: [b, `${a}x`] }) } } } : f)) };
    expect(fingerprint(changed)).not.toBe(fingerprint(base));
    const plainProto = { ...base, families: base.families.map((f) => (f === family ? { ...f, references: { ...f.references, [ref.sample]: { ...ref, genotypes: { ...ref.genotypes } } } } : f)) };
    expect(fingerprint(plainProto)).not.toBe(fingerprint(base));
  });

  it('every family has the pedigree pedigreeFromRelations builds from its missing persons and references', () => {
    for (const options of [CASES[0]?.[1], CASES[7]?.[1]] as Case[]) {
      const s = scenario(options);
      for (const f of s.families) {
        const sexOf = new Map(f.pedigree.persons.map((p) => [p.id, p.sex]));
        const missing = f.missing.map((id) => ({ id, sex: sexOf.get(id) ?? 'unknown' }));
        const refs = Object.values(f.references).map((r) => ({ id: r.sample, relation: r.relationship ?? '', sex: r.sex }));
        expect(f.pedigree).toStrictEqual(pedigreeFromRelations(missing, refs));
        expect(Object.isFrozen(f.pedigree) && Object.isFrozen(f.pedigree.persons) && f.pedigree.persons.every((p) => Object.isFrozen(p))).toBe(true);
      }
    }
  });
});
