/**
 * How the build scales with the catalogue (`npm run bench -- --scale`, or `-- scale --scale`):
 * build time and Pagefind index size with 200 and 2,000 articles. Slow (minutes), so it runs
 * only when --scale is passed; BENCH_SCALE_SIZES=200,2000 changes the sizes.
 *
 * For each size, a temporary copy of the project (config, src, public, content) gets the real
 * articles plus synthetic ones up to N: valid frontmatter and body (they pass the catalog check
 * and the content lint), text drawn at random (seeded, so runs are comparable) from the real
 * articles' vocabulary, so the index holds realistic words; their ids are appended to the copy's
 * content/ids.tsv. Then `astro build` runs in the copy and is timed end to end (wall and, on Linux,
 * CPU of the build and its children); the preview images render with an empty cache (the copy has
 * its own node_modules/.cache) alongside the pages, so the wait they add after the pages is
 * reported apart. The copy is deleted afterwards (BENCH_KEEP=1 keeps it, with its build log in
 * build.log).
 */
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT, readArticles } from '../../src/catalog/load.ts';
import { STAGES } from '../../src/catalog/schema.ts';
import { walk } from './site.ts';

export const name = 'scale';

const SIZES = (process.env.BENCH_SCALE_SIZES ?? '200,2000')
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => Number.isInteger(n) && n > 0);

/** A small seeded PRNG (mulberry32), so every run generates the same catalogue. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Words that, side by side at random, could spell advice the lint forbids (`ufw disable`, …). */
const STOP = new Set(['ufw', 'killall', 'pkill', 'setenforce', 'selinux', 'permitrootlogin', 'stricthostkeychecking', 'firewalld', 'chmod', 'rm']);

/** The words of the real articles (plain lowercase words only, so nothing is MDX syntax). */
export function vocabulary(bodies: string[]): string[] {
  const words = new Set<string>();
  for (const b of bodies) for (const w of b.toLowerCase().match(/\b[a-z][a-z-]{2,14}\b/g) ?? []) if (/^[a-z]+(-[a-z]+)*$/.test(w) && !STOP.has(w)) words.add(w);
  return [...words].sort();
}

/** One synthetic article: valid frontmatter, the required sections, causes with checks, server tabs when needed. */
export function syntheticArticle(k: number, vocab: string[], relatedId: string): string {
  const rnd = prng(k * 7919 + 17);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const words = (n: number) => Array.from({ length: n }, () => pick(vocab)).join(' ');
  const sentence = (n: number) => {
    const s = words(n);
    return `${s[0].toUpperCase()}${s.slice(1)}.`;
  };
  const para = (sentences: number) => Array.from({ length: sentences }, () => sentence(8 + Math.floor(rnd() * 10))).join(' ');
  const side = pick(['client', 'server', 'both'] as const);
  const stage = pick(STAGES);
  const title = `Synthetic ${k}: ${words(3)}`;
  const summary = `${sentence(10)} ${sentence(8)}`.slice(0, 200);
  const yaml = (s: string) => JSON.stringify(s);
  const check = (os: string) => ['```sh', `sudo ${pick(['journalctl -u', 'systemctl status', 'ls -l', 'grep -n', 'ssh -v'])} ${pick(vocab)}-${k}-${os}`, '```'].join('\n');
  // A cloud tab names its providers, as the content rules require of every article.
  const panel = (os: string) =>
    os === 'cloud'
      ? ['aws', 'gcp'].map((p) => `<Provider name="${p}">\n\n${sentence(10)}\n\n${check(p)}\n\n</Provider>`).join('\n')
      : `${sentence(10)}\n\n${check(os)}`;
  const tabs = (oses: string[]) => ['<OsTabs>', ...oses.map((os) => `<Tab os="${os}">\n\n${panel(os)}\n\n</Tab>`), '</OsTabs>'].join('\n');
  const causes = Array.from({ length: 2 + Math.floor(rnd() * 3) }, (_, i) => {
    const inner = i === 0 ? tabs(side === 'client' ? ['ubuntu', 'macos', 'windows'] : ['ubuntu', 'rhel', 'cloud']) : check('any');
    return `<Cause id="cause-${i + 1}-${pick(vocab)}" title=${yaml(`${words(4)} (${i + 1})`)}>\n\n${para(2)}\n\n${inner}\n\n</Cause>`;
  });
  return `---
title: ${yaml(title)}
summary: ${yaml(summary.length >= 30 ? summary : `${summary} ${words(8)}`)}
stage: ${stage}
side: ${side}
messages:
  - text: ${yaml(`synthetic failure ${k}: ${words(4)} {host} port {port}`)}
    from: "OpenSSH client"
  - text: ${yaml(`synthetic ${k} ${words(5)}`)}
    from: "sshd"
related:
  - id: ${relatedId}
    clue: ${yaml(sentence(9))}
---

## What it means

${para(3)}

## Causes

${causes.join('\n\n')}

## Verify the fix

${para(2)}

\`\`\`sh
ssh -v synthetic-${k}.example.com
\`\`\`
`;
}

