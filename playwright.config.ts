import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_PATH } from './scripts/chromium-path.ts';

/**
 * End-to-end tests run against the built site (dist/) served by `astro preview`, a real static server.
 * The browser is Debian's Chromium (`CHROMIUM_PATH` overrides it); where neither exists, Playwright's
 * own downloaded browser is used.
 */
const port = Number(process.env.E2E_PORT || 4321);

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [['list']] : [['list']],
  timeout: 30_000,
  use: {
    ...devices['Desktop Chrome'],
    baseURL: `http://localhost:${port}`,
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      // A closed network: keep Chromium from phoning home at start-up.
      args: ['--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    },
  },
  webServer: {
    command: `npx astro preview --port ${port}`,
    url: `http://localhost:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
