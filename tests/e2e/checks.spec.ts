import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { paste } from './helpers.ts';

const fixture = (p: string) => readFileSync(new URL(`../fixtures/checks/${p}`, import.meta.url), 'utf8');

test.beforeEach(async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/');
});

test('a real ssh -vvv log shows how far the connection got and where it failed', async ({ page }) => {
  await paste(page, fixture('logs/publickey-denied-vvv.txt'));
  const check = page.getByRole('region', { name: 'Connection timeline' });
  await expect(check).toBeVisible();
  await expect(check.locator('li[data-status=ok]').first()).toBeVisible();
  await expect(check.locator('li[data-status=failed]')).toContainText('failed here');
  await expect(check).toContainText('Keys tried');
  await expect(check).toContainText('OpenSSH_');
  // The article for the failure is routed too.
  await expect(page.locator('[data-best]')).toHaveAttribute('href', /permission-denied-publickey/);
});

test('a real ls -la listing gets the exact chmod for each entry that breaks the rules', async ({ page }) => {
  await paste(page, fixture('perms/gnu-bad.txt'));
  const check = page.getByRole('region', { name: 'Permissions check' });
  await expect(check).toBeVisible();
  await expect(check.locator('.finder-findings > li[data-severity=error]').first()).toBeVisible();
  await expect(check).toContainText('chmod 600');
  await expect(check).toContainText('id_ed25519');
  await expect(check.getByRole('link', { name: 'Why this matters' }).first()).toHaveAttribute('href', /\/errors\/[a-z-]+\//);
});

test('a clean listing says nothing is wrong', async ({ page }) => {
  await paste(page, fixture('perms/gnu-good.txt'));
  await expect(page.getByRole('region', { name: 'Permissions check' })).toContainText('Nothing here breaks');
});

test('an sshd_config with a cloud-init drop-in shows which value wins', async ({ page }) => {
  await paste(page, fixture('sshd-config/tail-concat-dropins.txt'));
  const check = page.getByRole('region', { name: 'sshd_config check' });
  await expect(check).toBeVisible();
  await expect(check.locator('.finder-findings > li').first()).toBeVisible();
  await expect(check).toContainText('50-cloud-init.conf');
  await expect(check).toContainText('PasswordAuthentication');
});
