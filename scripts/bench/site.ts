/**
 * What the built site ships (`npm run bench -- site`), read from an existing dist/ (run
 * `npm run build` first; this section never builds). Per page type: the HTML document, its CSS
 * and its JavaScript, gzipped (node:zlib, level 6) as a static host would send them.
 *
 * JavaScript is split by when it loads:
 * - at page load: inline scripts (JSON data blocks excluded) plus every module script and the
 *   closure of its static imports;
 * - when the finder opens: the dynamic imports of those modules (the finder's UI chunk and what
 *   it imports that the page has not loaded yet), which on the home page load right after the
 *   page does (its box is inline) and everywhere else on the first / or Ctrl+K;
 * - on the first search: Pagefind's runtime (pagefind.js, its worker and WASM, entry and metadata files),
 *   which the box imports at run time; the index chunks a query fetches come on top.
 * Pagefind's own files (.pagefind, .pf_*) are already compressed by Pagefind and are counted as is.
 *
 * Budget: an article page ships ≤ 20,000 bytes of JS (gzip) before search is opened.
 *
 * Also exports the helpers the other sections use: where dist/ is, its base path, and a tiny
 * static server for it (gzip, the `_headers` file applied, 404.html for unknown paths).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../../src/catalog/load.ts';

export const name = 'site';

export const JS_BUDGET_BYTES = 20_000;

/** dist/ of this project (BENCH_DIST overrides it), or an error telling how to make one. */
export function distDir(): string {
  const dir = resolve(process.env.BENCH_DIST || join(ROOT, 'dist'));
  if (!existsSync(join(dir, 'index.html'))) {
    throw new Error(`${dir} has no built site: run \`npm run build\` first (this section does not build)`);
  }
  return dir;
}

/** The base path the site was built for ("/" or "/sub/"), read from the home page's canonical link. */
export function basePath(dist: string): string {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const href = /<link[^>]+rel="canonical"[^>]+href="([^"]+)"/.exec(html)?.[1];
  if (!href) return '/';
  const path = new URL(href, 'http://x/').pathname;
  return path.endsWith('/') ? path : `${path}/`;
}

/** Every file under `dir`, as paths relative to it with forward slashes. */
export function walk(dir: string, sub = ''): string[] {
  return readdirSync(join(dir, sub), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(dir, join(sub, e.name)) : [join(sub, e.name)]))
    .map((p) => p.split(sep).join('/'))
    .sort();
}

/**
 * The dist file a site path names (`/base/errors/x/` → errors/x/index.html), or null when it
 * is outside the base or names nothing. Query and hash are ignored.
 */
