/**
 * The corpus scenarios: each reproduces one SSH error with the REAL OpenSSH client or server on
 * loopback, in its own temp dir, and returns what the user would paste (sanitised, see
 * lib.ts sanitize). capture.ts writes them to tests/fixtures/pastes/<id>/captured-*.txt and
 * tests/integration/live-ssh.test.ts runs a subset live.
 *
 * A scenario's `expect` is the OpenSSH line that shows it reproduced what it claims; a run whose
 * output lacks it is reported as not reproduced and nothing is written.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import {
  NOLOGIN_USER,
  PYTHON,
  SSH,
  SSH_ADD,
  SSH_AGENT,
  SSH_KEYGEN,
  SSHD,
  USER,
  USER_PASSWORD,
  authorize,
  freePort,
  journal,
  keygen,
  run,
  sanitize,
  script,
  sleep,
  sshArgs,
  sshdConfigText,
  startSshd,
  stopProcess,
  tcpListener,
  track,
  trustHost,
  userIds,
  userKey,
  waitForLog,
  waitForOutput,
  withWork,
  type Sshd,
  type Work,
} from './lib.ts';

export type Verbosity = '' | '-v' | '-vvv';

export interface Scenario {
  /** File-name part: captured-<name>[-v|-vvv].txt */
  name: string;
  /** The error id this output must route to (the fixture folder). */
  id: string;
  /** What is captured: the client's terminal output, or sshd's log (journald-style prefix). */
  shows: 'client' | 'server' | 'command';
  /** Client verbosity variants to capture (server scenarios: ['']). */
  variants: Verbosity[];
  /** The OpenSSH line proving the scenario reproduced; matched against the sanitised output. */
  expect: RegExp;
  /** One line on how it is reproduced (CAPTURED.md). */
  how: string;
  capture(v?: Verbosity): Promise<string>;
}

export const V = (v: Verbosity = ''): string[] => (v ? [v] : []);
export const at = (sshd: Sshd | number, user = USER): string[] => ['-p', String(typeof sshd === 'number' ? sshd : sshd.port), `${user}@127.0.0.1`];

export function def(s: Omit<Scenario, 'capture'> & { fn: (w: Work, v: Verbosity) => Promise<string> }): Scenario {
  const { fn, ...rest } = s;
  return {
    ...rest,
    capture: (v: Verbosity = '') =>
      withWork(async (w) => {
        const raw = await fn(w, v);
        return sanitize(w, raw).replace(/\n+$/, '') + '\n';
      }),
  };
}

/** A client with one authorised ed25519 key and a trusted host key. */
export async function authorisedSetup(w: Work, sshdOpts: Parameters<typeof startSshd>[1] = {}, user = USER) {
  const key = userKey(w, 'id_ed25519', 'ed25519');
  authorize(w, user, [key.pub]);
  const sshd = await startSshd(w, sshdOpts);
  trustHost(w, sshd);
  return { key, sshd };
}

/**
 * An authorised RSA key in PEM format, passphrase-protected, with no .pub beside it: ssh cannot
 * read its public half up front ("load pubkey ... invalid format") and signs with it directly.
 * The passphrase is supplied by an SSH_ASKPASS script.
 */
function encryptedPemKey(w: Work, name: string) {
  const key = userKey(w, name, 'rsa', { format: 'PEM', passphrase: 'pem passphrase' });
  authorize(w, USER, [key.pub]);
  rmSync(`${key.path}.pub`);
  const askpass = script(w, 'askpass.sh', "echo 'pem passphrase'");
  return { key, env: { SSH_ASKPASS: askpass, SSH_ASKPASS_REQUIRE: 'force', DISPLAY: ':0' } };
}

/** Children (and grandchildren) of a PID we started, read from /proc. */
function descendants(pid: number): number[] {
  const kids: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) kids.push(Number(d), ...descendants(Number(d)));
    } catch {
      /* gone */
    }
  }
  return kids;
}

/** A TCP proxy in front of `port` whose behaviour the scenario can change mid-session. */
async function proxy(w: Work, port: number) {
  const state = { freeze: false, corruptAfter: -1, serverBytes: 0, clients: [] as Socket[] };
  const p = await tcpListener(w, (c) => {
    state.clients.push(c);
    const s = connect(port, '127.0.0.1');
    c.on('error', () => {});
    s.on('error', () => {});
    c.on('data', (d) => {
      if (!state.freeze) s.write(d);
    });
    s.on('data', (d: Buffer) => {
      if (state.freeze) return;
      if (state.corruptAfter >= 0 && state.serverBytes + d.length > state.corruptAfter) {
        const i = Math.max(0, state.corruptAfter - state.serverBytes);
        d = Buffer.from(d);
        d[i] = d[i]! ^ 0x04;
        state.corruptAfter = -1;
      }
      state.serverBytes += d.length;
      c.write(d);
    });
    c.on('close', () => s.destroy());
    s.on('close', () => c.destroy());
  });
  w.cleanups.push(() => state.clients.forEach((c) => c.destroy()));
  return { port: p, state };
}

// =============================================================================================
// Connect stage

export const connectionRefused = def({
  name: 'closed-port',
  id: 'connection-refused',
  shows: 'client',
  variants: ['', '-v'],
  expect: /^ssh: connect to host \S+ port \d+: Connection refused$/m,
  how: 'ssh to a 127.0.0.1 port nothing listens on (shown as port 22)',
  fn: async (w, v) => {
    const port = await freePort();
    w.ports.set(port, 22);
    return (await run(w, [SSH, ...sshArgs(w, V(v)), ...at(port), 'true'])).out;
  },
});

export const connectionTimedOut = def({
  name: 'full-backlog',
  id: 'connection-timed-out',
  shows: 'client',
  variants: ['', '-v'],
  expect: /^ssh: connect to host \S+ port \d+: Connection timed out$/m,
  how: 'a listener that never accept()s and whose backlog is full, so the kernel drops the SYN; ssh -o ConnectTimeout=3',
  fn: async (w, v) => {
    const port = await freePort();
    w.ports.set(port, 22);
    // python3 (not Node) because Node always accept()s; backlog 0 and never accept.
    const py = track(
      spawn(PYTHON, ['-c', `import socket,time\ns=socket.socket()\ns.bind(("127.0.0.1",${port}))\ns.listen(0)\nprint("ready",flush=True)\ntime.sleep(30)`], {
        stdio: ['ignore', 'pipe', 'ignore'],
      }),
    );
    w.cleanups.push(() => stopProcess(py));
    await new Promise<void>((res) => py.stdout!.once('data', () => res()));
    // Fill the accept queue with connections that are never accepted.
    const fill: Socket[] = [];
    w.cleanups.push(() => fill.forEach((s) => s.destroy()));
    for (let i = 0; i < 4; i++) {
      const s = connect(port, '127.0.0.1');
      s.on('error', () => {});
      fill.push(s);
      await sleep(100);
    }
    return (await run(w, [SSH, ...sshArgs(w, V(v)), '-o', 'ConnectTimeout=3', ...at(port), 'true'])).out;
  },
});

/** Runs ssh inside a private network namespace made here (no packet ever leaves it). */
export function inNetns(w: Work, setup: string, argv: string[]) {
  const cmd = `${setup} exec ${argv.map((a) => `'${a}'`).join(' ')}`;
  return run(w, ['/usr/bin/unshare', '--net', '--mount', '/bin/sh', '-c', cmd]);
}

export const networkUnreachable = def({
  name: 'no-network',
  id: 'network-unreachable',
  shows: 'client',
  variants: ['', '-v'],
  expect: /^ssh: connect to host \S+ port 22: Network is unreachable$/m,
  how: 'ssh inside a fresh network namespace whose only interface (lo) is down: the kernel has no route at all',
  fn: async (w, v) => (await inNetns(w, '', [SSH, ...sshArgs(w, V(v)), '-p', '22', `${USER}@127.0.0.1`, 'true'])).out,
});

export const noRouteToHost = def({
  name: 'unreachable-route',
  id: 'no-route-to-host',
  shows: 'client',
  variants: ['', '-v'],
  expect: /^ssh: connect to host \S+ port 22: No route to host$/m,
  how: 'ssh inside a private network namespace with an `unreachable` route for 192.0.2.0/24 (TEST-NET, nothing is sent)',
  fn: async (w, v) => {
    w.replacements.push(['192.0.2.10', '10.0.0.25']);
    return (await inNetns(w, 'ip link set lo up; ip route add unreachable 192.0.2.0/24;', [SSH, ...sshArgs(w, V(v)), '-p', '22', `${USER}@192.0.2.10`, 'true'])).out;
  },
});

export const couldNotResolveTemporary = def({
  name: 'no-dns-server',
  id: 'could-not-resolve-hostname',
  shows: 'client',
  variants: ['', '-v'],
  expect: /^ssh: Could not resolve hostname \S+: Temporary failure in name resolution$/m,
  how: 'ssh to a name inside a private network namespace where the configured DNS server cannot be reached',
  fn: async (w, v) => {
    w.replacements.push(['db1.corp.invalid', 'db1.example.com']);
    return (await inNetns(w, '', [SSH, ...sshArgs(w, V(v)), `${USER}@db1.corp.invalid`, 'true'])).out;
  },
});

