/**
 * `sshfix doctor` against real throwaway sshd instances (and misbehaving listeners) on
 * 127.0.0.1, set up with the corpus helpers (scripts/corpus/lib.ts). Each broken set-up asserts
 * the stage the doctor stops at and the article (and cause) it names; where ssh itself can show
 * the same thing, the test runs the real client too and checks the doctor predicted it.
 *
 * The client side lives in a temp dir: a config passed with -F sets the user, the identity file
 * and the known_hosts file, so the real ~/.ssh is never read or written. Needs root and
 * /usr/sbin/sshd; skips with a message otherwise.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  authorize,
  clientEnv,
  freePort,
  keygen,
  killAll,
  liveProcesses,
  openWorkDirs,
  run,
  script,
  SSH,
  SSH_ADD,
  sshdAvailable,
  startSshd,
  tcpListener,
  trustHost,
  USER,
  userKey,
  waitForLog,
  withWork,
  type Work,
} from '../../scripts/corpus/lib.ts';
import { inNetns, startAgent } from '../../scripts/corpus/scenarios.ts';
import { ROOT } from '../../src/catalog/load.ts';
import { loadCatalog } from '../../src/lib/catalog.ts';
import { createMatcher } from '../../src/matcher/index.ts';
import { runDoctor } from '../../src/doctor/doctor.ts';
import { runningChildren } from '../../src/doctor/processes.ts';
import type { DoctorReport, StageReport } from '../../src/doctor/report.ts';
import { parseTarget } from '../../src/doctor/target.ts';

const isRoot = process.getuid?.() === 0;
const skipReason = !sshdAvailable()
  ? 'doctor: /usr/sbin/sshd is not installed (apt-get install openssh-server): skipping the loopback doctor scenarios'
  : !isRoot
    ? 'doctor: not running as root (the scenarios run sshd and create a throwaway user): skipping the loopback doctor scenarios'
    : '';
if (skipReason) console.warn(skipReason);

const BIN = join(ROOT, 'bin/sshfix.js');

/** The client config the doctor (and ssh) read with -F: nothing comes from the real ~/.ssh. */
function clientConfig(w: Work, extra: string[] = [], hostBlocks: string[] = []): string {
  const path = join(w.home, '.ssh', 'config');
  writeFileSync(
    path,
    [
      ...hostBlocks,
      'Host *',
      ...extra.map((l) => `    ${l}`),
      `    User ${USER}`,
      `    UserKnownHostsFile ${join(w.home, '.ssh', 'known_hosts')}`,
      '    GlobalKnownHostsFile /dev/null',
      `    IdentityFile ${join(w.home, '.ssh', 'id_ed25519')}`,
      '    IdentitiesOnly yes',
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  return path;
}

async function doctor(w: Work, host: string, opts: { timeoutMs?: number; config?: string; env?: Record<string, string> } = {}): Promise<DoctorReport> {
  const t = parseTarget(host);
  if (!t.ok) throw new Error(t.error);
  const report = await runDoctor({ target: t.target, configFile: opts.config ?? clientConfig(w), timeoutMs: opts.timeoutMs ?? 5000, env: clientEnv(w, opts.env) });
  expect(runningChildren()).toBe(0);
  return report;
}

function at(r: DoctorReport, stage: StageReport['stage']): StageReport {
  return r.stages.find((s) => s.stage === stage)!;
}

/** The doctor stopped at `stage`, naming `article` (and `cause`), and every earlier stage passed. */
function expectStop(r: DoctorReport, stage: StageReport['stage'], article: string, cause?: string | null) {
  const s = at(r, stage);
  expect(r.stoppedAt, JSON.stringify(r.stages, null, 1)).toBe(stage);
  expect(s.status).toBe('failed');
  expect(s.article?.articleId).toBe(article);
  if (cause !== undefined) expect(s.article?.causeId).toBe(cause);
  const i = r.stages.indexOf(s);
  for (const earlier of r.stages.slice(0, i)) expect(['ok', 'warn'], `${earlier.stage}: ${earlier.found.join(' | ')}`).toContain(earlier.status);
  for (const later of r.stages.slice(i + 1)) expect(later.status).toBe('not-reached');
  expect(r.exitCode).toBe(11 + r.stages.indexOf(s));
}

/** A working server: sshd with the user's ed25519 key authorised and its host key known. */
async function healthy(w: Work, opts: { override?: string[]; options?: string; passphrase?: string; trust?: boolean } = {}) {
  const key = userKey(w, 'id_ed25519', 'ed25519', { passphrase: opts.passphrase });
  authorize(w, USER, [key.pub], { options: opts.options });
  const sshd = await startSshd(w, { override: opts.override });
  if (opts.trust !== false) trustHost(w, sshd);
  return { sshd, key };
}

describe.skipIf(Boolean(skipReason))('sshfix doctor on loopback', { timeout: 40_000 }, () => {
  afterAll(() => {
    killAll();
    expect(liveProcesses()).toBe(0);
    expect(openWorkDirs()).toEqual([]);
  });

  it('healthy: every stage passes, exit status 0', () =>
    withWork(async (w) => {
      const { sshd } = await healthy(w);
      const r = await doctor(w, `127.0.0.1:${sshd.port}`);
      expect(r.stages.map((s) => s.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
      expect(r.exitCode).toBe(0);
      expect(r.target).toMatchObject({ hostname: '127.0.0.1', port: sshd.port, user: USER });
      expect(at(r, 'banner').found[0]).toMatch(/^server: SSH-2\.0-OpenSSH_/);
      expect(at(r, 'kex').found[0]).toMatch(/^would agree on: \S+, host key ssh-ed25519/);
      expect(at(r, 'hostkey').found.join('\n')).toMatch(/known_hosts has this key/);
      expect(at(r, 'auth').found.join('\n')).toMatch(/authenticated with publickey/);
    }));

  it('a name that does not resolve: resolve stage, could-not-resolve-hostname', () =>
    withWork(async (w) => {
      const r = await doctor(w, 'no-such-host.invalid', { timeoutMs: 3000 });
      expectStop(r, 'resolve', 'could-not-resolve-hostname');
      expect(at(r, 'resolve').found.join('\n')).toMatch(/no-such-host\.invalid does not resolve/);
    }));

  it('a client config ssh refuses: resolve stage, routed like the paste', () =>
    withWork(async (w) => {
      const config = clientConfig(w, ['KexAlgorithmz curve25519-sha256']);
      const r = await doctor(w, 'web', { config });
      expectStop(r, 'resolve', 'bad-configuration-option');
      expect(at(r, 'resolve').found.join('\n')).toMatch(/ssh -G: .*Bad configuration option: kexalgorithmz/);
    }));

  it('nothing listening: connect stage, connection-refused', () =>
    withWork(async (w) => {
      const port = await freePort();
      const r = await doctor(w, `127.0.0.1:${port}`);
      expectStop(r, 'connect', 'connection-refused', 'sshd-not-running');
      expect(at(r, 'connect').found[0]).toMatch(/ECONNREFUSED/);
    }));

  it('no route, no network, no answer: told apart (the doctor run in a private network namespace)', { timeout: 90_000 }, () =>
    withWork(async (w) => {
      const config = clientConfig(w);
      const inNs = async (setup: string, host: string, timeout = '3') => {
        const r = await inNetns(w, setup, [process.execPath, BIN, 'doctor', '--json', '--timeout', timeout, '-F', config, host]);
        return { code: r.code, report: JSON.parse(r.out.slice(r.out.indexOf('{'))) as DoctorReport };
      };
      const noRoute = await inNs('ip link set lo up; ip route add unreachable 192.0.2.0/24;', '192.0.2.10');
      expect(noRoute.code).toBe(12);
      expectStop(noRoute.report, 'connect', 'no-route-to-host');
      expect(at(noRoute.report, 'connect').found[0]).toMatch(/EHOSTUNREACH/);
      const noNet = await inNs('', '127.0.0.1');
      expectStop(noNet.report, 'connect', 'network-unreachable');
      expect(at(noNet.report, 'connect').found[0]).toMatch(/ENETUNREACH/);
      // A link where nobody answers (a veth pair, the far end silent): the doctor's own 1 s timer
      // ends it, well before the kernel gives up on ARP (about 3 s, EHOSTUNREACH).
      const silent = await inNs('ip link set lo up; ip link add v0 type veth peer name v1 && ip addr add 192.0.2.1/24 dev v0 && ip link set v1 up && ip link set v0 up &&', '192.0.2.10', '1');
      expectStop(silent.report, 'connect', 'connection-timed-out');
      expect(at(silent.report, 'connect').found[0]).toMatch(/timed out \(no answer within 1 s/);
    }));

  it('closed or reset before any banner: connection-closed-by-remote-host, connection-reset-by-peer', () =>
    withWork(async (w) => {
      const closing = await tcpListener(w, (s) => s.end());
      expectStop(await doctor(w, `127.0.0.1:${closing}`), 'banner', 'connection-closed-by-remote-host');
      const resetting = await tcpListener(w, (s) => s.resetAndDestroy());
      expectStop(await doctor(w, `127.0.0.1:${resetting}`), 'banner', 'connection-reset-by-peer');
    }));

  it('a banner that never comes: banner stage, connection-timed-out#banner-timeout', () =>
    withWork(async (w) => {
      const port = await tcpListener(w, () => {}); // accepts and says nothing
      const started = Date.now();
      const r = await doctor(w, `127.0.0.1:${port}`, { timeoutMs: 1500 });
      expect(Date.now() - started).toBeLessThan(8000);
      expectStop(r, 'banner', 'connection-timed-out', 'banner-timeout');
      expect(at(r, 'banner').found[0]).toMatch(/sent nothing in 1\.5 s/);
    }));

  it('an HTTP server on the port: banner stage, invalid-banner#port-is-not-ssh', () =>
    withWork(async (w) => {
      const srv = createServer((_, res) => res.end('hello\n'));
      await new Promise<void>((res) => srv.listen(0, '127.0.0.1', () => res()));
      w.cleanups.push(() => new Promise<void>((res) => srv.close(() => res())));
      srv.on('connection', (s) => w.cleanups.push(() => void s.destroy()));
      const port = (srv.address() as { port: number }).port;
      const r = await doctor(w, `127.0.0.1:${port}`);
      expectStop(r, 'banner', 'invalid-banner', 'port-is-not-ssh');
      expect(at(r, 'banner').found[0]).toMatch(/an HTTP server answers on port \d+: "HTTP\/1\.1 400 Bad Request"/);
    }));

  it('a server sending endless junk: read only up to the bound, invalid-banner', () =>
    withWork(async (w) => {
      const junk = Buffer.alloc(64 * 1024, 'A');
      const port = await tcpListener(w, (s) => {
        const pump = () => {
          if (!s.destroyed) s.write(junk, () => setImmediate(pump));
        };
        pump();
      });
      const r = await doctor(w, `127.0.0.1:${port}`, { timeoutMs: 3000 });
      expectStop(r, 'banner', 'invalid-banner', 'port-is-not-ssh');
      expect(at(r, 'banner').found[0]).toMatch(/8192 bytes without an SSH identification line/);
    }));

  it('an SSH banner, then junk instead of a packet: kex stage, the article ssh\'s own error routes to', () =>
    withWork(async (w) => {
      const port = await tcpListener(w, (s) => s.write(Buffer.concat([Buffer.from('SSH-2.0-Fake_1.0\r\n'), Buffer.alloc(64, 0xff)])));
      const r = await doctor(w, `127.0.0.1:${port}`);
      expectStop(r, 'kex', 'corrupted-mac');
      expect(at(r, 'kex').found[0]).toMatch(/not a valid KEXINIT: packet length 4294967295 is larger than 35000 bytes/);
      const real = await run(w, [SSH, '-F', clientConfig(w), '-p', String(port), '-o', 'BatchMode=yes', '127.0.0.1', 'exit']);
      expect(real.out).toMatch(/Bad packet length 4294967295/);
      expect(createMatcher(loadCatalog().rules).match(real.out).best?.id).toBe('corrupted-mac');
    }));

  it('legacy-only key exchange: kex stage, no-matching-key-exchange with a per-host fix, as ssh then says', () =>
    withWork(async (w) => {
      const { sshd } = await healthy(w, { override: ['KexAlgorithms diffie-hellman-group1-sha1'] });
      const r = await doctor(w, `127.0.0.1:${sshd.port}`);
      expectStop(r, 'kex', 'no-matching-key-exchange', 'legacy-server');
      expect(at(r, 'kex').found[0]).toMatch(/no matching key exchange method: the server offers diffie-hellman-group1-sha1/);
      expect(at(r, 'kex').fix).toContain('Host 127.0.0.1\n    KexAlgorithms +diffie-hellman-group1-sha1');
      const real = await run(w, [SSH, '-F', clientConfig(w), '-p', String(sshd.port), '-o', 'BatchMode=yes', '127.0.0.1', 'exit']);
      expect(real.out).toMatch(/no matching key exchange method found/);
      // The fix the doctor gives works: with it the connection gets through.
      const fixed = await run(w, [SSH, '-F', clientConfig(w), '-p', String(sshd.port), '-o', 'BatchMode=yes', '-o', 'KexAlgorithms=+diffie-hellman-group1-sha1', '127.0.0.1', 'exit']);
      expect(fixed.code, fixed.out).toBe(0);
    }));

  it('legacy host key, cipher and MAC: every mismatch named, the first as ssh reports it', () =>
    withWork(async (w) => {
      const key = userKey(w, 'id_ed25519', 'ed25519');
      authorize(w, USER, [key.pub]);
      const sshd = await startSshd(w, { hostKeys: ['rsa'], override: ['HostKeyAlgorithms ssh-rsa', 'Ciphers aes128-cbc', 'MACs hmac-md5'] });
      const r = await doctor(w, `127.0.0.1:${sshd.port}`);
      expectStop(r, 'kex', 'no-matching-host-key-type', 'server-offers-only-ssh-rsa');
      const kex = at(r, 'kex');
      expect(kex.also).toEqual([
        { articleId: 'no-matching-cipher', causeId: 'legacy-cbc-server' },
        { articleId: 'no-matching-mac', causeId: 'legacy-mac-server' },
      ]);
      expect(kex.fix).toContain('Host 127.0.0.1\n    HostKeyAlgorithms +ssh-rsa\n    Ciphers +aes128-cbc\n    MACs +hmac-md5');
      const real = await run(w, [SSH, '-F', clientConfig(w), '-p', String(sshd.port), '-o', 'BatchMode=yes', '127.0.0.1', 'exit']);
      expect(real.out).toMatch(/no matching host key type found\. Their offer: ssh-rsa/);
    }));

  it('a changed host key: hostkey stage, remote-host-identification-changed; known_hosts untouched', () =>
    withWork(async (w) => {
      const { sshd } = await healthy(w, { trust: false });
      const other = keygen(join(w.dir, 'old_host_key'), 'ed25519').split(' ');
      const kh = join(w.home, '.ssh', 'known_hosts');
      writeFileSync(kh, `[127.0.0.1]:${sshd.port} ${other[0]} ${other[1]}\n`, { mode: 0o600 });
      const before = readFileSync(kh, 'utf8');
      const r = await doctor(w, `127.0.0.1:${sshd.port}`);
      expectStop(r, 'hostkey', 'remote-host-identification-changed');
      expect(at(r, 'hostkey').found.join('\n')).toMatch(/known_hosts has a different ssh-ed25519 key for \[127\.0\.0\.1\]:\d+/);
      expect(at(r, 'hostkey').fix).toContain(`ssh-keygen -R '[127.0.0.1]:${sshd.port}' -f ${kh}`);
      expect(readFileSync(kh, 'utf8')).toBe(before);
    }));

  it('an unknown host: a warning (the reader would be asked), the login still checked, known_hosts not created', () =>
    withWork(async (w) => {
      const { sshd } = await healthy(w, { trust: false });
      const r = await doctor(w, `127.0.0.1:${sshd.port}`);
      expect(r.exitCode).toBe(0);
      expect(at(r, 'hostkey')).toMatchObject({ status: 'warn', article: { articleId: 'authenticity-of-host', causeId: 'first-connection' } });
      expect(at(r, 'auth').status).toBe('ok');
      expect(existsSync(join(w.home, '.ssh', 'known_hosts'))).toBe(false);
    }));

  it('known only under the IP: said so', () =>
    withWork(async (w) => {
      const { sshd } = await healthy(w);
      // known_hosts has [127.0.0.1]:port only; ssh looks this host up by its HostKeyAlias.
      const config = clientConfig(w, ['HostName 127.0.0.1', 'HostKeyAlias doctor-test-alias']);
      const r = await doctor(w, `doctor-test-alias:${sshd.port}`, { config });
      const hk = at(r, 'hostkey');
      expect(hk.status, hk.found.join('\n')).toBe('warn');
      expect(hk.found.join('\n')).toMatch(/doctor-test-alias is not in known_hosts, but \[127\.0\.0\.1\]:\d+ is .*with this same key/);
    }));

  it('a key not authorised: auth stage, permission-denied-publickey#key-not-authorized', () =>
    withWork(async (w) => {
      userKey(w, 'id_ed25519', 'ed25519');
      const stranger = keygen(join(w.dir, 'stranger'), 'ed25519');
      authorize(w, USER, [stranger]);
      const sshd = await startSshd(w);
      trustHost(w, sshd);
      const r = await doctor(w, `127.0.0.1:${sshd.port}`);
      expectStop(r, 'auth', 'permission-denied-publickey', 'key-not-authorized');
      expect(at(r, 'auth').found.join('\n')).toMatch(/offered: .*id_ed25519 \(refused by the server\)/);
      expect(at(r, 'auth').found.join('\n')).toMatch(/ssh: .*Permission denied \(publickey\)/);
    }));

  it('a private key with mode 0644: auth stage, unprotected-private-key-file with the chmod', () =>
    withWork(async (w) => {
      const { sshd, key } = await healthy(w);
      chmodSync(key.path, 0o644);
      const r = await doctor(w, `127.0.0.1:${sshd.port}`);
      expectStop(r, 'auth', 'unprotected-private-key-file', 'key-mode-too-open');
      expect(at(r, 'auth').found.join('\n')).toMatch(/id_ed25519: .*mode too open/);
      expect(at(r, 'auth').fix).toMatch(/chmod 600 .*id_ed25519/);
    }));

  it('an encrypted key and no agent: auth stage, bad-passphrase#no-prompt-available', () =>
    withWork(async (w) => {
      const { sshd } = await healthy(w, { passphrase: 'correct horse' });
      const r = await doctor(w, `127.0.0.1:${sshd.port}`);
      expectStop(r, 'auth', 'bad-passphrase', 'no-prompt-available');
      expect(at(r, 'auth').found.join('\n')).toMatch(/encrypted, not in the agent/);
      expect(at(r, 'auth').found[0]).toMatch(/agent: none/);
    }));

  it('the same encrypted key unlocked in an agent: auth passes through the agent', () =>
    withWork(async (w) => {
      const { sshd, key } = await healthy(w, { passphrase: 'correct horse' });
      const sock = await startAgent(w);
      const askpass = script(w, 'askpass', "echo 'correct horse'");
      const added = await run(w, [SSH_ADD, key.path], { env: { SSH_AUTH_SOCK: sock, SSH_ASKPASS: askpass, SSH_ASKPASS_REQUIRE: 'force', DISPLAY: ':0' } });
      expect(added.code, added.out).toBe(0);
      const r = await doctor(w, `127.0.0.1:${sshd.port}`, { env: { SSH_AUTH_SOCK: sock } });
      expect(r.exitCode, JSON.stringify(at(r, 'auth'))).toBe(0);
      const found = at(r, 'auth').found.join('\n');
      expect(found).toMatch(/^agent: 1 key\(s\) \(IdentitiesOnly yes/m);
      expect(found).toMatch(/id_ed25519: SHA256:\S+, encrypted, unlocked in the agent/);
    }));

  it('AllowUsers excluding the user: auth stage, and the server-side cause among the candidates', () =>
    withWork(async (w) => {
      const { sshd } = await healthy(w, { override: ['AllowUsers somebody-else'] });
      const r = await doctor(w, `127.0.0.1:${sshd.port}`);
      expectStop(r, 'auth', 'permission-denied-publickey', 'key-not-authorized');
      expect(at(r, 'auth').also).toContainEqual({ articleId: 'sshd-user-not-allowed', causeId: 'allowusers-or-allowgroups' });
      // The scenario is what it claims: sshd refused the user, not the key.
      expect(await waitForLog(sshd, /not allowed because not listed in AllowUsers/)).toMatch(/not listed in AllowUsers/);
    }));

  it('a forced command that exits: auth passes, session stage, connection-closed#shell-exits', () =>
    withWork(async (w) => {
      const { sshd } = await healthy(w, { options: 'command="exit 1"' });
      const r = await doctor(w, `127.0.0.1:${sshd.port}`);
      expect(at(r, 'auth').status).toBe('ok');
      expectStop(r, 'session', 'connection-closed', 'shell-exits');
      expect(at(r, 'session').found[0]).toMatch(/ended with status 1/);
    }));

  describe('through a ProxyJump (the same sshd as hop and target)', () => {
    /** `target` goes through `localhost:hopPort` to 127.0.0.1:targetPort; both names are in known_hosts. */
    function jumpConfig(w: Work, hopPort: number, targetPort: number): string {
      appendFileSync(join(w.home, '.ssh', 'known_hosts'), readFileSync(join(w.home, '.ssh', 'known_hosts'), 'utf8').replace(/^\[127\.0\.0\.1\]/gm, '[localhost]'));
      return clientConfig(w, [], ['Host target', '    HostName 127.0.0.1', `    Port ${targetPort}`, `    ProxyJump localhost:${hopPort}`]);
    }

    it('healthy: the first hop is probed, the target reached through it', () =>
      withWork(async (w) => {
        const { sshd } = await healthy(w);
        const r = await doctor(w, 'target', { config: jumpConfig(w, sshd.port, sshd.port) });
        expect(r.stages.map((s) => s.status), JSON.stringify(r.stages, null, 1)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
        expect(at(r, 'resolve').found.join('\n')).toMatch(/stages 2-5 probe the first hop, localhost/);
        expect(at(r, 'connect').checked).toMatch(/^first hop localhost: /);
        expect(r.target.proxy).toBe(`ProxyJump localhost:${sshd.port}`);
      }));

    it('the first hop refuses: connect stage, connection-refused', () =>
      withWork(async (w) => {
        const { sshd } = await healthy(w);
        const r = await doctor(w, 'target', { config: jumpConfig(w, await freePort(), sshd.port) });
        expectStop(r, 'connect', 'connection-refused');
        expect(at(r, 'connect').checked).toMatch(/^first hop localhost: /);
      }));

    it('the hop works but cannot reach the target: proxyjump-stdio-forwarding-failed', () =>
      withWork(async (w) => {
        const { sshd } = await healthy(w);
        const r = await doctor(w, 'target', { config: jumpConfig(w, sshd.port, await freePort()) });
        const failed = r.stages.find((s) => s.status === 'failed')!;
        expect(failed.article?.articleId, JSON.stringify(failed)).toBe('proxyjump-stdio-forwarding-failed');
        expect(failed.found[0]).toBe(`first hop localhost: ok`);
        expect(r.exitCode).toBe(11 + r.stages.indexOf(failed));
      }));
  });

  it('the CLI: human report and --json agree; bad hosts are refused before anything runs', { timeout: 90_000 }, () =>
    withWork(async (w) => {
      const { sshd } = await healthy(w);
      const config = clientConfig(w);
      const cli = (args: string[]) => run(w, [process.execPath, BIN, 'doctor', ...args], { env: { SITE_URL: 'https://help.example.com/ssh/' }, cwd: ROOT, timeoutMs: 30_000 });
      const human = await cli(['-F', config, `127.0.0.1:${sshd.port}`]);
      expect(human.code, human.out).toBe(0);
      expect(human.out).toMatch(/\[7\/7\] ok +Session/);
      expect(human.out).toMatch(/Every stage passed\./);
      const json = await run(w, [process.execPath, BIN, 'doctor', '--json', '-F', config, '-p', String(sshd.port), '127.0.0.1'], { cwd: ROOT, timeoutMs: 30_000 });
      expect(json.code).toBe(0);
      expect(JSON.parse(json.out)).toMatchObject({ stoppedAt: null, exitCode: 0, target: { port: sshd.port } });

      const refused = await cli(['-F', config, `127.0.0.1:${await freePort()}`]);
      expect(refused.code).toBe(12);
      expect(refused.out).toContain('see: https://help.example.com/ssh/errors/connection-refused/#sshd-not-running');

      // Options disguised as hosts never reach ssh (the parser's other refusals: tests/unit/doctor.test.ts).
      const pwned = join(w.dir, 'pwned');
      for (const args of [[`-oProxyCommand=touch ${pwned}`], ['--', `-oProxyCommand=touch ${pwned}`]]) {
        const r = await cli(args);
        expect(r.code, `${args.join(' ')}: ${r.out}`).toBe(2);
        expect(r.out).toMatch(/refused/);
      }
      expect(existsSync(pwned)).toBe(false);
    }));

  it('Ctrl-C stops every process the doctor started (a ProxyCommand that hangs)', () =>
    withWork(async (w) => {
      // A ProxyCommand that never connects: ssh (and the sleep it starts) run until stopped.
      const duration = `97.${process.pid}`;
      const config = clientConfig(w, [`ProxyCommand sleep ${duration}`]);
      const p = spawn(process.execPath, [BIN, 'doctor', '-F', config, '--timeout', '30', 'example.invalid'], { cwd: ROOT, env: clientEnv(w), stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      p.stdout.on('data', (d) => (out += d));
      p.stderr.on('data', (d) => (out += d));
      const sleepers = () =>
        readdirSync('/proc').filter((d) => {
          try {
            return /^\d+$/.test(d) && readFileSync(`/proc/${d}/cmdline`, 'utf8') === `sleep\0${duration}\0`;
          } catch {
            return false; // gone meanwhile
          }
        }).length;
      const end = Date.now() + 20_000;
      while (sleepers() === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
      expect(sleepers(), out).toBe(1);
      const doctorDirs = () => readdirSync(tmpdir()).filter((d) => d.startsWith('sshfix-doctor-'));
      const before = doctorDirs().length;
      expect(before).toBeGreaterThan(0); // the running doctor's own
      const code = await new Promise<number | null>((res) => {
        p.once('exit', (c) => res(c));
        p.kill('SIGINT');
      });
      expect(code).toBe(130);
      expect(out).toMatch(/interrupted \(SIGINT\)/);
      await new Promise((r) => setTimeout(r, 200));
      expect(sleepers()).toBe(0);
      expect(doctorDirs().length).toBe(before - 1);
    }));
});
