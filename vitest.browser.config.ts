import { defineConfig } from 'vitest/config';

// `npm run test:browser`: report pages opened in a real headless browser (Debian's chromium,
// driven by playwright-core). CI (.ci/run) asks for a JSON report of its own, added to the
// counts of `npm test`.
const jsonReport = process.env['STRKIN_BROWSER_JSON_REPORT'];

export default defineConfig({
  test: {
    include: ['test-browser/**/*.test.ts'],
    // Starting a browser on a loaded 2-core machine takes seconds.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // One browser at a time.
    fileParallelism: false,
    reporters: jsonReport ? ['default', ['json', { outputFile: jsonReport }]] : ['default'],
  },
});
