import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { articleSchema } from './catalog/schema.ts';

export const collections = {
  errors: defineCollection({
    loader: glob({ pattern: '*.mdx', base: './content/errors' }),
    schema: articleSchema,
  }),
};
