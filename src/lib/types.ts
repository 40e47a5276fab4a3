/**
 * Types of the library API (src/lib/index.ts). Kept free of zod, Astro and Node types: they are
 * shipped as the installable package's declarations, which must stand on their own.
 */
import type { Candidate, Rule } from '../matcher/types.ts';
import type { OsKey } from '../catalog/os.ts';
import type { PackedMarkdown } from './packed-markdown.ts';

/** One routed article: the matcher's candidate plus the article's public URL. */
export interface RoutedArticle extends Candidate {
  /** The article's page, e.g. `https://help.example.com/ssh/errors/connection-refused/?os=rhel`. */
  url: string;
}

/** What `route()` returns; it never throws. */
export interface RouteResult {
  /** The article that explains the paste, or null when no known message was found. */
  best: RoutedArticle | null;
  /** Runners-up, best first, distinct ids. */
  alternatives: RoutedArticle[];
  /** A sentence for the user when there is no confident answer (empty, too large, best guess…). */
  notice?: string;
  /** Lines in the paste as given (0 when it was refused). */
  lines: number;
  /** Changes whenever the rules or their ranking change: record it to reproduce a routing later. */
  routerVersion: string;
}

export interface RouteOptions {
  /** Base URL of the site the links point to, sub-path included, e.g. `https://help.example.com/ssh` (default: the one the package was built for). */
  siteUrl?: string;
  /** Adds `?os=` to the URLs, so the page opens on that platform's tab. */
  os?: OsKey;
}

/** One article of the catalog, as listed in the site's `/errors.json`. */
export interface ArticleInfo {
  id: string;
  title: string;
  /** The article's page at the base URL the package was built for. */
  url: string;
  /** Where in a connection the message appears (`connect`, `auth`, `hostkey`, …). */
  stage: string;
  /** Where the fix runs: `client`, `server` or `both`. */
  side: string;
  /** `error` stops the connection; `warning` and `info` are printed on the way. */
  kind: string;
  /** One sentence: what the error means. */
  summary: string;
  /** Every known wording, `{placeholder}`s for what varies; `shared`: non-SSH programs print it too (the matcher uses it only in a paste about SSH). */
  messages: { text: string; from: string; shared?: boolean }[];
  /** How readers describe the failure in their own words (`ssh times out`): search terms, not messages. */
  symptoms: string[];
  /** Former ids; each still resolves to this article. */
  aliases: string[];
}

/** The three checks: an `ssh -vvv` log, an `ls -la ~/.ssh` / `icacls` listing, an `sshd_config` / `sshd -T` output. */
export type CheckKind = 'log' | 'perms' | 'sshd-config';

/**
 * Everything the library routes and answers with: compiled from content/errors/ in the
 * repository (src/lib/catalog.ts), embedded in the package (src/lib/catalog-embedded.ts).
 */
export interface Catalog {
  /** Base URL the article URLs and the Markdown's links were made with. */
  siteUrl: string;
  routerVersion: string;
  rules: Rule[];
  /** Sorted by id. */
  articles: ArticleInfo[];
  /** The Markdown of a live article (not an alias), every platform or only `os`'s steps. */
  markdown(id: string, os?: OsKey): string;
}

/** A Catalog as data, every article's Markdown included: what `npm run package` embeds. */
export interface CatalogData {
  siteUrl: string;
  routerVersion: string;
  /**
   * One entry per article, in the rules' order. An article's pieces sit side by side: they share
   * much text (its messages, title, summary), which compresses best close together.
   */
  entries: { info: ArticleInfo; rule: Rule; markdown: PackedMarkdown }[];
  /** Indices into `entries` in the order `articles` lists them. */
  listed: number[];
}
