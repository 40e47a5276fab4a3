import { describe, expect, it } from 'vitest';
import { detectKind } from '../../src/checks/detect.ts';
import { checkSshdConfig } from '../../src/checks/sshd-config.ts';
import { addressListMatch, evaluateMatch, patternListMatch } from '../../src/checks/sshd-match.ts';
import { fixture } from '../fixtures/checks/fixtures.ts';

/** `sshd -T` output as keyword → value. */
function sshdT(name: string): Map<string, string> {
  return new Map(fixture('sshd-config', name).split('\n').filter((l) => / /.test(l)).map((l) => [l.slice(0, l.indexOf(' ')), l.slice(l.indexOf(' ') + 1)]));
}
const norm = (v: string | undefined) => (v ?? '(unset)').toLowerCase().replace(/^prohibit-password$/, 'without-password');

describe('Match simulation against captured sshd -T -C output', () => {
  const KEYS = ['passwordauthentication', 'x11forwarding', 'permitrootlogin', 'maxauthtries'];
  for (const [name, spec] of [
    ['sshd-T-match-blocks-deploy.txt', { user: 'deploy', host: 'ci.corp.example.com', addr: '10.1.2.3', lport: 2222 }],
    ['sshd-T-match-blocks-negated.txt', { user: 'deploy', host: 'ci.corp.example.com', addr: '10.9.9.9', lport: 22 }],
  ] as const) {
    it(`match-blocks.conf for ${spec.addr}:${spec.lport} = ${name}`, () => {
      const r = checkSshdConfig(fixture('sshd-config', 'match-blocks.conf'), { ...spec });
      const real = sshdT(name);
      for (const k of KEYS) expect(norm(r.connection!.effective[k]?.value), k).toBe(norm(real.get(k)));
      // Group needs the server's group database: reported, taken as not matching (sshd's own answer for a user without it).
      expect(r.findings.find((f) => f.rule === 'match-unknown')!.message).toContain('Group admins');
    });
  }

  it('the concatenated drop-ins with Match User deploy agree with sshd -T -C user=deploy', () => {
    const r = checkSshdConfig(fixture('sshd-config', 'tail-concat-dropins.txt'), { user: 'deploy', host: 'client.example', addr: '10.1.2.3' });
    const real = sshdT('sshd-T-match-deploy.txt');
    for (const k of ['passwordauthentication', 'permitrootlogin', 'pubkeyauthentication', 'x11forwarding', 'maxauthtries', 'kbdinteractiveauthentication']) {
      expect(norm(r.connection!.effective[k]?.value), k).toBe(norm(real.get(k)));
    }
    const applies = r.findings.find((f) => f.rule === 'match-applies')!;
    expect(applies.message).toMatch(/For user=deploy,host=client\.example,addr=10\.1\.2\.3, the Match block at line \d+ applies/);
    expect(applies.fix).toBe('sudo sshd -T -C user=deploy,host=client.example,addr=10.1.2.3   # on the server: the settings sshd really uses for this connection');
  });

  it('criteria: negation, wildcards, CIDR, bad masks, all', () => {
    expect(patternListMatch('ops-kim', 'deploy,ops-*', false)).toBe(1);
    expect(patternListMatch('root', '!root,*', false)).toBe(-1);
    expect(patternListMatch('DB1.LAN', 'db?.lan', true)).toBe(1);
    expect(addressListMatch('10.9.9.9', '10.0.0.0/8,!10.9.9.9')).toBe(-1);
    expect(addressListMatch('2001:db8::7', '2001:db8::/32')).toBe(1);
    expect(addressListMatch('192.168.1.5', '10.0.0.5/8')).toBe(-2);
    expect(evaluateMatch('Address 10.0.0.5/8', { addr: '10.1.1.1' }).error).toMatch(/Invalid Match address/);
    expect(evaluateMatch('all', {}).matches).toBe(true);
    expect(evaluateMatch('User root all', { user: 'root' }).error).toMatch(/'all' cannot be combined/);
    expect(evaluateMatch('Host *.example.com', { user: 'root' })).toMatchObject({ matches: false, unknown: ['Host (no host given)'] });
    const bad = checkSshdConfig('PasswordAuthentication no\nMatch Address 10.0.0.5/8\n  PasswordAuthentication yes\n', { addr: '10.1.1.1' });
    expect(bad.findings.find((f) => f.rule === 'bad-match')).toMatchObject({ severity: 'error', lines: [2] });
  });
});

