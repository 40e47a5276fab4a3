/** The public catalog for support tools (/errors.json), derived from the articles' frontmatter. */
import { articleUrl } from '../config.ts';
import type { ArticleData } from './schema.ts';

export interface CatalogEntry {
  id: string;
  title: string;
  url: string;
  stage: string;
  side: string;
  kind: string;
  summary: string;
  /** `shared`: non-SSH programs print this wording too; the matcher uses it only in a paste about SSH. */
  messages: { text: string; from: string; shared?: boolean }[];
  aliases: string[];
}

export function catalogJson(articles: { id: string; data: ArticleData }[], base: string): CatalogEntry[] {
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
