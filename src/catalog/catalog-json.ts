/** The public catalog for support tools (/errors.json), derived from the articles' frontmatter. */
import { articleUrl } from '../config.ts';
import type { ArticleInfo } from '../lib/types.ts';
import { listedMessages, type ArticleData } from './schema.ts';

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
      messages: listedMessages(data.messages),
      symptoms: data.symptoms,
      aliases: data.aliases,
    }));
}
