/**
 * The Markdown twins, /llms.txt and /llms-full.txt on the built site, compared with the HTML pages
 * a reader sees: whatever the page says (causes, tabs, commands, messages, risks, related errors),
 * the twin says too, with absolute links to the same site.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { loadArticles } from '../../src/catalog/load.ts';
import { readMarkdown } from '../helpers/markdown.ts';

const articles = loadArticles();
/** Server- and client-side fixes, risky workarounds, a notice that is not an error, many tabs. */
const SAMPLE = ['connection-refused', 'no-matching-cipher', 'permission-denied-publickey', 'authenticity-of-host', 'bad-owner-or-permissions-config'];

/** Fetches a text file from the site: status 200, bytes that are valid UTF-8. */
async function fetchText(request: APIRequestContext, path: string): Promise<string> {
  const res = await request.get(path);
  expect(res.status(), path).toBe(200);
  return new TextDecoder('utf-8', { fatal: true }).decode(await res.body());
}

/** The site's base URL as the page states it (its canonical URL without the article's path). */
async function siteBase(page: Page, id: string): Promise<string> {
  const canonical = await page.locator('link[rel=canonical]').getAttribute('href');
  expect(canonical).toMatch(new RegExp(`errors/${id}/$`));
  return canonical!.slice(0, -`errors/${id}/`.length);
}

/** Everything an article page shows a reader, read from the DOM. */
function pageContent(page: Page) {
  return page.evaluate(() => {
    const texts = (selector: string) => [...document.querySelectorAll(selector)].map((e) => (e.textContent ?? '').trim());
    return {
      title: texts('h1')[0],
      causes: [...document.querySelectorAll('.cause > h3')].map((h) => ({ id: h.id, title: (h.textContent ?? '').trim() })),
      tabs: texts('[data-os-panel] > .os-panel-title'),
      code: [...document.querySelectorAll('.prose pre')].map((pre) => (pre.textContent ?? '').replace(/\n$/, '')),
      messages: [...texts('.message-primary code'), ...texts('.message-variants li > code')],
      // Labelled warnings, in page order: risky workarounds and lockout guards.
      risks: texts('.risky-label, .lockout-guard > p'),
      related: [...document.querySelectorAll<HTMLAnchorElement>('.related li > a')].map((a) => ({ href: a.getAttribute('href')!, title: a.textContent!.trim() })),
      sections: texts('.prose h2').map((t) => t.trim()),
    };
  });
}

for (const id of SAMPLE) {
  test(`${id}: the Markdown twin holds everything the page shows`, async ({ page }) => {
    await page.goto(`/errors/${id}/`);
    const html = await pageContent(page);
    const base = await siteBase(page, id);
    const alternate = await page.locator('link[rel=alternate][type="text/markdown"]').getAttribute('href');
    const twin = readMarkdown(await fetchText(page.request, new URL(alternate!, page.url()).pathname));

    expect(twin.headings[0]).toEqual({ depth: 1, text: html.title });
    for (const section of html.sections) expect(twin.headings.map((h) => h.text)).toContain(section);
    expect(html.causes.length).toBeGreaterThan(0);
    for (const cause of html.causes) {
      expect(twin.headings).toContainEqual({ depth: 3, text: cause.title });
      expect(twin.links.map((l) => l.url)).toContain(`${base}errors/${id}/#${cause.id}`);
    }
    // Every platform panel of the page, labelled the same, in the same order.
    expect(twin.headings.filter((h) => h.depth === 4).map((h) => h.text)).toEqual(html.tabs);
    expect(html.code.length).toBeGreaterThan(0);
    for (const block of html.code) expect(twin.code).toContain(block);
    for (const message of html.messages) expect([...twin.code, ...twin.inlineCode]).toContain(message);
    expect(twin.quoteLabels).toEqual(html.risks);
    for (const r of html.related) expect(twin.links).toContainEqual({ url: new URL(r.href, base).href, text: r.title });
    // Every absolute link points into the site the page itself names.
    for (const l of twin.links) expect(l.url.startsWith(base), l.url).toBe(true);
  });
}

test('every article links its Markdown twin from the page head, and the twin is that article', async ({ page, request }) => {
  test.setTimeout(120_000);
  for (const a of articles) {
    await page.goto(`/errors/${a.id}/`);
    const href = await page.locator('link[rel=alternate][type="text/markdown"]').getAttribute('href');
    const url = new URL(href!, page.url());
    expect(url.pathname, a.id).toBe(`/errors/${a.id}.md`);
    const twin = readMarkdown(await fetchText(request, url.pathname));
    expect(twin.headings[0], a.id).toEqual({ depth: 1, text: a.data.title });
    const causeTitles = await page.locator('.cause > h3').allTextContents();
    expect(twin.headings.filter((h) => h.depth === 3).map((h) => h.text), a.id).toEqual(causeTitles.map((t) => t.trim()));
  }
});

test('/llms.txt lists every article once, each link leading to a live Markdown twin', async ({ request }) => {
  const index = readMarkdown(await fetchText(request, '/llms.txt'));
  expect(index.headings[0]).toEqual({ depth: 1, text: 'SSH Fix' });
  const twinLinks = index.links.filter((l) => /\/errors\/[a-z0-9-]+\.md$/.test(l.url));
  const ids = twinLinks.map((l) => /\/errors\/([a-z0-9-]+)\.md$/.exec(l.url)![1]);
  expect(ids.toSorted()).toEqual(articles.map((a) => a.id).toSorted());
  for (const link of index.links) {
    const res = await request.get(new URL(link.url).pathname);
    expect(res.status(), link.url).toBe(200);
  }
});

test('/llms-full.txt holds every article in full', async ({ request }) => {
  const full = readMarkdown(await fetchText(request, '/llms-full.txt'));
  const titles = full.headings.filter((h) => h.depth === 1).map((h) => h.text);
  for (const a of articles) expect(titles, a.id).toContain(a.data.title);
  const twin = readMarkdown(await fetchText(request, '/errors/connection-refused.md'));
  for (const block of twin.code) expect(full.code).toContain(block);
});

test('"Copy as Markdown" puts the twin on the clipboard and says so, from the keyboard too', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/errors/no-matching-cipher/');
  const expected = await fetchText(page.request, '/errors/no-matching-cipher.md');
  const button = page.getByRole('button', { name: 'Copy as Markdown' });
  const status = page.locator('[data-markdown-copy] [role=status]');

  await button.click();
  await expect(status).toHaveText(/^Copied the article as Markdown \(\d+ lines\)$/);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected);

  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.reload();
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(status).toHaveText(/^Copied the article as Markdown/);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected);
});

test('"Copy as Markdown" reports a twin that cannot be loaded', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.route('**/errors/connection-refused.md', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto('/errors/connection-refused/');
  await page.getByRole('button', { name: 'Copy as Markdown' }).click();
  await expect(page.locator('[data-markdown-copy] [role=status]')).toHaveText('Copy failed: the Markdown could not be loaded (HTTP 404)');
});

test('without JavaScript the copy button is hidden and the twin is still linked', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/errors/connection-refused/');
  await expect(page.locator('[data-markdown-copy]')).toBeHidden();
  await expect(page.locator('link[rel=alternate][type="text/markdown"]')).toHaveAttribute('href', '/errors/connection-refused.md');
  await context.close();
});
