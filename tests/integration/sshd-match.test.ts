/**
 * The Match simulation of src/checks/sshd-config.ts against the real sshd: generated configs
 * (a main file, drop-ins pulled in by an Include, Match blocks with User/Host/Address/LocalPort/
 * LocalAddress/all criteria, negation, wildcards, CIDR and comma lists) are written to a temp
 * dir, pasted the way readers paste them (`tail -n +1 main drop-ins`), and the values the check
 * reports for a connection must equal what `sshd -T -f main -C user=…,host=…,addr=…` prints.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkSshdConfig } from '../../src/checks/sshd-config.ts';

const SSHD = '/usr/sbin/sshd';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const canRun = isRoot && existsSync(SSHD);
if (!canRun) console.warn(`skipping the sshd Match comparison: ${!isRoot ? 'needs root (sshd -T refuses otherwise)' : `${SSHD} is missing (apt-get install openssh-server)`}`);

// Deterministic generator (mulberry32): the same 24 configs on every run.
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VALUES: Record<string, string[]> = {
  PasswordAuthentication: ['yes', 'no'],
  PubkeyAuthentication: ['yes', 'no'],
  PermitRootLogin: ['yes', 'no', 'prohibit-password', 'forced-commands-only'],
  X11Forwarding: ['yes', 'no'],
  AllowTcpForwarding: ['yes', 'no', 'local', 'remote'],
  PermitTTY: ['yes', 'no'],
  MaxAuthTries: ['2', '3', '6', '10'],
  ClientAliveInterval: ['0', '30', '120'],
  Banner: ['none', '/etc/issue.net', '/etc/ssh/banner'],
  LogLevel: ['INFO', 'VERBOSE', 'DEBUG'],
};
const KEYWORDS = Object.keys(VALUES);
const CRITERIA = [
  'User root',
  'User alice,bob',
  'User !root,*',
  'User r??t',
  'Host *.example.com',
  'Host db?.lan,!db9.lan',
  'Host *',
  'Address 10.0.0.0/8',
  'Address 192.168.1.0/24,!192.168.1.5',
  'Address 2001:db8::/32',
  'Address 172.16.*',
  'LocalPort 2222',
  'LocalAddress 127.0.0.1',
  'User root Address 10.0.0.0/8',
  'Host *.example.com User !alice',
  'all',
];
const HOSTS = ['web1.example.com', 'db1.lan', 'db9.lan', 'laptop'];
const ADDRS = ['10.1.2.3', '192.168.1.5', '192.168.1.77', '172.16.4.4', '2001:db8::7', '203.0.113.9'];

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

function settings(r: () => number, count: number, indent = ''): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const k = pick(r, KEYWORDS);
    out.push(`${indent}${k} ${pick(r, VALUES[k]!)}`);
  }
  return out;
}

function matchBlocks(r: () => number, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(`Match ${pick(r, CRITERIA)}`, ...settings(r, 1 + Math.floor(r() * 3), '    '));
  return out;
}

/** One generated case: files to write and the connection to test. */
function generate(seed: number, dir: string) {
  const r = rng(seed);
  const includeAtTop = r() < 0.6;
  const main = [
    `HostKey ${dir}/hk`,
    `PidFile ${dir}/sshd.pid`,
    ...(includeAtTop ? [`Include ${dir}/sshd_config.d/*.conf`] : []),
    // Every compared keyword has a global value somewhere, so defaults never decide.
    ...KEYWORDS.map((k) => `${k} ${pick(r, VALUES[k]!)}`),
    ...(includeAtTop ? [] : [`Include ${dir}/sshd_config.d/*.conf`]),
    ...matchBlocks(r, 1 + Math.floor(r() * 4)),
  ];
  const dropins: Record<string, string[]> = {
    '50-cloud-init.conf': settings(r, 2),
    '10-local.conf': [...settings(r, 1 + Math.floor(r() * 2)), ...(r() < 0.6 ? matchBlocks(r, 1 + Math.floor(r() * 2)) : [])],
  };
  const conn = { user: r() < 0.7 ? 'root' : pick(r, ['alice', 'bob', 'carol']), host: pick(r, HOSTS), addr: pick(r, ADDRS), laddr: r() < 0.5 ? '127.0.0.1' : '127.0.0.2', lport: r() < 0.5 ? 22 : 2222 };
  return { main, dropins, conn };
}

const norm = (k: string, v: string) => {
  const s = v.trim().toLowerCase();
  return k === 'permitrootlogin' && s === 'prohibit-password' ? 'without-password' : s;
};

describe.skipIf(!canRun)('Match simulation agrees with the real sshd -T -C', () => {
  const root = canRun ? mkdtempSync(join(tmpdir(), 'sshfix-match-')) : '';
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });
  if (canRun) execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(root, 'hk')]);

  const CASES = 24;
  for (let seed = 1; seed <= CASES; seed++) {
    it(`generated config #${seed}`, () => {
      const dir = join(root, `c${seed}`);
      mkdirSync(join(dir, 'sshd_config.d'), { recursive: true });
      execFileSync('cp', [join(root, 'hk'), join(dir, 'hk')]);
      const { main, dropins, conn } = generate(seed, dir);
      writeFileSync(join(dir, 'sshd_config'), `${main.join('\n')}\n`);
      for (const [name, lines] of Object.entries(dropins)) writeFileSync(join(dir, 'sshd_config.d', name), `${lines.join('\n')}\n`);
      const spec = `user=${conn.user},host=${conn.host},addr=${conn.addr},laddr=${conn.laddr},lport=${conn.lport}`;
      const real = execFileSync(SSHD, ['-T', '-f', join(dir, 'sshd_config'), '-C', spec], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      const sshdSays = new Map(real.split('\n').map((l) => [l.slice(0, l.indexOf(' ')), l.slice(l.indexOf(' ') + 1)]));
      // The paste, as the article asks for it: tail -n +1 main drop-ins (headers "==> file <==").
      const paste = execFileSync('sh', ['-c', `tail -n +1 ${dir}/sshd_config ${dir}/sshd_config.d/*.conf`], { encoding: 'utf8' });
      const report = checkSshdConfig(paste, conn);
      const eff = report.connection?.effective ?? report.effective;
      for (const k of KEYWORDS.map((x) => x.toLowerCase())) {
        expect(norm(k, eff[k]?.value ?? '(unset)'), `${k} for ${spec}\n${paste}`).toBe(norm(k, sshdSays.get(k) ?? '(missing)'));
      }
    });
  }
});
