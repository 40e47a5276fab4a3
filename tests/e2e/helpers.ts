/** Steps several specs take the same way, written once. */
import type { Page } from '@playwright/test';

/** Paste through the real clipboard into the visible paste box, as a reader would with Ctrl+V (the context needs clipboard permissions). */
export async function paste(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.locator('[data-finder-input]:visible').focus();
  await page.keyboard.press('ControlOrMeta+V');
}

/**
 * Opens `url` with `stored` in localStorage and returns the value of `attr` of every panel carrying
 * it that was painted at any frame from the start of parsing until just after load: a tab chosen
 * before first paint gives exactly one.
 */
export async function paintedPanels(page: Page, url: string, attr: string, stored: Record<string, string>): Promise<string[]> {
  await page.addInitScript(
    ({ attr, stored }) => {
      for (const [key, value] of Object.entries(stored)) localStorage.setItem(key, value);
      const seen = new Set<string>();
      let framesAfterLoad = -1;
      const w = window as unknown as { painted: string[] | null };
      w.painted = null;
      addEventListener('load', () => (framesAfterLoad = 0));
      const frame = () => {
        document.querySelectorAll<HTMLElement>(`[${attr}]`).forEach((p) => {
          if (p.offsetParent !== null) seen.add(p.getAttribute(attr)!);
        });
        if (framesAfterLoad >= 0 && ++framesAfterLoad > 2) w.painted = [...seen];
        else requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    },
    { attr, stored },
  );
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { painted: string[] | null }).painted !== null);
  return page.evaluate(() => (window as unknown as { painted: string[] }).painted);
}
