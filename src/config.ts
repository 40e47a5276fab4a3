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

/**
 * Where "Wrong answer?" links open a pre-filled issue (REPORT_URL, e.g.
 * https://github.com/acme/sshfix/issues/new; `title` and `body` are added as query parameters).
 * Unset: no report links at all. Not an http(s) URL: the build stops with this message.
 */
export function reportUrl(env: Record<string, string | undefined> = {}): string | null {
  const raw = env.REPORT_URL?.trim();
  if (!raw) return null;
  let url: URL | null = null;
  try {
    url = new URL(raw);
  } catch {
    // reported below, with the value
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) throw new Error(`REPORT_URL must be an http(s) URL, got "${raw}"`);
  return url.href;
}

/** The absolute URL of an article, optionally with a platform and a section. */
export function articleUrl(base: string, id: string, opts: { os?: string; anchor?: string } = {}): string {
  const url = new URL(`errors/${id}/`, base);
  if (opts.os) url.searchParams.set('os', opts.os);
  if (opts.anchor) url.hash = opts.anchor;
  return url.href;
}

/** The absolute URL of an article's Markdown twin. */
export function articleMarkdownUrl(base: string, id: string): string {
  return new URL(`errors/${id}.md`, base).href;
}
