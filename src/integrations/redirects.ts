/**
 * Keeps old article addresses alive. Every id listed in an article's `aliases` gets
 *
 * - a static page at `errors/<alias>/index.html` that forwards to `errors/<id>/`, carrying the
 *   query (`?os=rhel`) and the fragment (`#cause-id`) along: a tiny external script
 *   (`redirect.js`, external so a strict CSP can allow it with 'self') reads the target from
 *   `data-redirect`; without JavaScript a `<meta http-equiv="refresh">` and a visible link do
 *   the job (they cannot carry the fragment). The page is `noindex` with a canonical link to
 *   the new address, so search engines move their ranking over;
 * - lines in `_redirects` (Netlify / Cloudflare Pages format) so those hosts answer with a real
 *   301 before any page is served. Hosts keep the query string, browsers keep the fragment.
 *
 * Paths respect the base path taken from SITE_URL (astro.config.mjs sets `base`).
 */
import type { AstroIntegration } from 'astro';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadArticles } from '../catalog/load.ts';

/** The article fields redirects need: works for `loadArticles()` results and collection entries. */
export interface AliasSource {
  id: string;
  data: { title: string; aliases?: readonly string[] };
}

export interface AliasRedirect {
  alias: string;
  id: string;
  title: string;
  /** The old path, base included, with a trailing slash: `/ssh/errors/<alias>/`. */
  from: string;
  /** The new path, base included: `/ssh/errors/<id>/`. */
  to: string;
}

/** File name of the forwarding script, at the root of the site (under the base path). */
export const REDIRECT_SCRIPT = 'redirect.js';

/**
 * The forwarding script. The target is read from the page (not baked in), so one cached file
 * serves every alias; `location.replace` keeps the old address out of the back button.
 */
export const REDIRECT_SCRIPT_SOURCE = `/* SSH Fix: forwards an old article address to the new one, keeping ?query and #fragment. */
(function () {
  var to = document.documentElement.getAttribute('data-redirect');
  if (to) location.replace(to + location.search + location.hash);
})();
`;

/** Normalise a base path to `/…/` form. */
export function normaliseBase(base: string): string {
  let b = base.trim() || '/';
  if (!b.startsWith('/')) b = `/${b}`;
  if (!b.endsWith('/')) b += '/';
  return b;
}

/** Every alias redirect of a catalog, sorted by alias. Throws when an alias is a live id or claimed twice. */
export function redirectSet(articles: readonly AliasSource[], base = '/'): AliasRedirect[] {
  const b = normaliseBase(base);
  const ids = new Set(articles.map((a) => a.id));
  const owner = new Map<string, string>();
  const out: AliasRedirect[] = [];
  for (const a of articles) {
    for (const alias of a.data.aliases ?? []) {
      if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(alias)) throw new Error(`alias "${alias}" of ${a.id} is not a valid id`);
      if (ids.has(alias)) throw new Error(`alias "${alias}" of ${a.id} is the id of a live article`);
      const other = owner.get(alias);
      if (other) throw new Error(`alias "${alias}" is claimed by both ${other} and ${a.id}`);
      owner.set(alias, a.id);
      out.push({ alias, id: a.id, title: a.data.title, from: `${b}errors/${alias}/`, to: `${b}errors/${a.id}/` });
    }
  }
  return out.sort((x, y) => x.alias.localeCompare(y.alias));
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The HTML of one alias page. `site` is the public origin (for the absolute canonical link);
 * `base` the base path (where `redirect.js` lives).
 */
export function redirectPage(r: AliasRedirect, { site, base = '/' }: { site: string; base?: string }): string {
  const to = escapeHtml(r.to);
  const canonical = escapeHtml(new URL(r.to, site).href);
  const script = escapeHtml(`${normaliseBase(base)}${REDIRECT_SCRIPT}`);
  const title = escapeHtml(r.title);
  // The refresh sits in <noscript>: with scripting on, only the script navigates, so a refresh
  // firing at load can never overtake it and drop the ?query or #fragment.
  return `<!doctype html>
<html lang="en" data-redirect="${to}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Moved: ${title} · SSH Fix</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="${canonical}">
<script src="${script}"></script>
<noscript><meta http-equiv="refresh" content="0; url=${to}"></noscript>
</head>
<body>
<p>This page has moved to <a href="${to}">${title}</a>.</p>
</body>
</html>
`;
}

/** `_redirects` lines (Netlify / Cloudflare Pages): the exact old path, without and with the slash, then anything below it. */
export function hostRedirects(set: readonly AliasRedirect[]): string {
  const lines: string[] = [];
  for (const r of set) {
    const bare = r.from.replace(/\/$/, '');
    lines.push(`${r.from} ${r.to} 301`, `${bare} ${r.to} 301`, `${r.from}* ${r.to}:splat 301`);
  }
  return lines.length ? `# Former article ids (aliases in the articles' frontmatter)\n${lines.join('\n')}\n` : '';
}

/** Write the alias pages, `redirect.js` and `_redirects` into a built site directory. */
export function writeRedirects(outDir: string, set: readonly AliasRedirect[], { site, base = '/' }: { site: string; base?: string }): void {
  const b = normaliseBase(base);
  // Astro writes dist/ without the base path; strip it from the page paths.
  const local = (p: string) => join(outDir, p.slice(b.length));
  writeFileSync(join(outDir, REDIRECT_SCRIPT), REDIRECT_SCRIPT_SOURCE);
  for (const r of set) {
    const file = join(local(r.from), 'index.html');
    if (existsSync(file)) throw new Error(`alias page ${file} would overwrite a built page`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, redirectPage(r, { site, base: b }));
  }
  const map = hostRedirects(set);
  if (!map) return;
  // Keep rules a deployer put in public/_redirects; ours go after them.
  const file = join(outDir, '_redirects');
  const before = existsSync(file) ? readFileSync(file, 'utf8').replace(/\n*$/, '\n\n') : '';
  writeFileSync(file, before + map);
}

/** For @astrojs/sitemap's `filter`: drop alias pages, the 404 page and the bare embed page. */
export function sitemapFilter(articles?: readonly AliasSource[]): (url: string) => boolean {
  let aliases: Set<string> | undefined; // read on first use: the config loads before the catalog check runs
  return (url) => {
    aliases ??= new Set((articles ?? loadArticles()).flatMap((a) => a.data.aliases ?? []));
    const path = new URL(url).pathname;
    const m = /\/errors\/([^/]+)\/?$/.exec(path);
    if (m && aliases.has(m[1])) return false;
    return !/\/(404|embed)\/?$/.test(path);
  };
}

export function redirects(): AstroIntegration {
  let site = 'http://localhost:4321';
  let base = '/';
  return {
    name: 'sshfix:redirects',
    hooks: {
      'astro:config:done': ({ config }) => {
        site = config.site ?? site;
        base = config.base;
      },
      'astro:build:done': ({ dir, logger }) => {
        const set = redirectSet(loadArticles(), base);
        writeRedirects(fileURLToPath(dir), set, { site, base });
        logger.info(`${set.length} alias redirect${set.length === 1 ? '' : 's'}`);
      },
    },
  };
}