export const couldNotResolveUnknown = def({
  name: 'unknown-name',
  id: 'could-not-resolve-hostname',
  shows: 'client',
  variants: [''],
  expect: /^ssh: Could not resolve hostname \S+: Name or service not known$/m,
  how: 'ssh to a name that does not exist, with name lookup limited to /etc/hosts (nsswitch bind-mounted in a private mount namespace; no DNS query is sent)',
  fn: async (w, v) => {
    w.replacements.push(['db1.corp.invalid', 'db1.exmaple.com']);
    const ns = join(w.dir, 'nsswitch.conf');
    writeFileSync(ns, 'hosts: files\n');
    return (await inNetns(w, `mount --bind ${ns} /etc/nsswitch.conf;`, [SSH, ...sshArgs(w, V(v)), `${USER}@db1.corp.invalid`, 'true'])).out;
  },
});

// =============================================================================================
// Banner stage (plain TCP listeners)

export const connectionResetByPeer = def({
  name: 'reset-before-banner',
  id: 'connection-reset-by-peer',
  shows: 'client',
  variants: ['', '-v', '-vvv'],
  expect: /^kex_exchange_identification: read: Connection reset by peer$/m,
  how: 'a TCP listener that resets every connection (socket.resetAndDestroy) before sending a banner, as TCP wrappers / fail2ban / a firewall do',
  fn: async (w, v) => {
    const port = await tcpListener(w, (s) => setTimeout(() => s.resetAndDestroy(), 100));
    w.ports.set(port, 22);
    return (await run(w, [SSH, ...sshArgs(w, V(v)), ...at(port), 'true'])).out;
  },
});

export const connectionClosedByRemote = def({
  name: 'close-before-banner',
  id: 'connection-closed-by-remote-host',
  shows: 'client',
  variants: ['', '-v', '-vvv'],
  expect: /^kex_exchange_identification: Connection closed by remote host$/m,
  how: 'a TCP listener that accepts and closes without sending a banner (like sshd hitting MaxStartups, or a port forwarder with nothing behind it)',
  fn: async (w, v) => {
    const port = await tcpListener(w, (s) => setTimeout(() => s.end(), 100));
    w.ports.set(port, 22);
    return (await run(w, [SSH, ...sshArgs(w, V(v)), ...at(port), 'true'])).out;
  },
});

export const invalidBannerBinary = def({
  name: 'binary-banner',
  id: 'invalid-banner',
  shows: 'client',
  variants: ['', '-v'],
  expect: /banner line contains invalid characters|invalid format/m,
  how: 'a TCP listener that answers with non-SSH binary bytes (as a TLS or other non-SSH service on the port would)',
  fn: async (w, v) => {
    const port = await tcpListener(w, (s) => {
      s.on('error', () => {});
      s.write(Buffer.from([0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x0a, 0x0d, 0x0a]));
      setTimeout(() => s.end(), 300);
    });
    w.ports.set(port, 22);
    return (await run(w, [SSH, ...sshArgs(w, V(v)), ...at(port), 'true'])).out;
  },
});

export const invalidBannerSsh1 = def({
  name: 'ssh1-banner',
  id: 'invalid-banner',
  shows: 'client',
  variants: ['', '-v'],
  expect: /Protocol major versions differ/m,
  how: 'a TCP listener that sends an SSH-1.5 identification string (an SSH-1-only server)',
  fn: async (w, v) => {
    const port = await tcpListener(w, (s) => {
      s.on('error', () => {});
      s.write('SSH-1.5-OldServer_1.0\r\n');
      setTimeout(() => s.end(), 500);
    });
    w.ports.set(port, 22);
    return (await run(w, [SSH, ...sshArgs(w, V(v)), ...at(port), 'true'])).out;
  },
});

// =============================================================================================
// Key exchange

function negotiate(name: string, id: string, what: RegExp, how: string, sshdOpts: Parameters<typeof startSshd>[1]): Scenario {
  return def({
    name,
    id,
    shows: 'client',
    variants: ['', '-v', '-vvv'],
    expect: what,
    how,
    fn: async (w, v) => {
      const sshd = await startSshd(w, sshdOpts);
      return (await run(w, [SSH, ...sshArgs(w, V(v)), ...at(sshd), 'true'])).out;
    },
  });
}

export const noMatchingKex = negotiate(
  'server-only-group1',
  'no-matching-key-exchange',
  /^Unable to negotiate with \S+ port \d+: no matching key exchange method found\. Their offer: /m,
  'sshd with `KexAlgorithms diffie-hellman-group1-sha1,diffie-hellman-group14-sha1` (an old server); default client',
  { override: ['KexAlgorithms diffie-hellman-group1-sha1,diffie-hellman-group14-sha1'] },
);

export const noMatchingHostKeyType = negotiate(
  'server-only-ssh-rsa',
  'no-matching-host-key-type',
  /^Unable to negotiate with \S+ port \d+: no matching host key type found\. Their offer: ssh-rsa$/m,
  'sshd with only an RSA host key and `HostKeyAlgorithms ssh-rsa` (SHA-1 signatures, an old server); default client',
  { hostKeys: ['rsa'], override: ['HostKeyAlgorithms ssh-rsa'] },
);

export const noMatchingCipher = negotiate(
  'server-only-cbc',
  'no-matching-cipher',
  /^Unable to negotiate with \S+ port \d+: no matching cipher found\. Their offer: /m,
  'sshd with `Ciphers aes128-cbc,3des-cbc` (an old appliance); default client',
  { override: ['Ciphers aes128-cbc,3des-cbc,aes256-cbc'] },
);

export const noMatchingMac = negotiate(
  'server-only-md5',
  'no-matching-mac',
  /^Unable to negotiate with \S+ port \d+: no matching MAC found\. Their offer: /m,
  'sshd with `Ciphers aes128-ctr` (no AEAD cipher) and `MACs hmac-md5,hmac-sha1-96`; default client',
  { override: ['Ciphers aes128-ctr,aes256-ctr', 'MACs hmac-md5,hmac-md5-96,hmac-sha1-96'] },
);

export const corruptedMac = def({
  name: 'bit-flip-in-transit',
  id: 'corrupted-mac',
  shows: 'client',
  variants: ['', '-v'],
  expect: /Corrupted MAC on input|message authentication code incorrect/m,
  how: 'a TCP proxy between client and sshd flips one bit of server data after the key exchange (what a faulty NIC, middlebox or bad RAM does)',
  fn: async (w, v) => {
    const { sshd } = await authorisedSetup(w, { override: ['Ciphers aes128-ctr', 'MACs hmac-sha2-256-etm@openssh.com'] });
    const px = await proxy(w, sshd.port);
    w.ports.set(px.port, 2222);
    const known = readFileSync(join(w.home, '.ssh', 'known_hosts'), 'utf8').split(String(sshd.port)).join(String(px.port));
    writeFileSync(join(w.home, '.ssh', 'known_hosts'), known);
    return (
      await run(w, [SSH, ...sshArgs(w, V(v)), '-i', join(w.home, '.ssh', 'id_ed25519'), ...at(px.port), 'sleep 1; head -c 200000 /dev/zero'], {
        during: async () => {
          await sleep(600);
          px.state.corruptAfter = px.state.serverBytes + 5000;
        },
        timeoutMs: 10000,
      })
    ).out.replace(/\0+/g, '');
  },
});

// =============================================================================================
// Host keys

export const hostKeyChanged = def({
  name: 'changed-host-key',
  id: 'remote-host-identification-changed',
  shows: 'client',
  variants: ['', '-v'],
  expect: /WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!/,
  how: 'known_hosts holds a different ed25519 key for the host (the server was reinstalled)',
  fn: async (w, v) => {
    const { key, sshd } = await authorisedSetup(w);
    const old = keygen(join(w.dir, 'old_host_key'), 'ed25519', { comment: 'root@server' }).split(' ');
    writeFileSync(join(w.home, '.ssh', 'known_hosts'), `[127.0.0.1]:${sshd.port} ${old[0]} ${old[1]}\n`);
    return (await run(w, [SSH, ...sshArgs(w, V(v)), '-i', key.path, ...at(sshd), 'true'])).out;
  },
});

export const hostKeyVerificationFailedBatch = def({
  name: 'batchmode-unknown-host',
  id: 'host-key-verification-failed',
  shows: 'client',
  variants: ['', '-v'],
  expect: /^Host key verification failed\.$/m,
  how: 'an unknown host with BatchMode=yes (as from cron, CI, Ansible or git): no one can answer the yes/no question',
  fn: async (w, v) => {
    const { key, sshd } = await authorisedSetup(w);
    writeFileSync(join(w.home, '.ssh', 'known_hosts'), '');
    return (await run(w, [SSH, ...sshArgs(w, V(v)), '-o', 'BatchMode=yes', '-i', key.path, ...at(sshd), 'true'])).out;
  },
});

export const hostKeyVerificationFailedStrict = def({
  name: 'strict-unknown-host',
  id: 'host-key-verification-failed',
  shows: 'client',
  variants: [''],
  expect: /^Host key verification failed\.$/m,
  how: 'an unknown host with StrictHostKeyChecking=yes',
  fn: async (w, v) => {
    const { key, sshd } = await authorisedSetup(w);
    writeFileSync(join(w.home, '.ssh', 'known_hosts'), '');
    return (await run(w, [SSH, ...sshArgs(w, V(v)), '-o', 'StrictHostKeyChecking=yes', '-i', key.path, ...at(sshd), 'true'])).out;
  },
});