/** A copy of the project with `total` articles; returns its path. */
function makeProject(total: number): { dir: string; real: number; synthetic: number } {
  const dir = mkdtempSync(join(tmpdir(), `sshfix-scale-${total}-`));
  for (const f of ['astro.config.mjs', 'package.json', 'tsconfig.json', 'src', 'public', 'content']) {
    if (existsSync(join(ROOT, f))) cpSync(join(ROOT, f), join(dir, f), { recursive: true });
  }
  // node_modules: one symlink per package, so the copy's build cache (.cache, e.g. preview images) is its own.
  mkdirSync(join(dir, 'node_modules'));
  for (const e of readdirSync(join(ROOT, 'node_modules'))) {
    if (e === '.cache' || e === '.astro' || e === '.vite') continue;
    symlinkSync(join(ROOT, 'node_modules', e), join(dir, 'node_modules', e));
  }
  const { articles } = readArticles(join(dir, 'content/errors'));
  const vocab = vocabulary(articles.map((a) => a.body));
  const synthetic = Math.max(0, total - articles.length);
  const ids: string[] = [];
  for (let k = 1; k <= synthetic; k++) {
    const id = `synthetic-${String(k).padStart(4, '0')}`;
    ids.push(id);
    writeFileSync(join(dir, 'content/errors', `${id}.mdx`), syntheticArticle(k, vocab, articles[k % articles.length].id));
  }
  appendFileSync(join(dir, 'content/ids.tsv'), ids.map((id) => `${id}\tsynthetic\tsynthetic failure\n`).join(''));
  return { dir, real: articles.length, synthetic };
}

/** CPU seconds used so far by this process's finished children, pagefind's binary included (Linux /proc only). */
function childrenCpuSeconds(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // Fields after the command name: cutime and cstime are the 14th and 15th, in clock ticks (100 a second).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return undefined;
  }
}

function build(dir: string): Promise<{ ms: number; cpuS?: number; log: string; code: number | null }> {
  return new Promise((ok) => {
    const started = performance.now();
    const cpuBefore = childrenCpuSeconds();
    const child = spawn(process.execPath, [join(dir, 'node_modules/astro/astro.js'), 'build'], {
      cwd: dir,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    child.on('close', (code) => {
      const cpuAfter = childrenCpuSeconds();
      ok({ ms: performance.now() - started, cpuS: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore, log, code });
    });
  });
}

export async function run(): Promise<Record<string, number | string>> {
  if (!process.argv.includes('--scale')) {
    return { skipped: 'pass --scale to run it (npm run bench -- --scale): builds the site with 200 and 2,000 articles, several minutes' };
  }
  const rows: Record<string, number | string> = { cpus: cpus().length };
  for (const n of SIZES) {
    const made = makeProject(n);
    console.error(`scale: building ${n} articles in ${made.dir}…`);
    try {
      const { ms, cpuS, log, code } = await build(made.dir);
      const label = `${n} articles`;
      if (process.env.BENCH_KEEP === '1') writeFileSync(join(made.dir, 'build.log'), log);
      rows[`${label}: made of`] = `${made.real} real + ${made.synthetic} synthetic`;
      if (code !== 0) {
        rows[`${label}: build`] = `FAILED (exit ${code}): ${log.trim().split('\n').slice(-5).join(' | ')}`;
        continue;
      }
      rows[`${label}: build s (total)`] = Number((ms / 1000).toFixed(1));
      // CPU time is what a busy machine inflates least: on an idle one, wall ≈ the larger of CPU / cores and the single-threaded part.
      if (cpuS !== undefined) rows[`${label}: build CPU s (all processes)`] = Number(cpuS.toFixed(1));
      // Preview images render alongside the pages from the build start; only the wait after the pages adds to the total.
      const og = /og-images\] .*? in (\d+) ms after the pages, (\d+) ms since the build started/.exec(log);
      if (og) {
        rows[`${label}: of which waiting for preview images s`] = Number((Number(og[1]) / 1000).toFixed(1));
        rows[`${label}: preview images done, s after build start`] = Number((Number(og[2]) / 1000).toFixed(1));
      }
      const pages = /\[build\] (\d+) page\(s\) built in ([\d.]+)s/.exec(log);
      if (pages) rows[`${label}: pages, astro's own timer s`] = `${pages[1]} pages in ${pages[2]} s`;
      const indexed = /indexed (\d+) pages/.exec(log);
      if (indexed) rows[`${label}: pages indexed`] = Number(indexed[1]);
      const pf = join(made.dir, 'dist/pagefind');
      const files = existsSync(pf) ? walk(pf) : [];
      const size = (fs: string[]) => fs.reduce((s, f) => s + statSync(join(pf, f)).size, 0);
      rows[`${label}: pagefind files`] = files.length;
      rows[`${label}: pagefind bytes`] = size(files);
      rows[`${label}: pagefind index bytes (index+fragments+meta)`] = size(files.filter((f) => /^(index|fragment|filter)\//.test(f) || f.endsWith('.pf_meta')));
      const rulesChunk = readdirSync(join(made.dir, 'dist/_astro'))
        .filter((f) => f.endsWith('.js'))
        .map((f) => ({ f, text: readFileSync(join(made.dir, 'dist/_astro', f), 'utf8') }))
        .filter((x) => x.text.includes('"synthetic-') || x.text.includes('id:"synthetic-'));
      if (rulesChunk.length) {
        const biggest = rulesChunk.reduce((a, b) => (b.text.length > a.text.length ? b : a));
        rows[`${label}: largest JS chunk holding the rules`] = `${Buffer.byteLength(biggest.text)} B, ${gzipSync(biggest.text).length} B gzip (${biggest.f})`;
      }
    } finally {
      if (process.env.BENCH_KEEP !== '1') rmSync(made.dir, { recursive: true, force: true });
    }
  }
  return rows;
}
