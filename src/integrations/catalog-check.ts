/**
 * Fails `astro build`/`astro dev` before anything renders when an article is broken, naming the
 * file and the field (or body rule). Astro's collection schema only sees one entry at a time;
 * cross-references, the id contract and the body rules need the whole catalog.
 */
import type { AstroIntegration } from 'astro';
import { contentProblems } from '../catalog/lint.ts';

export function catalogCheck(): AstroIntegration {
  return {
    name: 'sshfix:catalog-check',
    hooks: {
      'astro:config:setup': ({ logger }) => {
        const { articles, messages } = contentProblems();
        if (messages.length) throw new Error(`Broken articles:\n${messages.join('\n')}`);
        logger.info(`${articles.length} articles valid`);
      },
    },
  };
}