export const authenticityPrompt = def({
  name: 'first-connection-prompt',
  id: 'authenticity-of-host',
  shows: 'client',
  variants: ['', '-v'],
  expect: /The authenticity of host '.*' can't be established\./,
  how: 'first connection to an unknown host in a terminal (pty); the prompt is captured as it stands, then the user presses Ctrl-C',
  fn: async (w, v) => {
    const { key, sshd } = await authorisedSetup(w);
    writeFileSync(join(w.home, '.ssh', 'known_hosts'), '');
    return (
      await run(w, [SSH, ...sshArgs(w, V(v)), '-i', key.path, ...at(sshd)], {
        pty: true,
        during: async (out) => {
          await waitForOutput(out, (s) => /\(yes\/no\/\[fingerprint\]\)\? $/.test(s), 5000, 100);
        },
        stopAfter: true,
      })
    ).out;
  },
});

export const authenticityAnsweredNo = def({
  name: 'first-connection-answered-no',
  id: 'host-key-verification-failed',
  shows: 'client',
  variants: [''],
  expect: /^Host key verification failed\.$/m,
  how: 'first connection to an unknown host in a terminal (pty), the user answers "no"',
  fn: async (w, v) => {
    const { key, sshd } = await authorisedSetup(w);
    writeFileSync(join(w.home, '.ssh', 'known_hosts'), '');
    return (
      await run(w, [SSH, ...sshArgs(w, V(v)), '-i', key.path, ...at(sshd)], {
        pty: true,
        input: [{ when: /\(yes\/no\/\[fingerprint\]\)\? $/, text: 'no\n', delayMs: 100 }],
      })
    ).out;
  },
});

export const hostKeyDiffersForIp = def({
  name: 'checkhostip-mismatch',
  id: 'host-key-differs-for-ip',
  shows: 'client',
  variants: ['', '-v'],
  expect: /host key for '.*' differs from the key for the IP address/,
  how: 'CheckHostIP=yes; known_hosts has the right key under the host name and an old key under its IP address; user answers "no" (pty). ssh skips this check for 127.0.0.0/8, so client and sshd run in a private network namespace where 192.0.2.10 is a local address and /etc/hosts (bind-mounted) names it db1.example.com',
  fn: async (w, v) => {
    const key = userKey(w, 'id_ed25519', 'ed25519');
    authorize(w, USER, [key.pub]);
    keygen(join(w.etc, 'ssh_host_ed25519_key'), 'ed25519', { comment: 'root@server' });
    const port = await freePort();
    w.ports.set(port, 2222);
    w.replacements.push(['192.0.2.10', '203.0.113.10']);
    const conf = join(w.etc, 'sshd_config');
    const log = join(w.dir, 'sshd.log');
    writeFileSync(conf, sshdConfigText(w, port, { override: ['ListenAddress 192.0.2.10'] }));
    const hosts = join(w.dir, 'hosts');
    writeFileSync(hosts, '127.0.0.1 localhost\n192.0.2.10 db1.example.com db1\n');
    const cur = readFileSync(join(w.etc, 'ssh_host_ed25519_key.pub'), 'utf8').split(' ');
    const old = keygen(join(w.dir, 'old_host_key'), 'ed25519', { comment: 'root@server' }).split(' ');
    writeFileSync(join(w.home, '.ssh', 'known_hosts'), `[db1.example.com]:${port} ${cur[0]} ${cur[1]}\n[192.0.2.10]:${port} ${old[0]} ${old[1]}\n`);
    const q = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;
    const sshCmd = [SSH, ...sshArgs(w, V(v)), '-o', 'CheckHostIP=yes', '-i', key.path, '-p', String(port), `${USER}@db1.example.com`, 'true'].map(q).join(' ');
    const sh = [
      'ip link set lo up',
      'ip addr add 192.0.2.10/32 dev lo',
      `mount --bind ${hosts} /etc/hosts`,
      `${SSHD} -f ${conf} -D -E ${log} & S=$!`,
      `i=0; while ! grep -q 'Server listening on 192' ${log} 2>/dev/null && [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done`,
      sshCmd,
      'kill $S; wait $S 2>/dev/null',
    ].join('\n');
    return (
      await run(w, ['/usr/bin/unshare', '--net', '--mount', '/bin/sh', '-c', sh], {
        pty: true,
        input: [{ when: /\(yes\/no\)\? $/, text: 'no\n', delayMs: 100 }],
        timeoutMs: 15000,
      })
    ).out;
  },
});

export const permanentlyAdded = def({
  name: 'accept-new',
  id: 'permanently-added-to-known-hosts',
  shows: 'client',
  variants: ['', '-v'],
  expect: /^Warning: Permanently added '.*' \(ED25519\) to the list of known hosts\.$/m,
  how: 'first connection with StrictHostKeyChecking=accept-new; login succeeds',
  fn: async (w, v) => {
    const { key, sshd } = await authorisedSetup(w);
    writeFileSync(join(w.home, '.ssh', 'known_hosts'), '');
    return (await run(w, [SSH, ...sshArgs(w, V(v)), '-o', 'StrictHostKeyChecking=accept-new', '-i', key.path, ...at(sshd), 'true'])).out;
  },
});

export const knownHostsNotWritable = def({
  name: 'root-owned-ssh-dir',
  id: 'known-hosts-not-writable',
  shows: 'client',
  variants: ['', '-v'],
  expect: /Failed to add the host to the list of known hosts/,
  how: 'the client runs as an ordinary user whose ~/.ssh is owned by root (left by a `sudo ssh ...`), StrictHostKeyChecking=accept-new',
  fn: async (w, v) => {
    const { uid, gid } = userIds(USER);
    const chome = join(w.dir, 'alice-home');
    const dotssh = join(chome, '.ssh');
    mkdirSync(dotssh, { recursive: true, mode: 0o755 });
    chownSync(chome, uid, gid);
    w.replacements.push([chome, '/home/alice']);
    const key = keygen(join(dotssh, 'id_ed25519'), 'ed25519');
    chownSync(join(dotssh, 'id_ed25519'), uid, gid);
    chownSync(join(dotssh, 'id_ed25519.pub'), uid, gid);
    authorize(w, USER, [key]);
    writeFileSync(join(dotssh, 'config'), '');
    const sshd = await startSshd(w);
    return (
      await run(
        w,
        [SSH, '-F', join(dotssh, 'config'), '-o', `UserKnownHostsFile=${join(dotssh, 'known_hosts')}`, '-o', 'GlobalKnownHostsFile=/dev/null', ...V(v), '-o', 'StrictHostKeyChecking=accept-new', '-i', join(dotssh, 'id_ed25519'), ...at(sshd), 'true'],
        { asUser: USER, env: { HOME: chome } },
      )
    ).out;
  },
});

// =============================================================================================
// Client configuration

export const badOwnerConfig = def({
  name: 'group-writable-config',
  id: 'bad-owner-or-permissions-config',
  shows: 'client',
  variants: ['', '-v'],
  expect: /^Bad owner or permissions on .*config$/m,
  how: `~/.ssh/config with mode 0666; ssh runs as the throwaway user ${USER} (only the default ~/.ssh/config is checked, not a -F file; the file is removed afterwards)`,
  fn: async (w, v) => {
    const { home, uid, gid } = userIds(USER);
    const dotssh = join(home, '.ssh');
    const had = existsSync(dotssh);
    if (!had) mkdirSync(dotssh, { mode: 0o700 });
    chownSync(dotssh, uid, gid);
    const cfg = join(dotssh, 'config');
    if (existsSync(cfg)) throw new Error(`${cfg} exists; not touching it`);
    w.cleanups.push(() => {
      rmSync(cfg, { force: true });
      if (!had) rmSync(dotssh, { recursive: true, force: true });
    });
    writeFileSync(cfg, 'Host db1\n    HostName 127.0.0.1\n    User alice\n');
    chownSync(cfg, uid, gid);
    chmodSync(cfg, 0o666);
    return (await run(w, [SSH, ...V(v), 'db1', 'true'], { asUser: USER, env: { HOME: home } })).out;
  },
});

export const badConfigOption = def({
  name: 'usekeychain-on-linux',
  id: 'bad-configuration-option',
  shows: 'client',
  variants: ['', '-v'],
  expect: /^.*config: line \d+: Bad configuration option: usekeychain$/m,
  how: '~/.ssh/config copied from a Mac, with `UseKeychain yes` (an Apple-only option) read by Linux OpenSSH',
  fn: async (w, v) => {
    const cfg = join(w.home, '.ssh', 'config');
    writeFileSync(cfg, `Host *\n    AddKeysToAgent yes\n    UseKeychain yes\n    IdentityFile ~/.ssh/id_ed25519\n`, { mode: 0o600 });
    return (await run(w, [SSH, ...sshArgs(w, V(v)), 'db1', 'true'])).out;
  },
});

// =============================================================================================
// Authentication

export const unprotectedKey = def({
  name: 'key-mode-0644',
  id: 'unprotected-private-key-file',
  shows: 'client',
  variants: ['', '-v'],
  expect: /WARNING: UNPROTECTED PRIVATE KEY FILE!/,
  how: 'the (authorised) private key has mode 0644; OpenSSH ignores it and authentication fails',
  fn: async (w, v) => {
    const { key, sshd } = await authorisedSetup(w);
    chmodSync(key.path, 0o644);
    return (await run(w, [SSH, ...sshArgs(w, V(v)), '-i', key.path, ...at(sshd), 'true'])).out;
  },
});

export const permissionDeniedPublickey = def({
  name: 'key-not-authorized',
  id: 'permission-denied-publickey',
  shows: 'client',
  variants: ['', '-v', '-vvv'],
  expect: /^\S+@\S+: Permission denied \(publickey\)\.$/m,
  how: 'sshd accepts only publickey; the client key is not in authorized_keys',
  fn: async (w, v) => {
    const key = userKey(w, 'id_ed25519', 'ed25519');
    const other = keygen(join(w.dir, 'other_key'), 'ed25519', { comment: 'bob@laptop' });
    authorize(w, USER, [other]);
    const sshd = await startSshd(w);
    trustHost(w, sshd);
    return (await run(w, [SSH, ...sshArgs(w, V(v)), '-i', key.path, ...at(sshd), 'true'])).out;
  },
});

