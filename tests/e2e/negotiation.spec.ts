/**
 * The negotiation explainer and the config checks in the paste box of the built site: what a
 * reader sees under the answer card after pasting a "no matching" failure, an sshd_config with
 * Match blocks (and the connection fields that simulate them), or a client config.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { paste } from './helpers.ts';

const fixture = (p: string) => readFileSync(new URL(`../fixtures/${p}`, import.meta.url), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');

test.beforeEach(async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/');
});

test('"Unable to negotiate … Their offer" shows both sides, OpenSSH\'s history and a per-host fix', async ({ page }) => {
  await paste(page, fixture('pastes/no-matching-key-exchange/ssh-old-switch.txt'));
  await expect(page.locator('[data-best]')).toHaveAttribute('href', /no-matching-key-exchange/);
  const box = page.getByRole('region', { name: 'Algorithm negotiation' });
  await expect(box).toBeVisible();
  await expect(box).toContainText('Server offers');
  await expect(box).toContainText('diffie-hellman-group1-sha1: off by default since OpenSSH 7.0');
  const fix = box.locator('pre code').first();
  await expect(fix).toContainText('Host 10.20.0.2\n    KexAlgorithms +diffie-hellman-group1-sha1');
  expect(await fix.textContent()).not.toMatch(/^Host \*/m);
  await expect(box.getByRole('link', { name: 'Read the full article' })).toHaveAttribute('href', /\/errors\/no-matching-key-exchange\//);
});

test('a JSch failure gets the JSch setting and the ssh_config block', async ({ page }) => {
  await paste(page, fixture('pastes/no-matching-host-key-type/jsch-nego-hostkey.txt'));
  const box = page.getByRole('region', { name: 'Algorithm negotiation' });
  await expect(box).toContainText('ssh-rsa, ssh-dss');
  await expect(box.locator('pre code').first()).toContainText('session.setConfig("server_host_key"');
  await expect(box.locator('pre code').first()).toContainText('PubkeyAcceptedAlgorithms +ssh-rsa');
});

test('a failure that carries no list says how to see the server\'s offer', async ({ page }) => {
  await paste(page, fixture('pastes/no-matching-key-exchange/dropbear-no-matching-kex.txt'));
  await expect(page.locator('[data-best]')).toHaveAttribute('href', /no-matching-key-exchange/);
  await expect(page.getByRole('region', { name: 'Algorithm negotiation' })).toContainText('does not list what the server offers');
});

test('markup in a pasted failure stays text', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  await paste(page, 'Unable to negotiate with <img/src=x/onerror=alert(1)> port 22: no matching cipher found. Their offer: aes128-cbc,<script>alert(2)</script>');
  const box = page.getByRole('region', { name: 'Algorithm negotiation' });
  await expect(box).toContainText('aes128-cbc');
  // Markup is not a host name: the Host line falls back to a placeholder.
  await expect(box.locator('pre code').first()).toContainText('Host the-old-host');
  await expect(box.locator('img, script')).toHaveCount(0);
  expect(dialogs).toBe(0);
});

test('an sshd_config with Match blocks: the connection fields show what applies to one user', async ({ page }) => {
  await paste(page, fixture('checks/sshd-config/match-blocks.conf'));
  const check = page.getByRole('region', { name: 'sshd_config check' });
  await expect(check).toBeVisible();
  const form = check.getByRole('form', { name: 'Simulate a connection' });
  await form.getByLabel('User').fill('deploy');
  await form.getByLabel('Address').fill('10.1.2.3');
  await expect(check).toContainText('Match blocks that apply: line 5, 15.');
  await expect(check.locator('.finder-connection')).toContainText('passwordauthentication');
  await expect(check.locator('.finder-connection dd').first()).toHaveText('yes (Match at line 5)');
  // The negated address turns the first block off.
  await form.getByLabel('Address').fill('10.9.9.9');
  await expect(check).toContainText('Match blocks that apply: line 15.');
});

test('a client config: the Host * block at the top is reported', async ({ page }) => {
  await paste(page, fixture('checks/ssh-config/shadowed-config'));
  const check = page.getByRole('region', { name: 'Client config check' });
  await expect(check).toContainText('never takes effect');
  await expect(check).toContainText('IdentitiesOnly');
});

test('the explainer and the connection fields pass axe (WCAG 2.1 AA)', async ({ page }) => {
  await paste(page, fixture('pastes/no-matching-host-key-type/ssh-old-nas.txt'));
  await expect(page.getByRole('region', { name: 'Algorithm negotiation' })).toBeVisible();
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
  expect((await new AxeBuilder({ page }).include('[data-finder-check]').withTags(tags).analyze()).violations).toEqual([]);
  await page.locator('[data-finder-input]:visible').fill('');
  await paste(page, fixture('checks/sshd-config/match-blocks.conf'));
  await page.getByRole('form', { name: 'Simulate a connection' }).getByLabel('User').fill('deploy');
  await expect(page.locator('.finder-connection dd').first()).toBeVisible();
  expect((await new AxeBuilder({ page }).include('[data-finder-check]').withTags(tags).analyze()).violations).toEqual([]);
});
