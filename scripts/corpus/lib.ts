/**
 * Plumbing for the real-OpenSSH corpus: throwaway temp dirs, host and user keys made with
 * ssh-keygen, throwaway sshd instances on 127.0.0.1 high ports, plain TCP listeners that
 * misbehave, running the real client (optionally under a pty) and sanitising what it printed.
 *
 * Nothing here touches the system's sshd, port 22, /etc/ssh or any real ~/.ssh: every file
 * lives in a scenario's own temp dir, every process is started here and stopped by its PID.
 * The only system change is two throwaway accounts (`sshfix-alice`, `sshfix-nologin`, see
 * ensureUsers) and /run/sshd (sshd's compiled-in privilege separation dir) if it is missing.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SSH = '/usr/bin/ssh';
export const SSHD = '/usr/sbin/sshd';
export const SSH_KEYGEN = '/usr/bin/ssh-keygen';
export const SSH_AGENT = '/usr/bin/ssh-agent';
export const SSH_ADD = '/usr/bin/ssh-add';

/** The throwaway accounts the scenarios log in as. */
export const USER = 'sshfix-alice';
export const NOLOGIN_USER = 'sshfix-nologin';
export const USER_PASSWORD = 'Corpus-pw-41';

/** Public stand-ins the captures are rewritten to. */
export const PUBLIC_ADDR = '203.0.113.10';
export const PUBLIC_PORT = 2222;

/** python3 for the two helpers Node cannot be (a never-accepting listener, a syslog socket). */
export const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

let havePython: boolean | undefined;
export function pythonAvailable(): boolean {
  havePython ??= spawnSync(PYTHON, ['-c', 'import socket'], { stdio: 'ignore' }).status === 0;
  return havePython;
}

export function sshdAvailable(): boolean {
  return existsSync(SSHD) && existsSync(SSH) && existsSync(SSH_KEYGEN);
}

export function opensshVersion(): string {
  const r = spawnSync(SSH, ['-V'], { encoding: 'utf8' });
  const m = /OpenSSH_[0-9.]+p?[0-9]*/.exec(r.stderr || r.stdout || '');
  return m ? m[0] : 'OpenSSH (unknown version)';
}

export function osName(): string {
  try {
    const rel = readFileSync('/etc/os-release', 'utf8');
    const name = /^NAME="?([^"\n]+)"?/m.exec(rel)?.[1]?.replace(' GNU/Linux', '') ?? 'Linux';
    const ver = /^VERSION_ID="?([^"\n]+)"?/m.exec(rel)?.[1] ?? '';
    return `${name} ${ver}`.trim();
  } catch {
    return 'Linux';
  }
}

function sh(cmd: string, args: string[], opts: { allowFail?: boolean } = {}): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0 && !opts.allowFail) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  }
  return (r.stdout ?? '') + (r.stderr ?? '');
}

let usersReady = false;
/**
 * Creates (once, idempotently) the throwaway accounts: `sshfix-alice` (bash, a password so the
 * account is not locked) and `sshfix-nologin` (shell /usr/sbin/nologin). Also makes sure
 * /run/sshd exists, as the Debian package's service unit would.
 */
export function ensureUsers(): void {
  if (usersReady) return;
  if (process.getuid?.() !== 0) throw new Error('the corpus scenarios need root (throwaway sshd + users)');
  for (const [name, shell] of [
    [USER, '/bin/bash'],
    [NOLOGIN_USER, '/usr/sbin/nologin'],
  ] as const) {
    if (spawnSync('id', [name]).status !== 0) {
      sh('useradd', ['--create-home', '--shell', shell, '--comment', 'SSH Fix corpus throwaway user', name]);
    }
    spawnSync('chpasswd', [], { input: `${name}:${USER_PASSWORD}\n` });
  }
  if (!existsSync('/run/sshd')) {
    mkdirSync('/run/sshd', { mode: 0o755 });
  }
  usersReady = true;
}

export function userIds(name: string): { uid: number; gid: number; home: string } {
  const line = sh('getent', ['passwd', name]).trim().split(':');
  return { uid: Number(line[2]), gid: Number(line[3]), home: line[5]! };
}

