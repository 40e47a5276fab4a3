// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { siteUrl } from './src/config.ts';
import { catalogCheck } from './src/integrations/catalog-check.ts';
import { csp } from './src/integrations/csp.ts';
import { embedBundle } from './src/integrations/embed.ts';
import { ogImages } from './src/integrations/og-images.ts';
import { pagefindIndex } from './src/integrations/pagefind.ts';
import { redirects, sitemapFilter } from './src/integrations/redirects.ts';
import { rulesModule } from './src/integrations/rules-module.ts';
import { guidedModule } from './src/integrations/guided-module.ts';
import { remarkCauses } from './src/markdown/remark-causes.ts';
import { remarkVerdicts } from './src/markdown/remark-verdicts.ts';
import { SHIKI_CONFIG } from './src/markdown/shiki.ts';

const site = new URL(siteUrl(process.env));

export default defineConfig({
  site: site.origin,
  // A sub-path in SITE_URL (https://help.example.com/ssh/) becomes the base of every link.
  base: site.pathname,
  trailingSlash: 'always',
  // One request per page fewer, and scripts stay external files so the CSP can say 'self'.
  build: { inlineStylesheets: 'always' },
  integrations: [
    catalogCheck(),
    rulesModule(),
    guidedModule(),
    mdx(),
    pagefindIndex(),
    sitemap({ filter: sitemapFilter() }),
    redirects(),
    ogImages(),
    embedBundle(),
    // Last: it hashes the inline scripts of every page the steps above wrote.
    csp(),
  ],
  markdown: {
    remarkPlugins: [remarkCauses, remarkVerdicts],
    shikiConfig: SHIKI_CONFIG,
  },
  devToolbar: { enabled: false },
});
