/** /llms-full.txt: every article in full, as Markdown, in one file. */
import { getCollection } from 'astro:content';
import type { APIRoute } from 'astro';
import { llmsFull } from '../markdown/article-markdown.ts';

export const GET: APIRoute = async ({ site }) => {
  const entries = await getCollection('errors');
  const siteUrl = new URL(import.meta.env.BASE_URL, site).href;
  return new Response(llmsFull(entries, { siteUrl }), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
