/**
 * Corpus scenarios for the catalog-v2 "not installed" and "file transfer after login" articles
 * (issue #14, items 3 and 4): a shell or git with no ssh on PATH, sftp/scp refused by the remote
 * file system (permission denied, no such file, SSH_FX_FAILURE) and legacy-scp protocol errors.
 * Same shape and rules as scenarios.ts: real OpenSSH on loopback, one temp dir per scenario,
 * nothing outside it changed except where noted in `how`.
 */
import { chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { USER, run, sshArgs, userIds, type Work } from './lib.ts';
import { V, authorisedSetup, def, type Scenario, type Verbosity } from './scenarios.ts';

/** A PATH with no ssh on it, as in a minimal container image or a CI step without openssh-client. */
const NO_SSH_PATH = '/opt/no-ssh/bin';

/** The throwaway user's ~/.bashrc starts with `line` for this scenario; restored afterwards. */
function bashrcPrints(w: Work, line: string): void {
  const { home, uid, gid } = userIds(USER);
  const rc = join(home, '.bashrc');
  const orig = existsSync(rc) ? readFileSync(rc) : null;
  w.cleanups.push(() => (orig ? writeFileSync(rc, orig) : writeFileSync(rc, '')));
  writeFileSync(rc, `echo "${line}"\n` + (orig?.toString() ?? ''));
  chownSync(rc, uid, gid);
  w.replacements.push([home, '/home/alice']);
}

/** A local file to upload, shown as ~/report.csv. */
function localFile(w: Work): string {
  const f = join(w.home, 'report.csv');
  writeFileSync(f, 'date,total\n2026-12-01,42\n');
  return f;
}

/** `sftp` reading `commands` from stdin (it echoes each as `sftp> …`, as in a batch). */
async function sftp(w: Work, v: Verbosity, commands: string): Promise<string> {
  const { key, sshd } = await authorisedSetup(w);
  return (await run(w, ['sftp', ...sshArgs(w, V(v)), '-i', key.path, '-P', String(sshd.port), `${USER}@127.0.0.1`], { input: [{ text: commands }] }))
    .out;
}

/** `scp` with `args` (paths; `R:` stands for the remote user@host:), optionally -O (legacy protocol). */
async function scp(w: Work, v: Verbosity, args: string[], legacy = false): Promise<string> {
  const { key, sshd } = await authorisedSetup(w);
  const remote = `${USER}@127.0.0.1:`;
  const argv = ['scp', ...sshArgs(w, V(v)), ...(legacy ? ['-O'] : []), '-i', key.path, '-P', String(sshd.port), ...args.map((a) => a.replace(/^R:/, remote))];
  return (await run(w, argv, { cwd: w.home })).out;
}

// =============================================================================================
// The ssh client is not installed

export const bashNoSsh = def({
  name: 'bash-no-ssh',
  id: 'ssh-client-not-found',
  shows: 'command',
  variants: [''],
  expect: /^bash: line 1: ssh: command not found$/m,
  how: '`bash -c "ssh deploy@203.0.113.10"` with no ssh on PATH (a CI step or container without openssh-client)',
  // The trailing `bash` is $0, the name bash puts in front of its errors (as when found on PATH).
  fn: async (w) => (await run(w, ['/usr/bin/bash', '-c', 'ssh deploy@203.0.113.10', 'bash'], { env: { PATH: NO_SSH_PATH } })).out,
});

export const shNoSsh = def({
  name: 'sh-no-ssh',
  id: 'ssh-client-not-found',
  shows: 'command',
  variants: [''],
  expect: /^sh: 1: ssh: not found$/m,
  how: '`sh -c "ssh deploy@203.0.113.10"` (dash, the /bin/sh of Debian and Ubuntu images) with no ssh on PATH',
  fn: async (w) => (await run(w, ['/usr/bin/dash', '-c', 'ssh deploy@203.0.113.10', 'sh'], { env: { PATH: NO_SSH_PATH } })).out,
});

export const gitNoSsh = def({
  name: 'git-no-ssh',
  id: 'ssh-client-not-found',
  shows: 'command',
  variants: [''],
  expect: /^error: cannot run ssh: No such file or directory$/m,
  how: '`git clone ssh://git@203.0.113.10/app.git` with no ssh on PATH (git itself called by its full path)',
  fn: async (w) => (await run(w, ['/usr/bin/git', 'clone', 'ssh://git@127.0.0.1/app.git'], { env: { PATH: NO_SSH_PATH } })).out,
});

export const sshMissingLibcrypto = def({
  name: 'ssh-missing-libcrypto',
  id: 'ssh-binary-broken',
  shows: 'command',
  variants: [''],
  expect: /^ssh: error while loading shared libraries: libcrypto\.so\.3: cannot open shared object file: No such file or directory$/m,
  how: '`ssh -V` in a private mount namespace (`unshare --mount`) whose /usr/lib/x86_64-linux-gnu is an overlay hiding libcrypto.so.3 (a whiteout), as after a half-finished OpenSSL upgrade; the real library is untouched',
  fn: async (w) => {
    const up = join(w.dir, 'lib-upper');
    const work = join(w.dir, 'lib-work');
    mkdirSync(up);
    mkdirSync(work);
    const lib = '/usr/lib/x86_64-linux-gnu';
    const sh = `mknod ${up}/libcrypto.so.3 c 0 0 && mount -t overlay overlay -o lowerdir=${lib},upperdir=${up},workdir=${work} ${lib} && exec ssh -V`;
    return (await run(w, ['/usr/bin/unshare', '--mount', '/bin/sh', '-c', sh], { env: { PATH: '/usr/bin:/bin' } })).out;
  },
});

// =============================================================================================
// The remote file system refuses: permission denied

export const sftpPutDenied = def({
  name: 'sftp-put-permission-denied',
  id: 'sftp-remote-permission-denied',
  shows: 'client',
  variants: [''],
  expect: /^dest open ".*": Permission denied$/m,
  how: '`sftp` logs in as an unprivileged user and `put`s a file into /opt, which root owns',
  fn: async (w, v) => {
    localFile(w);
    return sftp(w, v, 'put report.csv /opt/report.csv\n');
  },
});

export const sftpGetDenied = def({
  name: 'sftp-get-permission-denied',
  id: 'sftp-remote-permission-denied',
  shows: 'client',
  variants: [''],
  expect: /^remote open ".*": Permission denied$/m,
  how: '`sftp` logs in as an unprivileged user and `get`s /etc/shadow (readable by root only)',
  fn: async (w, v) => sftp(w, v, 'get /etc/shadow\n'),
});

export const scpUploadDenied = def({
  name: 'scp-upload-permission-denied',
  id: 'sftp-remote-permission-denied',
  shows: 'client',
  variants: [''],
  expect: /^scp: dest open ".*": Permission denied$/m,
  how: '`scp report.csv alice@host:/opt/` (SFTP protocol, the default since OpenSSH 9.0) into a directory root owns',
  fn: async (w, v) => scp(w, v, [localFile(w), 'R:/opt/']),
});

export const scpLegacyUploadDenied = def({
  name: 'scp-legacy-upload-permission-denied',
  id: 'sftp-remote-permission-denied',
  shows: 'client',
  variants: [''],
  expect: /^scp: \S+: Permission denied$/m,
  how: '`scp -O report.csv alice@host:/opt/` (the legacy SCP protocol) into a directory root owns',
  fn: async (w, v) => scp(w, v, [localFile(w), 'R:/opt/'], true),
});

// =============================================================================================
// The remote path does not exist

export const sftpGetMissing = def({
  name: 'sftp-get-missing',
  id: 'sftp-no-such-file',
  shows: 'client',
  variants: [''],
  expect: /^File ".*" not found\.$/m,
  how: '`sftp` then `get /srv/backups/db.sql`, a path that does not exist on the server',
  fn: async (w, v) => sftp(w, v, 'get /srv/backups/db.sql\n'),
});

export const sftpCdMissing = def({
  name: 'sftp-cd-missing',
  id: 'sftp-no-such-file',
  shows: 'client',
  variants: [''],
  expect: /^stat remote: No such file or directory$/m,
  how: '`sftp` then `cd /srv/backups` and `ls /srv/backups`, a directory that does not exist',
  fn: async (w, v) => sftp(w, v, 'cd /srv/backups\nls /srv/backups\n'),
});

export const scpDownloadMissing = def({
  name: 'scp-download-missing',
  id: 'sftp-no-such-file',
  shows: 'client',
  variants: [''],
  expect: /^scp: \S+: No such file or directory$/m,
  how: '`scp alice@host:/srv/backups/db.sql .` (SFTP protocol) for a file that does not exist',
  fn: async (w, v) => scp(w, v, ['R:/srv/backups/db.sql', '.']),
});

export const scpLegacyDownloadMissing = def({
  name: 'scp-legacy-download-missing',
  id: 'sftp-no-such-file',
  shows: 'client',
  variants: [''],
  expect: /^scp: \S+: No such file or directory$/m,
  how: '`scp -O alice@host:/srv/backups/db.sql .` (legacy SCP protocol) for a file that does not exist',
  fn: async (w, v) => scp(w, v, ['R:/srv/backups/db.sql', '.'], true),
});

// =============================================================================================
// SSH_FX_FAILURE (status 4): the server gives no reason

export const sftpDiskFull = def({
  name: 'sftp-put-disk-full',
  id: 'sftp-failure-status-4',
  shows: 'client',
  variants: [''],
  expect: /^write remote ".*": Failure$/m,
  how: '`sftp` then `put` onto /dev/full, where every write fails with ENOSPC exactly as on a full disk (sftp-server reports it as SSH_FX_FAILURE)',
  fn: async (w, v) => {
    localFile(w);
    return sftp(w, v, 'put report.csv /dev/full\n');
  },
});

export const scpDiskFull = def({
  name: 'scp-upload-disk-full',
  id: 'sftp-failure-status-4',
  shows: 'client',
  variants: [''],
  expect: /^scp: write remote ".*": Failure$/m,
  how: '`scp report.csv alice@host:/dev/full` (SFTP protocol): every write fails with ENOSPC, as on a full disk',
  fn: async (w, v) => scp(w, v, [localFile(w), 'R:/dev/full']),
});

export const sftpMkdirExists = def({
  name: 'sftp-mkdir-exists',
  id: 'sftp-failure-status-4',
  shows: 'client',
  variants: [''],
  expect: /^remote mkdir ".*": Failure$/m,
  how: '`sftp` then `mkdir /tmp` (the directory exists; sftp-server answers SSH_FX_FAILURE with no reason)',
  fn: async (w, v) => sftp(w, v, 'mkdir /tmp\n'),
});

// =============================================================================================
// Legacy scp protocol errors

/** Legacy scp reads the first line the remote shell prints as its protocol; what it says depends on the first byte. */
function scpLegacyBashrc(name: string, greeting: string, expect: RegExp): Scenario {
  return def({
    name,
    id: 'scp-protocol-error',
    shows: 'client',
    variants: [''],
    expect,
    how: `\`scp -O alice@host:/etc/hostname .\` while the user's ~/.bashrc runs \`echo "${greeting}"\` for non-interactive shells (restored afterwards)`,
    fn: async (w, v) => {
      bashrcPrints(w, greeting);
      return scp(w, v, ['R:/etc/hostname', '.'], true);
    },
  });
}

export const scpLegacyBashrcT = scpLegacyBashrc('scp-legacy-bashrc-mtime', 'This is the staging server', /^protocol error: mtime\.sec not present$/m);
export const scpLegacyBashrcC = scpLegacyBashrc('scp-legacy-bashrc-mode', 'Conda environment base activated', /^protocol error: bad mode$/m);
export const scpLegacyBashrcEmpty = scpLegacyBashrc('scp-legacy-bashrc-newline', '', /^protocol error: unexpected <newline>$/m);

export const scpDirectoryNoR = def({
  name: 'scp-directory-without-r',
  id: 'scp-protocol-error',
  shows: 'client',
  variants: [''],
  expect: /^scp: download \S+: not a regular file$/m,
  how: '`scp alice@host:/etc/ssh .` (SFTP protocol) on a directory without -r',
  fn: async (w, v) => scp(w, v, ['R:/etc/ssh', '.']),
});

export const scpLegacyDirectoryNoR = def({
  name: 'scp-legacy-directory-without-r',
  id: 'scp-protocol-error',
  shows: 'client',
  variants: [''],
  expect: /^scp: \S+: not a regular file$/m,
  how: '`scp -O alice@host:/etc/ssh .` (legacy SCP protocol) on a directory without -r',
  fn: async (w, v) => scp(w, v, ['R:/etc/ssh', '.'], true),
});

export const scenariosV2b: Scenario[] = [
  bashNoSsh,
  shNoSsh,
  gitNoSsh,
  sshMissingLibcrypto,
  sftpPutDenied,
  sftpGetDenied,
  scpUploadDenied,
  scpLegacyUploadDenied,
  sftpGetMissing,
  sftpCdMissing,
  scpDownloadMissing,
  scpLegacyDownloadMissing,
  sftpDiskFull,
  scpDiskFull,
  sftpMkdirExists,
  scpLegacyBashrcT,
  scpLegacyBashrcC,
  scpLegacyBashrcEmpty,
  scpDirectoryNoR,
  scpLegacyDirectoryNoR,
];