export const permissionDeniedManyKeys = def({
  name: 'many-keys',
  id: 'permission-denied-publickey',
  shows: 'client',
  variants: ['-vvv'],
  expect: /^\S+@\S+: Permission denied \(publickey\)\.$/m,
  how: 'six client keys (rsa, ecdsa, ed25519), none authorised, MaxAuthTries 10: a long real -vvv log (used by the bench)',
  fn: async (w, v) => {
    const keys = [
      userKey(w, 'id_rsa', 'rsa'),
      userKey(w, 'id_ecdsa', 'ecdsa'),
      userKey(w, 'id_ed25519', 'ed25519'),
      userKey(w, 'work_rsa', 'rsa'),
      userKey(w, 'github_ed25519', 'ed25519'),
      userKey(w, 'deploy_ecdsa', 'ecdsa'),
    ];
    const other = keygen(join(w.dir, 'other_key'), 'ed25519', { comment: 'bob@laptop' });
    authorize(w, USER, [other]);
    const sshd = await startSshd(w, { override: ['MaxAuthTries 10'], hostKeys: ['ed25519', 'rsa', 'ecdsa'] });
    trustHost(w, sshd, ['ed25519', 'rsa', 'ecdsa']);
    return (await run(w, [SSH, ...sshArgs(w, V(v)), ...keys.flatMap((k) => ['-i', k.path]), ...at(sshd), 'true'])).out;
  },
});

export const permissionDeniedPassword = def({
  name: 'wrong-password',
  id: 'permission-denied-password',
  shows: 'client',
  variants: ['', '-v'],
  expect: /^Permission denied, please try again\.$/m,
  how: 'password authentication in a terminal (pty), a wrong password typed three times',
  fn: async (w, v) => {
    const sshd = await startSshd(w, { override: ['PasswordAuthentication yes'] });
    trustHost(w, sshd);
    const pw = { when: /password: $/, text: 'not-the-password\n', delayMs: 50 };
    return (
      await run(w, [SSH, ...sshArgs(w, V(v)), '-o', 'PubkeyAuthentication=no', ...at(sshd), 'true'], {
        pty: true,
        input: [pw, pw, pw],
        timeoutMs: 20000,
      })
    ).out;
  },
});

/** MaxAuthTries 2 and four keys offered: the client sees the disconnect, sshd logs the reason. */
async function tooManyAuth(w: Work, v: Verbosity, serverLog: boolean) {
  const keys = ['id_rsa', 'id_ecdsa', 'id_ed25519', 'id_ed25519_work'].map((n) =>
    userKey(w, n, n.includes('rsa') ? 'rsa' : n.includes('ecdsa') ? 'ecdsa' : 'ed25519'),
  );
  const other = keygen(join(w.dir, 'other_key'), 'ed25519', { comment: 'bob@laptop' });
  authorize(w, USER, [other]);
  const sshd = await startSshd(w, { override: ['MaxAuthTries 2'], syslog: serverLog });
  trustHost(w, sshd);
  const r = await run(w, [SSH, ...sshArgs(w, V(v)), ...keys.flatMap((k) => ['-i', k.path]), ...at(sshd), 'true']);
  if (!serverLog) return { out: r.out, log: '' };
  const log = await waitForLog(sshd, /Disconnecting authenticating user/);
  return { out: r.out, log: journal(log, sshd.pid) };
}

export const tooManyAuthFailures = def({
  name: 'maxauthtries-2',
  id: 'too-many-authentication-failures',
  shows: 'client',
  variants: ['', '-v', '-vvv'],
  expect: /^Received disconnect from \S+ port \d+:2: Too many authentication failures$/m,
  how: 'sshd MaxAuthTries 2; the client offers four keys, none authorised',
  fn: async (w, v) => (await tooManyAuth(w, v, false)).out,
});

export const sshdMaxAuthAttempts = def({
  name: 'maxauthtries-2',
  id: 'sshd-max-auth-attempts-exceeded',
  shows: 'server',
  variants: [''],
  expect: /error: maximum authentication attempts exceeded for \S+ from \S+ port \d+ ssh2 \[preauth\]/,
  how: 'sshd MaxAuthTries 2; the client offers four keys, none authorised (sshd log)',
  fn: async (w) => (await tooManyAuth(w, '', true)).log,
});

export const noMutualSignature = def({
  name: 'client-accepts-no-rsa',
  id: 'no-mutual-signature',
  shows: 'client',
  variants: ['', '-v', '-vvv'],
  expect: /sign_and_send_pubkey: no mutual signature supported/,
  how: 'an (authorised) passphrase-protected PEM RSA key without its .pub (so ssh signs without asking first; passphrase from SSH_ASKPASS) while the client config says `PubkeyAcceptedAlgorithms ssh-ed25519,ecdsa-sha2-nistp256` (a hardened policy): no RSA signature algorithm both sides accept',
  fn: async (w, v) => {
    const { key, env } = encryptedPemKey(w, 'id_rsa');
    const sshd = await startSshd(w);
    trustHost(w, sshd);
    writeFileSync(join(w.home, '.ssh', 'config'), 'Host *\n    PubkeyAcceptedAlgorithms ssh-ed25519,ecdsa-sha2-nistp256\n', { mode: 0o600 });
    return (await run(w, [SSH, ...sshArgs(w, V(v)), '-i', key.path, ...at(sshd), 'true'], { env })).out;
  },
});

export const sshdKeyTypeNotAccepted = def({
  name: 'ed25519-key-rsa-only-server',
  id: 'sshd-key-type-not-accepted',
  shows: 'server',
  variants: [''],
  expect: /userauth_pubkey: (key type|signature algorithm) ssh-ed25519 not in PubkeyAcceptedAlgorithms \[preauth\]/,
  how: 'sshd `PubkeyAcceptedAlgorithms rsa-sha2-512,rsa-sha2-256`; the client offers an ed25519 key (sshd log)',
  fn: async (w) => {
    const { key, sshd } = await authorisedSetup(w, { override: ['PubkeyAcceptedAlgorithms rsa-sha2-512,rsa-sha2-256'], syslog: true });
    await run(w, [SSH, ...sshArgs(w), '-i', key.path, ...at(sshd), 'true']);
    return journal(await waitForLog(sshd, /not in PubkeyAcceptedAlgorithms/), sshd.pid);
  },
});

export const libcryptoTruncated = def({
  name: 'truncated-openssh-key',
  id: 'libcrypto-error',
  shows: 'client',
  variants: ['', '-v'],
  expect: /^Load key ".*": error in libcrypto$/m,
  how: 'an OpenSSH-format private key pasted without its last lines (END line missing); OpenSSH 9.x with OpenSSL 3 reports it as a libcrypto error',
  fn: async (w, v) => {
    const { key, sshd } = await authorisedSetup(w);
    const lines = readFileSync(key.path, 'utf8').split('\n');
    writeFileSync(key.path, lines.slice(0, lines.length - 3).join('\n') + '\n', { mode: 0o600 });
    return (await run(w, [SSH, ...sshArgs(w, V(v)), '-i', key.path, ...at(sshd), 'true'])).out;
  },
});

export const libcryptoPubAsIdentity = def({
  name: 'public-key-as-identity',
  id: 'libcrypto-error',
  shows: 'client',
  variants: [''],
  expect: /^Load key ".*": error in libcrypto$/m,
  how: 'IdentityFile points at a file holding a public key line instead of a private key',
  fn: async (w, v) => {
    const { key, sshd } = await authorisedSetup(w);
    const p = join(w.home, '.ssh', 'server_key');
    writeFileSync(p, key.pub + '\n', { mode: 0o600 });
    return (await run(w, [SSH, ...sshArgs(w, V(v)), '-i', p, ...at(sshd), 'true'])).out;
  },
});

export const invalidKeyFormat = def({
  name: 'truncated-pem-key',
  id: 'invalid-key-format',
  shows: 'client',
  variants: ['', '-v'],
  expect: /^Load key ".*": invalid format$/m,
  how: 'an RSA key in PEM format (BEGIN RSA PRIVATE KEY, as AWS hands out) with lines of its body lost in copy-paste, END line intact',
  fn: async (w, v) => {
    const key = userKey(w, 'aws-prod.pem', 'rsa', { format: 'PEM' });
    authorize(w, USER, [key.pub]);
    const sshd = await startSshd(w);
    trustHost(w, sshd);
    const lines = readFileSync(key.path, 'utf8').split('\n');
    writeFileSync(key.path, [...lines.slice(0, 10), '-----END RSA PRIVATE KEY-----', ''].join('\n'), { mode: 0o600 });
    return (await run(w, [SSH, ...sshArgs(w, V(v)), '-i', key.path, ...at(sshd), 'true'])).out;
  },
});

export const libcryptoError = def({
  name: 'corrupt-pem-key',
  id: 'libcrypto-error',
  shows: 'client',
  variants: ['', '-v'],
  expect: /^Load key ".*": error in libcrypto$/m,
  how: 'an RSA key in PEM format (BEGIN RSA PRIVATE KEY) whose base64 body was damaged in copy-paste',
  fn: async (w, v) => {
    const key = userKey(w, 'id_rsa', 'rsa', { format: 'PEM' });
    authorize(w, USER, [key.pub]);
    const sshd = await startSshd(w);
    trustHost(w, sshd);
    const lines = readFileSync(key.path, 'utf8').split('\n');
    lines[5] = lines[5]!.slice(0, 30) + lines[5]!.slice(40);
    writeFileSync(key.path, lines.join('\n'), { mode: 0o600 });
    return (await run(w, [SSH, ...sshArgs(w, V(v)), '-i', key.path, ...at(sshd), 'true'])).out;
  },
});

