/** The real `sshfix` CLI, spawned through its launcher (bin/sshfix.js → tsx → src/cli/main.ts). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../src/catalog/load.ts';

const BIN = join(ROOT, 'bin/sshfix.js');
function sshfix(args: string[], input = '', env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, SITE_URL: '', ...env },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'sshfix-cli-'));
const refused = join(dir, 'refused.log');
const junk = join(dir, 'junk.txt');
writeFileSync(refused, '$ ssh -p 2222 deploy@db1\nssh: connect to host db1 port 2222: Connection refused\n');
writeFileSync(junk, 'hello world\n');

describe('sshfix CLI', { timeout: 90_000 }, () => {
  it('prints usage with --help', () => {
    const r = sshfix(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: sshfix <command>/);
    expect(r.stdout).toMatch(/route/);
    expect(r.stdout).toMatch(/check/);
    expect(sshfix(['route', '--help']).stdout).toMatch(/--jsonl/);
  });

  it('routes standard input, human-readable, exit 0', () => {
    const r = sshfix(['route'], 'ssh: connect to host example.com port 22: Connection refused\n', { SITE_URL: 'https://help.example.com/ssh' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('https://help.example.com/ssh/errors/connection-refused/');
    expect(r.stdout).toMatch(/line 1: ssh: connect to host example\.com port 22: Connection refused/);
  });

  it('--jsonl prints one record per file and exits 1 when one has no match', () => {
    const r = sshfix(['route', '--jsonl', refused, junk]);
    expect(r.code).toBe(1);
    const recs = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(recs).toHaveLength(2);
    expect(recs[0]).toMatchObject({
      file: refused,
      id: 'connection-refused',
      url: 'http://localhost:4321/errors/connection-refused/',
      evidence: { line: 2, text: 'ssh: connect to host db1 port 2222: Connection refused' },
    });
    expect(recs[0].confidence).toBeGreaterThan(0.5);
    expect(Array.isArray(recs[0].alternatives)).toBe(true);
    expect(recs[1]).toMatchObject({ file: junk, id: null, url: null });
  });

  it('--json prints one object for one input, an array for several; stdin is "-"', () => {
    const one = sshfix(['route', '--json'], 'ssh: connect to host h port 22: Connection refused');
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout)).toMatchObject({ file: '-', id: 'connection-refused', via: 'template' });
    const two = sshfix(['route', '--json', refused, refused]);
    expect(JSON.parse(two.stdout).map((r: { id: string }) => r.id)).toEqual(['connection-refused', 'connection-refused']);
  });

  it('exits 2 with a one-line message on usage errors', () => {
    for (const args of [['route', '--bogus'], ['route', join(dir, 'missing.log')], ['route', '--json', '--jsonl'], ['frobnicate']]) {
      const r = sshfix(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n').filter((l) => !l.includes('warning:'))).toHaveLength(1);
    }
  });
});
