/**
 * robots.txt: everything may be crawled; the sitemap (written by @astrojs/sitemap) is named by
 * its absolute URL, base path included. Pages that should stay out of search results (404, the
 * alias redirect pages, /embed/) say `noindex` themselves, which a crawler can only read if it
 * is allowed to fetch them, so nothing is disallowed here.
 * Note: crawlers only read /robots.txt at the root of a host; under a sub-path (SITE_URL
 * https://help.example.com/ssh/) the host's own robots.txt should carry the Sitemap line.
 */
import type { APIRoute } from 'astro';

export const GET: APIRoute = ({ site }) => {
  const sitemap = new URL(`${import.meta.env.BASE_URL.replace(/\/?$/, '/')}sitemap-index.xml`, site).href;
  const body = `User-agent: *\nAllow: /\n\nSitemap: ${sitemap}\n`;
  return new Response(body, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
