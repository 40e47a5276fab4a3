import { expect, test, type Page } from '@playwright/test';
import { paintedPanels } from './helpers.ts';

/** An article whose fix runs on the server: tab groups for ubuntu, rhel and cloud. */
const SERVER_ARTICLE = '/errors/connection-refused/';
/** Another article, to check the choice carries over. */
const OTHER_ARTICLE = '/errors/permission-denied-publickey/';

const groups = (page: Page) => page.locator('[data-os-tabs]');
const selectedTabs = (page: Page) => page.locator('[data-os-tabs] > [role=tablist] > [role=tab][aria-selected=true]');

async function visiblePanelOs(page: Page): Promise<string[]> {
  return page.locator('[data-os-tabs] > [data-os-panel]:visible').evaluateAll((els) => els.map((e) => e.getAttribute('data-os-panel') ?? ''));
}

test.beforeEach(async ({ context }) => {
  await context.addInitScript(() => {
    // Each test starts as a first-time reader unless it says otherwise.
    if (!sessionStorage.getItem('keep')) localStorage.clear();
  });
});

test('an article shows its title, message, stage and contents list', async ({ page }) => {
  await page.goto(SERVER_ARTICLE);
  await expect(page.locator('h1')).toHaveText('Connection refused');
  await expect(page.locator('.message-primary')).toContainText('Connection refused');
  await expect(page.locator('.eyebrow')).toContainText('Connecting');
  const toc = page.getByRole('navigation', { name: 'On this page' });
  await expect(toc.getByRole('link', { name: 'Verify the fix' })).toBeVisible();
  // Every contents link resolves to an element on the page.
  for (const href of await toc.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
    await expect(page.locator(`[id="${href!.slice(1)}"]`)).toHaveCount(1);
  }
});

test('one panel per tab group is shown, and clicking a tab switches every group', async ({ page }) => {
  await page.goto(SERVER_ARTICLE);
  const count = await groups(page).count();
  expect(count).toBeGreaterThan(0);
  expect(await visiblePanelOs(page)).toEqual(Array(count).fill('ubuntu'));

  await groups(page).first().getByRole('tab', { name: 'RHEL / Fedora' }).click();
  const shown = await visiblePanelOs(page);
  expect(shown).toHaveLength(count);
  expect(shown.every((os) => os === 'rhel')).toBe(true);
  await expect(groups(page).first().getByRole('tab', { name: 'RHEL / Fedora' })).toHaveAttribute('aria-selected', 'true');
  await expect(selectedTabs(page)).toHaveCount(count);
});

test('tabs work by keyboard: arrows, Home and End move and select', async ({ page }) => {
  await page.goto(SERVER_ARTICLE);
  const first = groups(page).first();
  const tabs = first.getByRole('tab');
  await tabs.first().focus();
  await page.keyboard.press('ArrowRight');
  await expect(tabs.nth(1)).toBeFocused();
  await expect(tabs.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(first.locator(':scope > [data-os-panel]:visible')).toHaveAttribute('data-os-panel', (await tabs.nth(1).getAttribute('data-os'))!);
  await page.keyboard.press('End');
  await expect(tabs.last()).toBeFocused();
  await page.keyboard.press('ArrowRight'); // wraps around
  await expect(tabs.first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowLeft');
  await expect(tabs.last()).toHaveAttribute('aria-selected', 'true');
  // Only the selected tab is in the tab order.
  expect(await tabs.evaluateAll((ts) => ts.filter((t) => t.getAttribute('tabindex') === '0').length)).toBe(1);
});

test('?os= in the URL selects that platform before anything else', async ({ page }) => {
  await page.goto(`${SERVER_ARTICLE}?os=rhel`);
  expect(new Set(await visiblePanelOs(page))).toEqual(new Set(['rhel']));
  await page.goto(`${SERVER_ARTICLE}?os=cloud#verify-the-fix`);
  expect(new Set(await visiblePanelOs(page))).toEqual(new Set(['cloud']));
  await page.goto(`${SERVER_ARTICLE}?os=not-a-platform`);
  expect(new Set(await visiblePanelOs(page))).toEqual(new Set(['ubuntu']));
});

test('the chosen platform is remembered on later pages', async ({ page }) => {
  await page.goto(SERVER_ARTICLE);
  await page.evaluate(() => sessionStorage.setItem('keep', '1'));
  await groups(page).first().getByRole('tab', { name: /Cloud/ }).click();
  await page.goto(OTHER_ARTICLE);
  const shown = await visiblePanelOs(page);
  expect(shown.length).toBeGreaterThan(0);
  // Groups that have a cloud tab show it; the rest fall back to their default.
  const withCloud = await groups(page).evaluateAll((gs) => gs.map((g) => !!g.querySelector(':scope > [data-os-panel=cloud]')));
  shown.forEach((os, i) => {
    if (withCloud[i]) expect(os).toBe('cloud');
  });
  await page.reload();
  expect(await visiblePanelOs(page)).toEqual(shown);
});

test('the tab is chosen before first paint: no other panel is ever painted', async ({ page }) => {
  expect(await paintedPanels(page, SERVER_ARTICLE, 'data-os-panel', { 'sshfix-os': 'rhel' })).toEqual(['rhel']);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('every panel shows, each under its own heading, and no tab list', async ({ page }) => {
    await page.goto(SERVER_ARTICLE);
    const panels = page.locator('[data-os-panel]');
    const n = await panels.count();
    expect(n).toBeGreaterThanOrEqual(3);
    await expect(page.locator('[data-os-panel]:visible')).toHaveCount(n);
    await expect(page.locator('[role=tablist]:visible')).toHaveCount(0);
    for (const label of ['Ubuntu / Debian', 'RHEL / Fedora', 'Cloud (AWS, GCP, Azure)']) {
      await expect(page.getByRole('heading', { name: label }).first()).toBeVisible();
    }
  });
});
