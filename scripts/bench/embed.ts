/**
 * Size of the embeddable paste box (`npm run bench -- embed`): embed/sshfix.js as other sites
 * download it (minified; gzip and brotli as a server would send it), and how much of it is the
 * rules table. The bundle is built in memory from the current articles exactly as `astro build`
 * builds it; if that fails (a catalog mid-edit), the last built dist/embed/sshfix.js is measured.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { ROOT } from '../../src/catalog/load.ts';
import { loadRules } from '../../src/catalog/rules.ts';
import { buildEmbed, EMBED_PATH } from '../../src/integrations/embed.ts';
import { siteUrl } from '../../src/config.ts';

export const name = 'embed';

export async function run(): Promise<Record<string, number | string>> {
  let code: string;
  let source = 'built in memory';
  let buildMs: number | string = '-';
  let rulesBytes: number | string = '-';
  try {
    const started = performance.now();
    code = await buildEmbed({ site: siteUrl(process.env) });
    buildMs = Math.round(performance.now() - started);
    rulesBytes = Buffer.byteLength(JSON.stringify(loadRules()));
  } catch (e) {
    const file = join(ROOT, 'dist', EMBED_PATH);
    if (!existsSync(file)) throw new Error(`cannot build the embed bundle (${(e as Error).message.split('\n')[0]}) and ${file} does not exist`);
    code = readFileSync(file, 'utf8');
    source = `dist/${EMBED_PATH}`;
  }
  const raw = Buffer.byteLength(code);
  return {
    source,
    'build ms': buildMs,
    'bytes (minified)': raw,
    'gzip bytes (level 6)': gzipSync(code).length,
    'gzip bytes (level 9)': gzipSync(code, { level: 9 }).length,
    'brotli bytes (q11)': brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    'rules JSON bytes': rulesBytes,
  };
}