export const badPassphrase = def({
  name: 'ssh-add-wrong-passphrase',
  id: 'bad-passphrase',
  shows: 'command',
  variants: [''],
  expect: /^Bad passphrase, try again for .*: /m,
  how: '`ssh-add ~/.ssh/id_ed25519` in a terminal (pty) with an agent running; a wrong passphrase typed twice, then Ctrl-C (ssh itself just re-asks "Enter passphrase for key")',
  fn: async (w) => {
    const key = userKey(w, 'id_ed25519', 'ed25519', { passphrase: 'right passphrase' });
    const sock = await startAgent(w);
    const pp = { when: /: $/, text: 'wrong passphrase\n', delayMs: 50 };
    return (
      await run(w, [SSH_ADD, key.path], {
        pty: true,
        env: { SSH_AUTH_SOCK: sock },
        input: [pp, pp],
        during: async (out) => {
          await waitForOutput(out, (s) => (s.match(/Bad passphrase/g) ?? []).length >= 2, 6000, 100);
        },
        stopAfter: true,
      })
    ).out;
  },
});

export const badPassphraseKeygen = def({
  name: 'ssh-keygen-wrong-passphrase',
  id: 'bad-passphrase',
  shows: 'command',
  variants: [''],
  expect: /^Load key ".*": incorrect passphrase supplied to decrypt private key$/m,
  how: '`ssh-keygen -y -f KEY -P WRONG` on an encrypted key',
  fn: async (w) => {
    const key = userKey(w, 'id_ed25519', 'ed25519', { passphrase: 'right passphrase' });
    return (await run(w, [SSH_KEYGEN, '-y', '-f', key.path, '-P', 'wrong'])).out;
  },
});

export const identityNotAccessible = def({
  name: 'missing-identity-file',
  id: 'identity-file-not-accessible',
  shows: 'client',
  variants: ['', '-v'],
  expect: /^Warning: Identity file .* not accessible: No such file or directory\.$/m,
  how: '-i names a key file that does not exist (a typo); the login still fails',
  fn: async (w, v) => {
    const { sshd } = await authorisedSetup(w);
    return (await run(w, [SSH, ...sshArgs(w, V(v)), '-i', join(w.home, '.ssh', 'id_rsa'), ...at(sshd), 'true'])).out;
  },
});

// =============================================================================================
// Agent

export async function startAgent(w: Work): Promise<string> {
  const sock = join(w.dir, 'agent.sock');
  const p = track(spawn(SSH_AGENT, ['-D', '-a', sock], { stdio: 'ignore', env: { PATH: '/usr/bin:/bin' } }));
  w.cleanups.push(() => stopProcess(p));
  w.replacements.push([sock, '/tmp/ssh-XXXXk2Pq1c/agent.2154']);
  for (let i = 0; i < 100 && !existsSync(sock); i++) await sleep(20);
  return sock;
}

export const agentRefused = def({
  name: 'confirm-without-askpass',
  id: 'agent-refused-operation',
  shows: 'client',
  variants: ['', '-v'],
  expect: /sign_and_send_pubkey: signing failed for \S+ ".*" from agent: agent refused operation/,
  how: 'the authorised key is loaded into ssh-agent with `ssh-add -c` (confirm each use) and no ssh-askpass is installed, so the agent refuses to sign',
  fn: async (w, v) => {
    const { key, sshd } = await authorisedSetup(w);
    const sock = await startAgent(w);
    await run(w, [SSH_ADD, '-c', key.path], { env: { SSH_AUTH_SOCK: sock } });
    const hidden = join(w.dir, 'hidden');
    mkdirSync(hidden);
    // Only the agent holds the private key; the client is pointed at the public half.
    copyFileSync(`${key.path}.pub`, join(hidden, 'id_ed25519.pub'));
    w.replacements.push([join(hidden, 'id_ed25519.pub'), '/home/alice/.ssh/id_ed25519.pub']);
    return (await run(w, [SSH, ...sshArgs(w, V(v)), '-i', join(hidden, 'id_ed25519.pub'), ...at(sshd), 'true'], { env: { SSH_AUTH_SOCK: sock } })).out;
  },
});

export const noAgent = def({
  name: 'ssh-add-no-agent',
  id: 'could-not-open-agent-connection',
  shows: 'command',
  variants: [''],
  expect: /^Could not open a connection to your authentication agent\.$/m,
  how: '`ssh-add ~/.ssh/id_ed25519` with no SSH_AUTH_SOCK in the environment (no agent started in this shell)',
  fn: async (w) => {
    const key = userKey(w, 'id_ed25519', 'ed25519');
    return (await run(w, [SSH_ADD, key.path])).out;
  },
});

export const staleAgentSocket = def({
  name: 'stale-agent-socket',
  id: 'could-not-open-agent-connection',
  shows: 'command',
  variants: [''],
  expect: /^Error connecting to agent: No such file or directory$/m,
  how: '`ssh-add -l` with SSH_AUTH_SOCK pointing at a socket that no longer exists (the agent died, or a stale tmux/screen environment)',
  fn: async (w) => {
    const sock = join(w.dir, 'ssh-gone', 'agent.1234');
    w.replacements.push([sock, '/tmp/ssh-XXXXk2Pq1c/agent.2154']);
    return (await run(w, [SSH_ADD, '-l'], { env: { SSH_AUTH_SOCK: sock } })).out;
  },
});

export const agentNoIdentities = def({
  name: 'empty-agent',
  id: 'agent-has-no-identities',
  shows: 'command',
  variants: [''],
  expect: /^The agent has no identities\.$/m,
  how: '`ssh-add -l` against a freshly started ssh-agent',
  fn: async (w) => {
    const sock = await startAgent(w);
    return (await run(w, [SSH_ADD, '-l'], { env: { SSH_AUTH_SOCK: sock } })).out;
  },
});

// =============================================================================================
// Session

export const accountNotAvailable = def({
  name: 'nologin-shell',
  id: 'account-not-available',
  shows: 'client',
  variants: ['', '-v'],
  expect: /^This account is currently not available\.$/m,
  how: `interactive login (pty) as the throwaway user ${NOLOGIN_USER} whose shell is /usr/sbin/nologin (shown as user "backup")`,
  fn: async (w, v) => {
    const key = userKey(w, 'id_ed25519', 'ed25519');
    authorize(w, NOLOGIN_USER, [key.pub]);
    const sshd = await startSshd(w);
    trustHost(w, sshd);
    return (await run(w, [SSH, ...sshArgs(w, V(v)), '-i', key.path, ...at(sshd, NOLOGIN_USER)], { pty: true })).out;
  },
});

export const connectionClosedSessionKilled = def({
  name: 'session-killed',
  id: 'connection-closed',
  shows: 'client',
  variants: ['', '-v'],
  expect: /^Connection to \S+ closed by remote host\.$/m,
  how: 'an interactive session (pty) whose server-side sshd session process is terminated (as on a server restart or OOM kill)',
  fn: async (w, v) => {
    const { key, sshd } = await authorisedSetup(w);
    return (
      await run(w, [SSH, ...sshArgs(w, V(v)), '-t', '-i', key.path, ...at(sshd), 'sleep 20'], {
        pty: true,
        during: async () => {
          await sleep(1200);
          for (const pid of descendants(sshd.pid).reverse()) {
            try {
              process.kill(pid, 'SIGTERM');
            } catch {
              /* gone */
            }
          }
        },
        timeoutMs: 15000,
      })
    ).out;
  },
});

export const connectionClosedGraceTime = def({
  name: 'login-grace-time',
  id: 'connection-closed',
  shows: 'client',
  variants: ['', '-v'],
  expect: /^Connection closed by \S+ port \d+$/m,
  how: 'sshd `LoginGraceTime 2`; the user answers the password prompt (pty) only after 3.5 s, when the server has already dropped the connection',
  fn: async (w, v) => {
    const sshd = await startSshd(w, { override: ['PasswordAuthentication yes', 'LoginGraceTime 2'] });
    trustHost(w, sshd);
    return (
      await run(w, [SSH, ...sshArgs(w, V(v)), '-o', 'PubkeyAuthentication=no', ...at(sshd), 'true'], {
        pty: true,
        input: [{ when: /password: $/, text: 'Corpus-pw-41\n', delayMs: 3500 }],
        timeoutMs: 12000,
      })
    ).out;
  },
});

export const serverNotResponding = def({
  name: 'frozen-path',
  id: 'server-not-responding',
  shows: 'client',
  variants: ['', '-v'],
  expect: /^Timeout, server \S+ not responding\.$/m,
  how: 'ServerAliveInterval 1, ServerAliveCountMax 2; a TCP proxy between client and sshd stops passing traffic mid-session (a dead NAT / VPN path)',
  fn: async (w, v) => {
    const { key, sshd } = await authorisedSetup(w);
    const px = await proxy(w, sshd.port);
    w.ports.set(px.port, 2222);
    writeFileSync(join(w.home, '.ssh', 'known_hosts'), readFileSync(join(w.home, '.ssh', 'known_hosts'), 'utf8').split(String(sshd.port)).join(String(px.port)));
    return (
      await run(w, [SSH, ...sshArgs(w, V(v)), '-o', 'ServerAliveInterval=1', '-o', 'ServerAliveCountMax=2', '-i', key.path, ...at(px.port), 'sleep 20'], {
        during: async () => {
          await sleep(1000);
          px.state.freeze = true;
        },
        timeoutMs: 15000,
      })
    ).out;
  },
});