export function fileFor(dist: string, base: string, urlPath: string): string | null {
  let path = urlPath.replace(/[?#].*$/, '');
  try {
    path = decodeURIComponent(path);
  } catch {
    return null;
  }
  if (!path.startsWith(base)) {
    if (`${path}/` === base) path = base;
    else return null;
  }
  const rel = path.slice(base.length);
  const full = resolve(dist, rel);
  if (full !== dist && !full.startsWith(dist + sep)) return null;
  if (existsSync(full) && statSync(full).isFile()) return full;
  const index = join(full, 'index.html');
  if (existsSync(index)) return index;
  if (!rel.endsWith('/') && existsSync(`${full}.html`)) return `${full}.html`;
  return null;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};
const COMPRESSIBLE = /^(text\/|application\/(json|xml|javascript)|image\/svg)/;

/** Header rules of a Netlify/Cloudflare `_headers` file: path pattern (with `*`) → headers. */
function headerRules(dist: string): { re: RegExp; headers: [string, string][] }[] {
  const file = join(dist, '_headers');
  if (!existsSync(file)) return [];
  const rules: { re: RegExp; headers: [string, string][] }[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      const re = new RegExp(`^${line.trim().replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
      rules.push({ re, headers: [] });
    } else if (rules.length) {
      const i = line.indexOf(':');
      if (i > 0) rules.at(-1)!.headers.push([line.slice(0, i).trim(), line.slice(i + 1).trim()]);
    }
  }
  return rules;
}

/**
 * A static server for dist/ on a free loopback port, as a static host would serve it: under the
 * base path, directories → index.html, unknown paths → 404.html with status 404, text gzipped
 * when the client accepts it, `_headers` applied (the last matching rule wins per header).
 */
export async function serveDist(dist = distDir()): Promise<{ origin: string; base: string; url: string; close(): Promise<void> }> {
  const base = basePath(dist);
  const rules = headerRules(dist);
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    let file = fileFor(dist, base, path);
    // A directory without its trailing slash: redirect, as static hosts do.
    if (file?.endsWith('/index.html') && !path.endsWith('/') && !path.endsWith('.html')) {
      res.writeHead(301, { Location: `${path}/` }).end();
      return;
    }
    let status = 200;
    if (!file) {
      status = 404;
      file = existsSync(join(dist, '404.html')) ? join(dist, '404.html') : null;
    }
    const headers: Record<string, string> = {};
    for (const r of rules) if (r.re.test(path)) for (const [k, v] of r.headers) headers[k] = v;
    if (!file) {
      res.writeHead(404, headers).end('not found');
      return;
    }
    let body = readFileSync(file);
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    headers['Content-Type'] = type;
    headers['Cache-Control'] = file.includes(`${sep}_astro${sep}`) ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate';
    if (COMPRESSIBLE.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      body = gzipSync(body);
      headers['Content-Encoding'] = 'gzip';
      headers['Vary'] = 'Accept-Encoding';
    }
    headers['Content-Length'] = String(body.length);
    res.writeHead(status, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    base,
    url: origin + base,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

// --- What a page ships ----------------------------------------------------------------------

const gz = (s: string | Buffer) => gzipSync(s).length;
/** Bytes on the wire: text gzipped; Pagefind's pre-compressed files as they are. */
const wire = (file: string) => (/\.(pagefind|pf_\w+)$/.test(file) ? statSync(file).size : gz(readFileSync(file)));

interface ModuleRefs {
  static: string[];
  dynamic: string[];
  worker: string[];
}

/** The .js files a module refers to, resolved to dist paths, by how they load. */
function moduleRefs(dist: string, base: string, file: string): ModuleRefs {
  const code = readFileSync(file, 'utf8');
  const resolveRef = (ref: string): string | null => {
    let full: string | null;
    if (ref.startsWith('./') || ref.startsWith('../')) full = resolve(dirname(file), ref);
    else if (ref.startsWith('/')) full = fileFor(dist, base, ref);
    else full = resolve(dist, ref); // Vite's preload list: paths relative to the base
    return full && existsSync(full) && statSync(full).isFile() ? full : null;
  };
  const collect = (re: RegExp) => [...code.matchAll(re)].map((m) => resolveRef(m[1])).filter((f): f is string => !!f);
  const statics = collect(/(?:^|[;\n}])\s*(?:import|export)\s*(?:[\w$*{}\s,]+?from\s*)?["']([^"']+\.m?js)["']/g);
  const worker = collect(/new\s+Worker\(\s*new\s+URL\(\s*["']([^"']+\.m?js)["']/g);
  const dynamic = [
    ...collect(/\bimport\(\s*(?:\/\*[^*]*\*\/\s*)?["'`]([^"'`]+\.m?js)["'`]\s*\)/g),
    // Vite's preload map: the chunks a dynamic import brings (m.f||(m.f=["_astro/a.js",…])).
    ...[...code.matchAll(/__vite__mapDeps=[^[]*\[([^\]]*)\]/g)].flatMap((m) =>
      [...m[1].matchAll(/["']([^"']+\.m?js)["']/g)].map((x) => resolveRef(x[1])).filter((f): f is string => !!f),
    ),
  ];
  return { static: [...new Set(statics)], dynamic: [...new Set(dynamic)], worker: [...new Set(worker)] };
}

/** `roots` and everything they import statically. */
function staticClosure(dist: string, base: string, roots: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length) {
    const f = queue.shift()!;
    if (seen.has(f)) continue;
    seen.add(f);
    queue.push(...moduleRefs(dist, base, f).static);
  }
  return seen;
}

export interface PageWeight {
  html: number;
  css: number;
  /** JS before the finder or search is used. */
  jsLoad: number;
  /** Further JS when the finder opens (its UI chunk and imports). */
  jsFinder: number;
  /** The worker chunk, used for large pastes only. */
  jsWorker: number;
  /** Pagefind's runtime, fetched on the first search. */
  searchRuntime: number;
}

export function pageWeight(dist: string, base: string, htmlFile: string): PageWeight {
  const html = readFileSync(htmlFile, 'utf8');
  const attr = (tag: string, name: string) => new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(tag)?.[1];
  const pageUrl = `http://x${base}${relative(dist, htmlFile).split(sep).join('/')}`;
  const local = (ref: string | undefined) => (ref ? fileFor(dist, base, new URL(ref, pageUrl).pathname) : null);

  let css = 0;
  const inlineCss = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => m[1]).join('\n');
  if (inlineCss) css += gz(inlineCss);
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    if (/\brel=["']?stylesheet/i.test(m[0])) {
      const f = local(attr(m[0], 'href'));
      if (f) css += wire(f);
    }
  }

  const inlineJs: string[] = [];
  const moduleRoots: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const type = attr(m[0].slice(0, m[0].indexOf('>') + 1), 'type') ?? '';
    if (type && !/^(module|text\/javascript|application\/javascript)$/i.test(type)) continue; // JSON data, not code
    const src = attr(m[1], 'src');
    if (src) {
      const f = local(src);
      if (f) moduleRoots.push(f);
    } else if (m[2].trim()) inlineJs.push(m[2]);
  }
  const atLoad = staticClosure(dist, base, moduleRoots);
  const isPagefind = (f: string) => f.startsWith(join(dist, 'pagefind') + sep);
  const dynamicRoots = [...atLoad].flatMap((f) => moduleRefs(dist, base, f).dynamic).filter((f) => !isPagefind(f));
  const onFinder = [...staticClosure(dist, base, dynamicRoots)].filter((f) => !atLoad.has(f));
  const loaded = new Set([...atLoad, ...onFinder]);
  const workers = [...loaded].flatMap((f) => moduleRefs(dist, base, f).worker);
  const workerFiles = [...staticClosure(dist, base, workers)].filter((f) => !loaded.has(f));
  // The box imports Pagefind at run time from a computed URL (`${base}pagefind/pagefind.js`), so look for the name.
  const usesPagefind = [...loaded].some((f) => readFileSync(f, 'utf8').includes('pagefind/pagefind.js'));

  const sum = (files: Iterable<string>) => [...files].reduce((n, f) => n + wire(f), 0);
  return {
    html: gz(html),
    css,
    jsLoad: (inlineJs.length ? inlineJs.reduce((n, s) => n + gz(s), 0) : 0) + sum(atLoad),
    jsFinder: sum(onFinder),
    jsWorker: sum(workerFiles),
    searchRuntime: usesPagefind ? pagefindRuntime(dist) : 0,
  };
}

/** Pagefind's files fetched on the first search, before any index chunk: its JS and worker, WASM, entry and metadata. */
function pagefindRuntime(dist: string): number {
  const dir = join(dist, 'pagefind');
  if (!existsSync(join(dir, 'pagefind-entry.json'))) return 0;
  const entry = JSON.parse(readFileSync(join(dir, 'pagefind-entry.json'), 'utf8')) as { languages?: Record<string, { hash: string; wasm?: string }> };
  const lang = entry.languages?.en ?? Object.values(entry.languages ?? {})[0];
  const files = ['pagefind.js', 'pagefind-worker.js', 'pagefind-entry.json'];
  if (lang) files.push(`pagefind.${lang.hash}.pf_meta`, `wasm.${lang.wasm ?? 'unknown'}.pagefind`);
  return files.filter((f) => existsSync(join(dir, f))).reduce((n, f) => n + wire(join(dir, f)), 0);
}

/** Article pages: errors/<id>/index.html that carry the indexed article body (alias redirect pages don't). */
export function articlePages(dist: string): string[] {
  const dir = join(dist, 'errors');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((id) => join(dir, id, 'index.html'))
    .filter((f) => existsSync(f) && readFileSync(f, 'utf8').includes('data-pagefind-body'));
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : Math.round((s[s.length / 2 - 1] + s[s.length / 2]) / 2)) : 0;
};

