/// <reference types="vitest/config" />
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    // The CLI tests spawn Node; the routing test compiles the whole catalog once per file.
    testTimeout: 20_000,
  },
});
