/**
 * Corpus scenarios for the catalog-v2 OpenSSH articles (issue #14, item 2): ControlMaster,
 * exec/shell requests, unusual connect errnos, certificates, FIDO enrollment, partial success,
 * and sshd's own log lines (LoginGraceTime, preauth closes, PAM account denial,
 * AuthorizedKeysCommand, ChrootDirectory). Same shape and rules as scenarios.ts: real OpenSSH on
 * loopback, one temp dir per scenario, nothing outside it changed except where noted in `how`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  PYTHON,
  SSH,
  SSH_KEYGEN,
  USER,
  authorize,
  journal,
  keygen,
  run,
  sleep,
  sshArgs,
  startSshd,
  stopProcess,
  track,
  trustHost,
  userIds,
  userKey,
  waitForLog,
  type Sshd,
  type Work,
} from './lib.ts';
import { V, at, authorisedSetup, def, inNetns, type Scenario } from './scenarios.ts';

// =============================================================================================
// ControlMaster / multiplexing

/** A ControlPath inside the client's ~/.ssh (shown as /home/alice/.ssh/...). */
const controlPath = (w: Work, name = 'cm-alice@203.0.113.10:2222') => join(w.home, '.ssh', name);

export const controlSocketExists = def({
  name: 'control-socket-exists',
  id: 'controlmaster-mux-failed',
  shows: 'client',
  variants: ['', '-v'],
  expect: /^ControlSocket \S+ already exists, disabling multiplexing$/m,
  how: 'ssh -o ControlMaster=yes whose ControlPath is already taken by a file that is not a listening socket (a master that died uncleanly)',
  fn: async (w, v) => {
    const { key, sshd } = await authorisedSetup(w);
    const cp = controlPath(w);
    writeFileSync(cp, '');
    return (await run(w, [SSH, ...sshArgs(w, V(v)), '-o', 'ControlMaster=yes', '-o', `ControlPath=${cp}`, '-i', key.path, ...at(sshd), 'true'])).out;
  },
});

export const muxSessionRefused = def({
  name: 'mux-max-sessions',
  id: 'controlmaster-mux-failed',
  shows: 'client',
  variants: [''],
  expect: /^mux_client_request_session: session request failed: Session open refused by peer$/m,
  how: 'sshd `MaxSessions 1`; a ControlMaster connection runs one session, then a second ssh shares the connection (refused, it falls back to a connection of its own)',
  fn: async (w) => {
    const { key, sshd } = await authorisedSetup(w, { override: ['MaxSessions 1'] });
    const cp = controlPath(w);
    let out = '';
    await run(w, [SSH, ...sshArgs(w), '-o', 'ControlMaster=yes', '-o', `ControlPath=${cp}`, '-i', key.path, ...at(sshd), 'sleep 8'], {
      during: async () => {
        const end = Date.now() + 5000;
        while (!existsSync(cp) && Date.now() < end) await sleep(50);
        await sleep(300);
        out = (await run(w, [SSH, ...sshArgs(w), '-o', `ControlPath=${cp}`, '-i', key.path, ...at(sshd), 'true'])).out;
      },
      stopAfter: true,
    });
    return out;
  },
});

/** A Unix socket file left at `path` with nothing listening on it (python3 binds it and exits). */
function staleSocket(path: string): void {
  spawnSync(PYTHON, ['-c', 'import socket,sys\ns=socket.socket(socket.AF_UNIX)\ns.bind(sys.argv[1])', path]);
}

export const controlSocketStale = def({
  name: 'control-socket-stale',
  id: 'controlmaster-mux-failed',
  shows: 'client',
  variants: [''],
  expect: /^Control socket connect\(\S+\): Connection refused$/m,
  how: 'a stale control socket (its master is gone) and ControlMaster no: ssh warns, then connects on its own',
  fn: async (w) => {
    const { key, sshd } = await authorisedSetup(w);
    const cp = controlPath(w);
    staleSocket(cp);
    return (await run(w, [SSH, ...sshArgs(w), '-o', `ControlPath=${cp}`, '-i', key.path, ...at(sshd), 'true'])).out;
  },
});