export async function run(): Promise<Record<string, number | string>> {
  const dist = distDir();
  const base = basePath(dist);
  const rows: Record<string, number | string> = {
    dist: dist.startsWith(process.cwd() + sep) ? relative(process.cwd(), dist) : dist,
    'base path': base,
    unit: 'bytes, gzip level 6; HTML = whole document (inline CSS/JS included)',
  };
  const put = (label: string, w: PageWeight) => {
    rows[`${label}: HTML`] = w.html;
    rows[`${label}: CSS`] = w.css;
    rows[`${label}: JS at load`] = w.jsLoad;
    rows[`${label}: JS on finder open`] = w.jsFinder;
  };
  const page = (rel: string) => (existsSync(join(dist, rel)) ? pageWeight(dist, base, join(dist, rel)) : null);

  const home = page('index.html');
  if (home) put('home', home);

  const articles = articlePages(dist).map((f) => ({ file: f, w: pageWeight(dist, base, f) }));
  rows['articles measured'] = articles.length;
  if (articles.length) {
    for (const [label, pick] of [
      ['median', median],
      ['max', (xs: number[]) => Math.max(...xs)],
    ] as const) {
      const of = (k: keyof PageWeight) => pick(articles.map((a) => a.w[k]));
      put(`article ${label}`, { html: of('html'), css: of('css'), jsLoad: of('jsLoad'), jsFinder: of('jsFinder'), jsWorker: 0, searchRuntime: 0 });
    }
    const heaviest = articles.reduce((a, b) => (b.w.html > a.w.html ? b : a));
    rows['article max HTML is'] = relative(dist, heaviest.file).split(sep).join('/');
  }
  const notFound = page('404.html');
  if (notFound) put('404', notFound);
  const embed = page('embed/index.html');
  if (embed) put('embed page', embed);

  const any = articles[0]?.w ?? home;
  if (any) {
    rows['JS for large pastes (worker)'] = any.jsWorker;
    rows['search runtime on first search'] = any.searchRuntime;
  }

  const pf = join(dist, 'pagefind');
  if (existsSync(pf)) {
    const files = walk(pf);
    rows['pagefind files'] = files.length;
    rows['pagefind bytes'] = files.reduce((n, f) => n + statSync(join(pf, f)).size, 0);
    const index = files.filter((f) => /^(index|fragment|filter)\//.test(f) || /\.pf_meta$/.test(f));
    rows['pagefind index bytes (index+fragments+meta)'] = index.reduce((n, f) => n + statSync(join(pf, f)).size, 0);
  } else rows['pagefind files'] = 'missing: dist/pagefind not built';

  if (articles.length) {
    const worst = articles.reduce((a, b) => (b.w.jsLoad > a.w.jsLoad ? b : a));
    const ok = worst.w.jsLoad <= JS_BUDGET_BYTES;
    rows['budget: article JS before search ≤ 20,000 B'] = `${ok ? 'PASS' : 'FAIL'} (max ${worst.w.jsLoad} B on ${relative(dist, worst.file).split(sep).join('/')})`;
  }
  return rows;
}
