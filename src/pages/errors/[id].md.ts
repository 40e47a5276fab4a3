/** /errors/<id>.md: the Markdown twin of each article, generated from its MDX (src/markdown/article-markdown.ts). */
import { getCollection } from 'astro:content';
import type { APIRoute, GetStaticPaths } from 'astro';
import { articleMarkdown } from '../../markdown/article-markdown.ts';

export const getStaticPaths = (async () => {
  const entries = await getCollection('errors');
  const titles = new Map(entries.map((e) => [e.id, e.data.title]));
  return entries.map((entry) => ({ params: { id: entry.id }, props: { entry, titles } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<Awaited<ReturnType<typeof getStaticPaths>>[number]['props']> = ({ props, site }) => {
  const { entry, titles } = props;
  const siteUrl = new URL(import.meta.env.BASE_URL, site).href;
  const markdown = articleMarkdown(entry, { siteUrl, titles });
  return new Response(markdown, { headers: { 'Content-Type': 'text/markdown; charset=utf-8' } });
};