// ---------------------------------------------------------------------------------------------
// Process bookkeeping: everything started here is stopped by PID.

const live = new Set<ChildProcess>();
export function track(p: ChildProcess): ChildProcess {
  live.add(p);
  p.once('exit', () => live.delete(p));
  return p;
}
/** How many processes started here are still running (the live test asserts 0 at the end). */
export function liveProcesses(): number {
  return [...live].filter((p) => p.exitCode === null && p.signalCode === null).length;
}
export function killAll(): void {
  for (const p of live) {
    try {
      if (p.pid) process.kill(p.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  live.clear();
}
process.once('exit', killAll);

export async function stopProcess(p: ChildProcess, timeoutMs = 3000): Promise<void> {
  if (p.exitCode !== null || p.signalCode !== null || !p.pid) return;
  const done = new Promise<void>((res) => p.once('exit', () => res()));
  try {
    process.kill(p.pid, 'SIGTERM');
  } catch {
    return;
  }
  const t = setTimeout(() => {
    try {
      if (p.pid) process.kill(p.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }, timeoutMs);
  await done;
  clearTimeout(t);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Poll a running command's output until `done` holds or `ms` pass, then give it `settleMs` to print the rest. */
export async function waitForOutput(out: () => string, done: (output: string) => boolean, ms: number, settleMs = 100): Promise<void> {
  const end = Date.now() + ms;
  while (!done(out()) && Date.now() < end) await sleep(25);
  await sleep(settleMs);
}

// ---------------------------------------------------------------------------------------------
// Scenario workspace

export interface Work {
  /** The scenario's temp dir (mode 0755 so sshd can read authorized_keys as the test user). */
  dir: string;
  /** The client's HOME; its .ssh/ holds keys, config and known_hosts. Shown as /home/alice. */
  home: string;
  /** Server-side files (host keys, sshd_config). Shown as /etc/ssh. */
  etc: string;
  /** The test user's server-side home-like dir, where authorized_keys live. Shown as /home/alice. */
  srvHome: string;
  /** Cleanups run (in reverse) by close(). */
  cleanups: (() => Promise<void> | void)[];
  /** Extra sanitising replacements added by the scenario: [from, to]. */
  replacements: [string | RegExp, string][];
  /** Ports to rewrite: real port -> shown port. */
  ports: Map<number, number>;
  close(): Promise<void>;
}

const openDirs = new Set<string>();
/** Temp dirs of scenarios still open in this process (the live test asserts none is left). */
export function openWorkDirs(): string[] {
  return [...openDirs].filter((d) => existsSync(d));
}
process.once('exit', () => {
  for (const d of openDirs) rmSync(d, { recursive: true, force: true });
});

export function makeWork(): Work {
  ensureUsers();
  const dir = mkdtempSync(join(tmpdir(), 'sshfix-corpus-'));
  openDirs.add(dir);
  chmodSync(dir, 0o755);
  const home = join(dir, 'client');
  const etc = join(dir, 'etc');
  const srvHome = join(dir, 'srv', 'alice');
  for (const d of [home, join(home, '.ssh'), etc, srvHome, join(srvHome, '.ssh')]) mkdirSync(d, { recursive: true, mode: 0o755 });
  chmodSync(join(home, '.ssh'), 0o700);
  writeFileSync(join(home, '.ssh', 'config'), '', { mode: 0o600 });
  const w: Work = {
    dir,
    home,
    etc,
    srvHome,
    cleanups: [],
    replacements: [],
    ports: new Map(),
    async close() {
      for (const c of w.cleanups.reverse()) {
        try {
          await c();
        } catch {
          /* best effort */
        }
      }
      w.cleanups = [];
      rmSync(dir, { recursive: true, force: true });
      openDirs.delete(dir);
    },
  };
  return w;
}

export async function withWork<T>(fn: (w: Work) => Promise<T>): Promise<T> {
  const w = makeWork();
  try {
    return await fn(w);
  } finally {
    await w.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Keys

export type KeyType = 'ed25519' | 'rsa' | 'ecdsa';

export function keygen(path: string, type: KeyType, opts: { passphrase?: string; comment?: string; format?: 'PEM' } = {}): string {
  const args = ['-q', '-t', type, '-N', opts.passphrase ?? '', '-C', opts.comment ?? 'alice@laptop', '-f', path];
  if (type === 'rsa') args.push('-b', '2048');
  if (opts.format) args.push('-m', opts.format);
  sh(SSH_KEYGEN, args);
  return readFileSync(`${path}.pub`, 'utf8').trim();
}

/** A user key in the client's ~/.ssh, returning its path. */
export function userKey(w: Work, name: string, type: KeyType, opts: { passphrase?: string; format?: 'PEM' } = {}): { path: string; pub: string } {
  const path = join(w.home, '.ssh', name);
  const pub = keygen(path, type, opts);
  return { path, pub };
}

/** Writes authorized_keys for a user (owned by that user, 0600) in the server-side dir. */
export function authorize(w: Work, user: string, pubs: string[], opts: { options?: string } = {}): string {
  const d = join(w.dir, 'authorized_keys');
  mkdirSync(d, { recursive: true, mode: 0o755 });
  const f = join(d, user);
  writeFileSync(f, pubs.map((p) => (opts.options ? `${opts.options} ${p}` : p)).join('\n') + '\n', { mode: 0o600 });
  const { uid, gid } = userIds(user);
  chownSync(f, uid, gid);
  return f;
}

// ---------------------------------------------------------------------------------------------
// Ports and listeners

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => res(port));
    });
  });
}

/** A plain TCP listener on 127.0.0.1 that does `onConn` with each connection. */
export async function tcpListener(w: Work, onConn: (s: Socket) => void, host = '127.0.0.1'): Promise<number> {
  const socks = new Set<Socket>();
  const srv: Server = createServer((s) => {
    socks.add(s);
    s.on('error', () => {});
    s.once('close', () => socks.delete(s));
    onConn(s);
  });
  await new Promise<void>((res, rej) => {
    srv.once('error', rej);
    srv.listen(0, host, () => res());
  });
  w.cleanups.push(
    () =>
      new Promise<void>((res) => {
        for (const s of socks) s.destroy();
        srv.close(() => res());
      }),
  );
  const a = srv.address();
  return typeof a === 'object' && a ? a.port : 0;
}

export async function waitForPort(port: number, timeoutMs = 5000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const ok = await new Promise<boolean>((res) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        res(true);
      });
      s.once('error', () => res(false));
    });
    if (ok) return true;
    await sleep(50);
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// sshd

