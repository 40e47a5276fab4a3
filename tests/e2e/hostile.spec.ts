import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { LARGE_PASTE_CHARS } from '../../src/scripts/large-paste.ts';
import { HOSTILE, LIMIT, type Hostile } from '../fixtures/hostile/corpus.ts';

/**
 * Hostile pastes in the real browser, in the home page's box and in the dialog on an article:
 * nothing pasted ever runs (no dialog, no flag set by a handler, no element of the pasted kind
 * added, no javascript: link), the tab stays responsive (no long task over ~1 s while a paste is
 * processed), and where a limit is passed the reader is told so.
 */

const pick = (name: string): Hostile => {
  const h = HOSTILE.find((x) => x.name === name);
  if (!h) throw new Error(`no hostile input named ${name}`);
  return h;
};

/** What the browser test pastes: markup of every kind, then the inputs that stress size and text handling. */
const MARKUP = ['script tag', 'img onerror', 'svg onload', 'svg file', 'html document', 'javascript: URLs', 'iframe srcdoc', 'attribute and textarea breakout', 'markup inside a matched line', 'template literal and mustache', 'prototype keys'];
const OTHERS = ['NUL inside an error', 'NUL bytes', 'right-to-left override', 'bidi isolates and Arabic/Hebrew', 'Zalgo error', 'lone high surrogates', 'ANSI colour flood', 'OSC 8 hyperlink to javascript:', '100,000-character line', 'mixed endings file'];

/** Longest main-thread task budget while a paste is processed (ms). */
const LONG_TASK_MS = 1000;
/**
 * For a 10 MB paste, Chromium's own clipboard read (`getData` in the paste event) takes ~0.4–0.6 s
 * on this kind of machine before the page's code runs at all, so the budget is larger; matching
 * 10 MB on the main thread instead of the worker would still blow it (several seconds).
 */
const LONG_TASK_10MB_MS = 2500;

/** Elements a paste could try to smuggle in, counted before and after. */
const WATCHED = 'script, img, svg, iframe, frame, object, embed, form, input, details, template, style, link, meta, base, b, animate, set, foreignObject, use';

test.beforeEach(async ({ context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await context.addInitScript(() => {
    const w = window as unknown as { longest: number; tasks: number[] };
    w.longest = 0;
    w.tasks = [];
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          w.longest = Math.max(w.longest, e.duration);
          w.tasks.push(Math.round(e.duration));
        }
      }).observe({ type: 'longtask', buffered: true });
    } catch {}
  });
});

function watchDialogs(page: Page): { count: number } {
  const seen = { count: 0 };
  page.on('dialog', (d) => {
    seen.count++;
    void d.dismiss();
  });
  return seen;
}

/** Counts the watched elements, handler attributes and javascript: URLs anywhere in the document (shadow roots too). */
async function surface(page: Page) {
  return page.evaluate((watched) => {
    const roots: (Document | ShadowRoot)[] = [document];
    const all: Element[] = [];
    while (roots.length) {
      const r = roots.pop()!;
      for (const e of r.querySelectorAll('*')) {
        all.push(e);
        if (e.shadowRoot) roots.push(e.shadowRoot);
      }
    }
    const counts: Record<string, number> = {};
    let handlers = 0;
    let jsUrls = 0;
    for (const e of all) {
      if (e.matches(watched)) counts[e.localName] = (counts[e.localName] ?? 0) + 1;
      for (const a of e.attributes) {
        if (/^on/i.test(a.name)) handlers++;
        if (/^(href|src|action|data|formaction|xlink:href|srcdoc)$/i.test(a.name) && /^\s*(javascript|data):/i.test(a.value)) jsUrls++;
      }
    }
    return { counts, handlers, jsUrls, pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null, frames: window.frames.length };
  }, WATCHED);
}

async function paste(page: Page, text: string, box = page.locator('[data-finder-input]:visible')) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await box.focus();
  await page.evaluate(() => ((window as unknown as { longest: number }).longest = 0));
  await page.keyboard.press('ControlOrMeta+V');
}

