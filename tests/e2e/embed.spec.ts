/**
 * The paste box on other sites: dist/embed/sshfix.js loaded by a page on ANOTHER origin (a tiny
 * server on 127.0.0.1, while the site is on localhost), and the /embed/ page inside an iframe.
 */
import { expect, test, type Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadArticles } from '../../src/catalog/load.ts';

const SITE = `http://localhost:${Number(process.env.E2E_PORT || 4321)}`;
const titles = new Map(loadArticles().map((a) => [a.id, a.data.title]));
const PASTE = 'debug1: Connecting to db1 [10.0.0.5] port 22.\nssh: connect to host db1 port 22: Connection refused';
const EXPECTED = 'connection-refused';

/** Host pages by path; the widget markup goes in the body. Hostile styles try to leak in. */
const HOSTILE_CSS = `* { color: rgb(255, 0, 0) !important; font-size: 40px; } a { display: none; } p { margin: 33px; }`;
const hostPage = (body: string) => `<!doctype html><html><head><meta charset="utf-8"><title>Support portal</title>
<style>${HOSTILE_CSS}</style></head><body>
<p id="host-p">Our support page. <a id="host-a" href="/help">help</a></p>
${body}
</body></html>`;

const pages: Record<string, string> = {
  '/widget': hostPage(`<sshfix-router os="rhel"></sshfix-router><script src="${SITE}/embed/sshfix.js"></script>`),
  '/widget-base': hostPage(
    `<script src="${SITE}/embed/sshfix.js" defer></script><sshfix-router base="https://help.example.com/ssh" os="windows" target="_top"></sshfix-router>`,
  ),
  '/frame': hostPage(`<iframe id="f" src="${SITE}/embed/?os=macos" style="width:640px;height:420px;border:0"></iframe>`),
};

let server: Server;
let HOST = '';

