import { describe, expect, it } from 'vitest';
import { checkPermissions } from '../../src/checks/permissions.ts';
import { fixture } from '../fixtures/checks/fixtures.ts';

const rules = (r: ReturnType<typeof checkPermissions>) => r.findings.map((f) => f.rule).sort();

describe('checkPermissions, real GNU ls output', () => {
  it('flags every broken entry of the bad home, with the fix and article', () => {
    const r = checkPermissions(fixture('perms', 'gnu-bad.txt'), { user: 'root' });
    expect(r.format).toBe('ls');
    expect(rules(r)).toEqual(['authorized-keys-owner', 'authorized-keys-writable', 'config-bad-perms', 'home-writable', 'private-key-too-open', 'private-key-too-open', 'ssh-dir-writable']);
    const key = r.findings.find((f) => f.rule === 'private-key-too-open' && f.message.includes('id_ed25519'))!;
    expect(key.fix).toBe('chmod 600 alice/.ssh/id_ed25519');
    expect(key.articleId).toBe('unprotected-private-key-file');
    expect(r.findings.find((f) => f.rule === 'ssh-dir-writable')!.fix).toBe('chmod 700 alice/.ssh');
    expect(r.findings.find((f) => f.rule === 'home-writable')!.fix).toBe('chmod go-w alice');
    expect(r.findings.find((f) => f.rule === 'authorized-keys-owner')!.fix).toBe('sudo chown root: alice/.ssh/authorized_keys');
    expect(r.findings.find((f) => f.rule === 'config-bad-perms')!.articleId).toBe('bad-owner-or-permissions-config');
    // `ls -ld alice/.ssh` and the `.` line of the listing are one directory: one finding, two lines.
    expect(r.findings.find((f) => f.rule === 'ssh-dir-writable')!.lines).toEqual([2, 4]);
  });

  it('never flags public keys or known_hosts', () => {
    const r = checkPermissions(fixture('perms', 'gnu-bad.txt'), { user: 'root' });
    expect(r.findings.some((f) => /\.pub|known_hosts/.test(f.message))).toBe(false);
  });

  it('the same listing with shell prompts gives the same findings', () => {
    const a = checkPermissions(fixture('perms', 'gnu-bad.txt'), { user: 'root' });
    const b = checkPermissions(fixture('perms', 'gnu-bad-with-prompts.txt'), { user: 'root' });
    expect(rules(b)).toEqual(rules(a));
  });

  it('the good home passes', () => {
    const r = checkPermissions(fixture('perms', 'gnu-good.txt'));
    expect(r.findings).toEqual([]);
    expect(r.user).toBe('root');
    expect(r.userSource).toBe('inferred');
  });

  it('an authorized_keys owned by root with 600 is unreadable for the user', () => {
    const r = checkPermissions('$ ls -la /home/alice/.ssh\ntotal 8\ndrwx------ 2 alice alice 4096 Nov 26 09:44 .\n-rw------- 1 root root 400 Nov 26 09:44 authorized_keys\n');
    expect(r.user).toBe('alice');
    expect(r.findings[0]).toMatchObject({ rule: 'authorized-keys-unreadable', articleId: 'sshd-authorized-keys-permission-denied' });
    expect(r.findings[0]!.fix).toBe('sudo chown alice: /home/alice/.ssh/authorized_keys && chmod 600 /home/alice/.ssh/authorized_keys');
  });

  it('takes the user from the /home/NAME path, so a root-owned ~/.ssh made with sudo passes', () => {
    // sshd accepts root-owned components (misc.c safe_path, platform_sys_dir_uid(0)).
    const r = checkPermissions([
      '$ ls -ld /home/alice /home/alice/.ssh',
      'drwx------. 5 alice alice 4096 Nov 26 09:44 /home/alice',
      'drwxr-xr-x. 2 root root 4096 Nov 26 09:44 /home/alice/.ssh',
      '$ ls -la /home/alice/.ssh',
      'drwxr-xr-x. 2 root root 4096 Nov 26 09:44 .',
      'drwx------. 5 alice alice 4096 Nov 26 09:44 ..',
      '-rw-r--r--. 1 root root 400 Nov 26 09:44 authorized_keys',
    ].join('\n'));
    expect(r.user).toBe('alice');
    expect(r.findings).toEqual([]);
  });

  it("a root-owned ~/.ssh the user cannot enter is flagged; one the user can enter passes", () => {
    const listing = (mode: string) => `$ ls -ld /home/alice /home/alice/.ssh\ndrwxr-xr-x 5 alice alice 4096 Nov 26 09:44 /home/alice\n${mode} 2 root root 4096 Nov 26 09:44 /home/alice/.ssh\n`;
    const r = checkPermissions(listing('drwx------'));
    expect(r.findings.map((f) => f.rule)).toEqual(['ssh-dir-not-searchable']);
    expect(r.findings[0]!.fix).toBe('sudo chown alice: /home/alice/.ssh && chmod 700 /home/alice/.ssh');
    expect(checkPermissions(listing('drwxr-xr-x')).findings).toEqual([]);
  });

  it('a directory account printed fully qualified (SSSD, winbind) is the user the path names', () => {
    for (const owner of ['ana@corp.example.com', 'CORP\\ana']) {
      const r = checkPermissions(`-rw------- 1 ${owner} domain_users 411 Nov 26 09:44 /home/corp.example.com/ana/.ssh/id_ed25519\n`);
      expect(r.findings, owner).toEqual([]);
    }
  });

  it("a directory group with spaces in its name (SSSD's `domain users@…`, winbind's `CORP\\domain users`) still parses", () => {
    for (const group of ['domain users@corp.example.com', 'CORP\\domain users']) {
      const open = checkPermissions(`-rw-r--r-- 1 ana ${group} 411 Nov 26 09:44 /home/ana/.ssh/id_ed25519\n`);
      expect(open.entries.map((e) => [e.owner, e.group, e.mode]), group).toEqual([['ana', group, 0o644]]);
      expect(open.findings.map((f) => f.rule), group).toContain('private-key-too-open');
      expect(checkPermissions(`-rw------- 1 ana ${group} 411 Nov 26 09:44 /home/ana/.ssh/id_ed25519\n`).findings, group).toEqual([]);
    }
  });

  it('a key named its own way in ~/.ssh is a private key; its .pub, sockets and backups are not', () => {
    const r = checkPermissions([
      '$ ls -la /home/ana/.ssh',
      'drwx------ 2 ana ana 4096 Dec  7 20:08 .',
      '-rw-r--r-- 1 ana ana  399 Dec  7 20:08 github_deploy',
      '-rw-r--r-- 1 ana ana   92 Dec  7 20:08 github_deploy.pub',
      'srw------- 1 ana ana    0 Dec  7 20:08 cm-ana@git.example.com:22',
      '-rw-r--r-- 1 ana ana  444 Dec  7 20:08 known_hosts.old',
    ].join('\n'));
    expect(r.findings.map((f) => [f.rule, f.message.split(' ')[0]])).toEqual([['private-key-too-open', '/home/ana/.ssh/github_deploy']]);
  });

  it('takes the user from the folder that holds .ssh, however deep the home is', () => {
    for (const home of ['/home/corp.example.com/ana', '/home/users/ana', '/srv/homes/ana']) {
      const r = checkPermissions(`$ ls -l ${home}/.ssh/id_ed25519\n-rw------- 1 ana ana 411 Nov 26 09:44 ${home}/.ssh/id_ed25519\n`);
      expect(r.user, home).toBe('ana');
      expect(r.findings, home).toEqual([]);
    }
    // A key outside any .ssh names no user: its owner is the reader.
    expect(checkPermissions('-rw------- 1 ana ana 411 Nov 26 09:44 /home/shared/keys/deploy_key\n').findings).toEqual([]);
  });

  it('handles ISO dates, SELinux dots, symlinks and names with spaces', () => {
    const r = checkPermissions([
      '$ ls -la --time-style=long-iso ~/.ssh',
      'drwx------. 2 bob bob 4096 2024-05-01 10:00 .',
      '-rw-r--r--. 1 bob bob  411 2024-05-01 10:00 my key.pem',
      'lrwxrwxrwx. 1 bob bob   20 2024-05-01 10:00 config -> /etc/shared/ssh_config',
    ].join('\n'));
    expect(r.findings.map((f) => f.rule)).toEqual(['private-key-too-open']);
    expect(r.findings[0]!.fix).toBe('chmod 600 ~/.ssh/my\\ key.pem');
  });
});

