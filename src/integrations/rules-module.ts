/**
 * Serves the matcher's rules to browser code as the virtual module `virtual:sshfix/rules`,
 * derived at build time from the articles' frontmatter, so the paste box, its worker and the
 * embeddable widget can never route by a list that differs from the articles. `routerVersion`
 * (src/catalog/router-version.ts) names that list and the matcher's code, for report links.
 */
import type { AstroIntegration } from 'astro';
import { routerVersion } from '../catalog/router-version.ts';
import { loadRules } from '../catalog/rules.ts';
import { loadArticles } from '../catalog/load.ts';
import { causeVersionsByArticle } from '../versions/causes.ts';

const ID = 'virtual:sshfix/rules';
const RESOLVED = `\0${ID}`;

let source: string | undefined;
/**
 * Read once per process: the page, its worker and /errors.json are built in separate passes, and
 * a file saved between two of them must not give one build two router versions.
 */
function moduleSource(): string {
  if (source === undefined) {
    const rules = loadRules();
    // The version-bound causes ride along for the answer card's version hint; they don't route, so no router version.
    const causeVersions = causeVersionsByArticle(loadArticles());
    source = `export default ${JSON.stringify(rules)};\nexport const routerVersion = ${JSON.stringify(routerVersion(rules))};\nexport const causeVersions = ${JSON.stringify(causeVersions)};`;
  }
  return source;
}

/** The Vite plugin on its own, for builds outside Astro (the embed bundle). */
export function rulesVitePlugin() {
  return {
    name: 'sshfix:rules',
    resolveId: (id: string) => (id === ID ? RESOLVED : undefined),
    load: (id: string) => (id === RESOLVED ? moduleSource() : undefined),
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