test.beforeAll(async () => {
  server = createServer((req, res) => {
    const html = pages[req.url ?? ''];
    res.writeHead(html ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(html ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  HOST = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

async function paste(page: Page, text: string, root = page.locator('sshfix-router')) {
  const box = root.locator('textarea');
  await box.fill(text);
}

test('a page on another origin loads the widget and a pasted error links to the absolute article URL', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${HOST}/widget`);
  expect(new URL(page.url()).origin).not.toBe(new URL(SITE).origin);
  const widget = page.locator('sshfix-router');
  await paste(page, PASTE);

  const link = widget.locator('a[data-best]');
  await expect(link).toHaveAttribute('href', `${SITE}/errors/${EXPECTED}/?os=rhel`);
  await expect(link).toHaveText(titles.get(EXPECTED)!);
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('rel', 'noopener');
  await expect(widget.locator('.evidence')).toHaveText('ssh: connect to host db1 port 22: Connection refused');
  await expect(widget.locator('.evidence-label')).toContainText('line 2');
  await expect(widget.locator('.out')).not.toContainText(/\b(false|undefined|null)\b/);

  // It fires an event the host page can use.
  const detail = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const el = document.querySelector('sshfix-router')!;
        el.addEventListener('sshfix-match', (e) => resolve((e as CustomEvent).detail), { once: true });
        (el as unknown as { value: string }).value = 'Permission denied (publickey).';
      }),
  );
  expect(detail).toMatchObject({ id: 'permission-denied-publickey', url: `${SITE}/errors/permission-denied-publickey/?os=rhel` });

  // Nothing but the page and the script was fetched: the paste never leaves the browser.
  expect(requests.filter((u) => !u.startsWith(`${HOST}/widget`))).toEqual([`${SITE}/embed/sshfix.js`]);
});

test("the host page's styles do not leak into the widget", async ({ page }) => {
  await page.goto(`${HOST}/widget`);
  await paste(page, PASTE);
  const link = page.locator('sshfix-router a[data-best]');
  await expect(link).toBeVisible();
  const style = await link.evaluate((a) => {
    const s = getComputedStyle(a);
    return { color: s.color, fontSize: s.fontSize, display: s.display };
  });
  expect(style.color).not.toBe('rgb(255, 0, 0)');
  expect(style.color).toBe('rgb(11, 92, 173)');
  expect(style.display).toBe('inline');
  expect(parseFloat(style.fontSize)).toBeLessThan(20);
  const label = await page.locator('sshfix-router .label').evaluate((l) => getComputedStyle(l).color);
  expect(label).not.toBe('rgb(255, 0, 0)');
  const box = await page.locator('sshfix-router textarea').evaluate((t) => getComputedStyle(t).fontSize);
  expect(parseFloat(box)).toBeLessThan(20);
});

test("the widget's styles do not leak out to the host page", async ({ page }) => {
  await page.goto(`${HOST}/widget`);
  await paste(page, PASTE);
  await expect(page.locator('sshfix-router a[data-best]')).toBeVisible();
  const host = await page.evaluate(() => {
    const p = getComputedStyle(document.getElementById('host-p')!);
    const a = getComputedStyle(document.getElementById('host-a')!);
    return {
      pColor: p.color,
      pSize: p.fontSize,
      pMargin: p.marginTop,
      aDisplay: a.display,
      // The widget adds no style sheet or element to the host document itself.
      sheets: document.styleSheets.length,
      styles: document.querySelectorAll('style, link[rel=stylesheet]').length,
      lightChildren: document.querySelector('sshfix-router')!.children.length,
    };
  });
  expect(host).toEqual({ pColor: 'rgb(255, 0, 0)', pSize: '40px', pMargin: '33px', aDisplay: 'none', sheets: 1, styles: 1, lightChildren: 0 });
});

test('a paste is shown as text, never run as markup', async ({ page }) => {
  await page.goto(`${HOST}/widget`);
  const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> Permission denied (publickey).';
  await paste(page, evil);
  const widget = page.locator('sshfix-router');
  await expect(widget.locator('a[data-best]')).toHaveAttribute('href', /\/errors\/permission-denied-publickey\//);
  await expect(widget.locator('.evidence')).toHaveText(evil);
  expect(await widget.locator('img, script').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});

test('base, os and target attributes shape the links; a message with no match says so', async ({ page }) => {
  await page.goto(`${HOST}/widget-base`);
  const widget = page.locator('sshfix-router');
  await paste(page, PASTE);
  const link = widget.locator('a[data-best]');
  await expect(link).toHaveAttribute('href', `https://help.example.com/ssh/errors/${EXPECTED}/?os=windows`);
  await expect(link).toHaveAttribute('target', '_top');
  // Attributes are live.
  await page.evaluate(() => document.querySelector('sshfix-router')!.setAttribute('os', 'not-a-platform'));
  await expect(link).toHaveAttribute('href', `https://help.example.com/ssh/errors/${EXPECTED}/`);
  await paste(page, 'hello world, nothing to see here at all, this is a shopping list: eggs, milk, bread and more');
  await expect(widget.locator('a[data-best]')).toHaveCount(0);
  await expect(widget.locator('.notice')).toBeVisible();
});

test('the /embed/ page works inside an iframe on another site, without the site chrome', async ({ page }) => {
  await page.goto(`${HOST}/frame`);
  const frame = page.frameLocator('#f');
  await expect(frame.locator('header, footer, nav')).toHaveCount(0);
  await frame.locator('sshfix-router textarea').fill(PASTE);
  const link = frame.locator('sshfix-router a[data-best]');
  await expect(link).toHaveAttribute('href', `${SITE}/errors/${EXPECTED}/?os=macos`);
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toBeVisible();
  // The embed page is kept out of search results.
  const res = await page.request.get(`${SITE}/embed/`);
  expect(await res.text()).toContain('<meta name="robots" content="noindex"');
});

test('the embed page reads ?q= and pre-fills the answer', async ({ page }) => {
  await page.goto(`/embed/?q=${encodeURIComponent('Host key verification failed.')}`);
  await expect(page.locator('sshfix-router a[data-best]')).toHaveAttribute('href', /\/errors\/host-key-verification-failed\/$/);
});