describe('checkPermissions, hand-written macOS and Windows formats', () => {
  it('macOS ls with @ and + markers', () => {
    const r = checkPermissions(fixture('perms', 'macos-bad.txt'));
    expect(r.user).toBe('alice');
    expect(rules(r)).toEqual(['config-bad-perms', 'private-key-too-open', 'ssh-dir-writable']);
    expect(r.findings.find((f) => f.rule === 'private-key-too-open')!.fix).toBe('chmod 600 ~/.ssh/aws-prod.pem');
  });

  it('icacls: Everyone and BUILTIN\\Users on a private key', () => {
    const r = checkPermissions(fixture('perms', 'icacls-bad.txt'));
    expect(r.format).toBe('icacls');
    expect(r.user).toBe('alice');
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0]!;
    expect(f).toMatchObject({ rule: 'win-private-key-acl', articleId: 'unprotected-private-key-file', lines: [2] });
    expect(f.message).toContain('Everyone');
    expect(f.message).toContain('BUILTIN\\Users');
    expect(f.fix).toBe('icacls "C:\\Users\\alice\\.ssh\\id_ed25519" /inheritance:r /grant:r "alice:F"\nicacls "C:\\Users\\alice\\.ssh\\id_ed25519" /remove "Everyone"');
  });

  it('icacls: a clean key in a path with spaces passes', () => {
    const r = checkPermissions(fixture('perms', 'icacls-good.txt'));
    expect(r.entries[0]!.path).toBe('C:\\Users\\John Smith\\.ssh\\id_ed25519');
    expect(r.user).toBe('John Smith');
    expect(r.findings).toEqual([]);
  });

  it('icacls in German or French: translated SYSTEM and Administrators are allowed, Everyone still is not', () => {
    const de = 'C:\\Users\\jonas\\.ssh\\config NT-AUTORITÄT\\SYSTEM:(F)\n                                VORDEFINIERT\\Administratoren:(F)\n                                PC-JONAS\\jonas:(F)\n\n1 Dateien erfolgreich verarbeitet, bei 0 Dateien ist ein Verarbeitungsfehler aufgetreten.';
    expect(checkPermissions(de).findings).toEqual([]);
    const fr = 'C:\\Users\\lea\\.ssh\\id_ed25519 AUTORITE NT\\Système:(F)\n                                  BUILTIN\\Administrateurs:(F)\n                                  PC-LEA\\lea:(F)\n                                  Tout le monde:(R)';
    const r = checkPermissions(fr);
    expect(r.findings.map((f) => f.rule)).toEqual(['win-private-key-acl']);
    expect(r.findings[0]!.message).toContain('Tout le monde');
    expect(r.findings[0]!.message).not.toContain('Administrateurs');
  });

  it("/root names its user: root's .ssh owned by another account is wrong, root's own is fine", () => {
    const bad = checkPermissions('drwx------  5 root root 4096 Dec  7 10:00 /root\ndrwx------  2 bob  bob  4096 Dec  7 10:00 /root/.ssh\n-rw-------  1 bob  bob   100 Dec  7 10:00 /root/.ssh/authorized_keys');
    expect(bad.user).toBe('root');
    expect(bad.findings.map((f) => f.rule)).toEqual(['ssh-dir-owner', 'authorized-keys-owner']);
    const good = checkPermissions('drwx------  5 root root 4096 Dec  7 10:00 /root\ndrwx------  2 root root 4096 Dec  7 10:00 /root/.ssh\n-rw-------  1 root root  100 Dec  7 10:00 /root/.ssh/authorized_keys');
    expect(good.findings).toEqual([]);
  });

  it('no listing: a notice, no findings', () => {
    const r = checkPermissions('Permission denied (publickey).');
    expect(r.format).toBe('none');
    expect(r.findings).toEqual([]);
    expect(r.notices.join(' ')).toMatch(/ls -la/);
  });
});
