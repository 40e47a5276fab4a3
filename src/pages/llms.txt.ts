/** /llms.txt (llmstxt.org): the site for language models, one line per article linking its Markdown twin. */
import { getCollection } from 'astro:content';
import type { APIRoute } from 'astro';
import { llmsIndex } from '../markdown/article-markdown.ts';

export const GET: APIRoute = async ({ site }) => {
  const entries = await getCollection('errors');
  const siteUrl = new URL(import.meta.env.BASE_URL, site).href;
  return new Response(llmsIndex(entries, { siteUrl }), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