export interface Sshd {
  port: number;
  pid: number;
  configPath: string;
  logPath: string;
  /** The log written so far. */
  log(): string;
  stop(): Promise<void>;
}

export interface SshdOptions {
  /** Host key types to generate (default ed25519). */
  hostKeys?: KeyType[];
  /** Extra sshd_config lines, appended after the defaults (sshd keeps the FIRST value, so use `override`). */
  extra?: string[];
  /** Lines placed BEFORE the defaults (first value wins in sshd_config). */
  override?: string[];
  /** Use this port (default: a free one). */
  port?: number;
  /** Don't wait for the listener (for sshd instances expected to fail at start). */
  expectFail?: boolean;
  /** Show this port in the sanitised capture (default PUBLIC_PORT). */
  shownPort?: number;
  /**
   * Log through syslog(3) as a packaged sshd does (so error lines carry sshd's `error: ` /
   * `fatal: ` level word and each line its real PID), instead of `-E logfile`. sshd runs in a
   * private mount namespace whose /dev is an overlay with /dev/log bound to a socket read here;
   * the real /dev is untouched. Needs python3 (the datagram receiver). No pty in that sshd.
   */
  syslog?: boolean;
}

export function sshdConfigText(w: Work, port: number, opts: SshdOptions): string {
  const keys = (opts.hostKeys ?? ['ed25519']).map((t) => `HostKey ${join(w.etc, `ssh_host_${t}_key`)}`);
  return [
    ...(opts.override ?? []),
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    ...keys,
    'PidFile none',
    'UsePAM no',
    'StrictModes no',
    `AuthorizedKeysFile ${join(w.dir, 'authorized_keys', '%u')}`,
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PermitRootLogin prohibit-password',
    'PrintMotd no',
    'LoginGraceTime 20',
    ...((opts.override ?? []).some((l) => /^Subsystem\s/i.test(l)) ? [] : ['Subsystem sftp /usr/lib/openssh/sftp-server']),
    ...(opts.extra ?? []),
    '',
  ].join('\n');
}