export const brokenPipe = def({
  name: 'path-reset-mid-session',
  id: 'broken-pipe',
  shows: 'client',
  variants: ['', '-v'],
  expect: /Broken pipe/,
  how: 'an interactive session (pty) through a TCP proxy that drops the connection (RST) mid-session; the client then writes (a keep-alive)',
  fn: async (w, v) => {
    const { key, sshd } = await authorisedSetup(w);
    const px = await proxy(w, sshd.port);
    w.ports.set(px.port, 2222);
    writeFileSync(join(w.home, '.ssh', 'known_hosts'), readFileSync(join(w.home, '.ssh', 'known_hosts'), 'utf8').split(String(sshd.port)).join(String(px.port)));
    return (
      await run(w, [SSH, ...sshArgs(w, V(v)), '-o', 'ServerAliveInterval=1', '-t', '-i', key.path, ...at(px.port), 'sleep 20'], {
        pty: true,
        during: async () => {
          await sleep(1200);
          px.state.freeze = true;
          for (const c of px.state.clients) c.resetAndDestroy();
        },
        timeoutMs: 15000,
      })
    ).out;
  },
});

export const ptyNotAllocated = def({
  name: 'stdin-not-a-terminal',
  id: 'pseudo-terminal-not-allocated',
  shows: 'client',
  variants: ['', '-v'],
  expect: /^Pseudo-terminal will not be allocated because stdin is not a terminal\.$/m,
  how: '`echo uptime | ssh -t host` from a script: a tty is requested but stdin is a pipe',
  fn: async (w, v) => {
    const { key, sshd } = await authorisedSetup(w);
    return (await run(w, [SSH, ...sshArgs(w, V(v)), '-t', '-i', key.path, ...at(sshd)], { input: [{ text: 'exit\n' }] })).out;
  },
});

export const subsystemFailed = def({
  name: 'sftp-server-missing',
  id: 'subsystem-request-failed',
  shows: 'client',
  variants: ['', '-v', '-vvv'],
  expect: /^Connection closed$/m,
  how: 'sshd `Subsystem sftp` points at a binary that is not installed; `sftp` to it (OpenSSH 9.2 prints only "Connection closed"; -vvv shows the refused subsystem request)',
  fn: async (w, v) => {
    const { key, sshd } = await authorisedSetup(w, { override: ['Subsystem sftp /usr/libexec/openssh/sftp-server'] });
    return (
      await run(w, ['sftp', ...sshArgs(w, V(v)), '-i', key.path, '-P', String(sshd.port), `${USER}@127.0.0.1`], {
        input: [{ text: 'ls\n' }],
      })
    ).out;
  },
});

export const subsystemNotDefined = def({
  name: 'no-sftp-subsystem',
  id: 'subsystem-request-failed',
  shows: 'client',
  variants: ['', '-v'],
  expect: /subsystem request failed on channel 0/,
  how: 'sshd_config has no `Subsystem sftp` line (commented out); `sftp` to it',
  fn: async (w, v) => {
    const { key, sshd } = await authorisedSetup(w, { override: ['Subsystem backup /usr/bin/true'] });
    return (await run(w, ['sftp', ...sshArgs(w, V(v)), '-i', key.path, '-P', String(sshd.port), `${USER}@127.0.0.1`], { input: [{ text: 'ls\n' }] })).out;
  },
});

export const subsystemFailedScp = def({
  name: 'scp-sftp-server-missing',
  id: 'subsystem-request-failed',
  shows: 'client',
  variants: [''],
  expect: /^scp: Connection closed$/m,
  how: 'sshd `Subsystem sftp` points at a binary that is not installed; `scp` (which uses SFTP since OpenSSH 9.0) to it',
  fn: async (w, v) => {
    const { key, sshd } = await authorisedSetup(w, { override: ['Subsystem sftp /usr/libexec/openssh/sftp-server'] });
    const f = join(w.home, 'report.csv');
    writeFileSync(f, 'a,b\n');
    return (await run(w, ['scp', ...sshArgs(w, V(v)), '-i', key.path, '-P', String(sshd.port), f, `${USER}@127.0.0.1:/tmp/`])).out;
  },
});

export const receivedMessageTooLong = def({
  name: 'bashrc-echo',
  id: 'received-message-too-long',
  shows: 'client',
  variants: ['', '-v'],
  expect: /^Received message too long \d+$/m,
  how: `the throwaway user's ~/.bashrc prints a greeting for non-interactive shells; \`sftp\` to it (the .bashrc is restored afterwards)`,
  fn: async (w, v) => {
    const { key, sshd } = await authorisedSetup(w);
    const { home, uid, gid } = userIds(USER);
    const rc = join(home, '.bashrc');
    const orig = existsSync(rc) ? readFileSync(rc) : null;
    w.cleanups.push(() => (orig ? writeFileSync(rc, orig) : writeFileSync(rc, '')));
    writeFileSync(rc, 'echo "This is the staging server. Be careful!"\n' + (orig?.toString() ?? ''));
    chownSync(rc, uid, gid);
    w.replacements.push([home, '/home/alice']);
    return (await run(w, ['sftp', ...sshArgs(w, V(v)), '-i', key.path, '-P', String(sshd.port), `${USER}@127.0.0.1`], { input: [{ text: 'ls\n' }] })).out;
  },
});

export const loginAsUserNotRoot = def({
  name: 'cloud-init-root-key',
  id: 'login-as-user-not-root',
  shows: 'client',
  variants: ['', '-v'],
  expect: /^Please login as the user "ubuntu" rather than the user "root"\.$/m,
  how: "ssh as root with a key whose authorized_keys line carries cloud-init's disable_root command= option (its `sleep 10` shortened to `sleep 1`)",
  fn: async (w, v) => {
    const key = userKey(w, 'id_ed25519', 'ed25519');
    authorize(w, 'root', [key.pub], {
      options: `no-port-forwarding,no-agent-forwarding,no-X11-forwarding,command="echo 'Please login as the user \\"ubuntu\\" rather than the user \\"root\\".';echo;sleep 1;exit 142"`,
    });
    const sshd = await startSshd(w);
    trustHost(w, sshd);
    return (await run(w, [SSH, ...sshArgs(w, V(v)), '-i', key.path, ...at(sshd, 'root')], { pty: true })).out;
  },
});

export const passwordExpired = def({
  name: 'pam-expired-password',
  id: 'password-expired',
  shows: 'client',
  variants: [''],
  expect: /WARNING: Your password has expired\.|You are required to change your password immediately/,
  how: 'sshd with UsePAM yes; the throwaway user\'s password is marked expired (`chage -d 0`, restored afterwards); the right password typed in a terminal (pty)',
  fn: async (w, v) => {
    const sshd = await startSshd(w, { override: ['UsePAM yes', 'PasswordAuthentication yes', 'KbdInteractiveAuthentication yes'] });
    trustHost(w, sshd);
    const before = spawnSync('chage', ['-l', USER], { encoding: 'utf8' }).stdout;
    spawnSync('chage', ['-d', '0', USER]);
    w.cleanups.push(() => {
      spawnSync('chage', ['-d', new Date().toISOString().slice(0, 10), USER]);
    });
    void before;
    return (
      await run(w, [SSH, ...sshArgs(w, V(v)), '-o', 'PubkeyAuthentication=no', ...at(sshd)], {
        pty: true,
        input: [{ when: /[Pp]assword: $/, text: `${USER_PASSWORD}\n`, delayMs: 50 }],
        during: async (out) => {
          await waitForOutput(out, (s) => /Current password: $|\(current\) UNIX password: $/.test(s), 8000, 200);
        },
        stopAfter: true,
        timeoutMs: 15000,
      })
    ).out;
  },
});

// =============================================================================================
// Forwarding

export const adminProhibited = def({
  name: 'allowtcpforwarding-no',
  id: 'port-forwarding-administratively-prohibited',
  shows: 'client',
  variants: ['', '-v'],
  expect: /channel \d+: open failed: administratively prohibited: open failed/,
  how: 'sshd `AllowTcpForwarding no`; `ssh -N -L 8080:localhost:80` and a connection to the local port',
  fn: async (w, v) => {
    const { key, sshd } = await authorisedSetup(w, { override: ['AllowTcpForwarding no'] });
    const lport = await freePort();
    const target = await freePort();
    w.ports.set(lport, 8080).set(target, 80);
    return (
      await run(w, [SSH, ...sshArgs(w, V(v)), '-N', '-L', `${lport}:localhost:${target}`, '-i', key.path, ...at(sshd)], {
        during: async (out) => {
          await connectWhenListening(lport);
          await waitForOutput(out, (s) => /open failed/.test(s), 3000, 150);
        },
        stopAfter: true,
      })
    ).out;
  },
});

async function connectWhenListening(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((res) => {
      const s = connect(port, '127.0.0.1');
      s.on('connect', () => {
        setTimeout(() => s.destroy(), 1500);
        res(true);
      });
      s.on('error', () => res(false));
    });
    if (ok) return;
    await sleep(50);
  }
}

