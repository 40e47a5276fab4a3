import { expect, test } from '@playwright/test';
import { loadArticles } from '../../src/catalog/load.ts';
import { STAGE_LABELS } from '../../src/catalog/schema.ts';

const articles = loadArticles();

test('the home page says what the site is for and lists every error under its stage', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('h1')).toBeVisible();
  const index = page.locator('#all-errors').locator('..');
  for (const a of articles) {
    const link = index.locator(`a[href$="/errors/${a.id}/"]`);
    await expect(link, a.id).toHaveCount(1);
    const group = link.locator('xpath=ancestor::section[contains(@class,"stage-group")]').locator('h3');
    await expect(group, a.id).toHaveText(STAGE_LABELS[a.data.stage]);
  }
});

test('every article is live at /errors/<id>/ with its title, its message and working tabs', async ({ page }) => {
  test.setTimeout(120_000);
  for (const a of articles) {
    const res = await page.goto(`/errors/${a.id}/`);
    expect(res?.status(), a.id).toBe(200);
    await expect(page.locator('h1'), a.id).toHaveText(a.data.title);
    await expect(page.locator('.message-primary'), a.id).toBeVisible();
    const groups = page.locator('[data-os-tabs]');
    expect(await groups.count(), a.id).toBeGreaterThan(0);
    // Each tab group shows its tab list and exactly one panel.
    for (const g of await groups.all()) {
      await expect(g.locator(':scope > [role=tablist]'), a.id).toBeVisible();
      await expect(g.locator(':scope > [data-os-panel]:visible'), a.id).toHaveCount(1);
    }
  }
});

test('a client-side article opens on the reader\'s own platform when they have not chosen one', async ({ browser }) => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'platform', { get: () => 'MacIntel' });
    Object.defineProperty(Navigator.prototype, 'userAgentData', { get: () => ({ platform: 'macOS' }) });
  });
  const page = await context.newPage();
  const clientArticle = articles.find((a) => a.data.side === 'client' && /<Tab os="macos">/.test(a.body))!;
  await page.goto(`/errors/${clientArticle.id}/`);
  const withMac = page.locator('[data-os-tabs]:has(> [data-os-panel=macos])').first();
  await expect(withMac.locator(':scope > [data-os-panel]:visible')).toHaveAttribute('data-os-panel', 'macos');
  // An explicit ?os= still wins over the guess.
  await page.goto(`/errors/${clientArticle.id}/?os=windows`);
  const withWin = page.locator('[data-os-tabs]:has(> [data-os-panel=windows])').first();
  await expect(withWin.locator(':scope > [data-os-panel]:visible')).toHaveAttribute('data-os-panel', 'windows');
  await context.close();
});

test('"copy for ticket" gives the title, the first step and a link with platform and section', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/errors/connection-refused/?os=rhel#firewall-rejects');
  const firstCause = await page.locator('.cause > h3').first().innerText();
  await page.getByRole('button', { name: 'Markdown', exact: true }).click();
  await expect(page.locator('.ticket-copy-status')).toHaveText('Copied as Markdown');
  const md = await page.evaluate(() => navigator.clipboard.readText());
  expect(md).toMatch(/^\*\*\[Connection refused\]\(http:\/\/localhost:\d+\/errors\/connection-refused\/\?os=rhel#firewall-rejects\)\*\*\n/);
  expect(md).toContain(`First check: ${firstCause.replace(/^\d+\.\s*/, '')}`);
  await page.getByRole('button', { name: 'Plain text' }).click();
  const text = await page.evaluate(() => navigator.clipboard.readText());
  expect(text.split('\n')).toEqual(['Connection refused', expect.stringMatching(/^First check: /), expect.stringMatching(/\/errors\/connection-refused\/\?os=rhel#firewall-rejects$/)]);
});

test('an unknown address gets a helpful 404 that links to the index', async ({ page }) => {
  const res = await page.goto('/errors/no-such-error/');
  expect(res?.status()).toBe(404);
  await expect(page.locator('h1')).toContainText('No page');
  await page.getByRole('link', { name: 'list of all errors' }).click();
  await expect(page.locator('#all-errors')).toBeVisible();
});

test('code blocks have a copy button that copies the command', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/errors/connection-refused/');
  const block = page.locator('.prose .code-block:visible').first();
  const code = (await block.locator('pre').innerText()).replace(/\n$/, '');
  await block.getByRole('button', { name: 'Copy code to clipboard' }).click();
  await expect(block.getByRole('button', { name: 'Copy code to clipboard' })).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
});

test('a heading link copies the URL with the platform and the section', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/errors/connection-refused/?os=rhel');
  const cause = page.locator('.cause h3').first();
  const id = await cause.getAttribute('id');
  await cause.hover();
  await cause.locator('[data-copy-link]').click();
  const copied = new URL(await page.evaluate(() => navigator.clipboard.readText()));
  expect(copied.pathname).toBe('/errors/connection-refused/');
  expect(copied.searchParams.get('os')).toBe('rhel');
  expect(copied.hash).toBe(`#${id}`);
});

test('dark colour scheme gives a dark page', async ({ browser }) => {
  const page = await browser.newPage({ colorScheme: 'dark' });
  await page.goto('/errors/connection-refused/');
  const bg = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  const [r, g, b] = bg.match(/\d+/g)!.map(Number);
  expect(r + g + b).toBeLessThan(120);
  await page.close();
});

test('on a phone the article fits the screen width', async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  for (const path of ['/', '/errors/connection-refused/', '/errors/unprotected-private-key-file/']) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
  await page.close();
});
