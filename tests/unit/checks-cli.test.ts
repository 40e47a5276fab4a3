import { describe, expect, it } from 'vitest';
import { checkCommand, type CheckIo } from '../../src/cli/check.ts';
import { fixture } from '../fixtures/checks/fixtures.ts';

function io(stdin = '', files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const x: CheckIo = {
    stdin: async () => stdin,
    readFile: async (p) => {
      if (!(p in files)) throw new Error('ENOENT: no such file or directory');
      return files[p]!;
    },
    out: (s) => out.push(s),
    err: (s) => err.push(s),
  };
  return { x, out, err };
}

describe('sshfix check', () => {
  it('log from stdin: human output, exit 1 on failure', async () => {
    const { x, out } = io(fixture('logs', 'publickey-denied-vvv.txt'));
    expect(await checkCommand(['log'], x)).toBe(1);
    const text = out.join('\n');
    expect(text).toContain('FAILED  Authentication');
    expect(text).toContain('rejected  client_wrong ED25519');
    expect(text).toContain('/errors/permission-denied-publickey/');
  });

  it('log success: exit 0', async () => {
    const { x, out } = io(fixture('logs', 'success-vvv.txt'));
    expect(await checkCommand(['log'], x)).toBe(0);
    expect(out.join('\n')).toContain('authenticated with publickey');
  });

  it('perms from a file with --user and --json: one JSON object', async () => {
    const { x, out } = io('', { 'ls.txt': fixture('perms', 'gnu-bad.txt') });
    expect(await checkCommand(['perms', '--json', '--user', 'root', 'ls.txt'], x)).toBe(1);
    expect(out).toHaveLength(1);
    const r = JSON.parse(out[0]!);
    expect(r.kind).toBe('permissions');
    expect(r.user).toBe('root');
    expect(r.findings.length).toBeGreaterThan(0);
  });

  it('perms: a clean listing exits 0', async () => {
    const { x } = io(fixture('perms', 'gnu-good.txt'));
    expect(await checkCommand(['perms'], x)).toBe(0);
  });

  it('sshd-config with --user=', async () => {
    const { x, out } = io(fixture('sshd-config', 'lockout.conf'));
    expect(await checkCommand(['sshd-config', '--user=alice'], x)).toBe(1);
    expect(out.join('\n')).toContain('DenyUsers');
  });

  it('usage errors exit 2', async () => {
    for (const args of [[], ['nope'], ['log', '--bogus'], ['perms', 'a', 'b'], ['perms', '--user'], ['log', '--user', 'x']]) {
      const { x, err } = io('');
      expect(await checkCommand(args, x), args.join(' ')).toBe(2);
      expect(err.join('\n')).toContain('usage: sshfix check');
    }
  });

  it('unreadable file exits 2 with the reason', async () => {
    const { x, err } = io('');
    expect(await checkCommand(['log', 'missing.txt'], x)).toBe(2);
    expect(err.join('\n')).toContain('ENOENT');
  });

  it('empty stdin exits 1 with a notice', async () => {
    const { x, out } = io('');
    expect(await checkCommand(['sshd-config'], x)).toBe(1);
    expect(out.join('\n')).toContain('empty');
  });

  it('auto-detects a "no matching" failure and prints the per-host fix (check negotiation)', async () => {
    const line = '$ ssh admin@old-switch\nUnable to negotiate with 10.20.0.2 port 22: no matching key exchange method found. Their offer: diffie-hellman-group1-sha1\n';
    for (const args of [[], ['negotiation']]) {
      const { x, out, err } = io(line);
      expect(await checkCommand(args, x), args.join(' ')).toBe(1);
      const text = out.join('\n');
      expect(text).toMatch(/Host old-switch\n {11}    KexAlgorithms \+diffie-hellman-group1-sha1\n/);
      expect(text).toContain('ssh -o KexAlgorithms=+diffie-hellman-group1-sha1 old-switch');
      expect(text).toContain('/errors/no-matching-key-exchange/');
      if (!args.length) expect(err.join('\n')).toContain('looks like an algorithm negotiation failure');
    }
  });

  it('sshd-config with --user/--host/--addr simulates the Match blocks; --os adds the ssh.socket warning', async () => {
    const { x, out } = io(fixture('sshd-config', 'tail-concat-dropins.txt'));
    expect(await checkCommand(['sshd-config', '--user', 'deploy', '--host', 'client.example', '--addr=10.1.2.3', '--os', 'ubuntu-24.04'], x)).toBe(1);
    const text = out.join('\n');
    expect(text).toMatch(/for user=deploy,host=client\.example,addr=10\.1\.2\.3: Match blocks at line \d+/);
    expect(text).toContain('passwordauthentication yes');
    expect(text).toContain('systemctl restart ssh.socket');
  });

  it('ssh-config with --host, JSON', async () => {
    const { x, out } = io('', { cfg: fixture('ssh-config', 'agent-keys-config.txt') });
    expect(await checkCommand(['ssh-config', '--json', '--host', 'build-server', 'cfg'], x)).toBe(1);
    const r = JSON.parse(out[0]!);
    expect(r.kind).toBe('ssh-config');
    expect(r.resolved.hostname.value).toBe('198.51.100.23');
    expect(r.findings.map((f: { rule: string }) => f.rule)).toContain('too-many-keys');
  });

  it('options a check does not read, and error text given to auto, are usage errors', async () => {
    for (const [args, stdin, why] of [
      [['perms', '--addr', '10.0.0.1'], 'x', '--addr applies to sshd-config only'],
      [['negotiation', '--host', 'h'], 'x', '--host applies to sshd-config and ssh-config only'],
      [[], 'ssh: connect to host example.com port 22: Connection refused', 'sshfix route'],
    ] as const) {
      const { x, err } = io(stdin);
      expect(await checkCommand([...args], x), args.join(' ')).toBe(2);
      expect(err.join('\n')).toContain(why);
    }
  });
});