export const muxHelloFailed = def({
  name: 'mux-hello-failed',
  id: 'controlmaster-mux-failed',
  shows: 'client',
  variants: [''],
  expect: /^muxclient: master hello exchange failed$/m,
  how: 'the ControlPath socket is held by a process that accepts and hangs up without answering (a hung or mismatched master)',
  fn: async (w) => {
    const { key, sshd } = await authorisedSetup(w);
    const cp = controlPath(w);
    const py = track(
      spawn(PYTHON, ['-c', 'import socket,sys\ns=socket.socket(socket.AF_UNIX)\ns.bind(sys.argv[1])\ns.listen(5)\nprint("ready",flush=True)\nwhile True:\n  c,_=s.accept(); c.close()', cp], {
        stdio: ['ignore', 'pipe', 'ignore'],
      }),
    );
    w.cleanups.push(() => stopProcess(py));
    await new Promise<void>((res) => py.stdout!.once('data', () => res()));
    return (await run(w, [SSH, ...sshArgs(w), '-o', `ControlPath=${cp}`, '-i', key.path, ...at(sshd), 'true'])).out;
  },
});

export const controlPathNoDir = def({
  name: 'control-path-missing-dir',
  id: 'controlmaster-mux-failed',
  shows: 'client',
  variants: [''],
  expect: /^unix_listener: cannot bind to path \S+: No such file or directory$/m,
  how: 'ControlMaster auto with `ControlPath ~/.ssh/sockets/%r@%h-%p` whose directory was never created',
  fn: async (w) => {
    const { key, sshd } = await authorisedSetup(w);
    const cp = join(w.home, '.ssh', 'sockets', '%r@%h-%p');
    return (await run(w, [SSH, ...sshArgs(w), '-o', 'ControlMaster=auto', '-o', `ControlPath=${cp}`, '-i', key.path, ...at(sshd), 'true'])).out;
  },
});

// =============================================================================================
// exec / shell request failed

/**
 * sshd whose user processes may not fork: the listener's RLIMIT_NPROC is set to 1 after start
 * (root is exempt, so sshd itself keeps working), so the logged-in user's session process
 * cannot fork the command, as on a server at its `ulimit -u` / systemd TasksMax.
 */
async function noForkSshd(w: Work, syslog = false) {
  const { key, sshd } = await authorisedSetup(w, { syslog });
  spawnSync('/usr/bin/prlimit', ['--pid', String(sshd.pid), '--nproc=1:1']);
  return { key, sshd };
}

export const execRequestFailed = def({
  name: 'user-process-limit-exec',
  id: 'exec-request-failed',
  shows: 'client',
  variants: ['', '-v'],
  expect: /^exec request failed on channel 0$/m,
  how: "ssh HOST COMMAND when the user may start no more processes on the server (sshd's RLIMIT_NPROC set to 1, as at a ulimit -u / TasksMax limit)",
  fn: async (w, v) => {
    const { key, sshd } = await noForkSshd(w);
    return (await run(w, [SSH, ...sshArgs(w, V(v)), '-i', key.path, ...at(sshd), 'uptime'])).out;
  },
});

export const shellRequestFailed = def({
  name: 'user-process-limit-shell',
  id: 'exec-request-failed',
  shows: 'client',
  variants: [''],
  expect: /^shell request failed on channel 0$/m,
  how: 'ssh -T HOST (a shell without a terminal) with the same process limit',
  fn: async (w) => {
    const { key, sshd } = await noForkSshd(w);
    return (await run(w, [SSH, ...sshArgs(w), '-T', '-i', key.path, ...at(sshd)])).out;
  },
});

export const execRequestFailedServer = def({
  name: 'user-process-limit-server',
  id: 'exec-request-failed',
  shows: 'server',
  variants: [''],
  expect: /do_exec_no_pty: fork: Resource temporarily unavailable/,
  how: 'the same process limit, seen in the sshd log',
  fn: async (w) => {
    const { key, sshd } = await noForkSshd(w, true);
    await run(w, [SSH, ...sshArgs(w), '-i', key.path, ...at(sshd), 'uptime']);
    return journal(await waitForLog(sshd, /fork: /), sshd.pid);
  },
});

// =============================================================================================
// connect() errno values without their own article

