import { createRequire } from 'node:module';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readArticles } from '../../src/catalog/load.ts';
import { OG_HEIGHT, OG_WIDTH, ogCards, startOgImages } from '../../src/integrations/og-images.ts';

const sharp = createRequire(import.meta.url)('sharp') as typeof import('sharp');
const { articles } = readArticles();
// The default card, a short title and the longest one: enough to see every layout branch render.
const longest = articles.reduce((a, b) => (b.data.title.length > a.data.title.length ? b : a));
const picked = [articles[0], longest];
const cards = ogCards(picked, 'https://help.example.com/ssh/');

describe('startOgImages', () => {
  it('writes one 1200×630 PNG per card, the same bytes again from the cache', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'og-cache-'));
    const first = mkdtempSync(join(tmpdir(), 'og-out-'));
    // Started with one worker (as during the page rendering), finished with two.
    expect(await startOgImages(cards, { workers: 1, cacheDir }).finish(first, { workers: 2 })).toEqual({ written: cards.size, cached: 0 });
    expect(readdirSync(join(first, 'og')).sort()).toEqual([...cards.keys()].map((id) => `${id}.png`).sort());
    for (const id of cards.keys()) {
      const meta = await sharp(readFileSync(join(first, 'og', `${id}.png`))).metadata();
      expect([meta.format, meta.width, meta.height, meta.hasAlpha]).toEqual(['png', OG_WIDTH, OG_HEIGHT, false]);
    }

    const second = mkdtempSync(join(tmpdir(), 'og-out-'));
    expect(await startOgImages(cards, { workers: 2, cacheDir }).finish(second, { workers: 2 })).toEqual({ written: cards.size, cached: cards.size });
    for (const id of cards.keys()) expect(readFileSync(join(second, 'og', `${id}.png`)).equals(readFileSync(join(first, 'og', `${id}.png`)))).toBe(true);
  });

  it('draws the card: the frame is the same on two articles, the title differs', async () => {
    const out = mkdtempSync(join(tmpdir(), 'og-out-'));
    await startOgImages(cards, { workers: 2, cacheDir: mkdtempSync(join(tmpdir(), 'og-cache-')) }).finish(out, { workers: 2 });
    const band = (id: string, top: number, height: number) => sharp(join(out, 'og', `${id}.png`)).extract({ left: 0, top, width: OG_WIDTH, height }).raw().toBuffer();
    // Mean difference per channel (0–255): close rather than identical, so a palette encoding would pass too.
    const diff = async (a: string, b: string, top: number, height: number) => {
      const [x, y] = await Promise.all([band(a, top, height), band(b, top, height)]);
      let sum = 0;
      for (let i = 0; i < x.length; i++) sum += Math.abs(x[i] - y[i]);
      return sum / x.length;
    };
    const [a, b] = picked.map((p) => p.id);
    expect(await diff(a, b, 0, 140)).toBeLessThan(1);
    expect(await diff(a, b, 220, 160)).toBeGreaterThan(5);
    // The brand bar on top is the site's blue (#0b5cad).
    expect([...(await band(a, 2, 1)).subarray(0, 3)].map((v, i) => Math.abs(v - [0x0b, 0x5c, 0xad][i]) <= 8)).toEqual([true, true, true]);
  });

  it('renders without a cache when the cache directory cannot be made', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'og-cache-')), 'file');
    writeFileSync(file, 'x');
    const out = mkdtempSync(join(tmpdir(), 'og-out-'));
    expect(await startOgImages(cards, { workers: 1, cacheDir: join(file, 'below') }).finish(out, { workers: 1 })).toEqual({ written: cards.size, cached: 0 });
  });

  it('hands a render failure to finish instead of an unhandled rejection that would end the build', async () => {
    // A control character is not allowed in XML, so the rasteriser refuses this card.
    const bad = new Map([...cards, ['broken', { title: 'Broken \u0001 title' }]]);
    const render = startOgImages(bad, { workers: 2, cacheDir: mkdtempSync(join(tmpdir(), 'og-cache-')) });
    await new Promise((r) => setTimeout(r, 200));
    await expect(render.finish(mkdtempSync(join(tmpdir(), 'og-out-')), { workers: 2 })).rejects.toThrow();
  });
});
