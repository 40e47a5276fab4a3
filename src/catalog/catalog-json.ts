/** The public catalog for support tools (/errors.json), derived from the articles' frontmatter. */
import { articleUrl } from '../config.ts';
import type { ArticleInfo } from '../lib/types.ts';
import type { ArticleData } from './schema.ts';

/** One entry per article, sorted by id: the same shape the library's `articles()` returns. */
export function catalogJson(articles: { id: string; data: ArticleData }[], base: string): ArticleInfo[] {
  return [...articles]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map(({ id, data }) => ({
      id,
      title: data.title,
      url: articleUrl(base, id),
      stage: data.stage,
      side: data.side,
      kind: data.kind,
      summary: data.summary,
      // A `guess` is a catch-all shape for routing, not a wording: not part of the catalog.
      messages: data.messages.filter((m) => !m.guess),
      aliases: data.aliases,
    }));
}
