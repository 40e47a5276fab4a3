/// <reference types="vitest/config" />
// Runs only the live OpenSSH test: `npx vitest run --config tests/integration/vitest.config.ts`
// (the main vitest.config.ts includes tests/integration/** as well).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['tests/integration/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
