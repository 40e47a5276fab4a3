/**
 * The rescue text (src/cloud/rescue.ts) as HTML, rendered once per build with the site's own
 * Markdown pipeline and code theme, then reused by every <CloudRescue /> on every page.
 */
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import { PROVIDERS, type ProviderKey } from '../cloud/providers.ts';
import { RESCUE_BY_PROVIDER, RESCUE_PREREQUISITES } from '../cloud/rescue.ts';
import { SHIKI_CONFIG } from '../markdown/shiki.ts';

export interface RescueHtml {
  prerequisites: string;
  providers: Record<ProviderKey, string>;
}

let rendered: Promise<RescueHtml> | undefined;

async function render(): Promise<RescueHtml> {
  const processor = await createMarkdownProcessor({ shikiConfig: SHIKI_CONFIG });
  const html = async (md: string) => (await processor.render(md)).code;
  const providers = {} as Record<ProviderKey, string>;
  for (const p of PROVIDERS) providers[p] = await html(RESCUE_BY_PROVIDER[p]);
  return { prerequisites: await html(RESCUE_PREREQUISITES), providers };
}

export function rescueHtml(): Promise<RescueHtml> {
  rendered ??= render();
  return rendered;
}
