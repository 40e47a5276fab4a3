/**
 * Search quality on the built site (`npm run bench -- search`; needs dist/, run `npm run build`
 * first). For every article, its primary message with the placeholders filled in as a reader's
 * terminal would print them is prepared exactly as the box prepares it (`searchQuery` in
 * src/search/query.ts, given the matcher's answer) and searched with Pagefind's own JS API in
 * headless Chromium, against dist/ served on a loopback port by a static server started here.
 *
 * Two figures, kept apart on purpose:
 * - Pagefind alone: is the article ranked 1st (top 3) by Pagefind for that query?
 * - The box: is it 1st (top 3) in the list the reader sees: the matcher's best answer and its
 *   runners-up first, then the search results that are not already shown (src/scripts/finder/ui.ts).
 * Also the bytes the browser fetched from /pagefind/ for the first search and for all of them.
 */
import { chromium } from '@playwright/test';
import { exampleMessage } from '../../src/catalog/display.ts';
import { loadRules } from '../../src/catalog/rules.ts';
import { createMatcher } from '../../src/matcher/index.ts';
import { searchQuery } from '../../src/search/query.ts';
import { CHROMIUM_PATH } from '../chromium-path.ts';
import { articlePages, distDir, serveDist } from './site.ts';

export const name = 'search';


export async function run(): Promise<Record<string, number | string>> {
  const dist = distDir();
  const rules = loadRules();
  const built = new Set(articlePages(dist).map((f) => f.split(/[\\/]/).at(-2)));
  const stale = rules.filter((r) => !built.has(r.id)).map((r) => r.id);
  const matcher = createMatcher(rules);
  const server = await serveDist(dist);
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    let pagefindBytes = 0;
    page.on('response', async (res) => {
      if (!new URL(res.url()).pathname.startsWith(`${server.base}pagefind/`)) return;
      const size = Number(res.headers()['content-length'] ?? NaN);
      pagefindBytes += Number.isFinite(size) ? size : ((await res.body().catch(() => Buffer.alloc(0))).length);
    });
    await page.goto(server.url, { waitUntil: 'domcontentloaded' });
    await page.evaluate(async (base) => {
      const pf = await import(/* @vite-ignore */ `${base}pagefind/pagefind.js`);
      await pf.options({ baseUrl: base });
      (window as unknown as { __pf: unknown }).__pf = pf;
    }, server.base);

    const search = (q: string) =>
      page.evaluate(async (query) => {
        const pf = (window as unknown as { __pf: { search(q: string): Promise<{ results: { data(): Promise<{ url: string }> }[] } | null> } }).__pf;
        const found = await pf.search(query);
        const data = await Promise.all((found?.results ?? []).slice(0, 12).map((r) => r.data()));
        return data.map((d) => d.url);
      }, q);
    const idOf = (url: string) => url.split('/').filter(Boolean).at(-1) ?? '';

    let firstSearchBytes = 0;
    let pfFirst = 0;
    let pfTop3 = 0;
    let boxFirst = 0;
    let boxTop3 = 0;
    let matched = 0;
    const pfMisses: string[] = [];
    const pfNotFirst: string[] = [];
    const boxMisses: string[] = [];
    for (const [i, rule] of rules.entries()) {
      const text = exampleMessage(rule.messages[0]);
      const result = matcher.match(text);
      if (result.best?.id === rule.id) matched++;
      const query = searchQuery(text, result, rules);
      const hits = (await search(query)).map(idOf);
      if (i === 0) firstSearchBytes = pagefindBytes;
      const rank = hits.indexOf(rule.id);
      if (rank === 0) pfFirst++;
      else pfNotFirst.push(`${rule.id} (${rank < 0 ? 'not found' : `#${rank + 1}, first: ${hits[0]}`}; query "${query}")`);
      if (rank >= 0 && rank < 3) pfTop3++;
      else pfMisses.push(`${rule.id} (${rank < 0 ? 'not found' : `#${rank + 1}`})`);

      const shown = [result.best, ...result.alternatives].flatMap((c) => (c ? [c.id] : []));
      const seen = [...new Set([...shown, ...hits.filter((h) => !shown.includes(h))])];
      const boxRank = seen.indexOf(rule.id);
      if (boxRank === 0) boxFirst++;
      if (boxRank >= 0 && boxRank < 3) boxTop3++;
      if (boxRank !== 0) boxMisses.push(`${rule.id} (${boxRank < 0 ? 'not shown' : `#${boxRank + 1}, first: ${seen[0]}`})`);
    }
    const n = rules.length;
    const pct = (k: number) => `${k}/${n} (${((100 * k) / n).toFixed(0)}%)`;
    return {
      articles: n,
      ...(stale.length ? { 'WARNING: not in dist (rebuild)': stale.join(', ') } : {}),
      'query preparation': 'searchQuery(filled primary message, matcher result)',
      'Pagefind alone: 1st': pct(pfFirst),
      'Pagefind alone: top 3': pct(pfTop3),
      'Pagefind alone: not 1st': pfNotFirst.join(', ') || '-',
      'Pagefind alone: outside top 3': pfMisses.join(', ') || '-',
      'matcher: primary message → own article': pct(matched),
      'box (matcher first, then search): 1st': pct(boxFirst),
      'box: top 3': pct(boxTop3),
      'box: not 1st': boxMisses.join(', ') || '-',
      'pagefind bytes fetched, first search': firstSearchBytes,
      'pagefind bytes fetched, all searches': pagefindBytes,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