export async function startSshd(w: Work, opts: SshdOptions = {}): Promise<Sshd> {
  for (const t of opts.hostKeys ?? ['ed25519']) {
    const p = join(w.etc, `ssh_host_${t}_key`);
    if (!existsSync(p)) keygen(p, t, { comment: 'root@server' });
  }
  const port = opts.port ?? (await freePort());
  const configPath = join(w.etc, 'sshd_config');
  const logPath = join(w.dir, `sshd-${port}.log`);
  writeFileSync(configPath, sshdConfigText(w, port, opts), { mode: 0o644 });
  writeFileSync(logPath, '');
  w.ports.set(port, opts.shownPort ?? PUBLIC_PORT);
  let p: ChildProcess;
  if (opts.syslog && pythonAvailable()) {
    const sock = join(w.dir, `syslog-${port}.sock`);
    const rx = track(
      spawn(
        PYTHON,
        [
          '-c',
          'import socket,sys,os\ns=socket.socket(socket.AF_UNIX,socket.SOCK_DGRAM)\ns.bind(sys.argv[1])\nos.chmod(sys.argv[1],0o666)\nf=open(sys.argv[2],"a")\nprint("ready",flush=True)\nwhile True:\n  m=s.recv(65536).decode("utf-8","replace").rstrip("\\n")\n  f.write(m+"\\n"); f.flush()',
          sock,
          logPath,
        ],
        { stdio: ['ignore', 'pipe', 'ignore'] },
      ),
    );
    w.cleanups.push(() => stopProcess(rx));
    await new Promise<void>((res) => rx.stdout!.once('data', () => res()));
    const up = join(w.dir, `dev-upper-${port}`);
    const wk = join(w.dir, `dev-work-${port}`);
    mkdirSync(up);
    mkdirSync(wk);
    const sh = `mount -t overlay overlay -o lowerdir=/dev,upperdir=${up},workdir=${wk} /dev && touch /dev/log && mount --bind ${sock} /dev/log && exec ${SSHD} -f ${configPath} -D`;
    p = track(spawn('/usr/bin/unshare', ['--mount', '/bin/sh', '-c', sh], { stdio: 'ignore' }));
  } else {
    p = track(spawn(SSHD, ['-f', configPath, '-D', '-E', logPath], { stdio: 'ignore' }));
  }
  const sshd: Sshd = {
    port,
    pid: p.pid ?? 0,
    configPath,
    logPath,
    log: () => readFileSync(logPath, 'utf8'),
    stop: () => stopProcess(p),
  };
  w.cleanups.push(() => sshd.stop());
  if (opts.expectFail) {
    await Promise.race([new Promise((r) => p.once('exit', r)), sleep(3000)]);
    return sshd;
  }
  const end = Date.now() + 8000;
  while (Date.now() < end) {
    if (/Server listening on/.test(sshd.log())) return sshd;
    if (p.exitCode !== null) break;
    await sleep(25);
  }
  throw new Error(`sshd did not start on ${port}:\n${sshd.log()}`);
}

/** Waits until the sshd log has a line matching `re` (server-side messages land a moment after the client exits). */
export async function waitForLog(sshd: Sshd, re: RegExp, timeoutMs = 3000): Promise<string> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const l = sshd.log();
    if (re.test(l)) return l;
    await sleep(25);
  }
  return sshd.log();
}

/**
 * The sshd log as journald would print it: `Nov 26 10:00:01 myhost sshd[PID]: line`.
 * The startup lines ("Server listening on ...") are dropped unless keepStartup.
 */
