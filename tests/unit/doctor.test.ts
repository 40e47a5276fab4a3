/**
 * The pure parts of `sshfix doctor`: the KEXINIT reader on real captured bytes (two loopback
 * sshd's, tests/fixtures/doctor/) and on hostile bytes, the identification reader, the
 * negotiation prediction, the target parser, and the article/cause links it prints.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { negotiate, oneOffOptions, perHostFix, type AlgorithmLists } from '../../src/doctor/algorithms.ts';
import { MAX_IDENT_BYTES, readIdentification } from '../../src/doctor/identification.ts';
import { MAX_PACKET_LENGTH, parseKexInit, readBinaryPacket, readServerKexInit, type KexInit } from '../../src/doctor/kexinit.ts';
import { parseSshG, expandPath } from '../../src/doctor/ssh-g.ts';
import { givenTarget, parseTarget, sshCommand } from '../../src/doctor/target.ts';
import { EXIT_STATUS, formatReport, ref, stage } from '../../src/doctor/report.ts';
import { TIMELINE_STAGES } from '../../src/checks/log-timeline.ts';

const fixture = (name: string) =>
  Uint8Array.from(
    Buffer.from(
      readFileSync(new URL(`../fixtures/doctor/${name}.hex`, import.meta.url), 'utf8')
        .split('\n')
        .filter((l) => !l.startsWith('#'))
        .join(''),
      'hex',
    ),
  );
const bytes = (s: string) => new TextEncoder().encode(s);

function kexinitOf(name: string): KexInit {
  const r = readServerKexInit(fixture(name));
  if (r.status !== 'kexinit') throw new Error(`fixture ${name}: ${JSON.stringify(r)}`);
  return r.kexinit;
}

/** OpenSSH 9.2's client defaults (`ssh -G` on this build), and what the build supports (`ssh -Q`). */
const CLIENT: AlgorithmLists = {
  kex: 'sntrup761x25519-sha512@openssh.com,curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521,diffie-hellman-group-exchange-sha256,diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,diffie-hellman-group14-sha256'.split(','),
  hostKey: 'ssh-ed25519-cert-v01@openssh.com,ecdsa-sha2-nistp256-cert-v01@openssh.com,rsa-sha2-512-cert-v01@openssh.com,ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,rsa-sha2-512,rsa-sha2-256'.split(','),
  ciphers: 'chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr,aes128-gcm@openssh.com,aes256-gcm@openssh.com'.split(','),
  macs: 'umac-64-etm@openssh.com,umac-128-etm@openssh.com,hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,hmac-sha1-etm@openssh.com,umac-64@openssh.com,umac-128@openssh.com,hmac-sha2-256,hmac-sha2-512,hmac-sha1'.split(','),
};
const SUPPORTED: AlgorithmLists = {
  kex: [...CLIENT.kex, 'diffie-hellman-group1-sha1', 'diffie-hellman-group14-sha1', 'diffie-hellman-group-exchange-sha1'],
  hostKey: [...CLIENT.hostKey, 'ssh-rsa', 'ssh-dss'],
  ciphers: [...CLIENT.ciphers, '3des-cbc', 'aes128-cbc', 'aes192-cbc', 'aes256-cbc'],
  macs: [...CLIENT.macs, 'hmac-sha1-96', 'hmac-md5', 'hmac-md5-96'],
};

