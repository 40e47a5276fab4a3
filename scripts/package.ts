/**
 * `npm run package`: builds and packs the installable `sshfix` package (the CLI, the library and
 * the MCP server) and prints the tarball's absolute path as its last line.
 *
 * - The catalog (rules, article list, every article's Markdown for every platform, packed by
 *   src/lib/packed-markdown.ts) is compiled here from content/errors/ and embedded, compressed:
 *   src/lib/catalog.ts is swapped for catalog-embedded.ts, so the package never reads content/.
 * - esbuild bundles src/cli/bin.ts (→ bin/sshfix.js) and src/lib/index.ts (→ index.js) into
 *   plain ESM for Node 20+, with shared code in chunks/ and every dependency bundled in: the
 *   package.json written here has no dependencies, so it installs offline from an empty cache.
 * - tsc emits the library's declarations; only those index.d.ts reaches are shipped (types/).
 *
 * scripts/bench/package.ts measures the result through `buildPackage()`.
 */
import { build, type Metafile, type Plugin } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import { ROOT } from '../src/catalog/load.ts';
import { OS_KEYS, type OsKey } from '../src/catalog/os.ts';
import { loadCatalog } from '../src/lib/catalog.ts';
import { packMarkdown } from '../src/lib/packed-markdown.ts';
import type { CatalogData } from '../src/lib/types.ts';

const LIB_CATALOG = join(ROOT, 'src/lib/catalog.ts');
const EMBEDDED_CATALOG = join(ROOT, 'src/lib/catalog-embedded.ts');
const ENTRIES = { 'bin/sshfix': 'src/cli/bin.ts', index: 'src/lib/index.ts' };
/** Source a bundle must not contain: the content loader reads files at run time, the others are the site's. */
const FORBIDDEN_INPUTS = [/^src\/catalog\/load\.ts$/, /^content\//, /node_modules\/(astro|tsx|yaml|@astrojs|vite|ajv)\//];

export interface PackageResult {
  /** Absolute path of the .tgz. */
  tarball: string;
  /** What `npm pack` reports. */
  packedBytes: number;
  unpackedBytes: number;
  files: number;
  /** Bytes of each JavaScript file in the package, by path. */
  bundles: Record<string, number>;
  /** Bytes of the catalog's JSON (rules, article list, packed Markdown), and as embedded (compressed, base64). */
  catalog: { jsonBytes: number; embeddedBytes: number };
}

/** The catalog as data: rules, article list, and every article's Markdown for every platform, packed. */
function catalogData(): CatalogData {
  const catalog = loadCatalog((warning) => {
    throw new Error(`cannot package: ${warning}`);
  });
  const info = new Map(catalog.articles.map((a) => [a.id, a]));
  const entries = catalog.rules.map((rule) => ({
    info: info.get(rule.id)!,
    rule,
    markdown: packMarkdown(catalog.markdown(rule.id), Object.fromEntries(OS_KEYS.map((os) => [os, catalog.markdown(rule.id, os)])) as Record<OsKey, string>),
  }));
  const position = new Map(catalog.rules.map((r, i) => [r.id, i]));
  return { siteUrl: catalog.siteUrl, routerVersion: catalog.routerVersion, entries, listed: catalog.articles.map((a) => position.get(a.id)!) };
}

/** The catalog as catalog-embedded.ts reads it: JSON, brotli-compressed (densest, as it is only decompressed), in base64. */
function compressCatalog(data: CatalogData): string {
  const json = JSON.stringify(data);
  const params = { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_LGWIN]: constants.BROTLI_MAX_WINDOW_BITS, [constants.BROTLI_PARAM_SIZE_HINT]: json.length };
  return brotliCompressSync(json, { params }).toString('base64');
}

/** Swaps the content/-reading catalog for the embedded one and serves the embedded data. */
function embedCatalog(compressed: string): Plugin {
  return {
    name: 'sshfix-embedded-catalog',
    setup(b) {
      b.onResolve({ filter: /\/catalog\.ts$/ }, (args) => (resolve(args.resolveDir, args.path) === LIB_CATALOG ? { path: EMBEDDED_CATALOG } : undefined));
      b.onResolve({ filter: /^sshfix:catalog-data$/ }, () => ({ path: 'catalog-data', namespace: 'sshfix-catalog' }));
      b.onLoad({ filter: /.*/, namespace: 'sshfix-catalog' }, () => ({ contents: compressed, loader: 'text' }));
    },
  };
}

/**
 * The MCP SDK's server validates with ajv only what a client answers to an elicitation (a
 * question the server asks the user); `sshfix mcp` asks none, so the ~35 kB (gzip) of ajv stay
 * out and a stand-in says why if it were ever used.
 */
function leaveOutElicitationValidator(): Plugin {
  return {
    name: 'sshfix-no-elicitation-validator',
    setup(b) {
      b.onResolve({ filter: /\/validation\/ajv-provider\.js$/ }, (args) =>
        args.importer.includes('@modelcontextprotocol/sdk') ? { path: 'ajv-provider', namespace: 'sshfix-no-ajv' } : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: 'sshfix-no-ajv' }, () => ({
        contents: `export class AjvJsonSchemaValidator { getValidator() { throw new Error('sshfix mcp asks no questions (elicitation): the package has no JSON Schema validator'); } }`,
        loader: 'js',
      }));
    },
  };
}

