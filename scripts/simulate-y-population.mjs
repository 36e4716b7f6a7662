#!/usr/bin/env node
// Generates the synthetic Y-STR fixtures of fixtures/lineage/ (docs/lineage.md) with the library's
// seeded Fisher-Wright simulation (simulateYLineages): no openly licensed Y haplotype database exists
// to ship, so tests and examples use this synthetic population.
// Usage: npm run build && node scripts/simulate-y-population.mjs   (from the repository root)
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILTIN_Y_MUTATION_RATES, simulateYLineages, writeHaplotypeDatabase } from '../dist/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'fixtures/lineage');

// Yfiler's single-copy loci (all have a built-in rate); founder repeat numbers are common alleles.
const FOUNDER = { DYS456: 15, DYS389I: 13, DYS390: 24, DYS389II: 29, DYS458: 17, DYS19: 14, DYS393: 13, DYS391: 11, DYS439: 12, DYS635: 23, DYS392: 13, 'Y-GATA-H4': 12, DYS437: 15, DYS438: 12, DYS448: 19 };
const SEED = 20261201;
const settings = {
  loci: Object.entries(FOUNDER).map(([name, value]) => ({ name, founder: [value], rate: BUILTIN_Y_MUTATION_RATES[name] })),
  populationSize: 3000,
  generations: 600,
  databaseSize: 1000,
  pairs: { count: 1, meioses: 3 },
  seed: SEED,
};
const sim = simulateYLineages(settings);
writeFileSync(join(out, 'y-database.csv'), writeHaplotypeDatabase(sim.database));
const loci = settings.loci.map((l) => l.name);
const row = (name, h) => [name, ...loci.map((l) => h.loci[l].join(','))].join(',');
const pair = sim.pairs[0];
writeFileSync(join(out, 'y-relatives.csv'), [['Sample', ...loci].join(','), row('UNCLE', pair.reference), row('CHILD', pair.child), row('OTHER', sim.unrelated[0])].join('\n') + '\n');
console.log(`y-database.csv: ${sim.database.haplotypes.length} haplotypes, N = ${sim.database.size}; y-relatives.csv: a paternal uncle and nephew (3 meioses) and an unrelated man (seed ${SEED})`);
