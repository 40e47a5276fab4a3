import { expect, test, type Page } from '@playwright/test';
import { paste } from './helpers.ts';

const box = (page: Page) => page.locator('[data-finder-input]:visible');

test.beforeEach(async ({ context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
});

const LOG = [
  'debug1: Reading configuration data /etc/ssh/ssh_config',
  'debug1: Connecting to build-01.example.com [198.51.100.7] port 22.',
  'debug1: Offering public key: /home/dev/.ssh/id_rsa RSA SHA256:0d9Yyq3l2bQmUQ agent',
  'sign_and_send_pubkey: no mutual signature supported',
  'debug1: No more authentication methods to try.',
  'dev@build-01.example.com: Permission denied (publickey).',
].join('\n');

test('a pasted log lands on the specific cause, shows the deciding line and the runner-up', async ({ page }) => {
  await page.goto('/');
  await paste(page, LOG);
  const card = page.getByRole('region', { name: 'Best match' });
  await expect(card.locator('.finder-title')).toContainText('no mutual signature');
  await expect(card.locator('.finder-evidence mark')).toContainText('sign_and_send_pubkey: no mutual signature supported');
  await expect(card).toContainText('Decided by line 4');
  await expect(card.locator('.finder-alternatives')).toContainText('Permission denied');
  await expect(page.getByRole('status')).toContainText('Best match');
});

test('Enter opens the best match, on the platform the reader chose', async ({ page }) => {
  await page.goto('/errors/connection-refused/?os=rhel');
  await page.goto('/');
  await paste(page, 'ssh: connect to host 10.1.2.3 port 2222: Connection refused');
  await expect(page.locator('[data-best]')).toHaveAttribute('href', /\/errors\/connection-refused\/\?os=rhel$/);
  await box(page).press('Enter');
  await expect(page).toHaveURL(/\/errors\/connection-refused\/\?os=rhel$/);
  await expect(page.locator('[data-os-tabs] [role=tab][aria-selected=true]').first()).toHaveAttribute('data-os', 'rhel');
});

test('/?q= pre-fills the box and routes (ticket macros, browser keyword search)', async ({ page }) => {
  const q = 'WARNING: UNPROTECTED PRIVATE KEY FILE!\nPermissions 0644 for \'/home/a/.ssh/id_ed25519\' are too open.';
  await page.goto(`/?q=${encodeURIComponent(q)}`);
  await expect(box(page)).toHaveValue(q);
  await expect(page.locator('[data-best]')).toHaveAttribute('href', /\/errors\/unprotected-private-key-file\//);
});

test('the box is one keystroke away on every page, and closes with Escape', async ({ page }) => {
  await page.goto('/errors/connection-refused/');
  await page.keyboard.press('/');
  const dialog = page.getByRole('dialog', { name: 'Find the fix for an SSH error' });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('[data-finder-input]')).toBeFocused();
  await page.keyboard.insertText('Host key verification failed.');
  await expect(dialog.locator('[data-best]')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await page.getByRole('link', { name: 'Search or paste an error' }).click();
  await expect(dialog).toBeVisible();
});

test('text that is not an SSH failure gives a helpful message, not a guess', async ({ page }) => {
  await page.goto('/');
  await paste(page, "Hi octocat! You've successfully authenticated, but GitHub does not provide shell access.");
  await expect(page.locator('.finder-empty').first()).toContainText('No known SSH error');
  await expect(page.locator('[data-best]')).toHaveCount(0);
});

test('markup in a paste is shown as text and never runs', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  await page.goto('/');
  const hostile = [
    '<img src=x onerror="window.__pwned=1;alert(1)">',
    '<script>window.__pwned=2</script><svg onload="window.__pwned=3">',
    'ssh: connect to host evil.example port 22: Connection refused <b onmouseover=alert(1)>evil</b>',
  ].join('\n');
  await paste(page, hostile);
  await expect(page.locator('[data-best]')).toHaveAttribute('href', /connection-refused/);
  await expect(page.locator('.finder-evidence')).toContainText('<b onmouseover=alert(1)>evil</b>');
  await expect(page.locator('.finder-evidence')).toContainText('<svg onload="window.__pwned=3">');
  await expect(page.locator('.finder-card img, .finder-card svg, .finder-card b')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(dialogs).toBe(0);
});

test('nothing is requested from the network after a paste', async ({ page }) => {
  await page.goto('/');
  await box(page).focus();
  await page.waitForLoadState('networkidle');
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await paste(page, `${LOG}\nalice@db.internal.example: Permission denied (publickey).`);
  await expect(page.locator('[data-best]')).toBeVisible();
  await page.waitForTimeout(1000);
  expect(requests).toEqual([]);
});

test('a paste made before the box has finished loading is answered, and still not searched until asked', async ({ page }) => {
  // Hold the finder's module back, as a slow connection would, until the paste has landed.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route(/\/_astro\/ui\.[^/]*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/');
  await paste(page, 'ssh: connect to host 10.1.2.3 port 22: Connection refused');
  await expect(box(page)).toHaveValue(/Connection refused/);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  release();
  await expect(page.locator('[data-best]')).toHaveAttribute('href', /\/errors\/connection-refused\//);
  await expect(page.locator('.finder-search-offer')).toBeVisible();
  await page.waitForTimeout(1000);
  expect(requests.filter((u) => u.includes('/pagefind/'))).toEqual([]);
});

test('a large paste is read without freezing the page; over 10 MB gets a clear message', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto('/');
  // ~3 MB of real-looking debug output with the error at the end: matched in the worker.
  const filler = 'debug3: receive packet: type 2 (SSH2_MSG_IGNORE) padding 187 bytes of noise\n'.repeat(40_000);
  await page.evaluate((t) => navigator.clipboard.writeText(t), `${filler}kex_exchange_identification: read: Connection reset by peer\n`);
  await box(page).focus();
  // From the paste on, record the longest task that held the main thread.
  await page.evaluate(() => {
    const w = window as unknown as { longest: number };
    w.longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longest = Math.max(w.longest, e.duration);
    }).observe({ type: 'longtask' });
  });
  await page.keyboard.press('ControlOrMeta+V');
  await expect(page.locator('[data-best]')).toHaveAttribute('href', /connection-reset-by-peer/, { timeout: 20_000 });
  await expect(page.locator('.finder-card')).toContainText('Decided by line 40001');
  await expect(box(page)).toHaveAttribute('placeholder', /Large paste read on this device: \d\.\d MB, 40,002 lines/);
  // The analysis ran in a Web Worker (its script was loaded for this paste)…
  const workerScripts = await page.evaluate(() =>
    performance.getEntriesByType('resource').filter((e) => /\/worker[^/]*\.js$/.test(new URL(e.name).pathname)).length,
  );
  expect(workerScripts).toBe(1);
  // …so the main thread was never held for long (a generous bound: this machine may be busy).
  expect(await page.evaluate(() => (window as unknown as { longest: number }).longest)).toBeLessThan(2000);

  await paste(page, 'x'.repeat(11 * 1024 * 1024));
  await expect(page.getByRole('status')).toContainText('over the 10 MB limit');
  await expect(page.locator('[data-best]')).toHaveCount(0);
});
