import { existsSync, readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { paste } from './helpers.ts';

/**
 * Accessibility: axe finds no WCAG 2.2 AA or best-practice violation on any kind of page, in the
 * light and the dark colour scheme, including every platform tab, the open dialog with search
 * results, and the answers to a paste. Then the keyboard: the site works by Tab, arrows, `/`,
 * Ctrl+K and Escape alone, with a visible focus indicator on everything that takes focus.
 */

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
/** Server-side article (ubuntu, rhel, cloud) with a Risky box; and one with all five platforms. */
const ARTICLES = ['/errors/connection-refused/', '/errors/x11-forwarding-failed/'];
const LOG = readFileSync(new URL('../fixtures/checks/logs/publickey-denied-vvv.txt', import.meta.url), 'utf8');

type Violation = { id: string; impact?: string | null; help: string; nodes: { target: unknown; failureSummary?: string }[] };

/** A readable summary, so a failure says what and where without opening a trace. */
function summary(violations: Violation[]): string[] {
  return violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.slice(0, 5).map((n) => `    ${JSON.stringify(n.target)}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 240)}`).join('\n')}`,
  );
}

async function expectNoViolations(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(summary(violations as Violation[]), `axe: ${what}`).toEqual([]);
}

test.beforeEach(async ({ context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await context.addInitScript(() => localStorage.clear());
});

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`axe, ${colorScheme} scheme`, () => {
    // axe checks colour contrast node by node: slow on a busy machine, so a generous budget.
    test.describe.configure({ timeout: 180_000 });
    test.beforeEach(async ({ page }) => {
      await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    });

    test('home page', async ({ page }) => {
      await page.goto('/');
      await expectNoViolations(page, 'home');
    });

    for (const article of ARTICLES) {
      test(`article ${article}, every platform tab`, async ({ page }) => {
        await page.goto(article);
        await expectNoViolations(page, `${article} (default tab)`);
        const tabs = page.locator('[data-os-tabs]').first().getByRole('tab');
        const n = await tabs.count();
        expect(n).toBeGreaterThanOrEqual(3);
        // A tab switches every group that has that platform; groups without it keep their own.
        for (let i = 0; i < n; i++) {
          await tabs.nth(i).click();
          await expectNoViolations(page, `${article} tab ${await tabs.nth(i).textContent()}`);
        }
        // Platforms that only later groups have (e.g. macOS in a later cause).
        const extra = page.locator('[data-os-tabs] [role=tab][aria-selected=false]');
        const seen = new Set<string>();
        for (let i = 0; i < (await extra.count()); i++) {
          const os = (await extra.nth(i).getAttribute('data-os'))!;
          if (seen.has(os) || !(await extra.nth(i).isVisible())) continue;
          seen.add(os);
          await extra.nth(i).click();
          await expectNoViolations(page, `${article} tab ${os}`);
        }
      });
    }

    test('article as a reader without JavaScript sees it: every panel shown', async ({ page }) => {
      // axe itself needs JavaScript, so rather than turning it off, the page is served with its
      // scripts removed: exactly the markup and CSS a no-JS reader gets (all panels stacked).
      const article = ARTICLES[1]; // all five platforms
      await page.route(`**${article}`, async (route) => {
        const response = await route.fetch();
        const body = (await response.text()).replace(/<script\b[\s\S]*?<\/script>/gi, '');
        await route.fulfill({ response, body });
      });
      await page.goto(article);
      await expect(page.locator('[role=tablist]:visible')).toHaveCount(0);
      await expect(page.locator('[data-os-panel]:visible')).toHaveCount(await page.locator('[data-os-panel]').count());
      await expectNoViolations(page, `${article} without JS`);
    });

    test('finder dialog open with search results', async ({ page }) => {
      await page.goto(ARTICLES[0]);
      await page.keyboard.press('/');
      const dialog = page.getByRole('dialog', { name: 'Find the fix for an SSH error' });
      await expect(dialog).toBeVisible();
      await page.keyboard.type('host key');
      await expect(dialog.locator('.finder-results li').first()).toBeVisible({ timeout: 20_000 });
      await expectNoViolations(page, 'dialog with search results');
      // And with the matcher's answer and the search results under it.
      await dialog.locator('[data-finder-input]').fill('');
      await dialog.locator('[data-finder-input]').pressSequentially('Host key verification failed.');
      await expect(dialog.locator('[data-best]')).toBeVisible();
      await expect(dialog.locator('.finder-search-heading')).toBeVisible({ timeout: 20_000 });
      await expectNoViolations(page, 'dialog with answer and search results');
    });

    test('paste result: answer card, then a debug log with its timeline', async ({ page }) => {
      await page.goto('/');
      await paste(page, 'ssh: connect to host 10.1.2.3 port 22: Connection refused');
      await expect(page.locator('[data-best]')).toBeVisible();
      await expectNoViolations(page, 'answer card');
      await page.locator('.finder-search-offer').click();
      await expect(page.locator('.finder-search-heading')).toBeVisible({ timeout: 20_000 });
      await expectNoViolations(page, 'answer card with search results');

      await page.locator('[data-finder-input]:visible').fill('');
      await paste(page, LOG);
      await expect(page.getByRole('region', { name: 'Connection timeline' })).toBeVisible();
      await expect(page.locator('[data-best]')).toBeVisible();
      await expectNoViolations(page, 'debug log with timeline');

      await page.locator('[data-finder-input]:visible').fill('');
      await paste(page, 'no ssh error in here at all, just words');
      await expect(page.locator('.finder-empty').first()).toBeVisible();
      await expectNoViolations(page, 'no match');
    });

    test('404 page', async ({ page }) => {
      const res = await page.goto('/no/such/page/');
      expect(res?.status()).toBe(404);
      await expectNoViolations(page, '404');
    });

    test('embed page', async ({ page }) => {
      test.skip(!existsSync(new URL('../../dist/embed/index.html', import.meta.url)), 'dist/embed/index.html is not built');
      await page.goto('/embed/');
      await expectNoViolations(page, 'embed, empty');
      const box = page.locator('sshfix-router').locator('textarea');
      await box.fill('Permission denied (publickey).');
      await expect(page.locator('sshfix-router').locator('a').first()).toBeVisible();
      await expectNoViolations(page, 'embed with an answer');
    });
  });
}

/** The element that has focus shows a ring: an outline or a box-shadow. */
async function focusIndicator(page: Page): Promise<{ desc: string; visible: boolean }> {
  return page.evaluate(() => {
    let el = document.activeElement as HTMLElement | null;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement as HTMLElement;
    if (!el || el === document.body) return { desc: 'body', visible: false };
    const cs = getComputedStyle(el);
    const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0;
    const shadow = cs.boxShadow !== 'none';
    const desc = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    return { desc, visible: outline || shadow };
  });
}

/** Tab through the whole page; every stop shows its focus. Returns the stops in order. */
async function tabThrough(page: Page, max = 400): Promise<string[]> {
  const stops: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focusIndicator(page);
    if (f.desc === 'body' || stops.includes(f.desc)) break;
    expect(f.visible, `visible focus on ${f.desc}`).toBe(true);
    stops.push(f.desc);
  }
  return stops;
}

test.describe('keyboard only', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`home page by Tab (${colorScheme}): skip link first, focus always visible`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      await page.goto('/');
      await page.keyboard.press('Tab');
      await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
      expect((await focusIndicator(page)).visible).toBe(true);
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(/#main$/);
      // The next Tab continues inside main: the paste box comes first there.
      await page.keyboard.press('Tab');
      await expect(page.locator('[data-finder-input]:visible')).toBeFocused();
      expect((await focusIndicator(page)).visible).toBe(true);

      await page.goto('/');
      const stops = await tabThrough(page);
      expect(stops.length).toBeGreaterThan(60); // every error in the index is a stop
    });
  }

  test('article by Tab: skip link, tabs reachable and operable with arrows, focus visible', async ({ page }) => {
    await page.goto(ARTICLES[0]);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
    // Walk to the first tab by Tab alone.
    let onTab = false;
    for (let i = 0; i < 80 && !onTab; i++) {
      await page.keyboard.press('Tab');
      expect((await focusIndicator(page)).visible).toBe(true);
      onTab = await page.evaluate(() => document.activeElement?.getAttribute('role') === 'tab');
    }
    expect(onTab, 'a platform tab is reachable by Tab').toBe(true);
    const group = page.locator('[data-os-tabs]').first();
    const tabs = group.getByRole('tab');
    await expect(tabs.first()).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(tabs.nth(1)).toBeFocused();
    await expect(tabs.nth(1)).toHaveAttribute('aria-selected', 'true');
    expect((await focusIndicator(page)).visible).toBe(true);
    // Tab leaves the tab list for the shown panel.
    await page.keyboard.press('Tab');
    const panelOs = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.osPanel);
    expect(panelOs).toBe(await tabs.nth(1).getAttribute('data-os'));
    expect((await focusIndicator(page)).visible).toBe(true);
    await page.keyboard.press('Shift+Tab');
    await expect(tabs.nth(1)).toBeFocused();

    await page.goto(ARTICLES[0]);
    const stops = await tabThrough(page);
    expect(stops.length).toBeGreaterThan(10);
  });

  for (const key of ['/', 'Control+k']) {
    test(`${key} opens the finder; Escape closes it and gives focus back`, async ({ page }) => {
      await page.goto(ARTICLES[0]);
      const dialog = page.getByRole('dialog', { name: 'Find the fix for an SSH error' });
      // From a focused element: focus returns there.
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      const before = await focusIndicator(page);
      await page.keyboard.press(key);
      await expect(dialog).toBeVisible();
      await expect(dialog.locator('[data-finder-input]')).toBeFocused();
      expect((await focusIndicator(page)).visible).toBe(true);
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
      expect((await focusIndicator(page)).desc).toBe(before.desc);

      // From the header button, by keyboard: focus returns to the button.
      const trigger = page.getByRole('link', { name: 'Search or paste an error' });
      await trigger.focus();
      await page.keyboard.press('Enter');
      await expect(dialog).toBeVisible();
      await expect(dialog.locator('[data-finder-input]')).toBeFocused();
      // The page behind the modal dialog is inert: Tab never lands there (past the dialog's last
      // control, focus goes to the browser's own UI, as in every native modal dialog).
      for (let i = 0; i < 6; i++) {
        await page.keyboard.press('Tab');
        const where = await dialog.evaluate((d) => (d.contains(document.activeElement) ? 'dialog' : document.activeElement === document.body ? 'body' : 'page'));
        expect(where).not.toBe('page');
        if (where === 'dialog') expect((await focusIndicator(page)).visible).toBe(true);
      }
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
      await expect(trigger).toBeFocused();
    });
  }

  test('home page: / and Ctrl+K go to the paste box', async ({ page }) => {
    await page.goto('/');
    const box = page.locator('[data-finder-input]:visible');
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('/');
    await expect(box).toBeFocused();
    await expect(box).toHaveValue('');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+k');
    await expect(box).toBeFocused();
  });

  test('answer links are reached by Tab and arrows from the box', async ({ page }) => {
    await page.goto('/');
    const box = page.locator('[data-finder-input]:visible');
    await box.focus();
    await page.keyboard.insertText('Host key verification failed.');
    await expect(page.locator('[data-best]')).toBeVisible();
    await page.keyboard.press('ArrowDown');
    await expect(page.locator('[data-best]')).toBeFocused();
    expect((await focusIndicator(page)).visible).toBe(true);
    await page.keyboard.press('ArrowUp');
    await expect(box).toBeFocused();
    await page.keyboard.press('Tab');
    // Tab from the box reaches the answer too (the hint text is not a stop).
    for (let i = 0; i < 5 && !(await page.locator('[data-best]').evaluate((a) => a === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(page.locator('[data-best]')).toBeFocused();
  });
});