/** Empties the box and waits until the previous answer is gone, so the next wait sees a new one. */
async function clear(page: Page) {
  // A large paste leaves the textarea empty already; a blank edit still fires `input`.
  await page.locator('[data-finder-input]:visible').fill(' ');
  await page.locator('[data-finder-input]:visible').fill('');
  const finder = page.locator('[data-finder]:visible');
  await expect(finder.locator('.finder-card')).toHaveCount(0);
  await expect(finder.locator('[data-finder-status]')).toBeEmpty();
}

/** Waits until the finder has answered (an answer card, a no-match card, or a status message). */
async function answered(page: Page, timeout = 20_000) {
  await expect(page.locator('[data-finder]:visible').locator('.finder-card, .finder-status:not(:empty)').first()).toBeVisible({ timeout });
  // Let any deferred work (search offer, renders) finish before measuring.
  await page.waitForTimeout(300);
}

/** Longest task since the last paste; the worst one per test is printed for the report. */
async function longest(page: Page): Promise<number> {
  const ms = await page.evaluate(() => (window as unknown as { longest: number }).longest);
  const info = test.info();
  const prev = Number(info.annotations.find((a) => a.type === 'longest task ms')?.description ?? 0);
  if (ms > prev) {
    info.annotations = info.annotations.filter((a) => a.type !== 'longest task ms');
    info.annotations.push({ type: 'longest task ms', description: String(Math.round(ms)) });
  }
  return ms;
}

test.afterEach(async ({}, info) => {
  const worst = info.annotations.find((a) => a.type === 'longest task ms');
  if (worst) console.log(`${info.title}: longest main-thread task ${worst.description} ms`);
});

for (const where of ['home page box', 'dialog on an article'] as const) {
  test.describe(where, () => {
    async function open(page: Page) {
      if (where === 'home page box') {
        await page.goto('/');
        await expect(page.locator('[data-finder-input]:visible')).toBeVisible();
      } else {
        await page.goto('/errors/connection-refused/');
        await page.keyboard.press('/');
        await expect(page.getByRole('dialog')).toBeVisible();
      }
      // Wait for the finder module: it answers pastes once attached.
      await page.waitForLoadState('networkidle');
    }

    test('markup, SVG handlers and javascript: URLs are shown as text and never run', async ({ page }) => {
      test.setTimeout(120_000);
      const dialogs = watchDialogs(page);
      await open(page);
      const before = await surface(page);
      for (const name of MARKUP) {
        const text = pick(name).text();
        await clear(page);
        await paste(page, text);
        await answered(page);
        const after = await surface(page);
        expect(after.pwned, `${name}: a handler ran`).toBeNull();
        expect(after.counts, `${name}: no element of the pasted kind appears`).toEqual(before.counts);
        expect(after.handlers, `${name}: no handler attribute appears`).toBe(before.handlers);
        expect(after.jsUrls, `${name}: no javascript: or data: URL appears`).toBe(0);
        expect(after.frames, `${name}: no frame appears`).toBe(before.frames);
        expect(await longest(page), `${name}: long task`).toBeLessThan(LONG_TASK_MS);
      }
      // The markup is visible as text where the answer quotes the paste.
      await clear(page);
      await paste(page, pick('markup inside a matched line').text());
      await expect(page.locator('[data-best]:visible')).toHaveAttribute('href', /connection-refused/);
      await expect(page.locator('.finder-evidence:visible')).toContainText('<img src=x onerror="window.__pwned=3">');
      await expect(page.locator('.finder-evidence:visible')).toContainText('<b onmouseover=alert(1)>x</b>');
      // Give any delayed handler (onload, onerror, animate) a chance to fire.
      await page.waitForTimeout(1000);
      expect((await surface(page)).pwned).toBeNull();
      expect(dialogs.count).toBe(0);
    });

    test('NUL bytes, bidi, Zalgo, broken UTF-16, escape floods and a 100,000-character line', async ({ page }) => {
      test.setTimeout(120_000);
      const dialogs = watchDialogs(page);
      await open(page);
      for (const name of OTHERS) {
        await clear(page);
        await paste(page, pick(name).text());
        await answered(page);
        expect(await longest(page), `${name}: long task`).toBeLessThan(LONG_TASK_MS);
        // The page still answers a normal paste after each hostile one.
      }
      await clear(page);
      await paste(page, pick('right-to-left override').text());
      await expect(page.locator('[data-best]:visible')).toHaveAttribute('href', /connection-refused/);
      await clear(page);
      await paste(page, pick('NUL inside an error').text());
      await answered(page);
      await clear(page);
      await paste(page, 'Host key verification failed.');
      await expect(page.locator('[data-best]:visible')).toHaveAttribute('href', /host-key-verification-failed/);
      expect(dialogs.count).toBe(0);
    });

    test('10 MB: just under the limit is read off the main thread; just over gets a clear message', async ({ page }) => {
      test.setTimeout(180_000);
      await open(page);
      const box = page.locator('[data-finder-input]:visible');
      await paste(page, pick('10 MB, just under the limit').text());
      await expect(page.locator('[data-best]:visible')).toHaveAttribute('href', /connection-refused/, { timeout: 60_000 });
      // Kept out of the textarea (laying out megabytes there would freeze the tab), with a summary.
      await expect(box).toHaveValue('');
      await expect(box).toHaveAttribute('placeholder', /Large paste read on this device: 10\.0 MB/);
      expect(await longest(page), 'long task while reading 10 MB').toBeLessThan(LONG_TASK_10MB_MS);

      const over = pick('10 MB, just over the limit').text();
      expect(over.length).toBe(LIMIT + 1);
      await paste(page, over);
      await expect(page.locator('[data-finder-status]:visible')).toContainText('over the 10 MB limit', { timeout: 30_000 });
      await expect(page.locator('[data-best]:visible')).toHaveCount(0);
      await expect(box).toHaveAttribute('placeholder', /part of the log around the error/);
      expect(await longest(page), 'long task while refusing 10 MB + 1').toBeLessThan(LONG_TASK_10MB_MS);
    });
  });
}

