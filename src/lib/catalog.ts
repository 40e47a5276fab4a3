/**
 * The catalog the CLI and the library route with, compiled from content/errors/ (Node only).
 * `npm run package` embeds what this returns and swaps this module for catalog-embedded.ts, so
 * the installed package never reads content/ (scripts/package.ts).
 */
import { catalogJson } from '../catalog/catalog-json.ts';
import { loadArticles, readArticles, type Article } from '../catalog/load.ts';
import { routerVersion } from '../catalog/router-version.ts';
import { toRules } from '../catalog/rules.ts';
import { siteUrl } from '../config.ts';
import { articleMarkdown } from '../markdown/article-markdown.ts';
import type { Catalog } from './types.ts';

/** The validated articles, or, while the catalog has cross-reference problems, every article that parses (with a warning). */
function articlesForRouting(warn: (message: string) => void): Article[] {
  try {
    return loadArticles();
  } catch (e) {
    const { articles } = readArticles();
    warn(`routing with the ${articles.length} articles that parse: ${(e as Error).message}`);
    return articles;
  }
}

/** Reads every article once; the Markdown is rendered when asked for. `warn` hears about a broken catalog. */
export function loadCatalog(warn: (message: string) => void = () => {}): Catalog {
  const articles = articlesForRouting(warn);
  const base = siteUrl(process.env);
  const rules = toRules(articles);
  const byId = new Map(articles.map((a) => [a.id, a]));
  const titles = new Map(articles.map((a) => [a.id, a.data.title]));
  return {
    siteUrl: base,
    routerVersion: routerVersion(rules),
    rules,
    articles: catalogJson(articles, base),
    markdown(id, os) {
      const article = byId.get(id);
      if (!article) throw new RangeError(`no article with id "${id}"`);
      return articleMarkdown(article, { siteUrl: base, os, titles });
    },
  };
}