export const connectCannotAssign = def({
  name: 'ipv6-disabled',
  id: 'connect-failed-other-errno',
  shows: 'client',
  variants: ['', '-v'],
  expect: /^ssh: connect to host \S+ port \d+: Cannot assign requested address$/m,
  how: 'ssh to ::1 inside a private network namespace where IPv6 is disabled (net.ipv6.conf.all.disable_ipv6=1)',
  fn: async (w, v) => {
    const setup = 'ip link set lo up && sysctl -qw net.ipv6.conf.all.disable_ipv6=1 && sysctl -qw net.ipv6.conf.lo.disable_ipv6=1 &&';
    return (await inNetns(w, setup, [SSH, ...sshArgs(w, V(v)), '-o', 'BatchMode=yes', '-p', '22', 'alice@::1', 'true'])).out;
  },
});

export const connectBindAddress = def({
  name: 'bind-address-not-local',
  id: 'connect-failed-other-errno',
  shows: 'client',
  variants: [''],
  expect: /^ssh: connect to host \S+ port \d+: failure$/m,
  how: 'ssh -b 192.0.2.1 (a BindAddress this machine does not have), inside a private network namespace',
  fn: async (w) =>
    (await inNetns(w, 'ip link set lo up &&', [SSH, ...sshArgs(w), '-o', 'BatchMode=yes', '-b', '192.0.2.1', '-p', '22', 'alice@127.0.0.1', 'true'])).out,
});

// =============================================================================================
// Received disconnect

export const receivedDisconnectServer = def({
  name: 'client-logout-server',
  id: 'received-disconnect',
  shows: 'server',
  variants: [''],
  expect: /Received disconnect from \S+ port \d+:11: disconnected by user/,
  how: 'an ordinary `ssh HOST true`: the client says goodbye with reason 11 (sshd log)',
  fn: async (w) => {
    const { key, sshd } = await authorisedSetup(w, { syslog: true });
    await run(w, [SSH, ...sshArgs(w), '-i', key.path, ...at(sshd), 'true']);
    return journal(await waitForLog(sshd, /Disconnected from user/), sshd.pid);
  },
});

// =============================================================================================
// Certificates

/** A CA key in the temp dir (shown as /etc/ssh/ca). */
function caKey(w: Work): string {
  const ca = join(w.etc, 'ca');
  keygen(ca, 'ed25519', { comment: 'ca@example.com' });
  return ca;
}

