/**
 * The installable package, end to end: `npm run package` builds and packs it, the tarball is
 * installed into a fresh folder with no registry and an empty npm cache, and then the installed
 * `sshfix` is used the ways the README promises: the CLI through npx, the library from an ES
 * module and from TypeScript, and the MCP server through the SDK's own client.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../src/catalog/load.ts';
import { OS_LABELS } from '../../src/catalog/os.ts';
import { connectMcp, type McpSession } from '../fixtures/mcp-client.ts';
import { readFixture } from '../fixtures/read.ts';

// A registry nobody listens on: any attempt to fetch fails instead of quietly succeeding.
const OFFLINE_ENV = { ...process.env, npm_config_registry: 'http://127.0.0.1:9/', npm_config_audit: 'false', npm_config_fund: 'false', SITE_URL: '' };

function run(cmd: string, args: string[], cwd: string, input?: string) {
  const r = spawnSync(cmd, args, { cwd, input, encoding: 'utf8', env: OFFLINE_ENV, timeout: 200_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let tarball = '';
let app = '';
let cache = '';
const sshfix = (args: string[], input?: string) => run('npx', ['--offline', '--cache', cache, 'sshfix', ...args], app, input);

beforeAll(() => {
  const packed = run('npm', ['run', '--silent', 'package'], ROOT);
  expect(packed.code, packed.stderr).toBe(0);
  tarball = packed.stdout.trim().split('\n').at(-1)!;
  expect(tarball).toMatch(/^\/.*sshfix-\d+\.\d+\.\d+\.tgz$/);

  app = mkdtempSync(join(tmpdir(), 'sshfix-install-'));
  cache = mkdtempSync(join(tmpdir(), 'sshfix-empty-cache-'));
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'support-bot', private: true, type: 'module' }));
  const installed = run('npm', ['install', '--offline', '--cache', cache, '--ignore-scripts', tarball], app);
  expect(installed.code, installed.stderr).toBe(0);

  const pastes = join(ROOT, 'tests/fixtures/pastes');
  writeFileSync(join(app, 'hostkey.log'), readFixture(join(pastes, 'host-key-verification-failed/captured-batchmode-unknown-host-v.txt')).paste);
  writeFileSync(join(app, 'refused.txt'), readFixture(join(pastes, 'connection-refused/ansible-unreachable.txt')).paste);
}, 240_000);
afterAll(() => {
  for (const dir of [app, cache, tarball && dirname(tarball)]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the installed sshfix package', { timeout: 60_000 }, () => {
  it('installed alone: no dependencies, no sources, no site', () => {
    expect(readdirSync(join(app, 'node_modules')).filter((f) => !f.startsWith('.'))).toEqual(['sshfix']);
    const pkg = JSON.parse(readFileSync(join(app, 'node_modules/sshfix/package.json'), 'utf8'));
    expect(pkg.dependencies).toBeUndefined();
    expect(pkg.bin).toEqual({ sshfix: 'bin/sshfix.js' });
    const files = run('tar', ['tzf', tarball], app).stdout.trim().split('\n');
    expect(files.filter((f) => /\.(ts|mdx|astro)$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
    expect(existsSync(join(app, 'node_modules/sshfix/content'))).toBe(false);
  });

  it('npx sshfix route routes a real ssh -v log', () => {
    const r = sshfix(['route', '--json', 'hostkey.log']);
    expect(r.code, r.stderr).toBe(0);
    const rec = JSON.parse(r.stdout);
    expect(rec).toMatchObject({ id: 'host-key-verification-failed', evidence: { text: 'Host key verification failed.' } });
    expect(rec.url).toMatch(/\/errors\/host-key-verification-failed\/$/);
    expect(sshfix(['route'], readFileSync(join(app, 'refused.txt'), 'utf8')).stdout).toContain('/errors/connection-refused/');
  });

  it('sshfix check perms finds what is wrong in a real listing', () => {
    const r = sshfix(['check', 'perms', '--user', 'root', join(ROOT, 'tests/fixtures/checks/perms/gnu-bad.txt')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('chmod 600 alice/.ssh/id_ed25519');
  });

  it('sshfix redact masks the address and the user', () => {
    const r = sshfix(['redact', 'hostkey.log']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Host key verification failed.');
    expect(r.stdout).not.toContain('203.0.113.10');
    expect(r.stdout).not.toContain('alice');
  });

  it('the library: import { route } from "sshfix" in an ES module', () => {
    writeFileSync(
      join(app, 'bot.mjs'),
      `import { readFileSync } from 'node:fs';
import { route, check, articleMarkdown, articles } from 'sshfix';
const r = route(readFileSync('hostkey.log', 'utf8'), { siteUrl: 'https://help.example.com/ssh/' });
const md = articleMarkdown('connection-refused', { os: 'windows' });
console.log(JSON.stringify({ id: r.best?.id, url: r.best?.url, version: r.routerVersion, n: articles().length,
  perms: check('perms', '-rw-r--r-- 1 bob bob 411 Jan  1 00:00 id_ed25519').findings.map((f) => f.rule), md: md.split('\\n')[0], missing: articleMarkdown('nope') }));
`,
    );
    const r = run(process.execPath, ['bot.mjs'], app);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({
      id: 'host-key-verification-failed',
      url: 'https://help.example.com/ssh/errors/host-key-verification-failed/',
      perms: ['private-key-too-open'],
      md: '# Connection refused',
      missing: null,
    });
    expect(out.version).toMatch(/\S/);
    expect(out.n).toBeGreaterThan(50);
  });

  it('the library has types a strict TypeScript project accepts', () => {
    writeFileSync(
      join(app, 'bot.ts'),
      `import { route, check, type RouteResult, type OsKey } from 'sshfix';
const os: OsKey = 'rhel';
const r: RouteResult = route('Permission denied (publickey).', { os });
const line: number | undefined = r.best?.evidence.line;
const fixes: string[] = check('sshd-config', 'PermitRootLogin no').findings.map((f) => f.fix);
// @ts-expect-error: not a check
check('nope', '');
export { line, fixes };
`,
    );
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    const r = run(process.execPath, [tsc, '--noEmit', '--strict', '--skipDefaultLibCheck', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', 'bot.ts'], app);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  describe('sshfix mcp from the install', () => {
    let mcp: McpSession;
    beforeAll(async () => {
      mcp = await connectMcp('npx', ['--offline', '--cache', cache, 'sshfix', 'mcp'], app);
    }, 30_000);
    afterAll(() => mcp?.close());

    it('lists the four tools, routes a paste, gives an article for a platform', async () => {
      const { tools } = await mcp.client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(['get_ssh_fix_article', 'redact_ssh_paste', 'route_ssh_error', 'run_ssh_check']);
      const routed = JSON.parse((await mcp.call('route_ssh_error', { paste: readFileSync(join(app, 'hostkey.log'), 'utf8') })).text);
      expect(routed.id).toBe('host-key-verification-failed');
      const article = await mcp.call('get_ssh_fix_article', { id: routed.id, os: 'macos' });
      expect(article.isError).toBe(false);
      expect(article.text).toMatch(/^# Host key verification failed\n/);
      expect(article.text).toContain(OS_LABELS.macos);
    });
  });
});
