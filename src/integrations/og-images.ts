/**
 * Link-preview images, made at build time without any network: `og/<id>.png` for every article
 * (1200×630: the site name, the stage, the article's title and its primary message) and
 * `og/default.png` for every other page. Base.astro points og:image and twitter:image at them.
 *
 * Each image is an SVG rasterised by sharp (librsvg + fontconfig, already installed with
 * Astro). Lines are wrapped here, with advance widths read from the DejaVu font file when it is
 * on the machine (fonts-dejavu comes with Chromium on Debian); without it, a generous width
 * estimate keeps text inside the frame with whatever font fontconfig picks. Rendered PNGs are
 * cached by content hash in node_modules/.cache/sshfix-og, so an unchanged article costs nothing.
 * Rendering starts with the build and runs alongside Astro's page rendering.
 */
import type { AstroIntegration } from 'astro';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadArticles, ROOT } from '../catalog/load.ts';
import { STAGE_LABELS, type Stage } from '../catalog/schema.ts';

export const OG_WIDTH = 1200;
export const OG_HEIGHT = 630;

const SANS = `'DejaVu Sans', 'Liberation Sans', Arial, Helvetica, sans-serif`;
const MONO = `'DejaVu Sans Mono', 'Liberation Mono', 'Courier New', monospace`;
/** Monospace advance in em: DejaVu Sans Mono is 0.602, Liberation Mono 0.600. */
const MONO_ADVANCE = 0.61;

const C = {
  bg: '#0f1419',
  panel: '#1c232c',
  border: '#2e3742',
  fg: '#e6e9ed',
  soft: '#a9b1bb',
  accent: '#6cb6ff',
  brand: '#0b5cad',
};

// ---------------------------------------------------------------------------------------------
// Text measurement: advance widths from a TrueType file (cmap format 4 + hmtx), or an estimate.

type Measure = (text: string, px: number) => number;

function ttfAdvances(file: string): Measure | null {
  try {
    const buf = readFileSync(file);
    const tables = new Map<string, number>();
    const n = buf.readUInt16BE(4);
    for (let i = 0; i < n; i++) tables.set(buf.toString('latin1', 12 + i * 16, 16 + i * 16), buf.readUInt32BE(20 + i * 16));
    const head = tables.get('head')!;
    const hhea = tables.get('hhea')!;
    const hmtx = tables.get('hmtx')!;
    const cmap = tables.get('cmap')!;
    const unitsPerEm = buf.readUInt16BE(head + 18);
    const nMetrics = buf.readUInt16BE(hhea + 34);
    let sub = -1;
    for (let i = 0, count = buf.readUInt16BE(cmap + 2); i < count; i++) {
      const rec = cmap + 4 + i * 8;
      const platform = buf.readUInt16BE(rec);
      const encoding = buf.readUInt16BE(rec + 2);
      const at = cmap + buf.readUInt32BE(rec + 4);
      if (platform === 3 && encoding === 1 && buf.readUInt16BE(at) === 4) sub = at;
    }
    if (sub < 0) return null;
    const segX2 = buf.readUInt16BE(sub + 6);
    const ends = sub + 14;
    const starts = ends + segX2 + 2;
    const deltas = starts + segX2;
    const offsets = deltas + segX2;
    const glyph = (cp: number): number => {
      for (let s = 0; s < segX2; s += 2) {
        if (buf.readUInt16BE(ends + s) < cp) continue;
        const start = buf.readUInt16BE(starts + s);
        if (start > cp) return 0;
        const delta = buf.readInt16BE(deltas + s);
        const ro = buf.readUInt16BE(offsets + s);
        if (ro === 0) return (cp + delta) & 0xffff;
        const g = buf.readUInt16BE(offsets + s + ro + 2 * (cp - start));
        return g === 0 ? 0 : (g + delta) & 0xffff;
      }
      return 0;
    };
    const cache = new Map<number, number>();
    const advance = (cp: number) => {
      let w = cache.get(cp);
      if (w === undefined) {
        const g = cp > 0xffff ? 0 : glyph(cp);
        w = buf.readUInt16BE(hmtx + 4 * Math.min(g, nMetrics - 1)) / unitsPerEm;
        cache.set(cp, w);
      }
      return w;
    };
    return (text, px) => {
      let em = 0;
      for (const ch of text) em += advance(ch.codePointAt(0)!);
      return em * px;
    };
  } catch {
    return null;
  }
}

