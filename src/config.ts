/**
 * Where the site is served from. SITE_URL sets the public origin and an optional sub-path
 * (e.g. https://help.example.com/ssh/), so canonical URLs, previews and the CLI's links are
 * right wherever the site is deployed.
 */
export const DEFAULT_SITE_URL = 'http://localhost:4321/';

/** The public base URL, always ending in a slash. */
export function siteUrl(env: Record<string, string | undefined> = {}): string {
  const raw = env.SITE_URL?.trim() || DEFAULT_SITE_URL;
  const url = new URL(raw);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

/** The absolute URL of an article, optionally with a platform and a section. */
export function articleUrl(base: string, id: string, opts: { os?: string; anchor?: string } = {}): string {
  const url = new URL(`errors/${id}/`, base);
  if (opts.os) url.searchParams.set('os', opts.os);
  if (opts.anchor) url.hash = opts.anchor;
  return url.href;
}
