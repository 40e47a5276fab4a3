/**
 * Which articles must have guided checks. The 20 most visited articles are approximated by the
 * ones with the most real pastes (counted from the fixtures by the tests: `realPasteCounts` in
 * tests/fixtures/read.ts): the errors readers hit most are the ones people post most.
 * Deterministic: ties are broken by id.
 */
import type { Article } from '../catalog/load.ts';
import { extractGuided, formatProblem } from './extract.ts';

export const GUIDED_REQUIRED_COUNT = 20;

/** The article ids that must have verdict data, most real pastes first (ties by id). */
export function guidedRequiredIds(articleIds: readonly string[], counts: ReadonlyMap<string, number>, count = GUIDED_REQUIRED_COUNT): string[] {
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

/**
 * The article/cause pairs of the required articles (by these real-paste counts) whose cause has a
 * check but no verdict block.
 */
export function missingGuided(articles: readonly Article[], counts: ReadonlyMap<string, number>): { id: string; cause: string }[] {
  const missing: { id: string; cause: string }[] = [];
  for (const id of guidedRequiredIds(articles.map((a) => a.id), counts)) {
    const article = articles.find((a) => a.id === id);
    if (!article) continue;
    for (const c of extractGuided(article.body, article.file).causes) {
      if (c.hasCheck && c.verdicts.length === 0) missing.push({ id, cause: c.id });
    }
  }
  return missing;
}
