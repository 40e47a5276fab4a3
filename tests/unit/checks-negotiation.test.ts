import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainNegotiation } from '../../src/checks/negotiation.ts';
import { PASTES_DIR, readFixture } from '../fixtures/read.ts';

const FOLDERS = { 'no-matching-key-exchange': 'kex', 'no-matching-host-key-type': 'hostKey', 'no-matching-cipher': 'ciphers', 'no-matching-mac': 'macs' } as const;

// The wordings that carry the other side's list (from the fixtures' sources), stated here
// independently of the parser: a fixture containing one must yield an offer.
const CARRIES_A_LIST = /Their offer:|serverProposal="|: server \[|\/ server: |Server \w+ preferences:|theirs: \[|(?:server|peer) offered: \[|\(remote\) |\(available: |and received |peer server KEXINIT proposal/;

// What the OpenSSH client on this machine can use (`ssh -Q`), to check the version table against a real binary.
function localSsh(): { version: [number, number]; supports: Record<string, string[]> } | null {
  try {
    // ssh -V prints to stderr.
    const text = execFileSync('sh', ['-c', 'ssh -V 2>&1'], { encoding: 'utf8' });
    const m = /OpenSSH_(\d+)\.(\d+)/.exec(text)!;
    const q = (what: string) => execFileSync('ssh', ['-Q', what], { encoding: 'utf8' }).split('\n').filter(Boolean);
    return { version: [Number(m[1]), Number(m[2])], supports: { kex: q('kex'), hostKey: q('HostKeyAlgorithms'), ciphers: q('cipher'), macs: q('mac') } };
  } catch {
    return null;
  }
}

describe('negotiation explainer on every no-matching fixture', () => {
  const ssh = localSsh();
  for (const [folder, kind] of Object.entries(FOLDERS)) {
    for (const file of readdirSync(join(PASTES_DIR, folder)).filter((f) => f.endsWith('.txt'))) {
      it(`${folder}/${file}`, () => {
        const { paste } = readFixture(join(PASTES_DIR, folder, file));
        const r = explainNegotiation(paste, { routedId: folder, ...(ssh ? { clientVersion: ssh.version } : {}) });
        if (!CARRIES_A_LIST.test(paste)) {
          // No list in the message: it must say so and say how to see the offer, never invent a fix.
          expect(r.failures).toEqual([]);
          expect(r.notices.join(' ')).toMatch(/does not list what the server offers.*ssh -vvv/);
          return;
        }
        const f = r.failures.find((x) => x.kind === kind);
        expect(f, 'a failure of the folder\'s kind').toBeDefined();
        const theirs = f!.reporter === 'client' ? f!.serverOffer! : f!.clientOffer!;
        expect(theirs.length).toBeGreaterThan(0);
        // Every offered name is in the paste as printed (nothing invented, markers left out).
        for (const a of theirs) expect(paste).toContain(a);
        // The overlap: with both lists printed, the explainer's "in common" is their real intersection.
        if (f!.serverOffer && f!.clientOffer) expect(f!.common).toEqual(f!.serverOffer.filter((a) => f!.clientOffer!.includes(a)));
        // "Could be re-enabled" agrees with what the real ssh on this machine supports, when the paste is from the same version.
        const pasteVersion = /OpenSSH_(\d+)\.(\d+)/.exec(paste);
        if (ssh && (!pasteVersion || (Number(pasteVersion[1]) === ssh.version[0] && Number(pasteVersion[2]) === ssh.version[1]))) {
          expect(f!.reEnable).toEqual(theirs.filter((a) => ssh.supports[kind]!.includes(a)));
        }
        const finding = r.findings.find((x) => x.articleId === folder)!;
        expect(finding.severity).toBe('error');
        expect(finding.fix).not.toMatch(/^\s*Host \*/m);
        expect(finding.fix).not.toMatch(/update-crypto-policies --set (?:DEFAULT:SHA1|LEGACY)(?![^\n]*risky)/);
        if (f!.reporter === 'server') {
          // sshd's own log: the fix is on the client; the server-wide option is labelled as such.
          expect(finding.fix).toMatch(/Fix the client/);
          expect(finding.fix).toMatch(/every client — risky/);
          return;
        }
        if (f!.enable === null) {
          expect(finding.message).toMatch(/can use none of them/);
          return;
        }
        expect(theirs).toContain(f!.enable);
        // The per-host line holds an algorithm from the offer, added with + under a Host for this host only.
        const hostLine = /^Host (\S+)$/m.exec(finding.fix)!;
        expect(hostLine[1]).not.toMatch(/[*?]/);
        const option = { kex: 'KexAlgorithms', hostKey: 'HostKeyAlgorithms', ciphers: 'Ciphers', macs: 'MACs' }[kind];
        const addLine = new RegExp(`^    ${option} \\+(\\S+)$`, 'm').exec(finding.fix)!;
        expect(theirs).toContain(addLine[1]);
        expect(finding.fix).toContain(`ssh -o ${option}=+${addLine[1]}`);
        if (addLine[1] === 'ssh-rsa') expect(finding.fix).toContain('PubkeyAcceptedAlgorithms +ssh-rsa');
      });
    }
  }
});

