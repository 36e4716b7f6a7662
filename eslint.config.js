// ESLint (`npm run lint`, part of `npm test`): the layering of DESIGN.md, plus
// typescript-eslint's recommended set, over src/ and test/.
//
// Folders under src/ point one way: cli -> report -> search, simulate, power ->
// lineage (Y-STR haplotypes) -> likelihood -> pedigree, mutation, frequencies -> profile -> errors; io (pure
// parsers and writers) is used by cli and by users, never by the library
// folders; nothing imports cli; the CLI imports the library only through its
// public entries (src/index.ts, src/engine.ts). Each folder below lists the
// src folders it must not import (its own folder is always allowed).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Folders each src folder must not import: the ones above it and its siblings on the same level. */
const FORBIDDEN = {
  // util: small helpers (argument checks, null-prototype maps, loops over large arrays) under everything but errors.
  util: ['index', 'profile', 'frequencies', 'mutation', 'pedigree', 'likelihood', 'lineage', 'search', 'simulate', 'power', 'report', 'io', 'cli'],
  errors: ['index', 'util', 'profile', 'frequencies', 'mutation', 'pedigree', 'likelihood', 'lineage', 'search', 'simulate', 'power', 'report', 'io', 'cli'],
  profile: ['index', 'frequencies', 'mutation', 'pedigree', 'likelihood', 'lineage', 'search', 'simulate', 'power', 'report', 'io', 'cli'],
  frequencies: ['index', 'mutation', 'pedigree', 'likelihood', 'lineage', 'search', 'simulate', 'power', 'report', 'io', 'cli'],
  mutation: ['index', 'frequencies', 'pedigree', 'likelihood', 'lineage', 'search', 'simulate', 'power', 'report', 'io', 'cli'],
  pedigree: ['index', 'frequencies', 'mutation', 'likelihood', 'lineage', 'search', 'simulate', 'power', 'report', 'io', 'cli'],
  likelihood: ['index', 'lineage', 'search', 'simulate', 'power', 'report', 'io', 'cli'],
  // lineage (Y-STR haplotypes, evidence by type) sits between search/simulate/power and likelihood.
  lineage: ['index', 'search', 'simulate', 'power', 'report', 'io', 'cli'],
  search: ['index', 'simulate', 'power', 'report', 'io', 'cli'],
  // simulate may use the Family data type (search/Family.ts) and nothing else of search.
  simulate: ['index', 'search/(?!Family\\.js$)', 'power', 'report', 'io', 'cli'],
  // power sits beside simulate: it may use the Family data type, the search plan
  // (search/plan.ts: loci, allele spaces, mutation) and the per-locus case spaces
  // (search/caseSpaces.ts), the decision rule's defaults (search/decide/identifyChildren.ts,
  // databasePosterior.ts), and nothing else of search.
  power: ['index', 'search/(?!(Family|plan|caseSpaces|decide/identifyChildren|decide/databasePosterior)\\.js$)', 'simulate', 'report', 'io', 'cli'],
  report: ['io', 'cli'],
  // index: the stored format of family tables (bytes in, bytes out), beside search.
  index: ['simulate', 'power', 'report', 'io', 'cli'],
  io: ['index', 'power', 'report', 'cli'],
};

const folderPattern = (folder, forbidden) => ({
  regex: `^(\\.\\./)+(${forbidden.map((f) => (f.includes('/') ? f : `${f}(/|$)`)).join('|')})`,
  message: `src/${folder} must not import this folder: layers point one way (DESIGN.md; cli -> report -> search, simulate, power -> likelihood -> pedigree, mutation, frequencies -> profile -> errors; io is used by cli only).`,
});

// Library code never goes through its own entries (that would make cycles).
const noEntries = {
  regex: '^(\\.\\./)+(index|engine)\\.js$',
  message: 'Library code imports the module it needs, not the package entries (src/index.ts, src/engine.ts).',
};

const layering = Object.entries(FORBIDDEN).map(([folder, forbidden]) => ({
  files: [`src/${folder}/**/*.ts`],
  rules: { 'no-restricted-imports': ['error', { patterns: [folderPattern(folder, forbidden), noEntries] }] },
}));

/** For CLI files at one depth: any import leaving src/cli (prefix `up`) must be a public entry. */
const cliImports = (files, up) => ({
  files: [files],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: `^${up.replaceAll('.', '\\.')}(?!(index|engine)\\.js$)`,
            message: 'The CLI imports the library only through its public entries (src/index.ts, src/engine.ts).',
          },
        ],
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'docs/api/**', 'coverage/**', 'bench/out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // A leading underscore marks a parameter or binding kept on purpose (an interface's argument, a rest split).
    rules: { '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }] },
  },
  ...layering,
  // The CLI is built on the public entries only: '../index.js', '../engine.js' and its own files.
  cliImports('src/cli/*.ts', '../'),
  cliImports('src/cli/*/**/*.ts', '../../'),
  {
    files: ['src/index.ts', 'src/engine.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '^\\./cli/', message: 'Nothing imports cli.' }] }] },
  },
);
