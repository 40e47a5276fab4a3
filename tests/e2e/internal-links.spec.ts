/**
 * Link checker over the built site: reads dist/**\/*.html with node:fs (no browser). Every
 * internal href and src (relative, root-relative, or absolute on the site's own origin) must name
 * a file in dist/ (a directory means its index.html; the base path is respected), and every
 * #anchor, on the same page or another, must be an id in the target page. The sitemap's URLs are
 * checked the same way. External links are listed in the report, never fetched.
 */
import { expect, test } from '@playwright/test';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';

const DIST = resolve('dist');

function walk(dir: string, sub = ''): string[] {
  return readdirSync(join(dir, sub), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(dir, join(sub, e.name)) : [join(sub, e.name)]))
    .map((p) => p.split(sep).join('/'))
    .sort();
}

const decode = (s: string) =>
  s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The tags of a page, with script and style bodies (code, not markup) removed. */
function tags(html: string): string[] {
  const markup = html.replace(/<(script|style)\b([^>]*)>[\s\S]*?<\/\1>/gi, '<$1$2></$1>').replace(/<!--[\s\S]*?-->/g, '');
  return markup.match(/<[a-zA-Z][^>]*>/g) ?? [];
}

function attrs(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(/\s([a-zA-Z_:][-\w:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/g)) {
    out.set(m[1].toLowerCase(), decode(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return out;
}

/** The ids a page defines (and <a name> targets). */
function ids(html: string): Set<string> {
  const out = new Set<string>();
  for (const t of tags(html)) {
    const a = attrs(t);
    if (a.has('id')) out.add(a.get('id')!);
    if (/^<a\s/i.test(t) && a.has('name')) out.add(a.get('name')!);
  }
  return out;
}

interface Link {
  page: string;
  attr: string;
  value: string;
}

/** Every URL a page refers to: href, src, srcset, and the URL-valued meta tags (og:image, canonical…). */
function links(page: string, html: string): Link[] {
  const out: Link[] = [];
  for (const t of tags(html)) {
    const a = attrs(t);
    for (const name of ['href', 'src', 'poster', 'action', 'data']) {
      if (a.has(name) && !(name === 'data' && !/^<object\s/i.test(t))) out.push({ page, attr: name, value: a.get(name)! });
    }
    if (a.has('srcset')) for (const part of a.get('srcset')!.split(',')) out.push({ page, attr: 'srcset', value: part.trim().split(/\s+/)[0] });
    if (/^<meta\s/i.test(t) && /^(og:(image|url)|twitter:image)$/.test(a.get('property') ?? a.get('name') ?? '')) {
      out.push({ page, attr: `meta ${a.get('property') ?? a.get('name')}`, value: a.get('content') ?? '' });
    }
    if (/^<meta\s/i.test(t) && /^refresh$/i.test(a.get('http-equiv') ?? '')) {
      const url = /url\s*=\s*['"]?([^'"]+)/i.exec(a.get('content') ?? '')?.[1];
      if (url) out.push({ page, attr: 'meta refresh', value: url });
    }
  }
  return out.filter((l) => l.value !== '');
}

test.describe('internal links of the built site', () => {
  test.skip(!existsSync(join(DIST, 'index.html')), 'dist/ is not built: run `npm run build` first');

  test('every internal link and anchor resolves; external links are listed', () => {
    const home = readFileSync(join(DIST, 'index.html'), 'utf8');
    const canonical = /<link[^>]+rel="canonical"[^>]+href="([^"]+)"/.exec(home)?.[1];
    expect(canonical, 'the home page has a canonical URL').toBeTruthy();
    const site = new URL(canonical!);
    const base = site.pathname.endsWith('/') ? site.pathname : `${site.pathname}/`;

    const files = walk(DIST);
    const pages = files.filter((f) => f.endsWith('.html'));
    const html = new Map(pages.map((f) => [f, readFileSync(join(DIST, f), 'utf8')]));
    const idCache = new Map<string, Set<string>>();
    const idsOf = (f: string) => {
      if (!idCache.has(f)) idCache.set(f, ids(html.get(f) ?? readFileSync(join(DIST, f), 'utf8')));
      return idCache.get(f)!;
    };
    /** The URL a page is served at. */
    const urlOf = (f: string) => new URL(base + f.replace(/(^|\/)index\.html$/, '$1'), site.origin);

    /** The dist file a URL path names, or why not. */
    const target = (path: string): { file?: string; problem?: string } => {
      let p: string;
      try {
        p = decodeURIComponent(path);
      } catch {
        return { problem: 'undecodable path' };
      }
      if (!p.startsWith(base) && `${p}/` !== base) return { problem: `outside the base path ${base}` };
      const rel = p.slice(base.length);
      const full = resolve(DIST, rel);
      if (full !== DIST && !full.startsWith(DIST + sep)) return { problem: 'outside dist/' };
      if (existsSync(full) && statSync(full).isFile()) return { file: rel };
      if (existsSync(join(full, 'index.html'))) {
        if (rel && !rel.endsWith('/')) return { problem: 'directory without its trailing slash (the site uses trailingSlash: always)' };
        return { file: `${rel}index.html` };
      }
      return { problem: 'no such file in dist/' };
    };

    const broken: string[] = [];
    const external = new Map<string, Set<string>>();
    let checked = 0;
    let anchors = 0;

    const check = (from: URL, link: Link) => {
      const v = link.value.trim();
      if (/^(mailto|tel|javascript|data|blob):/i.test(v)) return;
      let url: URL;
      try {
        url = new URL(v, from);
      } catch {
        broken.push(`${link.page}: ${link.attr}="${v}": not a URL`);
        return;
      }
      if (url.origin !== site.origin) {
        if (!external.has(url.href)) external.set(url.href, new Set());
        external.get(url.href)!.add(link.page);
        return;
      }
      checked++;
      const t = target(url.pathname);
      if (!t.file) {
        broken.push(`${link.page}: ${link.attr}="${v}": ${t.problem}`);
        return;
      }
      const hash = url.hash.slice(1);
      if (hash && t.file.endsWith('.html')) {
        anchors++;
        let id = hash;
        try {
          id = decodeURIComponent(hash);
        } catch {
          /* keep it raw */
        }
        if (!idsOf(t.file).has(id)) broken.push(`${link.page}: ${link.attr}="${v}": no id="${id}" in ${t.file}`);
      }
    };

    for (const [page, text] of html) {
      const from = urlOf(page);
      for (const link of links(page, text)) check(from, link);
    }
    for (const sitemap of files.filter((f) => /^sitemap.*\.xml$/.test(f))) {
      const xml = readFileSync(join(DIST, sitemap), 'utf8');
      for (const m of xml.matchAll(/<loc>([^<]+)<\/loc>/g)) check(new URL(base, site.origin), { page: sitemap, attr: 'loc', value: decode(m[1]) });
    }

    const list = [...external].map(([href, on]) => `  ${href} (on ${on.size} page${on.size > 1 ? 's' : ''}, e.g. ${[...on][0]})`);
    console.log(
      `checked ${checked} internal links (${anchors} with an anchor) on ${pages.length} pages; ${external.size} external link(s)${list.length ? `:\n${list.join('\n')}` : ''}`,
    );
    test.info().annotations.push({ type: 'external links', description: [...external.keys()].join(' ') || 'none' });
    expect(checked, 'the checker found links to check').toBeGreaterThan(pages.length);
    expect(broken).toEqual([]);
  });
});