describe('Ubuntu socket activation', () => {
  it('Port in an Ubuntu 24.04 paste (os-release pasted along): ssh.socket decides the port', () => {
    const text = fixture('sshd-config', 'ubuntu-2404-port.txt');
    expect(detectKind(text)).toBe('sshd-config');
    const r = checkSshdConfig(text);
    // The os-release block is a hint, not a config file: nothing unparsable, no stray file.
    expect(r.files.map((f) => f.name)).toEqual(['/etc/ssh/sshd_config']);
    expect(r.findings.filter((f) => f.rule === 'unparsable-line')).toEqual([]);
    const f = r.findings.find((x) => x.rule === 'socket-activation')!;
    expect(f.message).toContain('Ubuntu 24.04 starts sshd from ssh.socket');
    expect(f.fix).toContain('systemctl daemon-reload && sudo systemctl restart ssh.socket');
    expect(text.split('\n')[f.lines[0]! - 1]).toBe('Port 2222');
  });

  it('from a hint: --os ubuntu-22.10 needs the ssh.socket override; Debian does not get the warning', () => {
    const conf = 'Port 2222\nPasswordAuthentication no\n';
    const old = checkSshdConfig(conf, { os: 'ubuntu-22.10' }).findings.find((x) => x.rule === 'socket-activation')!;
    expect(old.fix).toContain('systemctl edit ssh.socket');
    expect(checkSshdConfig(conf, { os: 'ubuntu-22.04' }).findings.some((x) => x.rule === 'socket-activation')).toBe(false);
    expect(checkSshdConfig(`ID=debian\nVERSION_ID="12"\n${conf}`).findings.some((x) => x.rule === 'socket-activation')).toBe(false);
    // No Port/ListenAddress change: nothing to say.
    expect(checkSshdConfig('PasswordAuthentication no\nX11Forwarding no\n', { os: 'ubuntu-24.04' }).findings.some((x) => x.rule === 'socket-activation')).toBe(false);
  });

  it('sshd -T output with a custom port and ssh.socket named in the paste', () => {
    const t = fixture('sshd-config', 'sshd-T-main.txt');
    const r = checkSshdConfig(`${t}\n`, { os: 'ubuntu-24.04' });
    expect(r.source).toBe('sshd-T');
    expect(r.findings.some((x) => x.rule === 'socket-activation')).toBe(true);
  });
});

describe('sshd -T output next to a routed error', () => {
  it('names the effective setting behind "Permission denied" (real sshd -T of the lockout config)', () => {
    const t = fixture('sshd-config', 'sshd-T-lockout.txt');
    const pw = checkSshdConfig(t, { routedId: 'permission-denied-password' });
    expect(pw.source).toBe('sshd-T');
    const f = pw.findings.find((x) => x.rule === 'explains-password-denied')!;
    expect(f.message).toContain('PasswordAuthentication is no (sshd -T line');
    expect(t.split('\n')[f.lines[0]! - 1]).toBe('passwordauthentication no');
    expect(checkSshdConfig(t, { routedId: 'permission-denied-publickey' }).findings.some((x) => x.rule === 'explains-publickey-denied')).toBe(true);
    expect(checkSshdConfig(t, { routedId: 'permission-denied-publickey' }).findings.find((x) => x.rule === 'explains-allow-list')!.message).toContain('allowgroups admins');
    // Without a routed error, nothing is claimed about one.
    expect(checkSshdConfig(t).findings.some((x) => x.rule.startsWith('explains-'))).toBe(false);
  });
});