test('after a paste over the limit is refused, the box answers the next paste', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await page.waitForLoadState('networkidle');
  await paste(page, 'x'.repeat(LIMIT + 10));
  await expect(page.getByRole('status')).toContainText('over the 10 MB limit', { timeout: 30_000 });
  await page.locator('[data-finder-input]:visible').fill('');
  await paste(page, 'Permission denied (publickey).');
  await expect(page.locator('[data-best]')).toHaveAttribute('href', /permission-denied-publickey/);
  await expect(page.getByRole('status')).not.toContainText('limit');
});

test('guided check box: markup, binary junk and a long line typed in are only text, answered "can\'t tell"', async ({ page }) => {
  test.setTimeout(120_000);
  const dialogs = watchDialogs(page);
  await page.goto('/errors/connection-refused/');
  await page.waitForLoadState('networkidle');
  const box = page.locator('#check-sshd-not-running');
  // Focusing a box loads the engine (the site's own module, with its preload links): count after that.
  await box.locator('textarea').focus();
  await page.waitForLoadState('networkidle');
  const before = await surface(page);
  for (const name of [...MARKUP, 'NUL bytes', 'binary junk 200 kB', '100,000-character line']) {
    const text = pick(name).text();
    await box.locator('textarea').fill(text);
    if (text.length > 100_000) {
      // Text set without a paste event is kept out of the textarea too: laying it out froze the tab for 17 s.
      await expect(box.locator('textarea')).toHaveValue('');
      await expect(box.locator('textarea')).toHaveAttribute('placeholder', /Large paste read on this device/);
    }
    await page.evaluate(() => ((window as unknown as { longest: number }).longest = 0));
    await box.locator('[data-guided-check]').click();
    await expect(box.locator('.guided-verdict'), name).toHaveAttribute('data-verdict', 'cant-tell');
    await expect(box.locator('.guided-answer')).toContainText('Run sudo ss -tlnp');
    // Held text is read, not dropped: the answer is about the text, not about an empty box.
    await expect(box.locator('.guided-verdict')).not.toContainText('box is empty');
    const after = await surface(page);
    expect(after.pwned, `${name}: a handler ran`).toBeNull();
    expect(after.counts, `${name}: no element of the pasted kind appears`).toEqual(before.counts);
    expect(after.handlers, `${name}: no handler attribute appears`).toBe(before.handlers);
    expect(after.jsUrls, `${name}: no javascript: or data: URL appears`).toBe(0);
    expect(await longest(page), `${name}: long task`).toBeLessThan(LONG_TASK_MS);
  }
  expect(dialogs.count).toBe(0);
});

