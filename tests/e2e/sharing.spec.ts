import { expect, test, type Page } from '@playwright/test';
import { paste } from './helpers.ts';

/**
 * Safe sharing on the built site: the answer card's "Copy for a ticket" puts the paste on the
 * clipboard with host names, addresses, users and keys masked (list shown, switch to copy it as
 * pasted), and "Wrong answer?" links open a pre-filled issue with the masked paste.
 *
 * Report links exist only in a build made with REPORT_URL. Run this spec with the same REPORT_URL
 * the served build was made with (or none): e.g.
 *   REPORT_URL=https://example.com/new npx astro build --outDir /tmp/share-dist
 *   npx astro preview --outDir /tmp/share-dist --port 4402 &
 *   REPORT_URL=https://example.com/new E2E_PORT=4402 npx playwright test tests/e2e/sharing.spec.ts
 */
const REPORT_URL = process.env.REPORT_URL?.trim() || null;

const box = (page: Page) => page.locator('[data-finder-input]:visible');

const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

test.beforeEach(async ({ context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
});

const LOG = [
  'debug1: Reading configuration data /etc/ssh/ssh_config',
  'debug1: Connecting to build-01.example.com [198.51.100.7] port 22.',
  'debug1: Offering public key: /home/dev/.ssh/id_rsa RSA SHA256:0d9Yyq3l2bQmUQxkzT4c8y0W8lI8J3m1b2Xc9d0e1f2 agent',
  'sign_and_send_pubkey: no mutual signature supported',
  'debug1: No more authentication methods to try.',
  'dev@build-01.example.com: Permission denied (publickey).',
].join('\n');
const PRIVATE = ['build-01.example.com', '198.51.100.7', '/home/dev', 'dev@', '0d9Yyq3l2bQmUQxkzT4c8y0W8lI8J3m1b2Xc9d0e1f2'];

test('Copy for a ticket masks the paste by default, lists what was masked, and copies it as pasted when switched off', async ({ page }) => {
  await page.goto('/');
  await paste(page, LOG);
  const card = page.getByRole('region', { name: 'Best match' });
  await expect(card.locator('[data-best]')).toHaveAttribute('href', /\/errors\/no-mutual-signature\//);
  await expect(card.locator('[data-share-masked]')).toHaveText('Masked: 1 host, 1 IP, 1 user, 1 key.');
  const toggle = card.getByRole('switch', { name: 'Mask host names, addresses, users and keys' });
  await expect(toggle).toHaveAttribute('aria-checked', 'true');

  await card.getByRole('button', { name: 'Copy for a ticket' }).click();
  await expect(card.locator('[data-share-status]')).toHaveText('Copied, private details masked');
  const masked = await clipboard(page);
  expect(masked).toMatch(/^SSH error: .*no mutual signature/i);
  expect(masked).toMatch(/Fix: http:\/\/localhost:\d+\/errors\/no-mutual-signature\//);
  expect(masked).toContain('Decided by line 4: sign_and_send_pubkey: no mutual signature supported');
  expect(masked).toContain('My paste, masked: 1 host, 1 IP, 1 user, 1 key:');
  expect(masked).toContain('debug1: Connecting to HOST1 [IP1] port 22.');
  expect(masked).toContain('debug1: Offering public key: /home/USER1/.ssh/id_rsa RSA FINGERPRINT1 agent');
  expect(masked).toContain('USER1@HOST1: Permission denied (publickey).');
  expect(masked).toContain('/etc/ssh/ssh_config');
  for (const p of PRIVATE) expect(masked).not.toContain(p);

  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-checked', 'false');
  await expect(card.locator('[data-share-masked]')).toHaveText('Not masked: your paste is copied exactly as you pasted it.');
  await card.getByRole('button', { name: 'Copy for a ticket' }).click();
  await expect(card.locator('[data-share-status]')).toHaveText('Copied as pasted');
  const plain = await clipboard(page);
  expect(plain).toContain(`My paste:\n${LOG}\n`);
});

test('markup in a paste stays text in the copied snippet and in the report link', async ({ page }) => {
  const hostile = '<img src=x onerror="window.__pwned=1">\nssh: connect to host db1 port 22: Connection refused <script>window.__pwned=2</script>';
  await page.goto('/');
  await paste(page, hostile);
  const card = page.getByRole('region', { name: 'Best match' });
  await expect(card.locator('[data-best]')).toHaveAttribute('href', /\/errors\/connection-refused\//);
  await card.getByRole('button', { name: 'Copy for a ticket' }).click();
  await expect(card.locator('[data-share-status]')).toHaveText('Copied, private details masked');
  const copied = await clipboard(page);
  expect(copied).toContain('<img src=x onerror="window.__pwned=1">\nssh: connect to host HOST1 port 22: Connection refused <script>window.__pwned=2</script>');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? null)).toBeNull();
  expect(await card.locator('img, script').count()).toBe(0);
  if (REPORT_URL) {
    const body = new URL((await card.locator('[data-share-report]').getAttribute('href'))!).searchParams.get('body')!;
    expect(body).toContain('ssh: connect to host HOST1 port 22: Connection refused <script>window.__pwned=2</script>');
  }
});

test.describe('Wrong answer? links', () => {
  test(REPORT_URL ? `open a pre-filled issue at ${REPORT_URL} with the masked paste, the ids and the router version` : 'are absent without REPORT_URL', async ({ page, request }) => {
    const { routerVersion } = (await (await request.get('/errors.json')).json()) as { routerVersion: string };
    expect(routerVersion).toMatch(/^\d+\.\d+\.\d+\+[0-9a-f]{8}$/);

    await page.goto('/');
    await paste(page, LOG);
    const card = page.getByRole('region', { name: 'Best match' });
    await expect(card.locator('[data-share-masked]')).toBeVisible();
    const link = card.locator('[data-share-report]');
    if (!REPORT_URL) {
      await expect(link).toHaveCount(0);
      await page.goto('/errors/connection-refused/');
      await expect(page.locator('[data-ticket-copy]')).toBeVisible();
      await expect(page.locator('[data-report-fix]')).toHaveCount(0);
      return;
    }

    // The answer card: the routed id, the runner-up, the version, the masked paste.
    await expect(link).toHaveText('Wrong answer? Report it');
    const href = (await link.getAttribute('href'))!;
    expect(href.length).toBeLessThanOrEqual(8000);
    const url = new URL(href);
    expect(`${url.origin}${url.pathname}`).toBe(new URL(REPORT_URL).href.replace(/\?.*$/, ''));
    expect(url.searchParams.get('title')).toBe('Wrong answer: routed to no-mutual-signature');
    const body = url.searchParams.get('body')!;
    const runnerUp = await card.locator('.finder-alternatives a').first().getAttribute('href');
    expect(body).toContain('Routed to: `no-mutual-signature`');
    expect(body).toContain(`Runner-up: \`${runnerUp!.split('/').at(-2)}\``);
    expect(body).toContain(`Router version: \`${routerVersion}\``);
    expect(body).toContain('debug1: Connecting to HOST1 [IP1] port 22.');
    expect(body).toContain('USER1@HOST1: Permission denied (publickey).');
    for (const p of PRIVATE) expect(body).not.toContain(p);
    await expect(link).toHaveAttribute('target', '_blank');

    // The article: a plain link (no script needed) for a fix that did not work.
    await page.goto('/errors/connection-refused/');
    const fix = new URL((await page.locator('[data-report-fix]').getAttribute('href'))!);
    expect(fix.href.startsWith(REPORT_URL)).toBe(true);
    expect(fix.searchParams.get('title')).toBe('Fix did not work: connection-refused');
    expect(fix.searchParams.get('body')).toContain(`Router version: \`${routerVersion}\``);
    expect(fix.searchParams.get('body')).toMatch(/Page: http:\/\/\S+\/errors\/connection-refused\//);
  });

  test('a long log is cut around the deciding line to keep the link under 8,000 characters', async ({ page }) => {
    test.skip(!REPORT_URL, 'needs a build with REPORT_URL');
    const filler = Array.from({ length: 3000 }, (_, i) => `debug3: receive packet: type ${i % 90} from 203.0.113.${i % 250}`).join('\n');
    await page.goto('/');
    await paste(page, `${filler}\n${LOG}\n${filler}`);
    const href = (await page.getByRole('region', { name: 'Best match' }).locator('[data-share-report]').getAttribute('href'))!;
    expect(href.length).toBeLessThanOrEqual(8000);
    const body = new URL(href).searchParams.get('body')!;
    expect(body).toMatch(/lines \d+-\d+ of 6006, cut to fit a link/);
    expect(body).toContain('sign_and_send_pubkey: no mutual signature supported');
    expect(body).not.toMatch(/203\.0\.113\./);
  });
});
