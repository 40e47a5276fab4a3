import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type Request } from '@playwright/test';

/**
 * Guided checks on the built site: a reader walks an article from its first check to the
 * confirmed cause by pasting real command outputs (tests/fixtures/guided/), with the keyboard
 * alone. Each step asserts the one-line verdict; the last one the highlighted proof and the
 * fix tab that opened; no request leaves the page while the outputs are read. Then axe, in light
 * and dark, with answered boxes on the page.
 */

const fixture = (path: string) =>
  readFileSync(new URL(`../fixtures/guided/${path}`, import.meta.url), 'utf8').replace(/^# source: .*\n?/, '');

interface Step {
  cause: string;
  output: string;
  verdict: 'ruled-out' | 'confirmed';
}

/** Records every request the page makes from now on. */
function recordRequests(page: Page): Request[] {
  const seen: Request[] = [];
  page.on('request', (r) => seen.push(r));
  return seen;
}

/** Types the output into the focused box, then Tab to "Check this output" and Enter. */
async function answerWith(page: Page, step: Step) {
  const box = page.locator(`#check-${step.cause}`);
  await expect(box.locator('textarea')).toBeFocused();
  await page.keyboard.insertText(step.output);
  await page.keyboard.press('Tab');
  await expect(box.locator('[data-guided-check]')).toBeFocused();
  await page.keyboard.press('Enter');
  const line = box.locator('.guided-verdict');
  await expect(line).toHaveAttribute('data-verdict', step.verdict);
  await expect(line).toContainText(step.verdict === 'confirmed' ? 'This is your cause:' : 'Not this cause:');
  return box;
}

/** From a ruled-out answer: Tab to the "Next" link (past "It printed nothing" when the box has it) and Enter. */
async function followNext(page: Page, box: ReturnType<Page['locator']>) {
  const next = box.locator('[data-guided-next]');
  for (let i = 0; i < 3 && !(await next.evaluate((a) => a === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(next).toBeFocused();
  await page.keyboard.press('Enter');
}

async function walk(page: Page, steps: Step[]) {
  let box = page.locator(`#check-${steps[0].cause}`);
  for (const [i, step] of steps.entries()) {
    box = await answerWith(page, step);
    if (i < steps.length - 1) {
      await expect(box.locator('[data-guided-next]')).toHaveAttribute('href', `#check-${steps[i + 1].cause}`);
      await followNext(page, box);
    }
  }
  return box;
}

async function startAtFirstCheck(page: Page, path: string, firstCause: string) {
  await page.goto(path);
  await page.waitForLoadState('networkidle');
  // Keyboard only: Tab from the top of the page until the first box's textarea has the focus.
  const target = page.locator(`#check-${firstCause} textarea`);
  for (let i = 0; i < 200 && !(await target.evaluate((t) => t === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(target).toBeFocused();
}

test.beforeEach(async ({ context }) => {
  await context.addInitScript(() => localStorage.clear());
});

test('connection refused: from the home page answer card to "sshd listens on another port", keyboard only', async ({ page }) => {
  await page.goto('/');
  await page.waitForLoadState('networkidle');
  await page.locator('[data-finder-input]:visible').focus();
  await page.keyboard.insertText('ssh: connect to host web1 port 22: Connection refused');
  const start = page.locator('[data-guided-start]:visible');
  await expect(start).toHaveText('Not sure which cause? Start the guided checks');
  await expect(start).toHaveAttribute('href', /\/errors\/connection-refused\/.*#check-sshd-not-running$/);
  for (let i = 0; i < 20 && !(await start.evaluate((a) => a === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(start).toBeFocused();
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/errors\/connection-refused\/.*#check-sshd-not-running$/);
  await page.waitForLoadState('networkidle');
  await expect(page.locator('#check-sshd-not-running textarea')).toBeFocused();

  const requests = recordRequests(page);
  const box = await walk(page, [
    { cause: 'sshd-not-running', output: fixture('connection-refused/sshd-not-running/rules-out-ss-sshd-2222.txt'), verdict: 'ruled-out' },
    { cause: 'wrong-port-or-address', output: fixture('connection-refused/wrong-port-or-address/confirms-dropin-port-2222.txt'), verdict: 'confirmed' },
  ]);
  await expect(box.locator('.guided-verdict')).toHaveText(
    'This is your cause: Your ssh used port 22, but sshd is configured for another port: connect with ssh -p PORT, or change Port back and apply it (Ubuntu 22.10+: sudo sshd -t && sudo systemctl daemon-reload && sudo systemctl restart ssh.socket).',
  );
  await expect(box.locator('.guided-proof mark')).toHaveText('port 22: Connection refused');
  // The fix tab for the reader's platform (Ubuntu, the article's default) is the one shown and marked.
  const cause = page.locator('section.cause', { has: page.locator('#wrong-port-or-address') });
  await expect(cause.getByRole('tab', { name: 'Ubuntu / Debian' })).toHaveAttribute('aria-selected', 'true');
  const panel = cause.locator('[data-os-panel="ubuntu"]');
  await expect(panel).toBeVisible();
  await expect(panel).toHaveAttribute('data-guided-fix', '');
  // "Show the fix" is the next stop for the keyboard, and takes the focus to the panel.
  await page.keyboard.press('Tab');
  await expect(box.locator('[data-guided-fix-link]')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(panel).toBeFocused();
  expect(requests.map((r) => r.url()), 'no request while the outputs were read').toEqual([]);
});

test('permission denied (publickey): six checks to "sshd refuses authorized_keys", on the RHEL tab', async ({ page }) => {
  await startAtFirstCheck(page, '/errors/permission-denied-publickey/?os=rhel', 'wrong-user');
  const requests = recordRequests(page);
  const box = await walk(page, [
    { cause: 'wrong-user', output: fixture('permission-denied-publickey/wrong-user/rules-out-authenticating-user.txt'), verdict: 'ruled-out' },
    { cause: 'key-not-authorized', output: fixture('permission-denied-publickey/key-not-authorized/rules-out-bad-ownership.txt'), verdict: 'ruled-out' },
    { cause: 'password-login-disabled', output: fixture('permission-denied-publickey/password-login-disabled/rules-out-passwords-on.txt'), verdict: 'ruled-out' },
    { cause: 'wrong-key-offered', output: fixture('permission-denied-publickey/wrong-key-offered/rules-out-server-accepts.txt'), verdict: 'ruled-out' },
    { cause: 'sudo-or-other-user', output: fixture('permission-denied-publickey/sudo-or-other-user/rules-out-both-work.txt'), verdict: 'ruled-out' },
    { cause: 'server-permissions', output: fixture('permission-denied-publickey/server-permissions/confirms-bad-ownership-log.txt'), verdict: 'confirmed' },
  ]);
  await expect(box.locator('.guided-proof mark')).toHaveText('bad ownership or modes for');
  await expect(box.locator('.guided-proof')).toContainText('Authentication refused: bad ownership or modes for file /root/guided-cap-home/.ssh/authorized_keys');
  const cause = page.locator('section.cause', { has: page.locator('#server-permissions') });
  await expect(cause.getByRole('tab', { name: 'RHEL / Fedora' })).toHaveAttribute('aria-selected', 'true');
  await expect(cause.locator('[data-os-panel="rhel"]')).toHaveAttribute('data-guided-fix', '');
  await expect(cause.locator('[data-os-panel="rhel"]')).toBeVisible();
  await expect(box.locator('[data-guided-fix-link]')).toHaveText('Show the fix for RHEL / Fedora');
  expect(requests.map((r) => r.url())).toEqual([]);
});

test('connection timed out: five checks to "the server is out of memory", on the Ubuntu tab', async ({ page }) => {
  await startAtFirstCheck(page, '/errors/connection-timed-out/?os=ubuntu', 'cloud-firewall');
  const requests = recordRequests(page);
  const box = await walk(page, [
    { cause: 'cloud-firewall', output: fixture('connection-timed-out/cloud-firewall/rules-out-gcloud-default-allow-ssh.txt'), verdict: 'ruled-out' },
    { cause: 'wrong-address-or-host-down', output: fixture('connection-timed-out/wrong-address-or-host-down/rules-out-aws-running.txt'), verdict: 'ruled-out' },
    { cause: 'network-blocks-port-22', output: fixture('connection-timed-out/network-blocks-port-22/rules-out-nc-github-succeeded.txt'), verdict: 'ruled-out' },
    { cause: 'host-firewall-drops', output: fixture('connection-timed-out/host-firewall-drops/rules-out-ufw-allow-22.txt'), verdict: 'ruled-out' },
    { cause: 'banner-timeout', output: fixture('connection-timed-out/banner-timeout/confirms-oom.txt'), verdict: 'confirmed' },
  ]);
  await expect(box.locator('.guided-proof mark').first()).toHaveText('Out of memory: Killed process');
  const cause = page.locator('section.cause', { has: page.locator('#banner-timeout') });
  await expect(cause.locator('[data-os-panel="ubuntu"]')).toHaveAttribute('data-guided-fix', '');
  expect(requests.map((r) => r.url())).toEqual([]);
});

test("can't tell: another command's output gets what to run; it printed nothing is an answer too", async ({ page }) => {
  await startAtFirstCheck(page, '/errors/connection-refused/', 'sshd-not-running');
  const box = page.locator('#check-sshd-not-running');
  await page.keyboard.insertText('Traceback (most recent call last):\n  File "deploy.py", line 3\n');
  await box.locator('[data-guided-check]').click();
  await expect(box.locator('.guided-verdict')).toHaveAttribute('data-verdict', 'cant-tell');
  await expect(box.locator('.guided-answer')).toContainText('Run sudo ss -tlnp');
  await box.locator('[data-guided-nothing]').click();
  await expect(box.locator('.guided-verdict')).toHaveText('This is your cause: Nothing listens on port 22: sshd is not running there.');
});

test('without JavaScript the boxes are hidden and no verdict YAML shows', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/errors/connection-refused/');
  await expect(page.locator('[data-guided]').first()).toBeHidden();
  await expect(page.locator('.prose')).not.toContainText('rulesOut');
  await expect(page.locator('.prose')).not.toContainText('confirms:');
  await context.close();
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe is clean with answered boxes, ${colorScheme} scheme`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    await page.goto('/errors/connection-refused/');
    await page.waitForLoadState('networkidle');
    const answers: [string, string][] = [
      ['sshd-not-running', fixture('connection-refused/sshd-not-running/rules-out-ss-sshd-22.txt')],
      ['wrong-port-or-address', fixture('connection-refused/wrong-port-or-address/confirms-dropin-port-2222.txt')],
      ['firewall-rejects', 'not a firewall listing'],
    ];
    for (const [cause, text] of answers) {
      const box = page.locator(`#check-${cause}`);
      await box.locator('textarea').fill(text);
      await box.locator('[data-guided-check]').click();
      await expect(box.locator('.guided-verdict')).toBeVisible();
    }
    const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).include('.guided').analyze();
    expect(violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`)).toEqual([]);
  });
}
