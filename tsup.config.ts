import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // Two entries (`strkin`, `strkin/engine`) sharing one copy of the code, so
    // that classes (StrkinError, ...) are the same objects through both.
    entry: { index: 'src/index.ts', engine: 'src/engine.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2022',
    platform: 'neutral',
    splitting: true,
  },
  {
    // The CLI and the workers used by `strkin search --threads`, `strkin power --threads` and `strkin index build --threads` (Node only).
    entry: { cli: 'src/cli/bin.ts', 'search-worker': 'src/cli/searchWorker.ts', 'power-worker': 'src/cli/powerWorker.ts', 'index-worker': 'src/cli/indexWorker.ts' },
    format: ['esm'],
    dts: false,
    sourcemap: true,
    clean: false,
    target: 'node20',
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
