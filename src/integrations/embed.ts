/**
 * Builds the embeddable paste box, `embed/sshfix.js`: one self-contained classic script (the
 * matcher, the rules derived from the articles, the styles; no framework) that other sites load
 * with a <script src>. esbuild bundles src/embed/sshfix.ts at the end of `astro build`; in
 * `astro dev` the same bundle is served from memory at <base>embed/sshfix.js.
 */
import type { AstroIntegration } from 'astro';
import { build, type Plugin } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../catalog/load.ts';
import { loadRules } from '../catalog/rules.ts';

export const EMBED_ENTRY = join(ROOT, 'src/embed/sshfix.ts');
/** Where the bundle lands, relative to the site root. */
export const EMBED_PATH = 'embed/sshfix.js';

/** esbuild's counterpart of rulesVitePlugin(): `virtual:sshfix/rules` is the articles' rules as JSON. */
export function rulesEsbuildPlugin(): Plugin {
  return {
    name: 'sshfix:rules',
    setup(b) {
      b.onResolve({ filter: /^virtual:sshfix\/rules$/ }, (args) => ({ path: args.path, namespace: 'sshfix-rules' }));
      b.onLoad({ filter: /.*/, namespace: 'sshfix-rules' }, () => ({
        contents: `export default ${JSON.stringify(loadRules())};`,
        loader: 'js',
      }));
    },
  };
}

/** Bundle the widget; returns the code (nothing is written). `site` is the fallback base URL baked in. */
export async function buildEmbed({ site, minify = true }: { site: string; minify?: boolean }): Promise<string> {
  const result = await build({
    entryPoints: [EMBED_ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: ['es2022', 'chrome100', 'firefox100', 'safari15'],
    minify,
    legalComments: 'none',
    // ASCII only: the host page may declare another charset than the script is served with.
    charset: 'ascii',
    define: { __SSHFIX_SITE__: JSON.stringify(site) },
    banner: { js: `/* SSH Fix paste box: <sshfix-router>. ${site} */` },
    plugins: [rulesEsbuildPlugin()],
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

export function embedBundle(): AstroIntegration {
  let site = 'http://localhost:4321/';
  let base = '/';
  return {
    name: 'sshfix:embed',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
        site = new URL(base, config.site ?? site).href;
      },
      'astro:server:setup': ({ server, logger }) => {
        server.middlewares.use((req, res, next) => {
          if (req.url?.split('?')[0] !== `${base}${EMBED_PATH}`) return next();
          buildEmbed({ site, minify: false }).then(
            (code) => {
              res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
              res.end(code);
            },
            (e: Error) => {
              logger.error(`embed bundle: ${e.message}`);
              next(e);
            },
          );
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const code = await buildEmbed({ site });
        const out = join(fileURLToPath(dir), EMBED_PATH);
        mkdirSync(join(out, '..'), { recursive: true });
        writeFileSync(out, code);
        const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
        logger.info(`${EMBED_PATH}: ${kb(Buffer.byteLength(code))}, ${kb(gzipSync(code, { level: 9 }).length)} gzipped`);
      },
    },
  };
}
