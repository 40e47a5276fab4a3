import { expect, test, type Page } from '@playwright/test';
import { exampleMessage } from '../../src/catalog/display.ts';
import { loadArticles } from '../../src/catalog/load.ts';


async function typeAndSearch(page: Page, text: string) {
  const input = page.locator('[data-finder-input]:visible');
  await input.fill('');
  // Wait until the previous query's results are gone, so the ones read below are this query's.
  await expect(page.locator('.finder-search-heading')).toHaveCount(0);
  await input.focus();
  await page.keyboard.insertText(text);
  await expect(page.locator('.finder-search-heading')).toBeVisible({ timeout: 15_000 });
  // What the reader sees, in order: the matcher's answer and its runners-up, then the search results.
  return page
    .locator('[data-finder]:visible [data-finder-link]')
    .evaluateAll((as) => [...new Set(as.map((a) => new URL((a as HTMLAnchorElement).href).pathname))]);
}

const articles = loadArticles();

test('searching each article\'s primary message shows that article first', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  const misses: string[] = [];
  for (const a of articles) {
    const results = await typeAndSearch(page, exampleMessage(a.data.messages[0].text));
    if (results[0] !== `/errors/${a.id}/`) misses.push(`${a.id}: got ${results.slice(0, 3).join(', ') || 'nothing'}`);
  }
  expect(misses).toEqual([]);
});

for (const [phrase, id] of [
  ['connection refused', 'connection-refused'],
  ['host key changed', 'remote-host-identification-changed'],
  ['too open', 'unprotected-private-key-file'],
  ['Load key "id_rsa": invalid format', 'invalid-key-format'],
]) {
  test(`a partial phrase finds the obvious article: ${phrase}`, async ({ page }) => {
    await page.goto('/');
    const results = await typeAndSearch(page, phrase);
    expect(results.slice(0, 3)).toContain(`/errors/${id}/`);
  });
}

test('the header box searches from any page, and results are reachable by keyboard', async ({ page }) => {
  await page.goto('/errors/connection-refused/');
  await page.keyboard.press('/');
  await page.keyboard.insertText('agent has no identities');
  await expect(page.locator('dialog .finder-search-heading')).toBeVisible({ timeout: 15_000 });
  expect(await page.locator('dialog [data-finder-link]').count()).toBeGreaterThan(1);
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('dialog [data-finder-link]').first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('dialog [data-finder-link]').nth(1)).toBeFocused();
});

test('search results can be narrowed by stage and by where the fix runs', async ({ page }) => {
  await page.goto('/');
  await typeAndSearch(page, 'permission denied');
  const stage = page.getByRole('combobox', { name: 'Filter by stage' });
  await expect(stage).toBeVisible();
  await stage.selectOption('Server log (sshd)');
  const shown = () => page.locator('.finder-results > li > a').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  // Every result left is a server-log article.
  await expect.poll(async () => (await shown()).length > 0 && (await shown()).every((p) => p.startsWith('/errors/sshd-'))).toBe(true);
  await page.getByRole('combobox', { name: 'Filter by fix runs on' }).selectOption('client');
  await expect(page.locator('.finder-search-heading')).toBeVisible();
});
