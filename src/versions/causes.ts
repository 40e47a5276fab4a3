/**
 * The version-bound causes of each article, read from the MDX bodies at build time and shipped
 * to the answer card with the matcher's rules (src/integrations/rules-module.ts). Pure.
 */
import type { ArticleData } from '../catalog/schema.ts';
import { attribute as attr, openingTag } from '../catalog/mdx-tags.ts';
import type { CauseVersions } from './applies.ts';

export interface ArticleCauseVersions {
  side: ArticleData['side'];
  causes: CauseVersions[];
}

/** Every article with at least one cause that carries `versions`, keyed by article id. */
export function causeVersionsByArticle(
  articles: readonly { id: string; data: ArticleData; body: string }[],
): Record<string, ArticleCauseVersions> {
  const out: Record<string, ArticleCauseVersions> = {};
  for (const a of articles) {
    const causes = [...a.body.matchAll(openingTag('Cause'))].flatMap((m) => {
      const id = attr(m[1], 'id');
      const versions = attr(m[1], 'versions');
      return id && versions ? [{ id, title: attr(m[1], 'title') ?? id, versions }] : [];
    });
    if (causes.length) out[a.id] = { side: a.data.side, causes };
  }
  return out;
}
