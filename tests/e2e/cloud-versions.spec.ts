import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { paintedPanels, paste } from './helpers.ts';

/** Reference articles with per-provider cloud tabs (content/README.md, "Cloud per provider"). */
const ARTICLE = '/errors/sshd-address-in-use/';
const OTHER_ARTICLE = '/errors/network-unreachable/';

const visibleProviders = (page: Page) =>
  page.locator('[data-provider-panel]:visible').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-provider-panel')))]);
const cloudTabLists = (page: Page) => page.locator('[data-cloud-tabs]:visible');

/** A real `ssh -v` log (fixture) plus the sshd journal lines a reader pastes with it. */
const fixture = (path: string) => readFileSync(new URL(`../fixtures/pastes/${path}`, import.meta.url), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');
const VERBOSE_LOG = fixture('none/ssh-vvv-successful-login.txt');
const PORT_TAKEN = fixture('sshd-address-in-use/captured-port-taken.txt');
/** The same log from a client talking to an Ubuntu 22.04 server (the remote line as in permission-denied-publickey/ssh-verbose-keys.txt). */
const OLD_SERVER_LOG = VERBOSE_LOG.replace(/remote software version .*/, 'remote software version OpenSSH_8.9p1 Ubuntu-3ubuntu0.6');

test.beforeEach(async ({ context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await context.addInitScript(() => {
    if (!sessionStorage.getItem('keep')) localStorage.clear();
  });
});

test('a provider picked on one article opens on the next one, in every cloud tab', async ({ page }) => {
  await page.goto(`${ARTICLE}?os=cloud`);
  await page.evaluate(() => sessionStorage.setItem('keep', '1'));
  expect(await visibleProviders(page)).toEqual(['aws']);
  const lists = await cloudTabLists(page).count();
  expect(lists).toBeGreaterThanOrEqual(3);
  await cloudTabLists(page).first().getByRole('tab', { name: 'Google Cloud' }).click();
  expect(await visibleProviders(page)).toEqual(['gcp']);
  await expect(page.locator('[data-cloud-tabs] [role=tab][aria-selected=true]')).toHaveCount(lists);
  await expect(page.locator('[data-cloud-tabs] [role=tab][aria-selected=true]').first()).toHaveText('Google Cloud');

  // Both choices are remembered: the platform (cloud) and the provider.
  await page.goto(OTHER_ARTICLE);
  expect(await visibleProviders(page)).toEqual(['gcp']);
  await expect(cloudTabLists(page).first().getByRole('tab', { name: 'Google Cloud' })).toHaveAttribute('aria-selected', 'true');
});

test('?os=cloud&cloud=azure deep-links a provider, and copied links keep it', async ({ page }) => {
  await page.goto(`${ARTICLE}?os=cloud&cloud=azure`);
  expect(await visibleProviders(page)).toEqual(['azure']);
  // A cause heading's copy-link button puts the shareable URL in the address bar and the clipboard.
  await page.locator('#another-program-on-port a[data-copy-link]').click();
  await expect(page).toHaveURL(/\?os=cloud&cloud=azure#another-program-on-port$/);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/\?os=cloud&cloud=azure#another-program-on-port$/);
  // An unknown provider falls back to the tab's first one.
  await page.goto(`${ARTICLE}?os=cloud&cloud=ibm`);
  expect(await visibleProviders(page)).toEqual(['aws']);
});

test('the provider is chosen before first paint: no other provider is ever painted', async ({ page }) => {
  expect(await paintedPanels(page, ARTICLE, 'data-provider-panel', { 'sshfix-os': 'cloud', 'sshfix-cloud': 'gcp' })).toEqual(['gcp']);
});

test('provider tabs work by keyboard', async ({ page }) => {
  await page.goto(`${ARTICLE}?os=cloud`);
  const tabs = cloudTabLists(page).first().getByRole('tab');
  await tabs.first().focus();
  await page.keyboard.press('ArrowRight');
  await expect(tabs.nth(1)).toBeFocused();
  await expect(tabs.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('End');
  await expect(tabs.last()).toHaveAttribute('aria-selected', 'true');
  expect(await tabs.evaluateAll((ts) => ts.filter((t) => t.getAttribute('tabindex') === '0').length)).toBe(1);
});

test('the cloud tab is accessible, with the rescue block open', async ({ page }) => {
  await page.goto(`${ARTICLE}?os=cloud&cloud=gcp`);
  const rescue = page.locator('[data-cloud-rescue]:visible').first();
  await rescue.locator('summary').click();
  await expect(rescue).toContainText('an OS user with a password');
  await expect(rescue).toContainText('az vm repair create');
  await expect(rescue).toContainText('AWSSupport-ResetAccess');
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
});

test('the rescue block is written once per page; later causes link to it and the link opens it', async ({ page }) => {
  await page.goto(`${ARTICLE}?os=cloud`);
  await expect(page.locator('[data-cloud-rescue]')).toHaveCount(1);
  const link = page.locator('.cloud-rescue-link a').first();
  await expect(link).toHaveText('How to get back in when SSH is locked out');
  await link.click();
  await expect(page.locator('#cloud-rescue')).toHaveAttribute('open', '');
  await expect(page.locator('#cloud-rescue')).toBeInViewport();
  // The block sits in the first cause, before the link in a later one.
  const [block, later] = await Promise.all([page.locator('#cloud-rescue').boundingBox(), link.boundingBox()]);
  expect(block!.y).toBeLessThan(later!.y);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('every provider block shows under its own heading, and no provider tab list', async ({ page }) => {
    await page.goto(`${ARTICLE}?os=cloud&cloud=gcp`);
    const panels = page.locator('[data-provider-panel]');
    const n = await panels.count();
    expect(n).toBeGreaterThanOrEqual(9);
    await expect(page.locator('[data-provider-panel]:visible')).toHaveCount(n);
    await expect(page.locator('[data-cloud-tabs]:visible')).toHaveCount(0);
    for (const label of ['AWS', 'Google Cloud', 'Azure', 'Other VPS']) {
      await expect(page.getByRole('heading', { name: label, exact: true }).first()).toBeVisible();
    }
  });

  test('version parameters change nothing', async ({ page }) => {
    await page.goto(`${ARTICLE}?server=openssh-9.6,ubuntu-24.04`);
    await expect(page.locator('.cause[aria-labelledby="ubuntu-socket-and-sshd"] .cause-versions')).toHaveText('Versions: Ubuntu ≥ 22.10');
    await expect(page.locator('.version-verdict')).toHaveCount(0);
  });
});

test('versions in a pasted log: the answer card says which causes apply, the article marks them', async ({ page }) => {
  await page.goto('/');
  await paste(page, `${VERBOSE_LOG}\n${PORT_TAKEN}`);
  const card = page.getByRole('region', { name: 'Best match' });
  await expect(card.locator('.finder-title')).toContainText('Address already in use');
  const hint = card.locator('[data-version-hint]');
  await expect(hint).toContainText('Your client is OpenSSH 9.6 (Ubuntu 24.04); the server is OpenSSH 9.6 (Ubuntu 24.04).');
  await expect(hint).toContainText('“Ubuntu\'s ssh.socket and another sshd both want the port” applies.');
  await expect(page.locator('[data-best]')).toHaveAttribute('href', /\?client=openssh-9\.6%2Cubuntu-24\.04&server=openssh-9\.6%2Cubuntu-24\.04$/);
  await card.locator('.finder-open').click();
  await expect(page).toHaveURL(/\/errors\/sshd-address-in-use\/\?client=/);
  await expect(page.locator('.cause[aria-labelledby="ubuntu-socket-and-sshd"] .cause-versions .version-verdict')).toHaveText('applies to your versions');
  // Causes without versions hold everywhere: nothing to mark.
  await expect(page.locator('.cause:not([data-versions]) .version-verdict')).toHaveCount(0);

  await page.goto('/');
  await paste(page, `${OLD_SERVER_LOG}\n${PORT_TAKEN}`);
  await expect(card.locator('[data-version-hint]')).toContainText('the server is OpenSSH 8.9 (Ubuntu 22.04).');
  await expect(card.locator('[data-version-hint]')).toContainText('needs Ubuntu ≥ 22.10');
  await card.locator('.finder-open').click();
  await expect(page.locator('.cause[aria-labelledby="ubuntu-socket-and-sshd"] .cause-versions .version-verdict')).toHaveText('not for your version');
});

test('a paste without version lines gets no version hint', async ({ page }) => {
  await page.goto('/');
  await paste(page, PORT_TAKEN);
  const card = page.getByRole('region', { name: 'Best match' });
  await expect(card.locator('.finder-title')).toContainText('Address already in use');
  await expect(card.locator('[data-version-hint]')).toHaveCount(0);
  await expect(page.locator('[data-best]')).not.toHaveAttribute('href', /client=|server=/);
});