export const forwardConnectFailed = def({
  name: 'tunnel-target-closed',
  id: 'forward-connect-failed',
  shows: 'client',
  variants: ['', '-v'],
  expect: /channel \d+: open failed: connect failed: Connection refused/,
  how: '`ssh -N -L 5432:localhost:5432` where nothing listens on the target port on the server side; a connection to the local port',
  fn: async (w, v) => {
    const { key, sshd } = await authorisedSetup(w);
    const lport = await freePort();
    const target = await freePort();
    w.ports.set(lport, 15432).set(target, 5432);
    return (
      await run(w, [SSH, ...sshArgs(w, V(v)), '-N', '-L', `${lport}:localhost:${target}`, '-i', key.path, ...at(sshd)], {
        during: async (out) => {
          await connectWhenListening(lport);
          await waitForOutput(out, (s) => /open failed/.test(s), 3000, 150);
        },
        stopAfter: true,
      })
    ).out;
  },
});

export const forwardConnectFailedLong = def({
  name: 'many-tunnel-connections',
  id: 'forward-connect-failed',
  shows: 'client',
  variants: ['-vvv'],
  expect: /channel \d+: open failed: connect failed: Connection refused/,
  how: 'a long real -vvv log (used by the bench): `ssh -vvv -N -L 15432:localhost:5432` with nothing listening on the target, and an application retrying the local port 300 times',
  fn: async (w, v) => {
    const { key, sshd } = await authorisedSetup(w);
    const lport = await freePort();
    const target = await freePort();
    w.ports.set(lport, 15432).set(target, 5432);
    return (
      await run(w, [SSH, ...sshArgs(w, V(v)), '-N', '-L', `${lport}:localhost:${target}`, '-i', key.path, ...at(sshd)], {
        during: async (out) => {
          await connectWhenListening(lport);
          for (let i = 0; i < 300; i++) {
            await new Promise<void>((res) => {
              const s = connect(lport, '127.0.0.1');
              s.on('error', () => res());
              s.on('close', () => res());
            });
          }
          await waitForOutput(out, (s) => (s.match(/open failed: connect failed/g) ?? []).length >= 301, 5000, 200);
        },
        stopAfter: true,
        timeoutMs: 40000,
      })
    ).out;
  },
});

export const localForwardInUse = def({
  name: 'local-port-taken',
  id: 'local-forward-address-in-use',
  shows: 'client',
  variants: ['', '-v'],
  expect: /Address already in use/,
  how: '`ssh -N -L 8080:localhost:80` while another program already listens on 127.0.0.1:8080',
  fn: async (w, v) => {
    const { key, sshd } = await authorisedSetup(w);
    const lport = await tcpListener(w, (s) => s.destroy());
    const target = await freePort();
    w.ports.set(lport, 8080).set(target, 80);
    return (
      await run(w, [SSH, ...sshArgs(w, V(v)), '-N', '-L', `${lport}:localhost:${target}`, '-i', key.path, ...at(sshd)], {
        during: async (out) => {
          await waitForOutput(out, (s) => /Could not request local forwarding/.test(s), 4000, 200);
        },
        stopAfter: true,
      })
    ).out;
  },
});

export const remoteForwardFailed = def({
  name: 'remote-forward-prohibited',
  id: 'remote-forward-failed',
  shows: 'client',
  variants: ['', '-v'],
  expect: /^Warning: remote port forwarding failed for listen port \d+$/m,
  how: 'sshd `AllowTcpForwarding local`; `ssh -N -R 8080:localhost:80`',
  fn: async (w, v) => {
    const { key, sshd } = await authorisedSetup(w, { override: ['AllowTcpForwarding local'] });
    const rport = await freePort();
    w.ports.set(rport, 8080);
    return (
      await run(w, [SSH, ...sshArgs(w, V(v)), '-N', '-R', `${rport}:localhost:80`, '-i', key.path, ...at(sshd)], {
        during: async (out) => {
          await waitForOutput(out, (s) => /remote port forwarding failed/.test(s), 4000, 200);
        },
        stopAfter: true,
      })
    ).out;
  },
});

export const remoteForwardFailedExit = def({
  name: 'remote-port-in-use-exit',
  id: 'remote-forward-failed',
  shows: 'client',
  variants: ['', '-v'],
  expect: /^Error: remote port forwarding failed for listen port \d+$/m,
  how: '`ssh -N -o ExitOnForwardFailure=yes -R 8080:localhost:80` while the port is already taken on the server',
  fn: async (w, v) => {
    const { key, sshd } = await authorisedSetup(w);
    const rport = await tcpListener(w, (s) => s.destroy(), '::');
    w.ports.set(rport, 8080);
    return (await run(w, [SSH, ...sshArgs(w, V(v)), '-N', '-o', 'ExitOnForwardFailure=yes', '-R', `${rport}:localhost:80`, '-i', key.path, ...at(sshd)], { timeoutMs: 8000 })).out;
  },
});

export const x11Failed = def({
  name: 'x11forwarding-no',
  id: 'x11-forwarding-failed',
  shows: 'client',
  variants: ['', '-v'],
  expect: /^X11 forwarding request failed on channel 0$/m,
  how: 'sshd X11Forwarding no (the default); `ssh -X` from a terminal (pty) with DISPLAY set',
  fn: async (w, v) => {
    const { key, sshd } = await authorisedSetup(w, { override: ['X11Forwarding no'] });
    return (await run(w, [SSH, ...sshArgs(w, V(v)), '-X', '-i', key.path, ...at(sshd), 'true'], { pty: true, env: { DISPLAY: 'localhost:10.0' } })).out;
  },
});

async function jumpSetup(w: Work, jumpOpts: Parameters<typeof startSshd>[1]) {
  // ProxyJump runs a second ssh that only inherits -F, so the settings go into the config file.
  const key = userKey(w, 'id_ed25519', 'ed25519');
  authorize(w, USER, [key.pub]);
  const jump = await startSshd(w, jumpOpts);
  const kh = join(w.home, '.ssh', 'known_hosts');
  writeFileSync(
    join(w.home, '.ssh', 'config'),
    `Host *\n    UserKnownHostsFile ${kh}\n    GlobalKnownHostsFile /dev/null\n    IdentityFile ${key.path}\n    User ${USER}\n`,
    { mode: 0o600 },
  );
  trustHost(w, jump);
  w.replacements.push(['localhost', 'db1.internal']);
  return { key, jump };
}

export const proxyJumpProhibited = def({
  name: 'jump-host-forwarding-disabled',
  id: 'proxyjump-stdio-forwarding-failed',
  shows: 'client',
  variants: ['', '-v'],
  expect: /^stdio forwarding failed$/m,
  how: '`ssh -J bastion db1` where the bastion sshd has `AllowTcpForwarding no`',
  fn: async (w, v) => {
    const { jump } = await jumpSetup(w, { override: ['AllowTcpForwarding no'] });
    return (await run(w, [SSH, '-F', join(w.home, '.ssh', 'config'), ...V(v), '-J', `${USER}@127.0.0.1:${jump.port}`, '-p', '22', 'localhost', 'true'])).out;
  },
});

export const proxyJumpTargetDown = def({
  name: 'jump-target-refused',
  id: 'proxyjump-stdio-forwarding-failed',
  shows: 'client',
  variants: ['', '-v'],
  expect: /^stdio forwarding failed$/m,
  how: '`ssh -J bastion db1` where nothing listens on the target port (seen from the bastion)',
  fn: async (w, v) => {
    const { jump } = await jumpSetup(w, {});
    const closed = await freePort();
    w.ports.set(closed, 22);
    return (await run(w, [SSH, '-F', join(w.home, '.ssh', 'config'), ...V(v), '-J', `${USER}@127.0.0.1:${jump.port}`, '-p', String(closed), 'localhost', 'true'])).out;
  },
});

// =============================================================================================
// Server logs

export const sshdBadModes = def({
  name: 'dot-ssh-mode-0777',
  id: 'sshd-bad-ownership-or-modes',
  shows: 'server',
  variants: [''],
  expect: /Authentication refused: bad ownership or modes for directory \S+\.ssh/,
  how: 'sshd StrictModes yes; the user\'s ~/.ssh has mode 0777 (sshd log)',
  fn: async (w) => {
    const key = userKey(w, 'id_ed25519', 'ed25519');
    const dotssh = join(w.srvHome, '.ssh');
    const ak = join(dotssh, 'authorized_keys');
    writeFileSync(ak, key.pub + '\n', { mode: 0o600 });
    const { uid, gid } = userIds(USER);
    for (const p of [w.srvHome, dotssh, ak]) chownSync(p, uid, gid);
    chmodSync(dotssh, 0o777);
    const sshd = await startSshd(w, { override: ['StrictModes yes', `AuthorizedKeysFile ${ak}`], syslog: true });
    trustHost(w, sshd);
    await run(w, [SSH, ...sshArgs(w), '-i', key.path, ...at(sshd), 'true']);
    return journal(await waitForLog(sshd, /Authentication refused/), sshd.pid);
  },
});

export const sshdAuthorizedKeysDenied = def({
  name: 'authorized-keys-unreadable',
  id: 'sshd-authorized-keys-permission-denied',
  shows: 'server',
  variants: [''],
  expect: /Could not open user '\S+' authorized keys '.*': Permission denied/,
  how: 'authorized_keys owned by root with mode 0600, so sshd (reading it as the user) gets EACCES (sshd log)',
  fn: async (w) => {
    const { key, sshd } = await authorisedSetup(w, { syslog: true });
    const ak = join(w.dir, 'authorized_keys', USER);
    chownSync(ak, 0, 0);
    chmodSync(ak, 0o600);
    await run(w, [SSH, ...sshArgs(w), '-i', key.path, ...at(sshd), 'true']);
    return journal(await waitForLog(sshd, /Could not open user/), sshd.pid);
  },
});