export function journal(log: string, pid: number, opts: { keepStartup?: boolean } = {}): string {
  const lines = log.replace(/\r/g, '').split('\n').filter((l) => l.trim() !== '');
  const kept = opts.keepStartup ? lines : lines.filter((l) => !/Server listening on /.test(l));
  return kept
    .map((l, i) => {
      // A syslog datagram: <PRI>Mmm dd hh:mm:ss sshd[PID]: text  -> journald's short format.
      const m = /^<\d+>([A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d) ([^:\s]+): (.*)$/.exec(l);
      if (m) return `${m[1]} myhost ${m[2]}: ${m[3]}`;
      const s = String(1 + i).padStart(2, '0');
      return `Nov 26 10:00:${s} myhost sshd[${pid}]: ${l}`;
    })
    .join('\n');
}

// ---------------------------------------------------------------------------------------------
// Running the client

export interface RunOptions {
  env?: Record<string, string | undefined>;
  /** Run under a pty (`script -qec`), for output that only appears with a terminal. */
  pty?: boolean;
  /** Text written to stdin, in order: each after `delayMs`, and after the output matches `when` (expect-style). */
  input?: { text: string; delayMs?: number; when?: RegExp }[];
  /** Runs while the command runs (e.g. connect to a forwarded port); then the command is stopped if `stopAfter`. */
  during?: (out: () => string) => Promise<void>;
  /** After `during`, stop the command (SIGTERM to its process group) as a user would with Ctrl-C. */
  stopAfter?: boolean;
  /** Close stdin after the input (default true). */
  closeStdin?: boolean;
  timeoutMs?: number;
  /** Run as this user (runuser -u). */
  asUser?: string;
  cwd?: string;
}

export interface RunResult {
  out: string;
  code: number | null;
  timedOut: boolean;
}

function shellQuote(a: string): string {
  return /^[A-Za-z0-9_./:=@,+%-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

/** The client environment: HOME in the temp dir, no agent, no display, C locale. */
export function clientEnv(w: Work, extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string | undefined> = {
    PATH: '/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin',
    HOME: w.home,
    LANG: 'C.UTF-8',
    TERM: 'xterm-256color',
    USER: 'alice',
    LOGNAME: 'alice',
    ...extra,
  };
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}

/** Runs a command as the user would see it: stdout and stderr interleaved in one stream. */
export async function run(w: Work, argv: string[], opts: RunOptions = {}): Promise<RunResult> {
  let cmd = argv;
  if (opts.asUser) cmd = ['/usr/sbin/runuser', '-u', opts.asUser, '--', ...cmd];
  if (opts.pty) cmd = ['/usr/bin/script', '-qec', cmd.map(shellQuote).join(' '), '/dev/null'];
  const p = track(
    spawn(cmd[0]!, cmd.slice(1), {
      env: clientEnv(w, opts.env),
      cwd: opts.cwd ?? w.home,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    }),
  );
  let out = '';
  p.stdout!.on('data', (d) => (out += d.toString('utf8')));
  p.stderr!.on('data', (d) => (out += d.toString('utf8')));
  p.stdin!.on('error', () => {});
  const exited = new Promise<number | null>((res) => p.once('close', (c) => res(c)));
  let closed = false;
  (async () => {
    let from = 0;
    for (const i of opts.input ?? []) {
      if (i.when) {
        while (!closed && !i.when.test(out.slice(from))) await sleep(20);
        from = out.length;
      }
      await sleep(i.delayMs ?? 0);
      if (!closed) p.stdin!.write(i.text);
    }
    if (opts.closeStdin !== false && !opts.pty) p.stdin!.end();
  })();
  if (opts.during) {
    (async () => {
      await opts.during!(() => out);
      if (opts.stopAfter && !closed && p.pid) {
        if (opts.pty) {
          // As the user would: Ctrl-C in the terminal (a SIGTERM to `script` adds its own noise).
          p.stdin!.write('\x03');
          const end = Date.now() + 1500;
          while (!closed && Date.now() < end) await sleep(25);
          if (closed) return;
        }
        try {
          process.kill(-p.pid, 'SIGTERM');
        } catch {
          /* gone */
        }
      }
    })();
  }
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      if (p.pid) process.kill(-p.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }, opts.timeoutMs ?? 15000);
  const code = await exited;
  closed = true;
  clearTimeout(timer);
  out = out.replace(/\r\n/g, '\n').replace(/\r/g, '');
  return { out, code, timedOut };
}

/** Common client options: our config, our known_hosts, no agent, no default identities. */
export function sshArgs(w: Work, extra: string[] = []): string[] {
  return [
    '-F',
    join(w.home, '.ssh', 'config'),
    '-o',
    `UserKnownHostsFile=${join(w.home, '.ssh', 'known_hosts')}`,
    '-o',
    'GlobalKnownHostsFile=/dev/null',
    ...extra,
  ];
}

/** A known_hosts line for this sshd's host key (as `ssh-keyscan` would write it). */
export function knownHostsLine(w: Work, port: number, type: KeyType = 'ed25519'): string {
  const pub = readFileSync(join(w.etc, `ssh_host_${type}_key.pub`), 'utf8').trim().split(' ');
  return `[127.0.0.1]:${port} ${pub[0]} ${pub[1]}`;
}

export function trustHost(w: Work, sshd: Sshd, types: KeyType[] = ['ed25519']): void {
  writeFileSync(join(w.home, '.ssh', 'known_hosts'), types.map((t) => knownHostsLine(w, sshd.port, t)).join('\n') + '\n', { mode: 0o600 });
}

/** Writes an executable helper script into the temp dir (e.g. an SSH_ASKPASS program). */
export function script(w: Work, name: string, body: string): string {
  const p = join(w.dir, name);
  writeFileSync(p, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return p;
}

// ---------------------------------------------------------------------------------------------
// Sanitising

/**
 * Rewrites what identifies this machine and run into what a user would paste:
 * temp dirs -> /home/alice/.ssh, /etc/ssh; 127.0.0.1 -> 203.0.113.10; throwaway ports -> 2222
 * (and forward ports -> 8080...); sshfix-alice -> alice; this host's name -> myhost.
 * The wording of every message is left exactly as OpenSSH printed it.
 */
export function sanitize(w: Work, text: string, hostname: string = process.env.HOSTNAME ?? ''): string {
  // The client runs as root: its default identity files are /root/.ssh/id_*; show the user's.
  let t = text.replace(/\/root\/\.ssh\//g, '/home/alice/.ssh/');
  for (const [from, to] of w.replacements) {
    t = typeof from === 'string' ? t.split(from).join(to) : t.replace(from, to);
  }
  const pathMap: [string, string][] = [
    [join(w.srvHome), '/home/alice'],
    [join(w.dir, 'authorized_keys', USER), '/home/alice/.ssh/authorized_keys'],
    [join(w.dir, 'authorized_keys', NOLOGIN_USER), '/var/lib/nologin/.ssh/authorized_keys'],
    [join(w.dir, 'authorized_keys', 'root'), '/root/.ssh/authorized_keys'],
    [join(w.dir, 'authorized_keys', '%u'), '.ssh/authorized_keys'],
    [w.home, '/home/alice'],
    [w.etc, '/etc/ssh'],
    [w.dir, '/tmp/work'],
  ];
  for (const [from, to] of pathMap) t = t.split(from).join(to);
  t = t.replace(/\/tmp\/sshfix-corpus-[A-Za-z0-9]+/g, '/tmp/work');
  for (const [real, shown] of w.ports) t = t.replace(new RegExp(`(?<![0-9])${real}(?![0-9])`, 'g'), String(shown));
  // Addresses that are the user's own machine stay 127.0.0.1 (local forward binds); the rest is "the server".
  const LO = '\u0000LOOPBACK\u0000';
  t = t.replace(/bind \[127\.0\.0\.1\]/g, `bind [${LO}]`).replace(/listening on 127\.0\.0\.1 port/g, `listening on ${LO} port`);
  t = t.split('127.0.0.1').join(PUBLIC_ADDR);
  t = t.split(LO).join('127.0.0.1');
  t = t.split(NOLOGIN_USER).join('backup');
  t = t.split(USER).join('alice');
  if (hostname && hostname.length > 3) t = t.split(hostname).join('myhost');
  return t;
}
