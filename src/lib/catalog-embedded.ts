/**
 * The catalog inside the installed package: `npm run package` puts this module in place of
 * catalog.ts and fills `sshfix:catalog-data` with what catalog.ts compiled from content/errors/,
 * every article's Markdown included, as brotli-compressed JSON (a quarter smaller in the tarball
 * than gzip alone makes it), so nothing is read from disk at run time.
 */
import { brotliDecompressSync } from 'node:zlib';
import compressed from 'sshfix:catalog-data';
import { unpackMarkdown } from './packed-markdown.ts';
import type { Catalog, CatalogData } from './types.ts';

/** Same signature as catalog.ts; an embedded catalog was validated when it was packaged, so there is nothing to warn about. */
export function loadCatalog(): Catalog {
  const data = JSON.parse(brotliDecompressSync(Buffer.from(compressed, 'base64')).toString('utf8')) as CatalogData;
  const markdown = new Map(data.entries.map((e) => [e.rule.id, e.markdown]));
  return {
    siteUrl: data.siteUrl,
    routerVersion: data.routerVersion,
    rules: data.entries.map((e) => e.rule),
    articles: data.listed.map((i) => data.entries[i]!.info),
    markdown(id, os) {
      const packed = markdown.get(id);
      if (!packed) throw new RangeError(`no article with id "${id}"`);
      return unpackMarkdown(packed, os);
    },
  };
}
