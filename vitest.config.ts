import { defineConfig } from 'vitest/config';

// CI asks for a JSON report beside the console output (see .ci/run).
const jsonReport = process.env['STRKIN_JSON_REPORT'];

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    reporters: jsonReport ? ['default', ['json', { outputFile: jsonReport }]] : ['default'],
  },
});