export const sshdUserNotAllowed = def({
  name: 'allowusers',
  id: 'sshd-user-not-allowed',
  shows: 'server',
  variants: [''],
  expect: /User \S+ from \S+ not allowed because not listed in AllowUsers/,
  how: 'sshd `AllowUsers deploy`; the user logs in as someone else (sshd log)',
  fn: async (w) => {
    const { key, sshd } = await authorisedSetup(w, { override: ['AllowUsers deploy'], syslog: true });
    await run(w, [SSH, ...sshArgs(w), '-i', key.path, ...at(sshd), 'true']);
    return journal(await waitForLog(sshd, /not allowed because/), sshd.pid);
  },
});

export const sshdUserDenied = def({
  name: 'denyusers',
  id: 'sshd-user-not-allowed',
  shows: 'server',
  variants: [''],
  expect: /User \S+ from \S+ not allowed because listed in DenyUsers/,
  how: `sshd \`DenyUsers ${USER}\` (sshd log)`,
  fn: async (w) => {
    const { key, sshd } = await authorisedSetup(w, { override: [`DenyUsers ${USER}`], syslog: true });
    await run(w, [SSH, ...sshArgs(w), '-i', key.path, ...at(sshd), 'true']);
    return journal(await waitForLog(sshd, /not allowed because/), sshd.pid);
  },
});

export const sshdInvalidUser = def({
  name: 'unknown-user',
  id: 'sshd-invalid-user',
  shows: 'server',
  variants: [''],
  expect: /Invalid user admin from \S+ port \d+/,
  how: 'ssh as a user that does not exist on the server (sshd log)',
  fn: async (w) => {
    const { key, sshd } = await authorisedSetup(w, { syslog: true });
    await run(w, [SSH, ...sshArgs(w), '-i', key.path, ...at(sshd, 'admin'), 'true']);
    return journal(await waitForLog(sshd, /Connection closed by invalid user|Invalid user/), sshd.pid);
  },
});

export const sshdAddressInUse = def({
  name: 'port-taken',
  id: 'sshd-address-in-use',
  shows: 'server',
  variants: [''],
  expect: /Bind to port \d+ on \S+ failed: Address already in use\./,
  how: 'sshd started on a port another process already listens on (sshd log; shown as port 22)',
  fn: async (w) => {
    const port = await tcpListener(w, (s) => s.destroy());
    const sshd = await startSshd(w, { port, expectFail: true, shownPort: 22, syslog: true });
    return journal(await waitForLog(sshd, /Cannot bind any address/), sshd.pid);
  },
});

export const sshdNoHostKeys = def({
  name: 'host-key-missing',
  id: 'sshd-no-hostkeys-available',
  shows: 'server',
  variants: [''],
  expect: /no hostkeys available -- exiting\./,
  how: 'sshd whose HostKey files do not exist (deleted, or a fresh image without ssh-keygen -A); its stderr, as journald records it',
  fn: async (w) => {
    // These lines come before sshd switches to syslog: they go to stderr, which journald records.
    const port = await freePort();
    w.ports.set(port, 22);
    const conf = join(w.etc, 'sshd_config');
    writeFileSync(conf, sshdConfigText(w, port, { hostKeys: [], extra: [`HostKey ${join(w.etc, 'ssh_host_ed25519_key')}`, `HostKey ${join(w.etc, 'ssh_host_rsa_key')}`] }));
    const r = await run(w, [SSHD, '-f', conf, '-D'], { timeoutMs: 5000 });
    return journal(r.out, 1234);
  },
});

export const sshdMissingPrivsep = def({
  name: 'no-run-sshd',
  id: 'sshd-missing-privilege-separation-directory',
  shows: 'server',
  variants: [''],
  expect: /Missing privilege separation directory: \/run\/sshd/,
  how: 'sshd started in a private mount namespace with an empty tmpfs on /run, so /run/sshd is missing (as in a container without the tmpfiles step) (sshd output)',
  fn: async (w) => {
    keygen(join(w.etc, 'ssh_host_ed25519_key'), 'ed25519', { comment: 'root@server' });
    const port = await freePort();
    w.ports.set(port, 22);
    const conf = join(w.etc, 'sshd_config');
    writeFileSync(conf, sshdConfigText(w, port, {}));
    const r = await run(w, ['/usr/bin/unshare', '--mount', '/bin/sh', '-c', `mount -t tmpfs tmpfs /run && exec ${SSHD} -f ${conf} -D -e`], { timeoutMs: 5000 });
    return journal(r.out, 1234);
  },
});

export const sshdConfigTestFailed = def({
  name: 'sshd-t-typo',
  id: 'sshd-config-test-failed',
  shows: 'command',
  variants: [''],
  expect: /Bad configuration option: PermitRootLogon[\s\S]*terminating, 1 bad configuration options/,
  how: '`sshd -t` on an sshd_config with a misspelled keyword (PermitRootLogon)',
  fn: async (w) => {
    keygen(join(w.etc, 'ssh_host_ed25519_key'), 'ed25519', { comment: 'root@server' });
    const port = await freePort();
    const conf = join(w.etc, 'sshd_config');
    writeFileSync(conf, sshdConfigText(w, port, { override: ['PermitRootLogon no'] }));
    return (await run(w, [SSHD, '-t', '-f', conf])).out;
  },
});

export const sshdConfigTestUnsupported = def({
  name: 'sshd-t-bad-value',
  id: 'sshd-config-test-failed',
  shows: 'command',
  variants: [''],
  expect: /line \d+: .*(unsupported|Bad|invalid)/i,
  how: '`sshd -t` on an sshd_config with a bad value (`PasswordAuthentication maybe`)',
  fn: async (w) => {
    keygen(join(w.etc, 'ssh_host_ed25519_key'), 'ed25519', { comment: 'root@server' });
    const port = await freePort();
    const conf = join(w.etc, 'sshd_config');
    writeFileSync(conf, sshdConfigText(w, port, { override: ['PasswordAuthentication maybe'] }));
    return (await run(w, [SSHD, '-t', '-f', conf])).out;
  },
});

// =============================================================================================

export const scenarios: Scenario[] = [
  connectionRefused,
  connectionTimedOut,
  networkUnreachable,
  noRouteToHost,
  couldNotResolveTemporary,
  couldNotResolveUnknown,
  connectionResetByPeer,
  connectionClosedByRemote,
  invalidBannerBinary,
  invalidBannerSsh1,
  noMatchingKex,
  noMatchingHostKeyType,
  noMatchingCipher,
  noMatchingMac,
  corruptedMac,
  hostKeyChanged,
  hostKeyVerificationFailedBatch,
  hostKeyVerificationFailedStrict,
  authenticityPrompt,
  authenticityAnsweredNo,
  hostKeyDiffersForIp,
  permanentlyAdded,
  knownHostsNotWritable,
  badOwnerConfig,
  badConfigOption,
  unprotectedKey,
  permissionDeniedPublickey,
  permissionDeniedManyKeys,
  permissionDeniedPassword,
  tooManyAuthFailures,
  sshdMaxAuthAttempts,
  noMutualSignature,
  sshdKeyTypeNotAccepted,
  invalidKeyFormat,
  libcryptoError,
  libcryptoTruncated,
  libcryptoPubAsIdentity,
  badPassphrase,
  badPassphraseKeygen,
  identityNotAccessible,
  agentRefused,
  noAgent,
  staleAgentSocket,
  agentNoIdentities,
  accountNotAvailable,
  connectionClosedSessionKilled,
  connectionClosedGraceTime,
  serverNotResponding,
  brokenPipe,
  ptyNotAllocated,
  subsystemFailed,
  subsystemNotDefined,
  subsystemFailedScp,
  receivedMessageTooLong,
  loginAsUserNotRoot,
  passwordExpired,
  adminProhibited,
  forwardConnectFailed,
  forwardConnectFailedLong,
  localForwardInUse,
  remoteForwardFailed,
  remoteForwardFailedExit,
  x11Failed,
  proxyJumpProhibited,
  proxyJumpTargetDown,
  sshdBadModes,
  sshdAuthorizedKeysDenied,
  sshdUserNotAllowed,
  sshdUserDenied,
  sshdInvalidUser,
  sshdAddressInUse,
  sshdNoHostKeys,
  sshdMissingPrivsep,
  sshdConfigTestFailed,
  sshdConfigTestUnsupported,
];

/** Ids that cannot be reproduced honestly on loopback with this OpenSSH, and why (CAPTURED.md). */
export const notReproducible: Record<string, string> = {
  'post-quantum-kex-warning': 'printed only by OpenSSH 10.1+; this machine has an older client.',
  'load-pubkey-invalid-format':
    "OpenSSH 9.2's sshkey_load_public (authfile.c) turns every failure to read a public half into ENOENT (\"Pretend we couldn't find the key\"), which ssh.c check_load ignores, so 9.2 never prints `load pubkey ...: invalid format` (tried: PEM key without .pub, garbage .pub).",
  'git-repository-access-denied': 'printed by a git hosting service (GitHub/GitLab) after SSH auth; faking it with a ForceCommand would not be real output.',
  'sshd-timeout-before-authentication':
    "Debian 12's sshd 9.2p1-2+deb12u3 and later (the CVE-2024-6387 fix) logs nothing when LoginGraceTime expires (tried: LoginGraceTime 1, a client that sends its banner and stalls); 8.5-9.7 unpatched log it from the signal handler, 9.8+ from the listener.",
  'openssl-version-mismatch': 'needs an ssh binary built against a different OpenSSL than the one installed; this machine has one matching pair from Debian packages.',
};

