import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

/** Collects CSP violations the page reports, from before any of its own scripts run. */
test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { violations: string[] };
    w.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
});
const violations = (page: import('@playwright/test').Page) => page.evaluate(() => (window as unknown as { violations: string[] }).violations);

test('every page carries a strict policy: scripts from this site only', async ({ page }) => {
  for (const path of ['/', '/errors/connection-refused/', '/404.html']) {
    await page.goto(path);
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(policy, path).toMatch(/script-src 'self' 'wasm-unsafe-eval'( 'sha256-[A-Za-z0-9+/=]+')*;/);
    expect(policy).not.toContain("'unsafe-eval'");
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(policy).toContain("object-src 'none'");
  }
});

test('the site works under its policy: tabs, copy buttons, paste box and search', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/errors/connection-refused/?os=rhel');
  await expect(page.locator('[data-os-tabs] [role=tab][aria-selected=true]').first()).toHaveAttribute('data-os', 'rhel');
  await expect(page.locator('.copy-code').first()).toBeAttached();
  await page.keyboard.press('/');
  await page.keyboard.insertText('Too many authentication failures');
  await expect(page.locator('dialog [data-best]')).toBeVisible();
  await expect(page.locator('dialog .finder-search-heading')).toBeVisible({ timeout: 15_000 });
  expect(await violations(page)).toEqual([]);
});

test('a header policy file is written for static hosts', () => {
  const headers = readFileSync(new URL('../../dist/_headers', import.meta.url), 'utf8');
  expect(headers).toMatch(/^\/\*\n {2}Content-Security-Policy: default-src 'self'; script-src 'self'/m);
  expect(headers).toContain("frame-ancestors 'self'");
  expect(headers).toMatch(/\/embed\/\*\n {2}Content-Security-Policy: .*frame-ancestors \*/);
});