/** Generous per-character estimate (wider than DejaVu Sans Bold, the widest likely font). */
const estimate: Measure = (text, px) => {
  let em = 0;
  for (const ch of text) {
    if (/[il.,:;'|!()[\]\s]/.test(ch)) em += 0.36;
    else if (/[mwMW@]/.test(ch)) em += 1.05;
    else if (/[A-Z]/.test(ch)) em += 0.8;
    else em += 0.7;
  }
  return em * px;
};

function findFont(pattern: string, fallbacks: string[]): string | null {
  try {
    const file = execFileSync('fc-match', ['-f', '%{file}', pattern], { encoding: 'utf8', timeout: 5000 }).trim();
    // fc-match always answers with something; only trust it when it found the family asked for.
    if (file && existsSync(file) && /dejavu/i.test(file)) return file;
  } catch {
    /* no fontconfig tools: try the usual places */
  }
  return fallbacks.find((f) => existsSync(f)) ?? null;
}

let boldMeasure: Measure | undefined;
function measureBold(): Measure {
  if (!boldMeasure) {
    const file = findFont('DejaVu Sans:bold', [
      '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
      '/usr/share/fonts/TTF/DejaVuSans-Bold.ttf',
      '/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf',
    ]);
    const exact = file ? ttfAdvances(file) : null;
    // A little slack: the real font may be another one with a similar width.
    boldMeasure = exact ? (t, px) => exact(t, px) * 1.03 : estimate;
  }
  return boldMeasure;
}

/** Greedy word wrap to `width`; words longer than a line are cut. At most `max` lines, the last ending in … when cut. */
export function wrap(text: string, width: number, measure: (s: string) => number, max: number): { lines: string[]; cut: boolean } {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  const push = () => {
    lines.push(line);
    line = '';
  };
  for (let word of words) {
    const tryLine = line ? `${line} ${word}` : word;
    if (measure(tryLine) <= width) {
      line = tryLine;
      continue;
    }
    if (line) push();
    // A single word wider than the line: hard-break it.
    while (measure(word) > width) {
      let k = word.length - 1;
      while (k > 1 && measure(word.slice(0, k)) > width) k--;
      line = word.slice(0, k);
      push();
      word = word.slice(k);
    }
    line = word;
  }
  if (line) push();
  if (lines.length <= max) return { lines, cut: false };
  const kept = lines.slice(0, max);
  let last = kept[max - 1];
  while (last && measure(`${last}…`) > width) last = last.replace(/\s*\S$/, '');
  kept[max - 1] = `${last.replace(/[\s,.;:]+$/, '')}…`;
  return { lines: kept, cut: true };
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A message template as a reader would recognise it: placeholders become HOST, PORT, … */
export function displayMessage(template: string): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'text' ? '…' : name.toUpperCase()));
}

export interface OgCard {
  /** Big text: the article title, or the site's tagline on the default card. */
  title: string;
  /** A message shown in a terminal-like panel (the primary message). */
  message?: string;
  /** Stage label shown as a pill above the title. */
  stage?: string;
  /** Host (and path) shown top right, e.g. help.example.com/ssh. */
  host?: string;
  /** Bottom line. */
  footer?: string;
}

