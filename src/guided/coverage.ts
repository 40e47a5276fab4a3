/**
 * Which articles must have guided checks (Node only: reads the fixture folders). The 20 most
 * visited articles are approximated by the ones with the most real pastes in
 * tests/fixtures/pastes/<id>/: the errors readers hit most are the ones we collected most.
 * Deterministic: ties are broken by id.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, type Article } from '../catalog/load.ts';
import { extractGuided, formatProblem } from './extract.ts';

export const PASTES_DIR = join(ROOT, 'tests/fixtures/pastes');
export const GUIDED_REQUIRED_COUNT = 20;

/** The article ids that must have verdict data, most pastes first (ties by id). */
export function guidedRequiredIds(articleIds: readonly string[], dir = PASTES_DIR, count = GUIDED_REQUIRED_COUNT): string[] {
  return articleIds
    .map((id) => {
      const folder = join(dir, id);
      const files = existsSync(folder) ? readdirSync(folder, { withFileTypes: true }).filter((f) => f.isFile()).length : 0;
      return { id, files };
    })
    .sort((a, b) => b.files - a.files || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
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
