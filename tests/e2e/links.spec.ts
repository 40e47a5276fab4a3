/**
 * Links that last and unfurl: old ids redirect (keeping ?os= and #cause), every page has a
 * preview image, the sitemap lists the articles and nothing else, robots.txt names it.
 */
import { expect, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { loadArticles } from '../../src/catalog/load.ts';

const articles = loadArticles();
const aliases = articles.flatMap((a) => a.data.aliases.map((alias) => ({ alias, article: a })));
/** The first cause anchor of an article, as support tickets link to it. */
const firstCause = (body: string) => /<Cause\s+id="([^"]+)"/.exec(body)?.[1] ?? 'causes';

/** Width and height from a PNG's IHDR chunk. */
function pngSize(buf: Buffer): { width: number; height: number } {
  expect(buf.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

test('there is at least one alias, so redirects are exercised', () => {
  expect(aliases.map((a) => a.alias)).toContain('ssh-exchange-identification');
});

test('every alias lands on its article with ?os= and the #cause anchor kept', async ({ page }) => {
  for (const { alias, article } of aliases) {
    const anchor = firstCause(article.body);
    await page.goto(`/errors/${alias}/?os=rhel#${anchor}`);
    await page.waitForURL(`**/errors/${article.id}/?os=rhel#${anchor}`);
    const url = new URL(page.url());
    expect(url.pathname, alias).toBe(`/errors/${article.id}/`);
    expect(url.search, alias).toBe('?os=rhel');
    expect(url.hash, alias).toBe(`#${anchor}`);
    await expect(page.locator('h1'), alias).toHaveText(article.data.title);
    await expect(page.locator(`[id="${anchor}"]`), alias).toHaveCount(1);
  }
});

test('without JavaScript an alias page still forwards and shows a link', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  for (const { alias, article } of aliases) {
    const res = await page.request.get(`/errors/${alias}/`);
    const html = await res.text();
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).toContain(`<a href="/errors/${article.id}/">`);
    await page.goto(`/errors/${alias}/`);
    await page.waitForURL(`**/errors/${article.id}/`);
    await expect(page.locator('h1')).toHaveText(article.data.title);
  }
  await context.close();
});

test('the host-level redirect map covers every alias', () => {
  const file = 'dist/_redirects';
  if (!aliases.length) return;
  expect(existsSync(file)).toBe(true);
  const map = readFileSync(file, 'utf8');
  for (const { alias, article } of aliases) {
    expect(map).toContain(`/errors/${alias}/ /errors/${article.id}/ 301`);
    expect(map).toContain(`/errors/${alias}/* /errors/${article.id}/:splat 301`);
  }
});

test('every article points its preview at a 1200×630 PNG of its own, other pages at the default', async ({ page, request }) => {
  for (const a of articles) {
    const res = await request.get(`/og/${a.id}.png`);
    expect(res.status(), a.id).toBe(200);
    expect(pngSize(await res.body()), a.id).toEqual({ width: 1200, height: 630 });
  }
  const def = await request.get('/og/default.png');
  expect(pngSize(await def.body())).toEqual({ width: 1200, height: 630 });

  const a = articles[0];
  await page.goto(`/errors/${a.id}/`);
  const og = await page.locator('meta[property="og:image"]').getAttribute('content');
  expect(new URL(og!).pathname).toBe(`/og/${a.id}.png`);
  expect(await page.locator('meta[name="twitter:image"]').getAttribute('content')).toBe(og);
  expect(await page.locator('meta[name="twitter:card"]').getAttribute('content')).toBe('summary_large_image');
  await page.goto('/');
  expect(new URL((await page.locator('meta[property="og:image"]').getAttribute('content'))!).pathname).toBe('/og/default.png');
});

test('the sitemap lists the home page and every article, and no alias, 404 or embed page', async ({ request }) => {
  const index = await (await request.get('/sitemap-index.xml')).text();
  const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
  const urls: string[] = [];
  for (const sitemap of locs(index)) urls.push(...locs(await (await request.get(sitemap)).text()));
  expect(urls).toContain('/');
  for (const a of articles) expect(urls).toContain(`/errors/${a.id}/`);
  for (const { alias } of aliases) expect(urls).not.toContain(`/errors/${alias}/`);
  expect(urls.filter((u) => /404|embed/.test(u))).toEqual([]);
  expect(urls).toHaveLength(articles.length + 1);
});

test('robots.txt names the sitemap by its absolute URL', async ({ request }) => {
  const res = await request.get('/robots.txt');
  expect(res.status()).toBe(200);
  const text = await res.text();
  expect(text).toMatch(/^User-agent: \*$/m);
  expect(text).not.toMatch(/^Disallow: \/\s*$/m);
  const line = /^Sitemap: (\S+)$/m.exec(text);
  expect(line).not.toBeNull();
  const url = new URL(line![1]);
  expect(url.protocol).toMatch(/^https?:$/);
  expect(url.pathname).toMatch(/\/sitemap-index\.xml$/);
});
