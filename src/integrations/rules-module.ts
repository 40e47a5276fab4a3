/**
 * Serves the matcher's rules to browser code as the virtual module `virtual:sshfix/rules`,
 * derived at build time from the articles' frontmatter, so the paste box, its worker and the
 * embeddable widget can never route by a list that differs from the articles.
 */
import type { AstroIntegration } from 'astro';
import { loadRules } from '../catalog/rules.ts';

const ID = 'virtual:sshfix/rules';
const RESOLVED = `\0${ID}`;

/** The Vite plugin on its own, for builds outside Astro (the embed bundle). */
export function rulesVitePlugin() {
  return {
    name: 'sshfix:rules',
    resolveId: (id: string) => (id === ID ? RESOLVED : undefined),
    load: (id: string) => (id === RESOLVED ? `export default ${JSON.stringify(loadRules())};` : undefined),
  };
}

export function rulesModule(): AstroIntegration {
  return {
    name: 'sshfix:rules-module',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        // Workers are bundled separately and need the plugin (and ES module output) of their own.
        updateConfig({ vite: { plugins: [rulesVitePlugin()], worker: { format: 'es', plugins: () => [rulesVitePlugin()] } } });
      },
    },
  };
}
