/**
 * A strict Content Security Policy for the built site, written as the last build step so it can
 * see every page. Scripts come from this site only; the few inline scripts (the tab chooser that
 * must run before first paint) are allowed by their SHA-256 hashes; WebAssembly compilation is
 * allowed because Pagefind's search runs in WASM. The policy goes into each page as a <meta> tag
 * and into `_headers` (Netlify, Cloudflare Pages) where hosts can also send frame-ancestors.
 */
import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)(?:\s[^>]*)?>([\s\S]*?)<\/script>/g;

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.html')).map((e) => join(e.parentPath, e.name));
}

/** The Markdown twins and the llms.txt files, as paths relative to the site root (one exact rule each: not every host takes a wildcard mid-path). */
async function textFiles(root: string): Promise<string[]> {
  const twins = (await readdir(join(root, 'errors')).catch(() => [])).filter((f) => f.endsWith('.md')).map((f) => `errors/${f}`);
  const llms = (await readdir(root)).filter((f) => /^llms(-full)?\.txt$/.test(f));
  return [...llms, ...twins.sort()];
}

/** The policy for a set of inline-script hashes. `frameAncestors` only takes effect in a header. */
export function policy(hashes: Iterable<string>, frameAncestors?: string): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${[...hashes].map((h) => `'${h}'`).join(' ')}`.trim(),
    // Shiki colours code with style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ];
  if (frameAncestors) directives.push(`frame-ancestors ${frameAncestors}`);
  return directives.join('; ');
}

export function csp(): AstroIntegration {
  let base = '/';
  return {
    name: 'sshfix:csp',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
      },
      'astro:build:done': async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const files = await htmlFiles(root);
        const pages = await Promise.all(files.map(async (f) => ({ f, html: await readFile(f, 'utf8') })));
        const hashes = new Set<string>();
        for (const { html } of pages) {
          for (const [, body] of html.matchAll(INLINE_SCRIPT)) {
            if (body.trim()) hashes.add(`sha256-${createHash('sha256').update(body).digest('base64')}`);
          }
        }
        const meta = `<meta http-equiv="Content-Security-Policy" content="${policy(hashes)}">`;
        await Promise.all(pages.map(({ f, html }) => writeFile(f, html.replace(/<head>/i, `<head>${meta}`))));
        await writeFile(
          join(root, '_headers'),
          [
            `${base}*`,
            `  Content-Security-Policy: ${policy(hashes, "'self'")}`,
            '  X-Content-Type-Options: nosniff',
            '  Referrer-Policy: strict-origin-when-cross-origin',
            '',
            // The embed page is made to be framed by other sites.
            `${base}embed/*`,
            `  Content-Security-Policy: ${policy(hashes, '*')}`,
            '',
            // Markdown twins and llms*.txt are UTF-8 (titles hold ≥, …): without a charset, hosts send bare text/plain.
            ...(await textFiles(root)).flatMap((f) => [
              `${base}${f}`,
              `  Content-Type: ${f.endsWith('.md') ? 'text/markdown' : 'text/plain'}; charset=utf-8`,
              '',
            ]),
          ].join('\n'),
        );
        logger.info(`CSP on ${pages.length} pages, ${hashes.size} inline script hash(es)`);
      },
    },
  };
}