/** The SVG of one card. Pure: same input, same bytes (the cache key). */
export function ogSvg(card: OgCard): string {
  const bold = measureBold();
  const X = 80;
  const W = OG_WIDTH - 2 * X;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${OG_WIDTH}" height="${OG_HEIGHT}" viewBox="0 0 ${OG_WIDTH} ${OG_HEIGHT}">`,
    `<rect width="${OG_WIDTH}" height="${OG_HEIGHT}" fill="${C.bg}"/>`,
    `<rect width="${OG_WIDTH}" height="10" fill="${C.brand}"/>`,
    // The favicon's mark, scaled up.
    `<g transform="translate(${X} 62) scale(1.75)"><rect width="32" height="32" rx="6" fill="${C.brand}"/><path d="M8 10l6 6-6 6M16 22h8" stroke="#fff" stroke-width="3" fill="none" stroke-linecap="round" stroke-linejoin="round"/></g>`,
    `<text x="${X + 76}" y="110" font-family="${esc(SANS)}" font-weight="bold" font-size="38" fill="${C.fg}">SSH Fix</text>`,
  );
  if (card.host) {
    const host = wrap(card.host, 560, (s) => bold(s, 26), 1).lines[0];
    parts.push(`<text x="${OG_WIDTH - X}" y="106" text-anchor="end" font-family="${esc(SANS)}" font-size="26" fill="${C.soft}">${esc(host)}</text>`);
  }

  let y = 168;
  if (card.stage) {
    const pw = Math.ceil(bold(card.stage, 24)) + 40;
    parts.push(
      `<rect x="${X}" y="${y}" width="${pw}" height="44" rx="22" fill="none" stroke="${C.accent}" stroke-width="2"/>`,
      `<text x="${X + 20}" y="${y + 31}" font-family="${esc(SANS)}" font-weight="bold" font-size="24" fill="${C.accent}">${esc(card.stage)}</text>`,
    );
    y += 44;
  }

  // Title: the largest size that fits in two lines, else the largest that fits at all, else cut.
  const maxTitleLines = card.message ? 3 : 4;
  const tries = [64, 58, 52, 46].map((px) => ({ px, t: wrap(card.title, W, (str) => bold(str, px), maxTitleLines) }));
  const pick = tries.find((x) => !x.t.cut && x.t.lines.length <= 2) ?? tries.find((x) => !x.t.cut) ?? tries[tries.length - 1];
  const size = pick.px;
  const title = pick.t;
  const lh = Math.round(size * 1.16);
  y += 36;
  for (const line of title.lines) {
    y += lh;
    parts.push(`<text x="${X}" y="${y}" font-family="${esc(SANS)}" font-weight="bold" font-size="${size}" fill="${C.fg}">${esc(line)}</text>`);
  }

  const footerY = OG_HEIGHT - 44;
  let bottom = y;
  if (card.message) {
    const top = y + 46;
    const room = OG_HEIGHT - 48 - top; // panel height available (the footer yields when needed)
    let msize = 28;
    const mono = (s: string) => s.length * msize * MONO_ADVANCE;
    let msg = wrap(card.message, W - 56, mono, 3);
    if (msg.lines.length > 2) {
      msize = 24;
      msg = wrap(card.message, W - 56, mono, 3);
    }
    const mlh = Math.round(msize * 1.4);
    let lines = msg.lines;
    while (lines.length > 1 && 36 + lines.length * mlh > room) {
      lines = wrap(card.message, W - 56, mono, lines.length - 1).lines;
    }
    const ph = 36 + lines.length * mlh;
    bottom = top + ph;
    parts.push(`<rect x="${X}" y="${top}" width="${W}" height="${ph}" rx="12" fill="${C.panel}" stroke="${C.border}" stroke-width="2"/>`);
    lines.forEach((line, i) => {
      parts.push(
        `<text x="${X + 28}" y="${top + 18 + (i + 1) * mlh - Math.round(mlh * 0.28)}" font-family="${esc(MONO)}" font-size="${msize}" fill="${C.fg}" xml:space="preserve">${esc(line)}</text>`,
      );
    });
  }
  // The footer is the first thing to go when a long title leaves no room for it.
  if (card.footer && bottom <= footerY - 60) {
    parts.push(`<text x="${X}" y="${footerY}" font-family="${esc(SANS)}" font-size="26" fill="${C.soft}">${esc(card.footer)}</text>`);
  }
  parts.push('</svg>');
  return parts.join('\n');
}

/** The cards of a site: one per article plus `default`. */
export function ogCards(
  articles: readonly { id: string; data: { title: string; stage: Stage; messages: readonly { text: string }[] } }[],
  siteUrl: string,
): Map<string, OgCard> {
  const u = new URL(siteUrl);
  const host = `${u.host}${u.pathname.replace(/\/$/, '')}`;
  const cards = new Map<string, OgCard>();
  cards.set('default', {
    title: 'Fix the SSH error in front of you',
    message: 'Permission denied (publickey).',
    host,
    footer: 'Paste any SSH error or ssh -vvv log and land on the fix for your platform.',
  });
  for (const a of articles) {
    cards.set(a.id, {
      title: a.data.title,
      stage: STAGE_LABELS[a.data.stage],
      message: displayMessage(a.data.messages[0].text),
      host,
      footer: 'Causes and fixes for Ubuntu, RHEL, cloud VMs, macOS and Windows',
    });
  }
  return cards;
}

