/**
 * Lighthouse 12 scores (`npm run bench -- lighthouse`; needs dist/, run `npm run build` first):
 * performance, accessibility, best practices and SEO of the home page and one article (the one
 * with the largest HTML), with Lighthouse's mobile default and its desktop preset. Debian's
 * Chromium runs headless (CHROME_PATH or CHROMIUM_PATH overrides it); the site is served on a
 * loopback port by the same static server as the other sections (gzip, `_headers` applied), so
 * nothing leaves the machine. Performance uses Lighthouse's simulated throttling, but the trace is
 * still recorded on this machine: on a busy machine the performance score reads low (each run
 * reports Lighthouse's CPU benchmarkIndex; a typical desktop scores 1,000 or more).
 *
 * Each page and preset runs 3 times (BENCH_LH_RUNS) and the median run by performance is reported.
 *
 * Goal: ≥ 95 in every category. Below it, the row names the audits that cost points (weighted
 * audits of that category scoring below 1, performance metrics below 0.9). The full JSON reports
 * are written to $TMPDIR/sshfix-lighthouse/.
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { articlePages, distDir, serveDist } from './site.ts';
import { CHROMIUM_PATH } from '../chromium-path.ts';

export const name = 'lighthouse';

export const GOAL = 95;
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
/** Runs per page and preset; the median one (by performance) is reported. BENCH_LH_RUNS overrides. */
const RUNS = Math.max(1, Number(process.env.BENCH_LH_RUNS) || 3);
const FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

interface LhResult {
  categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number; group?: string }[] }>;
  audits: Record<string, { score: number | null; scoreDisplayMode: string; displayValue?: string }>;
  runtimeError?: { message: string };
  environment?: { benchmarkIndex?: number };
  runWarnings?: string[];
}

/** The audits that cost a category points. */
function failing(lhr: LhResult, category: string): string[] {
  return lhr.categories[category].auditRefs
    .filter((r) => r.weight > 0)
    .map((r) => ({ id: r.id, a: lhr.audits[r.id] }))
    .filter(({ a }) => a && a.score !== null && a.score < (category === 'performance' ? 0.9 : 1))
    .map(({ id, a }) => `${id}${a.displayValue ? ` (${a.displayValue})` : ''}`);
}

export async function run(): Promise<Record<string, number | string>> {
  const dist = distDir();
  const articles = articlePages(dist).sort((a, b) => statSync(b).size - statSync(a).size);
  const article = articles[0] ? relative(dist, articles[0]).split(sep).join('/').replace(/index\.html$/, '') : null;
  const pages: [string, string][] = [['home', '']];
  if (article) pages.push([`article /${article}`, article]);
  const outDir = join(tmpdir(), 'sshfix-lighthouse');
  mkdirSync(outDir, { recursive: true });

  const server = await serveDist(dist);
  const chromePath = process.env.CHROME_PATH || CHROMIUM_PATH;
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: FLAGS, logLevel: 'silent' });
  const rows: Record<string, number | string> = { goal: `≥ ${GOAL} in every category`, reports: outDir };
  const below: string[] = [];
  try {
    for (const [label, path] of pages) {
      for (const preset of ['mobile', 'desktop'] as const) {
        const url = server.url + path;
        // Several runs, keeping the median one by performance score (Lighthouse's own advice for noisy machines).
        const runs: LhResult[] = [];
        let report = '';
        for (let i = 0; i < RUNS; i++) {
          const result = await lighthouse(
            url,
            { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] },
            preset === 'desktop' ? desktopConfig : undefined,
          );
          if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
          runs.push(result.lhr as unknown as LhResult);
          if (i === 0) report = typeof result.report === 'string' ? result.report : '';
        }
        const perf = (r: LhResult) => r.categories.performance?.score ?? 0;
        const sorted = [...runs].sort((a, b) => perf(a) - perf(b));
        const lhr = sorted[Math.floor((sorted.length - 1) / 2)];
        const file = join(outDir, `${(path || 'home').replace(/[/]+/g, '_').replace(/_$/, '')}.${preset}.json`);
        writeFileSync(file, runs.length === 1 && report ? report : JSON.stringify(lhr));
        if (lhr.runtimeError) rows[`${label} ${preset}: error`] = lhr.runtimeError.message;
        rows[`${label} ${preset}: CPU benchmarkIndex`] = lhr.environment?.benchmarkIndex ?? '-';
        if (RUNS > 1) rows[`${label} ${preset}: performance of each run`] = runs.map((r) => Math.round(perf(r) * 100)).join(', ');
        const scores = CATEGORIES.map((c) => Math.round((lhr.categories[c]?.score ?? 0) * 100));
        rows[`${label} ${preset}`] = CATEGORIES.map((c, i) => `${c} ${scores[i]}`).join(', ');
        CATEGORIES.forEach((c, i) => {
          if (scores[i] < GOAL) {
            below.push(`${label} ${preset} ${c}`);
            rows[`  ${c} < ${GOAL} (${label}, ${preset}) because`] = failing(lhr, c).join('; ') || '(no single audit: sum of partial scores)';
          }
        });
      }
    }
  } finally {
    chrome.kill();
    await server.close();
  }
  rows.verdict = below.length ? `BELOW GOAL: ${below.join(', ')}` : `PASS: every score ≥ ${GOAL}`;
  return rows;
}
