import { existsSync } from 'node:fs';

/**
 * The Chromium the tests and the bench drive: `CHROMIUM_PATH` if set, else Debian's package.
 * Undefined means neither exists, and Playwright falls back to its own downloaded browser.
 */
export const CHROMIUM_PATH: string | undefined =
  process.env.CHROMIUM_PATH || ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
