import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectKind } from '../../src/checks/detect.ts';
import { checkSshConfig } from '../../src/checks/ssh-config.ts';
import { fixture } from '../fixtures/checks/fixtures.ts';

const byRule = (r: ReturnType<typeof checkSshConfig>, rule: string) => r.findings.filter((f) => f.rule === rule);
const SHADOWED = fileURLToPath(new URL('../fixtures/checks/ssh-config/shadowed-config', import.meta.url));

/** What the real ssh resolves for a host from the fixture file (`ssh -G -F file host`), or null without ssh. */
function sshG(host: string): Map<string, string[]> | null {
  try {
    const out = execFileSync('ssh', ['-G', '-F', SHADOWED, host], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const m = new Map<string, string[]>();
    for (const l of out.split('\n')) {
      const sp = l.indexOf(' ');
      if (sp > 0) m.set(l.slice(0, sp), [...(m.get(l.slice(0, sp)) ?? []), l.slice(sp + 1)]);
    }
    return m;
  } catch {
    return null;
  }
}

describe('client config audit (~/.ssh/config)', () => {
  const text = fixture('ssh-config', 'shadowed-config');

  for (const host of ['bastion', 'db-backup', 'db-7', 'other']) {
    it(`${host}: HostName, User, Port, ProxyJump and IdentityFile agree with the real ssh -G`, (ctx) => {
      const real = sshG(host);
      if (!real) ctx.skip();
      const r = checkSshConfig(text, { host });
      expect(r.resolved.hostname?.value ?? host).toBe(real!.get('hostname')![0]);
      expect(r.resolved.user?.value).toBe(real!.get('user')![0]);
      expect(r.resolved.port?.value ?? '22').toBe(real!.get('port')![0]);
      expect(r.resolved.proxyjump?.value ?? null).toBe(real!.get('proxyjump')?.[0] ?? null);
      // IdentityFile adds up across blocks, in file order.
      expect(r.identityFiles.map((f) => f.value)).toEqual(real!.get('identityfile'));
    });
  }

  it('reports the line that really sets each value, and what was ignored', () => {
    const lines = text.split('\n');
    const r = checkSshConfig(text, { host: 'db-backup' });
    expect(lines[r.resolved.user!.line! - 1]!.trim()).toBe('User ubuntu');
    expect(lines[r.resolved.port!.line! - 1]!.trim()).toBe('Port 2222');
    expect(lines[r.resolved.hostname!.line! - 1]!.trim()).toBe('HostName 10.0.5.20');
    const ignored = byRule(r, 'client-value-ignored').find((f) => f.message.includes('Port 22'))!;
    expect(lines[ignored.lines[1]! - 1]!.trim()).toBe('Port 22');
    expect(ignored.message).toContain('Host db-*');
    expect(r.blocks.map((b) => [b.header, b.applies])).toEqual([['Host *', true], ['Host bastion', false], ['Host db-*', true], ['Host db-backup', true]]);
    expect(byRule(r, 'client-resolved')[0]!.message).toContain('tried in this order: ~/.ssh/id_ed25519');
  });

  it('without a host: a Host * block at the top takes User for everyone; IdentitiesOnly missing', () => {
    const r = checkSshConfig(text);
    const first = byRule(r, 'catch-all-first').find((f) => f.message.includes('User ops'))!;
    expect(first.severity).toBe('warning');
    expect(first.fix).toContain('to the end of the file');
    expect(byRule(r, 'identities-only-missing').length).toBeGreaterThanOrEqual(1);
    expect(byRule(r, 'identities-only-missing')[0]!.articleId).toBe('too-many-authentication-failures');
  });

  it('too many agent keys before the right one (ssh-add -l pasted along)', () => {
    const paste = fixture('ssh-config', 'agent-keys-config.txt');
    expect(detectKind(paste)).toBe('ssh-config');
    const r = checkSshConfig(paste, { host: 'build-server' });
    expect(r.agentKeys).toBe(5);
    const f = byRule(r, 'too-many-keys')[0]!;
    expect(f).toMatchObject({ severity: 'error', articleId: 'too-many-authentication-failures' });
    expect(f.fix).toBe('Host build-server\n    IdentityFile ~/.ssh/id_build\n    IdentitiesOnly yes');
    // With IdentitiesOnly yes, the agent's keys are not offered: no finding.
    const fixed = checkSshConfig(paste.replace('User ci', 'User ci\n    IdentitiesOnly yes'), { host: 'build-server' });
    expect(byRule(fixed, 'too-many-keys')).toEqual([]);
    expect(byRule(fixed, 'identities-only-missing')).toEqual([]);
  });

  it('CRLF line endings, a byte-order mark and an unknown keyword', () => {
    const raw = fixture('ssh-config', 'crlf-config');
    expect(raw).toContain('\r\n');
    const r = checkSshConfig(raw, { host: 'web' });
    expect(byRule(r, 'crlf-line-endings')[0]!.message).toMatch(/^4 line\(s\) end in CRLF/);
    expect(r.resolved.hostname!.value).toBe('192.0.2.44');
    const bom = checkSshConfig('\ufeffHost x\n  HostNmae y\n');
    expect(byRule(bom, 'byte-order-mark')).toHaveLength(1);
    expect(byRule(bom, 'unknown-client-keyword')[0]!.message).toContain('Did you mean HostName?');
  });

  it('ssh -G output is effective configuration: pubkeyauthentication off is the cause', () => {
    const g = fixture('ssh-config', 'ssh-G-pubkey-off.txt');
    expect(detectKind(g)).toBe('ssh-config');
    const r = checkSshConfig(g);
    expect(r.source).toBe('ssh-G');
    expect(r.host).toBe('web.example.com');
    expect(byRule(r, 'client-pubkey-off')[0]).toMatchObject({ severity: 'error', articleId: 'permission-denied-publickey' });
    expect(byRule(r, 'client-resolved')[0]!.message).toContain('ssh connects to web.example.com port 2222 as deploy');
    // Not mistaken for sshd -T, and sshd -T output is not mistaken for ssh -G.
    expect(detectKind(fixture('sshd-config', 'sshd-T-main.txt'))).toBe('sshd-config');
  });
});