const CACHE_DIR = join(ROOT, 'node_modules/.cache/sshfix-og');
/**
 * Full-colour PNG, ~60 kB a card. A 32-colour palette made ~16 kB cards, but quantising cost more
 * CPU than rasterising and encoding together (about 20 ms more a card: 40 s for 2,000 articles);
 * the cards look the same either way.
 */
const PNG_OPTIONS = { compressionLevel: 6 } as const;

/** Cards being rendered in the background; `finish` waits for them and writes the files. */
export interface OgRender {
  /** Render with `workers` cards at a time from now on, wait for the rest, write `outDir/og/<id>.png`. */
  finish(outDir: string, { workers }: { workers: number }): Promise<{ written: number; cached: number }>;
}

/**
 * Start rendering every card, `workers` at a time. The heavy part (rasterising, encoding) runs on
 * libuv/libvips threads, so it goes on while the main thread renders pages. PNGs wait in the cache
 * (in memory without one) until `finish`, because Astro empties the output directory after build start.
 */
export function startOgImages(cards: Map<string, OgCard>, { workers, cacheDir = CACHE_DIR }: { workers: number; cacheDir?: string }): OgRender {
  // Loaded with require, not import(): the config's module runner is closed by astro:build:done.
  const sharp = createRequire(import.meta.url)('sharp') as typeof import('sharp');
  let cache = true;
  try {
    mkdirSync(cacheDir, { recursive: true });
  } catch {
    cache = false;
  }
  /** Per card: its file in the cache, or the PNG itself when there is no cache. */
  const pngs = new Map<string, string | Buffer>();
  let cached = 0;
  let failure: unknown;
  const queue = [...cards];
  async function worker() {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [id, card] = next;
      const svg = ogSvg(card);
      const key = createHash('sha256').update(`${JSON.stringify(PNG_OPTIONS)}\n${svg}`).digest('hex').slice(0, 32);
      const hit = join(cacheDir, `${key}.png`);
      if (cache && existsSync(hit)) {
        pngs.set(id, hit);
        cached++;
        continue;
      }
      const png = await sharp(Buffer.from(svg)).removeAlpha().png(PNG_OPTIONS).toBuffer();
      if (cache) await writeFile(hit, png);
      pngs.set(id, cache ? hit : png);
    }
  }
  // A failure stops the queue and is reported by finish (an unhandled rejection would end the build).
  const run = () =>
    worker().catch((e: unknown) => {
      failure ??= e;
      queue.length = 0;
    });
  const runs = Array.from({ length: workers }, run);
  return {
    async finish(outDir, { workers: more }) {
      for (let n = runs.length; n < more && queue.length; n++) runs.push(run());
      await Promise.all(runs);
      if (failure) throw failure;
      const dir = join(outDir, 'og');
      await mkdir(dir, { recursive: true });
      await Promise.all([...pngs].map(([id, png]) => (typeof png === 'string' ? copyFile(png, join(dir, `${id}.png`)) : writeFile(join(dir, `${id}.png`), png))));
      return { written: pngs.size, cached };
    },
  };
}

export function ogImages(): AstroIntegration {
  let site = 'http://localhost:4321/';
  let render: OgRender | undefined;
  let started = 0;
  let startError: Error | undefined;
  const cores = availableParallelism();
  return {
    name: 'sshfix:og-images',
    hooks: {
      'astro:config:done': ({ config }) => {
        site = new URL(config.base, config.site ?? site).href;
      },
      // Cards come from the frontmatter alone, so rendering starts with the build and overlaps the
      // page rendering (one core left to Astro's main thread); build:done only waits for the rest.
      'astro:build:start': () => {
        started = Date.now();
        try {
          render = startOgImages(ogCards(loadArticles(), site), { workers: Math.max(1, cores - 1) });
        } catch (e) {
          startError = e as Error;
        }
      },
      'astro:build:done': async ({ dir, logger }) => {
        const waited = Date.now();
        try {
          if (!render) throw startError ?? new Error('rendering never started');
          const { written, cached } = await render.finish(fileURLToPath(dir), { workers: cores });
          logger.info(`${written} preview images (${cached} from cache) in ${Date.now() - waited} ms after the pages, ${Date.now() - started} ms since the build started`);
        } catch (e) {
          // Previews are nice to have: a machine without sharp's native part still builds the site.
          logger.warn(`preview images not generated: ${(e as Error).message}`);
        }
      },
    },
  };
}
