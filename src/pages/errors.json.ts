import { getCollection } from 'astro:content';
import type { APIRoute } from 'astro';
import { routerVersion } from 'virtual:sshfix/rules';
import { catalogJson } from '../catalog/catalog-json.ts';

export const GET: APIRoute = async ({ site }) => {
  const base = new URL(import.meta.env.BASE_URL, site).href;
  const errors = catalogJson(await getCollection('errors'), base);
  return new Response(JSON.stringify({ routerVersion, errors }, null, 2), { headers: { 'Content-Type': 'application/json' } });
};