describe('negotiation explainer details', () => {
  it('names the host the reader typed, and OpenSSH\'s history for each offered algorithm', () => {
    const r = explainNegotiation('$ ssh admin@old-switch.lan\nUnable to negotiate with 10.20.0.2 port 22: no matching key exchange method found. Their offer: diffie-hellman-group1-sha1,diffie-hellman-group14-sha1');
    expect(r.host).toBe('old-switch.lan');
    const f = r.failures[0]!;
    expect(f.enable).toBe('diffie-hellman-group14-sha1');
    expect(r.findings[0]!.fix).toContain('Host old-switch.lan\n    KexAlgorithms +diffie-hellman-group14-sha1');
    expect(r.findings[0]!.message).toContain('diffie-hellman-group1-sha1: off by default since OpenSSH 7.0');
    expect(r.findings[0]!.message).toContain('diffie-hellman-group14-sha1: off by default since OpenSSH 8.2');
  });

  it('ssh-dss only: a 10.x client can re-enable nothing; a 9.2 client still can', () => {
    const line = 'OpenSSH_10.0p2, OpenSSL 3.5.0\nUnable to negotiate with 192.0.2.7 port 22: no matching host key type found. Their offer: ssh-dss';
    const r = explainNegotiation(line);
    expect(r.failures[0]!.enable).toBeNull();
    expect(r.findings[0]!.message).toContain('removed in 10.0');
    const old = explainNegotiation(line.replace('OpenSSH_10.0p2', 'OpenSSH_9.2p1'));
    expect(old.failures[0]!.enable).toBe('ssh-dss');
  });

  it('a -vvv log whose client list was narrowed: says the restriction is the fix', () => {
    const log = [
      'OpenSSH_9.2p1 Debian-2+deb12u10, OpenSSL 3.0.19 27 Jan 2026',
      'debug2: local client KEXINIT proposal',
      'debug2: KEX algorithms: diffie-hellman-group14-sha1,ext-info-c',
      'debug2: host key algorithms: ssh-ed25519',
      'debug2: ciphers ctos: aes128-ctr',
      'debug2: ciphers stoc: aes128-ctr',
      'debug2: MACs ctos: hmac-sha2-256',
      'debug2: MACs stoc: hmac-sha2-256',
      'debug2: peer server KEXINIT proposal',
      'debug2: KEX algorithms: curve25519-sha256,kex-strict-s-v00@openssh.com',
      'debug2: host key algorithms: ssh-ed25519',
      'debug2: ciphers ctos: aes128-ctr',
      'debug2: ciphers stoc: aes128-ctr',
      'debug2: MACs ctos: hmac-sha2-256',
      'debug2: MACs stoc: hmac-sha2-256',
    ].join('\n');
    const r = explainNegotiation(log);
    expect(r.failures.map((f) => f.kind)).toEqual(['kex']);
    expect(r.failures[0]!.serverOffer).toEqual(['curve25519-sha256']);
    expect(r.findings[0]!.message).toContain('narrowed by configuration');
  });

  it('hostile input: no crash, markup stays text, long lists are bounded', () => {
    const evil = `Unable to negotiate with <script>x</script> port 22: no matching cipher found. Their offer: ${'a,'.repeat(3000)}<b>`;
    const r = explainNegotiation(evil);
    expect(r.failures.length).toBeLessThanOrEqual(1);
    for (const f of r.findings) expect(f.message.length).toBeLessThan(5000);
    expect(explainNegotiation('\x00\x01'.repeat(5000)).failures).toEqual([]);
    const t0 = Date.now();
    explainNegotiation(`$ ssh ${'-o x '.repeat(2000)}\n`.repeat(200));
    expect(Date.now() - t0).toBeLessThan(2000);
  });
});
