import { describe, expect, it } from 'vitest';
import { checkSshdConfig } from '../../src/checks/sshd-config.ts';
import { fixture } from '../fixtures/checks/fixtures.ts';

const byRule = (r: ReturnType<typeof checkSshdConfig>, rule: string) => r.findings.filter((f) => f.rule === rule);

describe('checkSshdConfig on concatenated files', () => {
  for (const name of ['tail-concat-dropins.txt', 'hash-marker-concat.txt']) {
    it(`${name}: reads drop-ins at the Include and reports the cloud-init override`, () => {
      const text = fixture('sshd-config', name);
      const r = checkSshdConfig(text);
      expect(r.source).toBe('file');
      expect(r.files.map((f) => f.name.split('/').pop())).toEqual(['sshd_config', '50-cloud-init.conf', '60-hardening.conf']);
      // sshd -T on the same files printed "passwordauthentication yes" and "permitrootlogin no".
      expect(r.effective.passwordauthentication?.value).toBe('yes');
      expect(r.effective.permitrootlogin?.value).toBe('no');
      const pa = byRule(r, 'dropin-overrides').find((f) => f.message.includes('PasswordAuthentication'))!;
      expect(pa.articleId).toBe('permission-denied-password');
      const lines = text.split('\n');
      expect(lines[pa.lines[0]! - 1]).toBe('PasswordAuthentication yes');
      expect(lines[pa.lines[1]! - 1]).toBe('PasswordAuthentication no');
      expect(pa.message).toContain('50-cloud-init.conf');
      // The overridden PermitRootLogin yes is not reported as a live risk.
      expect(byRule(r, 'permit-root-login-yes')).toEqual([]);
      expect(byRule(r, 'deprecated-keyword').map((f) => f.message.split(' ')[0])).toEqual(['UsePrivilegeSeparation', 'RSAAuthentication']);
      expect(byRule(r, 'ignored-keyword')).toHaveLength(1);
      expect(byRule(r, 'deprecated-alias')[0]!.message).toContain('ChallengeResponseAuthentication');
      expect(byRule(r, 'custom-port')[0]!.fix).toContain('systemctl restart ssh.socket');
      expect(byRule(r, 'custom-port')[0]!.fix).toContain('semanage port -a -t ssh_port_t -p tcp 2222');
    });
  }

  it('main file alone: first PermitRootLogin wins, the later one is ignored; yes is a risk', () => {
    const r = checkSshdConfig(fixture('sshd-config', 'main-sshd_config'));
    const dup = byRule(r, 'duplicate-ignored');
    expect(dup).toHaveLength(1);
    expect(dup[0]!.lines).toEqual([7, 21]);
    expect(byRule(r, 'permit-root-login-yes')[0]!.lines).toEqual([7]);
    // KbdInteractiveAuthentication no + ChallengeResponseAuthentication no: same option, same value, no duplicate.
    expect(r.findings.some((f) => f.rule === 'duplicate-ignored' && /Kbd|Challenge/.test(f.message))).toBe(false);
  });

  it('lockout config: no auth method, DenyUsers and AllowGroups for the user, ListenAddress', () => {
    const r = checkSshdConfig(fixture('sshd-config', 'lockout.conf'), { user: 'alice' });
    expect(byRule(r, 'no-auth-method')[0]!.severity).toBe('error');
    expect(byRule(r, 'user-denied')[0]!.articleId).toBe('sshd-user-not-allowed');
    expect(byRule(r, 'allow-groups')[0]!.fix).toContain('id alice');
    expect(byRule(r, 'listen-specific')[0]!.message).toContain('192.0.2.10');
  });

  it('AuthenticationMethods needing a disabled method (sshd -t: "cannot be satisfied")', () => {
    const r = checkSshdConfig('PubkeyAuthentication no\nPasswordAuthentication no\nAuthenticationMethods publickey,password\n');
    expect(byRule(r, 'authmethods-unsatisfiable')[0]).toMatchObject({ severity: 'error', articleId: 'sshd-config-test-failed', lines: [3] });
    const p = checkSshdConfig('PasswordAuthentication no\nAuthenticationMethods publickey publickey,password\n');
    expect(byRule(p, 'authmethods-partly-disabled')).toHaveLength(1);
  });

  it('AllowUsers: several lines add up; user@host patterns; wildcards', () => {
    const text = 'AllowUsers deploy\nAllowUsers ops-*\nAllowUsers admin@10.0.0.*\n';
    expect(byRule(checkSshdConfig(text, { user: 'bob' }), 'user-not-allowed')).toHaveLength(1);
    expect(byRule(checkSshdConfig(text, { user: 'ops-kim' }), 'user-not-allowed')).toHaveLength(0);
    expect(byRule(checkSshdConfig(text, { user: 'admin' }), 'user-allowed-from-host-only')).toHaveLength(1);
    expect(byRule(checkSshdConfig(text), 'allow-list')).toHaveLength(1);
  });

  it('unknown keyword with a suggestion, global-only keyword inside Match, duplicate Port', () => {
    const r = checkSshdConfig('Port 22\nPort 22\nPasswordAuthentcation no\nMatch User deploy\n  Port 2222\n  PasswordAuthentication yes\n');
    expect(byRule(r, 'unknown-keyword')[0]!.message).toContain('PasswordAuthentication');
    expect(byRule(r, 'not-allowed-in-match')[0]!.lines).toEqual([4, 5]);
    expect(byRule(r, 'duplicate-port')[0]!.lines).toEqual([1, 2]);
    // A Match block's value is not a duplicate of the global one.
    expect(byRule(r, 'duplicate-ignored')).toEqual([]);
  });

  it('ListenAddress on loopback only', () => {
    const r = checkSshdConfig('ListenAddress 127.0.0.1\nPort 22\n');
    expect(byRule(r, 'listen-loopback')[0]!.articleId).toBe('connection-refused');
  });

  it('comments and Keyword=value syntax', () => {
    const r = checkSshdConfig('# comment\nPermitRootLogin=yes # trailing\n');
    expect(byRule(r, 'permit-root-login-yes')).toHaveLength(1);
  });
});

describe('checkSshdConfig on real sshd -T output', () => {
  it('recognises sshd -T and checks effective values', () => {
    const r = checkSshdConfig(fixture('sshd-config', 'sshd-T-lockout.txt'), { user: 'alice' });
    expect(r.source).toBe('sshd-T');
    expect(byRule(r, 'no-auth-method')).toHaveLength(1);
    expect(byRule(r, 'user-denied')).toHaveLength(1);
    expect(r.findings.some((f) => f.rule.startsWith('duplicate'))).toBe(false);
  });

  it('Match-evaluated sshd -T for root: PermitRootLogin no and not in AllowUsers', () => {
    const r = checkSshdConfig(fixture('sshd-config', 'sshd-T-match-deploy.txt'), { user: 'root' });
    expect(byRule(r, 'root-login-disabled')).toHaveLength(1);
    expect(byRule(r, 'user-not-allowed')).toHaveLength(1);
  });

  it('-o overrides: both ports reported', () => {
    const r = checkSshdConfig(fixture('sshd-config', 'sshd-T-o-override.txt'));
    expect(byRule(r, 'custom-port')[0]!.message).toContain('2022, 2222');
  });
});
