/** `sshfix redact`, spawned through its launcher (bin/sshfix.js), as a reader runs it before sharing a log. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../src/catalog/load.ts';
import { main } from '../../src/cli/main.ts';
import { HOSTILE, LIMIT } from '../fixtures/hostile/corpus.ts';

const BIN = join(ROOT, 'bin/sshfix.js');
function sshfix(args: string[], input = '') {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, encoding: 'utf8', env: { ...process.env, SITE_URL: '' }, timeout: 90_000, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'sshfix-redact-'));
const LOG = join(ROOT, 'tests/fixtures/pastes/permission-denied-publickey/captured-key-not-authorized-vvv.txt');
const paste = [
  '$ ssh -i ~/.ssh/deploy_key deploy@bastion.acme.io',
  'debug1: Connecting to bastion.acme.io [198.51.100.23] port 22.',
  'debug1: Offering public key: /home/priya/.ssh/deploy_key ED25519 SHA256:AGzYSPDIs8I2TeY0i9QfvryYAHcDjTAYsmIeFFmX0AE explicit',
  'deploy@bastion.acme.io: Permission denied (publickey).',
  '',
].join('\n');

describe('sshfix redact', { timeout: 120_000 }, () => {
  it('prints the redacted paste on stdout and what was masked on stderr, without the values', () => {
    const r = sshfix(['redact'], paste);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        '$ ssh -i ~/.ssh/deploy_key USER1@HOST1',
        'debug1: Connecting to HOST1 [IP1] port 22.',
        'debug1: Offering public key: /home/USER2/.ssh/deploy_key ED25519 FINGERPRINT1 explicit',
        'USER1@HOST1: Permission denied (publickey).',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toMatch(/^sshfix: masked 1 host, 1 IP, 2 users, 1 key:\n/);
    expect(r.stderr).toMatch(/HOST1 +host +seen 3 times/);
    expect(r.stderr).not.toMatch(/bastion|198\.51|priya|deploy@|AGzY/);
  });

  it('--json prints { text, masked } for a file', () => {
    const r = sshfix(['redact', '--json', LOG]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { text: string; masked: { kind: string; placeholder: string; count: number }[] };
    expect(out.text.split('\n').length).toBe(readFileSync(LOG, 'utf8').split('\n').length);
    expect(out.text).not.toMatch(/\/home\/alice\b|203\.0\.113\.10|SHA256:[A-Za-z0-9+/]{43}/);
    expect(out.text).toContain('/home/USER1/.ssh/id_ed25519');
    expect(out.masked).toContainEqual({ kind: 'user', placeholder: 'USER1', count: expect.any(Number) });
    expect(out.masked.map((m) => m.kind)).toEqual(expect.arrayContaining(['ip', 'user', 'fingerprint']));
    expect(r.stderr).toBe('');
  });

  it('the redacted text routes to the same article as the original', () => {
    const original = JSON.parse(sshfix(['route', '--json', LOG]).stdout);
    const redacted = JSON.parse(sshfix(['route', '--json'], sshfix(['redact', LOG]).stdout).stdout);
    expect(redacted.id).toBe(original.id);
    expect(redacted.id).toBe('permission-denied-publickey');
  });

  it('--keep leaves the kinds named', () => {
    const r = sshfix(['redact', '--keep', 'host,ip'], paste);
    expect(r.stdout).toContain('Connecting to bastion.acme.io [198.51.100.23] port 22.');
    expect(r.stdout).toContain('USER1@bastion.acme.io');
  });

  it('hostile input: markup stays text, binary junk and 10 MB give a result, more is refused with a clear message', () => {
    const markup = sshfix(['redact'], '<script>alert(1)</script> ssh: connect to host db1 port 22: Connection refused\n');
    expect(markup.stdout).toBe('<script>alert(1)</script> ssh: connect to host HOST1 port 22: Connection refused\n');

    const junk = join(dir, 'junk.bin');
    writeFileSync(junk, Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 256)));
    const j = sshfix(['redact', '--json', junk]);
    expect(j.code).toBe(0);
    expect(typeof JSON.parse(j.stdout).text).toBe('string');

    const log = readFileSync(LOG, 'utf8');
    const big = join(dir, 'big.log');
    writeFileSync(big, log.repeat(Math.floor(10_000_000 / log.length)));
    const b = sshfix(['redact', big]);
    expect(b.code).toBe(0);
    expect(b.stdout).not.toMatch(/203\.0\.113\.10/);

    const huge = join(dir, 'huge.log');
    writeFileSync(huge, 'x'.repeat(11 * 1024 * 1024));
    const h = sshfix(['redact', huge]);
    expect(h.code).toBe(2);
    expect(h.stderr).toMatch(/^sshfix: the input is 11\.0 MB, over the 10 MB limit/);
    expect(h.stdout).toBe('');
  });

  it('every input of the hostile suite, through the command in-process: JSON out, or over the limit a clear message', async () => {
    for (const h of HOSTILE) {
      const text = h.text();
      let stdout = '';
      let stderr = '';
      const code = await main(['redact', '--json'], { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), readStdin: async () => text, env: {} });
      if (text.length > LIMIT) {
        expect(code, h.name).toBe(2);
        expect(stderr, h.name).toMatch(/^sshfix: the input is 10\.0 MB, over the 10 MB limit/);
      } else {
        expect(code, h.name).toBe(0);
        expect(typeof JSON.parse(stdout).text, h.name).toBe('string');
      }
    }
  });

  it('exits 2 with one line on usage errors', () => {
    for (const args of [['redact', '--bogus'], ['redact', join(dir, 'missing.log')], ['redact', LOG, LOG], ['redact', '--keep', 'hosts'], ['redact', '--keep']]) {
      const r = sshfix(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(sshfix(['redact', '--help']).stdout).toMatch(/Usage: sshfix redact/);
  });
});

describe('sshfix route --json', { timeout: 120_000 }, () => {
  it('names the router version that answered', () => {
    const r = sshfix(['route', '--json'], 'ssh: connect to host h port 22: Connection refused');
    expect(JSON.parse(r.stdout).routerVersion).toMatch(/^\d+\.\d+\.\d+\+[0-9a-f]{8}$/);
  });
});