/** Signs `pubPath` with the CA: ssh-keygen -s. `validity` is -V's argument. */
function signCert(ca: string, pubPath: string, opts: { host?: boolean; principals: string; validity?: string; id?: string }): void {
  const args = ['-q', '-s', ca, '-I', opts.id ?? 'alice@example.com', '-n', opts.principals];
  if (opts.host) args.push('-h');
  if (opts.validity) args.push('-V', opts.validity);
  const r = spawnSync(SSH_KEYGEN, [...args, pubPath], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ssh-keygen -s failed: ${r.stderr}`);
}

function userCertScenario(name: string, expect: RegExp, how: string, cert: { principals: string; validity?: string }): Scenario {
  return def({
    name,
    id: 'certificate-invalid',
    shows: 'server',
    variants: [''],
    expect,
    how,
    fn: async (w) => {
      const ca = caKey(w);
      const key = userKey(w, 'id_ed25519', 'ed25519');
      signCert(ca, `${key.path}.pub`, cert);
      const sshd = await startSshd(w, { override: [`TrustedUserCAKeys ${ca}.pub`], syslog: true });
      trustHost(w, sshd);
      await run(w, [SSH, ...sshArgs(w), '-o', 'BatchMode=yes', '-i', key.path, ...at(sshd), 'true']);
      return journal(await waitForLog(sshd, /Certificate invalid/), sshd.pid);
    },
  });
}

export const userCertExpired = userCertScenario(
  'user-cert-expired',
  /error: Certificate invalid: expired/,
  'a user certificate from a CA listed in TrustedUserCAKeys whose validity ended yesterday (ssh-keygen -s -V -2d:-1d) (sshd log)',
  { principals: USER, validity: '-2d:-1d' },
);

export const userCertWrongPrincipal = userCertScenario(
  'user-cert-wrong-principal',
  /error: Certificate invalid: name is not a listed principal/,
  'a valid user certificate whose only principal is "deploy", used to log in as another user (sshd log)',
  { principals: 'deploy' },
);

function hostCertScenario(name: string, expect: RegExp, how: string, cert: { principals: string; validity?: string }): Scenario {
  return def({
    name,
    id: 'certificate-invalid',
    shows: 'client',
    variants: ['', '-v'],
    expect,
    how,
    fn: async (w, v) => {
      const ca = caKey(w);
      const hostKey = join(w.etc, 'ssh_host_ed25519_key');
      keygen(hostKey, 'ed25519', { comment: 'root@server' });
      signCert(ca, `${hostKey}.pub`, { ...cert, host: true, id: 'db1.example.com' });
      const key = userKey(w, 'id_ed25519', 'ed25519');
      authorize(w, USER, [key.pub]);
      const sshd = await startSshd(w, { extra: [`HostCertificate ${hostKey}-cert.pub`] });
      const caPub = spawnSync('/bin/cat', [`${ca}.pub`], { encoding: 'utf8' }).stdout.trim();
      writeFileSync(join(w.home, '.ssh', 'known_hosts'), `@cert-authority * ${caPub}\n`, { mode: 0o600 });
      return (await run(w, [SSH, ...sshArgs(w, V(v)), '-o', 'BatchMode=yes', '-i', key.path, ...at(sshd), 'true'])).out;
    },
  });
}

export const hostCertWrongName = hostCertScenario(
  'host-cert-wrong-name',
  /^Certificate invalid: name is not a listed principal$/m,
  'known_hosts trusts the CA (@cert-authority); the server\'s host certificate lists only db1.example.com, and the client connects by IP address',
  { principals: 'db1.example.com' },
);

export const hostCertExpired = hostCertScenario(
  'host-cert-expired',
  /^Certificate invalid: expired$/m,
  'known_hosts trusts the CA (@cert-authority); the server\'s host certificate expired yesterday',
  { principals: '127.0.0.1', validity: '-2d:-1d' },
);

// =============================================================================================
// FIDO security keys

export const skEnrollNoDevice = def({
  name: 'sk-enroll-no-device',
  id: 'security-key-failed',
  shows: 'command',
  variants: [''],
  expect: /^Key enrollment failed: device not found$/m,
  how: '`ssh-keygen -t ed25519-sk` with no FIDO authenticator plugged in',
  fn: async (w) => (await run(w, [SSH_KEYGEN, '-t', 'ed25519-sk', '-f', join(w.home, '.ssh', 'id_ed25519_sk'), '-N', ''])).out,
});

// =============================================================================================
// Partial success (AuthenticationMethods)

export const partialSuccess = def({
  name: 'publickey-then-password',
  id: 'partial-success-authentication-methods',
  shows: 'client',
  variants: ['-v'],
  expect: /^Authenticated using "publickey" with partial success\.$/m,
  how: 'sshd `AuthenticationMethods publickey,password`; the key is accepted, then BatchMode (as in a script) cannot answer the password step',
  fn: async (w, v) => {
    const { key, sshd } = await authorisedSetup(w, { override: ['AuthenticationMethods publickey,password', 'PasswordAuthentication yes'] });
    return (await run(w, [SSH, ...sshArgs(w, V(v)), '-o', 'BatchMode=yes', '-i', key.path, ...at(sshd), 'true'])).out;
  },
});

export const partialSuccessServer = def({
  name: 'publickey-then-password-server',
  id: 'partial-success-authentication-methods',
  shows: 'server',
  variants: [''],
  expect: /Partial publickey for \S+ from/,
  how: 'the same AuthenticationMethods login, seen in the sshd log with `LogLevel VERBOSE` (sshd logs a partial success only at VERBOSE)',
  fn: async (w) => {
    const { key, sshd } = await authorisedSetup(w, {
      override: ['AuthenticationMethods publickey,password', 'PasswordAuthentication yes', 'LogLevel VERBOSE'],
      syslog: true,
    });
    await run(w, [SSH, ...sshArgs(w), '-o', 'BatchMode=yes', '-i', key.path, ...at(sshd), 'true']);
    return journal(await waitForLog(sshd, /Connection closed by|Disconnected from/), sshd.pid);
  },
});

// =============================================================================================
// sshd logs

export const closedPreauth = def({
  name: 'key-not-authorized-server',
  id: 'sshd-connection-closed-preauth',
  shows: 'server',
  variants: [''],
  expect: /Connection closed by authenticating user \S+ \S+ port \d+ \[preauth\]/,
  how: 'the client offers a key that authorized_keys does not list and has no other method (BatchMode), so it gives up (sshd log)',
  fn: async (w) => {
    const { sshd } = await authorisedSetup(w, { syslog: true });
    const other = userKey(w, 'id_other', 'ed25519');
    await run(w, [SSH, ...sshArgs(w), '-o', 'BatchMode=yes', '-i', other.path, ...at(sshd), 'true']);
    return journal(await waitForLog(sshd, /Connection closed by authenticating user/), sshd.pid);
  },
});

export const disconnectedPreauth = def({
  name: 'password-prompt-abandoned-server',
  id: 'sshd-connection-closed-preauth',
  shows: 'server',
  variants: [''],
  expect: /(Connection closed by|Disconnected from) authenticating user \S+ \S+ port \d+ \[preauth\]/,
  how: 'a user at the password prompt presses Ctrl-C (pty) without typing a password (sshd log)',
  fn: async (w) => {
    const sshd = await startSshd(w, { override: ['PasswordAuthentication yes'], syslog: true });
    trustHost(w, sshd);
    await run(w, [SSH, ...sshArgs(w), '-o', 'PubkeyAuthentication=no', ...at(sshd), 'true'], {
      pty: true,
      during: async (out) => {
        const end = Date.now() + 5000;
        while (!/password: $/.test(out()) && Date.now() < end) await sleep(50);
      },
      stopAfter: true,
    });
    return journal(await waitForLog(sshd, /authenticating user \S+ \S+ port \d+ \[preauth\]/), sshd.pid);
  },
});

/**
 * sshd with UsePAM whose mount namespace (only) has /run/nologin, as systemd-user-sessions
 * leaves it while a machine boots: a tmpfs is mounted over /run inside sshd's private namespace
 * (entered with nsenter), holding /run/sshd and the nologin file. The real /run is untouched.
 */
async function bootingSshd(w: Work): Promise<{ key: { path: string }; sshd: Sshd }> {
  const { key, sshd } = await authorisedSetup(w, { override: ['UsePAM yes'], syslog: true });
  const text = 'System is booting up. Unprivileged users are not permitted to log in yet. Please come back later. For technical details, see pam_nologin(8).';
  const sh = `mount -t tmpfs -o mode=755 tmpfs /run && mkdir -m 755 /run/sshd && printf '%s\\n' '${text}' > /run/nologin`;
  const r = spawnSync('/usr/bin/nsenter', ['-t', String(sshd.pid), '-m', '/bin/sh', '-c', sh], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`nsenter: ${r.stderr}`);
  return { key, sshd };
}

export const pamNologinServer = def({
  name: 'pam-nologin-server',
  id: 'sshd-pam-account-denied',
  shows: 'server',
  variants: [''],
  expect: /fatal: Access denied for user \S+ by PAM account configuration \[preauth\]/,
  how: 'sshd with UsePAM yes while /run/nologin exists (only in sshd\'s own mount namespace), as during boot; the key is accepted (sshd log)',
  fn: async (w) => {
    const { key, sshd } = await bootingSshd(w);
    await run(w, [SSH, ...sshArgs(w), '-i', key.path, ...at(sshd), 'true']);
    return journal(await waitForLog(sshd, /by PAM account configuration/), sshd.pid);
  },
});

export const pamNologinClient = def({
  name: 'pam-nologin-client',
  id: 'sshd-pam-account-denied',
  shows: 'client',
  variants: ['', '-v'],
  expect: /^System is booting up\. Unprivileged users are not permitted to log in yet\./m,
  how: 'the same, as the client sees it',
  fn: async (w, v) => {
    const { key, sshd } = await bootingSshd(w);
    return (await run(w, [SSH, ...sshArgs(w, V(v)), '-i', key.path, ...at(sshd), 'true'])).out;
  },
});

/** A root-owned 0755 dir under /run (every parent root-owned, not group/world-writable), shown as `shownAs`. */
function safeDir(w: Work, shownAs: string): string {
  const d = mkdtempSync('/run/sshfix-corpus-');
  chmodSync(d, 0o755);
  w.cleanups.push(() => rmSync(d, { recursive: true, force: true }));
  w.replacements.push([d, shownAs]);
  return d;
}

function akcScenario(name: string, expect: RegExp, how: string, place: (w: Work) => string, body: string): Scenario {
  return def({
    name,
    id: 'sshd-authorized-keys-command-failed',
    shows: 'server',
    variants: [''],
    expect,
    how,
    fn: async (w) => {
      const cmd = join(place(w), 'ssh-keys.sh');
      writeFileSync(cmd, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
      const key = userKey(w, 'id_ed25519', 'ed25519');
      const sshd = await startSshd(w, {
        override: ['AuthorizedKeysFile none', `AuthorizedKeysCommand ${cmd} %u %f`, 'AuthorizedKeysCommandUser nobody'],
        syslog: true,
      });
      trustHost(w, sshd);
      await run(w, [SSH, ...sshArgs(w), '-o', 'BatchMode=yes', '-i', key.path, ...at(sshd), 'true']);
      return journal(await waitForLog(sshd, /AuthorizedKeysCommand/), sshd.pid);
    },
  });
}

export const akcFailed = akcScenario(
  'authorized-keys-command-exit-1',
  /AuthorizedKeysCommand \S+ .* failed, status 1/,
  'AuthorizedKeysCommand is a script (root-owned, in a root-owned dir) that exits 1, as a key lookup whose backend (LDAP, SSSD, an API) is down does (sshd log)',
  (w) => safeDir(w, '/usr/local/bin'),
  "echo 'keys backend unreachable' >&2\nexit 1",
);

export const akcUnsafe = akcScenario(
  'authorized-keys-command-unsafe',
  /error: Unsafe AuthorizedKeysCommand "\S+": bad ownership or modes for directory/,
  'AuthorizedKeysCommand in a directory other users can write to (under /tmp) (sshd log)',
  (w) => w.dir,
  'exit 0',
);

function chrootScenario(name: string, expect: RegExp, how: string, layout: (root: string) => string): Scenario {
  return def({
    name,
    id: 'sshd-chroot-bad-ownership',
    shows: 'server',
    variants: [''],
    expect,
    how,
    fn: async (w) => {
      const chroot = layout(safeDir(w, '/srv'));
      const key = userKey(w, 'id_ed25519', 'ed25519');
      authorize(w, USER, [key.pub]);
      const sshd = await startSshd(w, { extra: [`Match User ${USER}`, `ChrootDirectory ${chroot}`, 'ForceCommand internal-sftp'], syslog: true });
      trustHost(w, sshd);
      const port = String(sshd.port);
      await run(w, ['/usr/bin/sftp', ...sshArgs(w), '-b', '-', '-i', key.path, '-P', port, `${USER}@127.0.0.1`], { input: [{ text: 'ls\n' }] });
      return journal(await waitForLog(sshd, /bad ownership or modes for chroot/), sshd.pid);
    },
  });
}

/** Makes `dir` and gives it to the throwaway user (what a well-meant `chown user` does). */
function userOwnedDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const { uid, gid } = userIds(USER);
  chownSync(dir, uid, gid);
  return dir;
}

export const chrootOwnedByUser = chrootScenario(
  'chroot-owned-by-user',
  /fatal: bad ownership or modes for chroot directory "\S+"/,
  'SFTP-only user (Match User, ForceCommand internal-sftp) whose ChrootDirectory /srv/sftp/alice is owned by the user (sshd log)',
  (root) => {
    mkdirSync(join(root, 'sftp'), { mode: 0o755 });
    return userOwnedDir(join(root, 'sftp', 'alice'));
  },
);

export const chrootComponentOwnedByUser = chrootScenario(
  'chroot-component-owned-by-user',
  /fatal: bad ownership or modes for chroot directory component "\S+"/,
  'the same, but a parent directory of the chroot (/srv/sftp) is owned by the user (sshd log)',
  (root) => {
    userOwnedDir(join(root, 'sftp'));
    mkdirSync(join(root, 'sftp', 'alice'), { mode: 0o755 });
    return join(root, 'sftp', 'alice');
  },
);

// =============================================================================================

export const scenariosV2: Scenario[] = [
  controlSocketExists,
  muxSessionRefused,
  controlSocketStale,
  muxHelloFailed,
  controlPathNoDir,
  execRequestFailed,
  shellRequestFailed,
  execRequestFailedServer,
  connectCannotAssign,
  connectBindAddress,
  receivedDisconnectServer,
  userCertExpired,
  userCertWrongPrincipal,
  hostCertWrongName,
  hostCertExpired,
  skEnrollNoDevice,
  partialSuccess,
  partialSuccessServer,
  closedPreauth,
  disconnectedPreauth,
  pamNologinServer,
  pamNologinClient,
  akcFailed,
  akcUnsafe,
  chrootOwnedByUser,
  chrootComponentOwnedByUser,
];
