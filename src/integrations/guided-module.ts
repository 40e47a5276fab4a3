/**
 * Serves `virtual:sshfix/guided`: for each article with guided checks, the anchor of its first
 * check box, so the home page's answer card can offer "Start the guided checks" only where
 * there are some. Derived at build time from the same verdict blocks the article renders.
 */
import type { AstroIntegration } from 'astro';
import { loadArticles } from '../catalog/load.ts';
import { extractGuided } from '../guided/extract.ts';

const ID = 'virtual:sshfix/guided';
const RESOLVED = `\0${ID}`;

function moduleSource(): string {
  const start: Record<string, string> = {};
  for (const a of loadArticles()) {
    const first = extractGuided(a.body, a.file).causes.find((c) => c.verdicts.length);
    if (first) start[a.id] = `check-${first.id}`;
  }
  return `export const guidedStart = ${JSON.stringify(start)};`;
}

export function guidedModule(): AstroIntegration {
  return {
    name: 'sshfix:guided-module',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'sshfix:guided',
                resolveId: (id: string) => (id === ID ? RESOLVED : undefined),
                load: (id: string) => (id === RESOLVED ? moduleSource() : undefined),
              },
            ],
          },
        });
      },
    },
  };
}
