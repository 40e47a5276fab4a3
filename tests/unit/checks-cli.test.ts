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
});
