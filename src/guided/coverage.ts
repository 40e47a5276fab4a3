/**
 * Which articles must have guided checks (Node only: reads the fixture folders). The 20 most
 * visited articles are approximated by the ones with the most real pastes (realPasteCounts): the
 * errors readers hit most are the ones people post most.
 * Deterministic: ties are broken by id.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, type Article } from '../catalog/load.ts';
import { extractGuided, formatProblem } from './extract.ts';

export const PASTES_DIR = join(ROOT, 'tests/fixtures/pastes');
export const CORPUS_DIR = join(ROOT, 'tests/fixtures/corpus');
export const GUIDED_REQUIRED_COUNT = 20;

const LABEL_RE = /^label:[ \t]*([a-z0-9-]+)[ \t]*$/m;

/**
 * Real pastes of each article: OpenSSH output captured here (`captured-*` in its paste folder) and
 * pastes people posted in public threads (the corpus, by label). Researched wordings from library
 * source say what a program can print, not how often readers meet it, so they do not count.
 */
export function realPasteCounts(pastes = PASTES_DIR, corpus = CORPUS_DIR): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (id: string) => counts.set(id, (counts.get(id) ?? 0) + 1);
  if (existsSync(pastes)) {
    for (const d of readdirSync(pastes, { withFileTypes: true })) {
      if (!d.isDirectory()) continue;
      for (const f of readdirSync(join(pastes, d.name))) if (f.startsWith('captured-')) add(d.name);
    }
  }
  if (existsSync(corpus)) {
    for (const half of readdirSync(corpus, { withFileTypes: true })) {
      if (!half.isDirectory()) continue;
      for (const f of readdirSync(join(corpus, half.name))) {
        if (!f.endsWith('.txt')) continue;
        const label = LABEL_RE.exec(readFileSync(join(corpus, half.name, f), 'utf8').slice(0, 2000))?.[1];
        if (label) add(label);
      }
    }
  }
  return counts;
}

/** The article ids that must have verdict data, most real pastes first (ties by id). */
export function guidedRequiredIds(articleIds: readonly string[], counts = realPasteCounts(), count = GUIDED_REQUIRED_COUNT): string[] {
  return articleIds
    .map((id) => ({ id, n: counts.get(id) ?? 0 }))
    .sort((a, b) => b.n - a.n || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, count)
    .map((a) => a.id);
}

/** Every verdict block problem in these articles (schema, patterns, facts, next), one line each. */
export function guidedProblems(articles: readonly Article[]): string[] {
  return articles.flatMap((a) => extractGuided(a.body, a.file).problems.map(formatProblem));
}

/** The article/cause pairs of the required articles whose cause has a check but no verdict block. */
export function missingGuided(articles: readonly Article[], required = guidedRequiredIds(articles.map((a) => a.id))): { id: string; cause: string }[] {
  const missing: { id: string; cause: string }[] = [];
  for (const id of required) {
    const article = articles.find((a) => a.id === id);
    if (!article) continue;
    for (const c of extractGuided(article.body, article.file).causes) {
      if (c.hasCheck && c.verdicts.length === 0) missing.push({ id, cause: c.id });
    }
  }
  return missing;
}