function assertSelfContained(meta: Metafile): void {
  const bad = Object.keys(meta.inputs).filter((f) => FORBIDDEN_INPUTS.some((re) => re.test(f)));
  if (bad.length) throw new Error(`cannot package: the bundle would contain ${bad.join(', ')} (the package must not read content/ or need the site's tools)`);
}

/** A module specifier in a declaration file: `import … from '…'`, `export … from '…'` (statements only, not comments) or `import('…')`. */
const MODULE_SPECIFIER = /(^(?:import|export)\b[^;'"]*?\bfrom\s*['"]|\bimport\(\s*['"])([^'"]+)(['"])/gm;

/** Emits the library's declarations and copies those index.d.ts reaches into `outDir`, with .js specifiers. */
function writeTypes(workDir: string, outDir: string): void {
  const emitted = join(workDir, 'types');
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  // --noCheck: `tsc --noEmit -p .` type-checks these sources; here they are only described.
  const flags = ['--declaration', '--emitDeclarationOnly', '--noCheck', '--strict', '--skipLibCheck', '--allowImportingTsExtensions', '--resolveJsonModule'];
  const options = ['--target', 'es2022', '--module', 'esnext', '--moduleResolution', 'bundler', '--types', 'node', '--rootDir', 'src', '--outDir', emitted];
  try {
    execFileSync(process.execPath, [tsc, ...flags, ...options, 'src/lib/index.ts'], { cwd: ROOT, encoding: 'utf8' });
  } catch (e) {
    throw new Error(`cannot package: tsc failed on the library's types:\n${(e as { stdout?: string }).stdout ?? (e as Error).message}`);
  }
  const queue = ['lib/index.d.ts'];
  const seen = new Set(queue);
  while (queue.length) {
    const file = queue.shift()!;
    const source = readFileSync(join(emitted, file), 'utf8');
    const text = source.replace(MODULE_SPECIFIER, (_, pre: string, spec: string, post: string) => {
      if (!spec.startsWith('.')) throw new Error(`cannot package: ${file} refers to "${spec}"; the library's public types must not need another package`);
      const target = join(dirname(file), spec.replace(/\.ts$/, '.d.ts'));
      if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
      return pre + spec.replace(/\.ts$/, '.js') + post;
    });
    mkdirSync(dirname(join(outDir, file)), { recursive: true });
    writeFileSync(join(outDir, file), text);
  }
}

/** Builds the package in a fresh temporary folder and packs it there. */
export async function buildPackage(): Promise<PackageResult> {
  const rootPkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; description: string; engines: { node: string } };
  const work = mkdtempSync(join(tmpdir(), 'sshfix-package-'));
  const stage = join(work, 'sshfix');

  const data = catalogData();
  const compressed = compressCatalog(data);
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    outdir: stage,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: true,
    metafile: true,
    logLevel: 'warning',
    // Labels and messages as UTF-8, not \u escapes (smaller, and readable in the bundle).
    charset: 'utf8',
    plugins: [embedCatalog(compressed), leaveOutElicitationValidator()],
  });
  assertSelfContained(result.metafile);
  writeTypes(work, join(stage, 'types'));

  copyFileSync(join(ROOT, 'scripts/package-readme.md'), join(stage, 'README.md'));
  const pkg = {
    name: 'sshfix',
    version: rootPkg.version,
    description: rootPkg.description,
    type: 'module',
    engines: rootPkg.engines,
    bin: { sshfix: 'bin/sshfix.js' },
    exports: { '.': { types: './types/lib/index.d.ts', import: './index.js' } },
    types: './types/lib/index.d.ts',
    files: ['bin', 'chunks', 'index.js', 'types'],
    keywords: ['ssh', 'openssh', 'troubleshooting', 'mcp'],
  };
  writeFileSync(join(stage, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');

  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work, stage], { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
  ) as { filename: string; size: number; unpackedSize: number; entryCount: number }[];
  const bundles: Record<string, number> = {};
  for (const out of Object.keys(result.metafile.outputs)) bundles[relative(stage, join(ROOT, out))] = statSync(join(ROOT, out)).size;
  rmSync(stage, { recursive: true });
  const { filename, size, unpackedSize, entryCount } = packed[0]!;
  return { tarball: join(work, filename), packedBytes: size, unpackedBytes: unpackedSize, files: entryCount, bundles, catalog: { jsonBytes: Buffer.byteLength(JSON.stringify(data)), embeddedBytes: compressed.length } };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const r = await buildPackage();
    console.log(`packed ${r.files} files: ${(r.packedBytes / 1024).toFixed(1)} KB (${(r.unpackedBytes / 1024).toFixed(1)} KB unpacked)`);
    console.log(r.tarball);
  } catch (e) {
    console.error((e as Error).message);
    process.exitCode = 1;
  }
}
