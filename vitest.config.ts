import { defineConfig } from 'vitest/config';

// CI asks for a JSON report beside the console output (see .ci/run).
const jsonReport = process.env['STRKIN_JSON_REPORT'];

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One fast-check seed per run: chosen and printed once here, applied in every file by test/setup.ts.
    globalSetup: ['test/globalSetup.ts'],
    setupFiles: ['test/setup.ts'],
    // Most tests take milliseconds; 20 s leaves room for a loaded 2-core machine. The few slow
    // tests (the built CLI, search properties, pedigree enumerations) set their own timeout.
    testTimeout: 20_000,
    hookTimeout: 30_000,
    reporters: jsonReport ? ['default', ['json', { outputFile: jsonReport }]] : ['default'],
  },
});