describe('kexinit.ts on real captured KEXINIT packets', () => {
  it('reads an OpenSSH 9.2 server KEXINIT (default settings)', () => {
    const buf = fixture('kexinit-openssh-9.2-default');
    const p = readBinaryPacket(buf);
    expect(p).toMatchObject({ status: 'packet', msgType: 20, consumed: buf.length });
    const k = kexinitOf('kexinit-openssh-9.2-default');
    expect(k.kex).toContain('curve25519-sha256');
    expect(k.kex).toContain('sntrup761x25519-sha512@openssh.com');
    expect(k.hostKey).toEqual(expect.arrayContaining(['rsa-sha2-512', 'rsa-sha2-256', 'ecdsa-sha2-nistp256', 'ssh-ed25519']));
    expect(k.cipherClientToServer[0]).toBe('chacha20-poly1305@openssh.com');
    expect(k.cipherServerToClient).toEqual(k.cipherClientToServer);
    expect(k.macClientToServer).toContain('hmac-sha2-256-etm@openssh.com');
    expect(k.compressionClientToServer).toEqual(['none', 'zlib@openssh.com']);
    expect(k.languageClientToServer).toEqual([]);
    expect(k.cookie).toMatch(/^[0-9a-f]{32}$/);
    expect(k.firstKexPacketFollows).toBe(false);
  });

  it('reads a legacy-only server KEXINIT, markers included', () => {
    const k = kexinitOf('kexinit-openssh-9.2-legacy');
    expect(k.kex[0]).toBe('diffie-hellman-group1-sha1');
    expect(k.hostKey).toEqual(['ssh-rsa']);
    expect(k.cipherClientToServer).toEqual(['aes128-cbc']);
    expect(k.macServerToClient).toEqual(['hmac-md5']);
  });

  it('asks for more bytes when a packet is cut, at every cut point', () => {
    const buf = fixture('kexinit-openssh-9.2-default');
    for (let cut = 0; cut < buf.length; cut += 7) {
      const r = readServerKexInit(buf.subarray(0, cut));
      expect(r.status, `cut at ${cut}`).toBe('incomplete');
      if (r.status === 'incomplete') expect(r.needed).toBeGreaterThan(cut);
    }
  });

  it('skips SSH_MSG_IGNORE before the KEXINIT and reads SSH_MSG_DISCONNECT', () => {
    const ignore = Uint8Array.from([0, 0, 0, 12, 10, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const k = readServerKexInit(Uint8Array.from([...ignore, ...fixture('kexinit-openssh-9.2-legacy')]));
    expect(k.status).toBe('kexinit');
    const text = bytes('Too many connections');
    const payload = [1, 0, 0, 0, 2, 0, 0, 0, text.length, ...text, 0, 0, 0, 0];
    let padding = 8 - ((5 + payload.length) % 8);
    if (padding < 4) padding += 8;
    const len = 1 + payload.length + padding;
    const packet = Uint8Array.from([0, 0, 0, len, padding, ...payload, ...new Array(padding).fill(0)]);
    expect(readServerKexInit(packet)).toEqual({ status: 'disconnect', reason: 2, description: 'Too many connections' });
  });
});

describe('kexinit.ts on hostile bytes: a clear error, never a throw', () => {
  const good = fixture('kexinit-openssh-9.2-default');
  const cases: [string, Uint8Array, RegExp][] = [
    ['a 4 GB packet length', Uint8Array.from([0xff, 0xff, 0xff, 0xff, 4, 20]), /larger than 35000/],
    ['just over the bound', Uint8Array.from([0, 0, (MAX_PACKET_LENGTH + 1) >> 8, (MAX_PACKET_LENGTH + 1) & 0xff, 4]), /larger than/],
    ['padding longer than the packet', Uint8Array.from([0, 0, 0, 8, 200, 20, 0, 0, 0, 0, 0, 0]), /no room/],
    ['padding under 4', Uint8Array.from([0, 0, 0, 12, 2, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), /minimum of 4/],
    ['HTTP text read as a packet', bytes('HTTP/1.1 400 Bad Request\r\n\r\n'), /larger than/],
  ];
  for (const [name, input, error] of cases) {
    it(name, () => {
      const r = readServerKexInit(input);
      expect(r.status).toBe('error');
      if (r.status === 'error') expect(r.error).toMatch(error);
    });
  }

  it('a name-list length beyond the payload', () => {
    const p = readBinaryPacket(good);
    if (p.status !== 'packet') throw new Error('fixture');
    const payload = Uint8Array.from(p.payload);
    payload.set([0x7f, 0xff, 0xff, 0xff], 17); // the kex list claims 2 GB
    expect(parseKexInit(payload)).toEqual({ ok: false, error: expect.stringMatching(/kex list claims 2147483647 bytes/) });
  });

  it('non-ASCII and empty names in a list', () => {
    const p = readBinaryPacket(good);
    if (p.status !== 'packet') throw new Error('fixture');
    const payload = Uint8Array.from(p.payload);
    payload[21] = 0xc3;
    expect(parseKexInit(payload)).toMatchObject({ ok: false, error: expect.stringMatching(/not printable ASCII/) });
    const empty = Uint8Array.from(p.payload);
    empty[21] = 0x2c; // a leading comma: an empty name
    expect(parseKexInit(empty)).toMatchObject({ ok: false, error: expect.stringMatching(/invalid algorithm name ""/) });
  });

  it('another message type, a truncated payload, random junk', () => {
    expect(parseKexInit(Uint8Array.from([21]))).toMatchObject({ ok: false, error: expect.stringMatching(/not SSH_MSG_KEXINIT/) });
    const p = readBinaryPacket(good);
    if (p.status !== 'packet') throw new Error('fixture');
    for (let cut = 0; cut < p.payload.length - 5; cut += 11) {
      const r = parseKexInit(p.payload.subarray(0, cut));
      expect(r.ok, `cut ${cut}`).toBe(false);
    }
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
    for (let i = 0; i < 500; i++) {
      const junk = Uint8Array.from({ length: 1 + (rnd() * 4) }, rnd);
      expect(() => readServerKexInit(junk)).not.toThrow();
      expect(() => parseKexInit(junk)).not.toThrow();
    }
  });
});

describe('identification.ts', () => {
  it('reads an OpenSSH identification and where the first packet starts', () => {
    const buf = Uint8Array.from([...bytes('SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n'), ...fixture('kexinit-openssh-9.2-legacy')]);
    const r = readIdentification(buf, false);
    expect(r).toMatchObject({ status: 'ssh', protoVersion: '2.0', softwareVersion: 'OpenSSH_9.2p1', comments: 'Debian-2+deb12u3', consumed: 40 });
  });
  it('accepts text lines before it (RFC 4253 §4.2), and 1.99', () => {
    expect(readIdentification(bytes('Welcome\r\nAuthorised use only\r\nSSH-1.99-Cisco-1.25\r\n'), false)).toMatchObject({ status: 'ssh', preBanner: ['Welcome', 'Authorised use only'] });
  });
  it('waits for the end of the line', () => {
    expect(readIdentification(bytes('SSH-2.0-Open'), false)).toEqual({ status: 'incomplete' });
    expect(readIdentification(bytes(''), false)).toEqual({ status: 'incomplete' });
  });
  it('names what is not SSH', () => {
    expect(readIdentification(bytes('HTTP/1.1 400 Bad Request\r\n'), false)).toMatchObject({ status: 'http', line: 'HTTP/1.1 400 Bad Request' });
    expect(readIdentification(bytes('SSH-1.5-OldDevice\r\n'), false)).toMatchObject({ status: 'ssh1' });
    expect(readIdentification(bytes('220 mail ESMTP\r\n'), true)).toMatchObject({ status: 'not-ssh', lines: ['220 mail ESMTP'] });
    expect(readIdentification(Uint8Array.from([0x16, 0x03, 0x01, 0x02, 0x00]), false)).toMatchObject({ status: 'not-ssh', reason: expect.stringMatching(/binary/) });
    expect(readIdentification(bytes(''), true)).toEqual({ status: 'closed-silently' });
    expect(readIdentification(bytes(`SSH-2.0-${'x'.repeat(300)}\r\n`), false)).toMatchObject({ status: 'not-ssh', reason: expect.stringMatching(/longer than 255/) });
  });
  it('stops at the bound on endless text', () => {
    const r = readIdentification(bytes('A'.repeat(MAX_IDENT_BYTES * 4)), false);
    expect(r).toMatchObject({ status: 'not-ssh', reason: `${MAX_IDENT_BYTES} bytes without an SSH identification line` });
    const lines = readIdentification(bytes('x\n'.repeat(2000)), false);
    expect(lines).toMatchObject({ status: 'not-ssh', reason: expect.stringMatching(/more than 1024 lines/) });
  });
});

describe('algorithms.ts: predicting "no matching …"', () => {
  it('a default server: everything agrees, as OpenSSH would pick it', () => {
    const n = negotiate(kexinitOf('kexinit-openssh-9.2-default'), CLIENT, SUPPORTED);
    expect(n.mismatches).toEqual([]);
    expect(n).toMatchObject({ kex: 'sntrup761x25519-sha512@openssh.com', hostKey: 'ssh-ed25519', cipherServerToClient: 'chacha20-poly1305@openssh.com', macServerToClient: null });
  });

  it('a legacy server: all four mismatches, in the order ssh checks them, with the narrowest fix', () => {
    const n = negotiate(kexinitOf('kexinit-openssh-9.2-legacy'), CLIENT, SUPPORTED);
    expect(n.mismatches.map((m) => [m.articleId, m.causeId, m.enable])).toEqual([
      ['no-matching-key-exchange', 'legacy-server', 'diffie-hellman-group1-sha1'],
      ['no-matching-host-key-type', 'server-offers-only-ssh-rsa', 'ssh-rsa'],
      ['no-matching-cipher', 'legacy-cbc-server', 'aes128-cbc'],
      ['no-matching-mac', 'legacy-mac-server', 'hmac-md5'],
    ]);
    // The strict-kex marker OpenSSH adds is not an algorithm to enable.
    expect(n.mismatches[0]!.serverOffer).toEqual(['diffie-hellman-group1-sha1']);
    expect(perHostFix('old-switch', n.mismatches)).toBe('Host old-switch\n    KexAlgorithms +diffie-hellman-group1-sha1\n    HostKeyAlgorithms +ssh-rsa\n    Ciphers +aes128-cbc\n    MACs +hmac-md5');
    expect(oneOffOptions(n.mismatches)).toEqual(['-o', 'KexAlgorithms=+diffie-hellman-group1-sha1', '-o', 'HostKeyAlgorithms=+ssh-rsa', '-o', 'Ciphers=+aes128-cbc', '-o', 'MACs=+hmac-md5']);
  });

  it('enables the least bad legacy algorithm, not the first listed', () => {
    const server = { ...kexinitOf('kexinit-openssh-9.2-legacy'), kex: ['diffie-hellman-group1-sha1', 'diffie-hellman-group14-sha1'], cipherClientToServer: ['3des-cbc', 'aes256-cbc'], cipherServerToClient: ['3des-cbc', 'aes256-cbc'] };
    const n = negotiate(server, CLIENT, SUPPORTED);
    expect(n.mismatches.find((m) => m.kind === 'kex')?.enable).toBe('diffie-hellman-group14-sha1');
    expect(n.mismatches.find((m) => m.kind === 'ciphers')?.enable).toBe('aes256-cbc');
  });

  it('no MAC is needed with an AEAD cipher; an unknown-to-this-build offer has no config fix', () => {
    const server = { ...kexinitOf('kexinit-openssh-9.2-default'), macClientToServer: ['hmac-md5'], macServerToClient: ['hmac-md5'] };
    expect(negotiate(server, CLIENT, SUPPORTED).mismatches).toEqual([]);
    const future = { ...kexinitOf('kexinit-openssh-9.2-default'), kex: ['mlkem768x25519-sha256'], hostKey: ['ssh-dss'] };
    const n = negotiate(future, CLIENT, SUPPORTED);
    expect(n.mismatches.map((m) => [m.causeId, m.enable])).toEqual([
      ['outdated-client', null],
      ['server-offers-only-ssh-dss', 'ssh-dss'],
    ]);
    expect(perHostFix('h', n.mismatches)).toBe('Host h\n    HostKeyAlgorithms +ssh-dss');
  });
});

describe('target.ts: what may be handed to ssh', () => {
  it('parses user, host, port and IPv6', () => {
    expect(parseTarget('alice@db1.example.com:2222')).toEqual({ ok: true, target: { user: 'alice', host: 'db1.example.com', port: 2222 } });
    expect(parseTarget('[::1]:2200')).toEqual({ ok: true, target: { user: null, host: '::1', port: 2200 } });
    expect(parseTarget('fe80::1%eth0')).toEqual({ ok: true, target: { user: null, host: 'fe80::1%eth0', port: null } });
    expect(parseTarget('web', 2022)).toEqual({ ok: true, target: { user: null, host: 'web', port: 2022 } });
  });
  it('refuses options disguised as hosts, shell syntax and control characters', () => {
    for (const bad of ['-oProxyCommand=touch /tmp/x', '-oProxyCommand=x', 'alice@-oProxyCommand=x', 'a;b', '$(id)', '`id`', 'host name', 'host\nname', 'host\x1b[31m', '[::1', 'h:99999', 'h:0', 'ssh://h', '', 'x'.repeat(400), 'a|b']) {
      expect(parseTarget(bad).ok, JSON.stringify(bad)).toBe(false);
    }
    expect(parseTarget('h:22', 23)).toEqual({ ok: false, error: 'two different ports given (22 and 23)' });
  });
  it('writes the target back for messages and commands', () => {
    const v6 = parseTarget('alice@[::1]:2200');
    if (!v6.ok) throw new Error(v6.error);
    expect(givenTarget(v6.target)).toBe('alice@[::1]:2200');
    expect(sshCommand(v6.target, ['-o', 'Ciphers=+aes128-cbc'], 'echo ok')).toBe("ssh -o Ciphers=+aes128-cbc -p 2200 alice@::1 'echo ok'");
  });
});

describe('ssh-g.ts', () => {
  it('reads ssh -G output and expands IdentityFile as ssh does', () => {
    const cfg = parseSshG('host web\nhostname 10.0.0.5\nport 2222\nidentityfile ~/.ssh/id_ed25519\nidentityfile %d/.ssh/%r_%h\nkexalgorithms a,b\nproxyjump none\n');
    expect(cfg.get('hostname')).toBe('10.0.0.5');
    expect(cfg.list('kexalgorithms')).toEqual(['a', 'b']);
    const vars = { home: '/home/alice', localUser: 'alice', host: '10.0.0.5', user: 'deploy', port: '2222' };
    expect(cfg.all('identityfile').map((f) => expandPath(f, vars))).toEqual(['/home/alice/.ssh/id_ed25519', '/home/alice/.ssh/deploy_10.0.0.5']);
  });
});

describe('report.ts: the terminal report', () => {
  it('links article and cause, lists every stage, says where it stopped', () => {
    const stages = TIMELINE_STAGES.map((id) => stage(id, `checked ${id}`));
    stages[0] = { ...stages[0]!, status: 'ok', found: ['web.example.com resolves to 192.0.2.7'] };
    stages[1] = { ...stages[1]!, status: 'failed', found: ['refused', 'second fact'], article: ref('connection-refused', 'firewall-rejects'), fix: 'line one\nline two' };
    const text = formatReport({ target: { given: 'web', hostname: 'web.example.com', port: 22, user: 'alice', address: '192.0.2.7', proxy: null }, stages, stoppedAt: 'connect', exitCode: EXIT_STATUS.connect }, 'https://help.example.com/ssh/');
    expect(text).toContain('sshfix doctor: web (ssh uses alice@web.example.com port 22)');
    expect(text).toMatch(/\[2\/7\] FAILED  TCP connect\n {8}checked: checked connect\n {8}found: {3}refused\n {17}second fact\n/);
    expect(text).toContain('see: https://help.example.com/ssh/errors/connection-refused/#firewall-rejects');
    expect(text).toContain('fix: line one\n             line two');
    expect(text).toMatch(/\[7\/7\] - +Session\n\nStopped at: TCP connect \(exit status 12\)\./);
    expect(EXIT_STATUS).toEqual({ resolve: 11, connect: 12, banner: 13, kex: 14, hostkey: 15, auth: 16, session: 17 });
  });
});

describe('the articles and causes the doctor links to exist', () => {
  const root = new URL('../../', import.meta.url);
  const ids = new Set(readFileSync(new URL('content/ids.tsv', root), 'utf8').split('\n').slice(1).map((l) => l.split('\t')[0]));
  const causes = (id: string) => [...readFileSync(new URL(`content/errors/${id}.mdx`, root), 'utf8').matchAll(/<Cause id="([^"]+)"/g)].map((m) => m[1]);
  it('every ref(…) in src/doctor and every cause algorithms.ts names', () => {
    const dir = new URL('src/doctor/', root);
    const refs: [string, string | null][] = [];
    for (const f of readdirSync(dir)) {
      const src = readFileSync(new URL(f, dir), 'utf8');
      for (const m of src.matchAll(/ref\('([a-z0-9-]+)'(?:,\s*'([a-z0-9-]+)')?/g)) refs.push([m[1]!, m[2] ?? null]);
    }
    const legacy = negotiate(kexinitOf('kexinit-openssh-9.2-legacy'), CLIENT, SUPPORTED).mismatches;
    const none = negotiate(kexinitOf('kexinit-openssh-9.2-legacy'), CLIENT, { kex: [], hostKey: [], ciphers: [], macs: [] }).mismatches;
    for (const m of [...legacy, ...none]) refs.push([m.articleId, m.causeId]);
    expect(refs.length).toBeGreaterThan(25);
    for (const [id, cause] of refs) {
      expect(ids, id).toContain(id);
      if (cause) expect(causes(id), `${id}#${cause}`).toContain(cause);
    }
  });
});