/** The hostile corpus the home finder gets, pasted (not typed) into a guided check box. */
const GUIDED_PASTES = ['10 MB, just under the limit', '10 MB, just over the limit', 'ANSI colour flood', 'binary junk 200 kB', 'NUL bytes', 'lone high surrogates', 'lone low surrogates', 'reversed surrogate pairs', '100,000-character line', ...MARKUP];

test('guided check box: any paste, 10 MB included, gets "can\'t tell" and what to run, fast, as text, with no request', async ({ page }) => {
  test.setTimeout(240_000);
  const dialogs = watchDialogs(page);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/errors/connection-refused/');
  await page.waitForLoadState('networkidle');
  const box = page.locator('#check-sshd-not-running');
  const textarea = box.locator('textarea');
  // Focusing a box loads the engine (the site's own module): from then on no request may leave the page.
  await textarea.focus();
  await page.waitForLoadState('networkidle');
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const before = await surface(page);
  for (const name of GUIDED_PASTES) {
    const text = pick(name).text();
    await textarea.fill('');
    // A stale answer must not pass for the new one.
    await box.locator('[data-guided-answer]').evaluate((a) => a.replaceChildren());
    await paste(page, text, textarea);
    await box.locator('[data-guided-check]').click();
    const verdict = box.locator('.guided-verdict');
    await expect(verdict, name).toHaveAttribute('data-verdict', 'cant-tell', { timeout: 30_000 });
    await expect(box.locator('.guided-answer'), name).toContainText(/Run sudo ss -tlnp.* and paste its whole output\./);
    if (text.length > LIMIT) await expect(verdict, name).toContainText('over the 10 MB limit');
    // The textarea never receives a large paste: laying it out would freeze the tab.
    const held = await textarea.inputValue();
    expect(held.length, `${name}: characters in the textarea`).toBeLessThanOrEqual(LARGE_PASTE_CHARS);
    if (text.length > LARGE_PASTE_CHARS) {
      expect(held, name).toBe('');
      await expect(textarea, name).toHaveAttribute('placeholder', text.length > LIMIT ? /part of the log around the error/ : /Large paste read on this device/);
    }
    const after = await surface(page);
    expect(after.pwned, `${name}: a handler ran`).toBeNull();
    expect(after.counts, `${name}: no element of the pasted kind appears`).toEqual(before.counts);
    expect(after.handlers, `${name}: no handler attribute appears`).toBe(before.handlers);
    expect(after.jsUrls, `${name}: no javascript: or data: URL appears`).toBe(0);
    const ms = await longest(page);
    console.log(`guided box, ${name}: longest main-thread task ${Math.round(ms)} ms`);
    expect(ms, `${name}: long task`).toBeLessThan(text.length > 1_000_000 ? LONG_TASK_10MB_MS : LONG_TASK_MS);
  }
  // Typing still works after a large paste: the typed output is what gets read, not the held paste.
  await paste(page, pick('10 MB, just under the limit').text(), textarea);
  await textarea.fill('');
  await page.keyboard.insertText(readFileSync(new URL('../fixtures/guided/connection-refused/sshd-not-running/rules-out-ss-sshd-22.txt', import.meta.url), 'utf8').replace(/^# source: .*\n?/, ''));
  await expect(textarea).not.toHaveAttribute('placeholder', /Large paste/);
  await box.locator('[data-guided-check]').click();
  await expect(box.locator('.guided-verdict')).toHaveAttribute('data-verdict', 'ruled-out');
  expect(errors, 'no page error').toEqual([]);
  expect(requests, 'no request leaves the page').toEqual([]);
  expect(dialogs.count).toBe(0);
});
