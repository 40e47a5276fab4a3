/**
 * Redaction (src/redact): nothing private from the fixtures survives, the router gives the same
 * answer on the redacted text, placeholders are stable, and hostile input never hangs or throws.
 *
 * What counts as private in a fixture is found here with simple checks of their own (user@host,
 * /home/NAME, "Invalid user NAME", dotted names, addresses, fingerprints), not with the redactor's
 * patterns, so a gap in those patterns shows up as a leak.
 */
import { describe, expect, it } from 'vitest';
import { readArticles } from '../../src/catalog/load.ts';
import { toRules } from '../../src/catalog/rules.ts';
import { createMatcher } from '../../src/matcher/index.ts';
import { MASK_KINDS, redact } from '../../src/redact/index.ts';
import { HOSTILE } from '../fixtures/hostile/corpus.ts';
import { pasteFixtures } from '../fixtures/read.ts';

const fixtures = pasteFixtures();
// Every article that parses: invariance must hold for any rule set, even mid-edit of the catalog.
const matcher = createMatcher(toRules(readArticles().articles));

// The redactor's documented policy: these identify nobody and stay (see src/redact/index.ts).
const PUBLIC_ACCOUNTS = /^(?:root|admin|administrator|git|ec2-user|ubuntu|centos|rocky|almalinux|debian|fedora|azureuser|opc|core|bitnami|vagrant|pi|runner|nobody|sshd|user|gitea|gogs|forgejo|gitolite|gitolite3)$/i;
const PUBLIC_DOMAINS = /(?:^|\.)(?:openssh\.com|libssh\.org|ssh\.com|github\.com|gitlab\.com|bitbucket\.org|dev\.azure\.com|visualstudio\.com)$/i;
const LOOPBACK = /^(?:127\.|0\.0\.0\.0$|localhost$)/;
// Words people type where they hid a name themselves (`user@server`), and Google Cloud's opaque
// numeric ids (`sa_<id>@compute.<instance id>`), which the router needs and which name nobody.
const NOT_PRIVATE = /^(?:server|host|remote|hostname|sa_\d+|compute\.\d+)$/;

/** Every private value a fixture shows, by kind, found with deliberately plain patterns. */
function privateValues(paste: string): { kind: string; value: string }[] {
  const out: { kind: string; value: string }[] = [];
  const add = (kind: string, value: string | undefined) => {
    if (value && !value.includes('%') && /[a-z0-9]/i.test(value) && !NOT_PRIVATE.test(value)) out.push({ kind, value });
  };
  // user@host; `owner/action@v1.0.3` is a version, `ssh://user@host` a user, Java's `[B@6083da0a` an array's identity
  for (const m of paste.matchAll(/(?<![\w.-])(?<![^/]\/)(?!(?<=\[)[BCDFIJSZ]@[0-9a-f]{4,8}\b)([\w.-]+)@([\w-]+(?:\.[\w-]+)*)/g)) {
    if (PUBLIC_DOMAINS.test(m[2])) continue;
    if (!PUBLIC_ACCOUNTS.test(m[1])) add('user', m[1]);
    if (m[2] !== 'localhost' && /[a-z]/i.test(m[2])) add('host', m[2]);
  }
  for (const m of paste.matchAll(/(?:\/home\/|\/Users\/|[Uu]sers\\+|[Ii]nvalid user |for user |for (?=[\w.-]+ from \S+ port))([\w.-]+)/g)) {
    if (!PUBLIC_ACCOUNTS.test(m[1])) add('user', m[1].replace(/\.$/, ''));
  }
  for (const m of paste.matchAll(/connect to host ([\w.-]+) port/g)) if (!LOOPBACK.test(m[1]) && !PUBLIC_DOMAINS.test(m[1])) add('host', m[1]);
  for (const m of paste.matchAll(/\b(?:[a-z0-9-]+\.)+(?:com|net|org|io|local|lan|internal|example|corp)\b/gi)) {
    if (!PUBLIC_DOMAINS.test(m[0])) add('host', m[0]);
  }
  for (const m of paste.matchAll(/\b\d{1,3}(?:\.\d{1,3}){3}\b/g)) {
    if (!LOOPBACK.test(m[0]) && m[0].split('.').every((o) => Number(o) <= 255)) add('ip', m[0]);
  }
  for (const m of paste.matchAll(/\b[0-9a-f]{1,4}:[0-9a-f:]*::[0-9a-f]{1,4}\b/gi)) add('ip', m[0]);
  for (const m of paste.matchAll(/SHA256:[A-Za-z0-9+/]{43}|\b(?:[0-9a-f]{2}:){15}[0-9a-f]{2}\b/gi)) add('fingerprint', m[0]);
  return out;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The value as a whole word: `alice` in `alice@host` or `/home/alice/`, not in `malice`. */
const survives = (value: string, text: string) => new RegExp(`(?<![\\w.])${escapeRe(value)}(?![\\w]|\\.\\w)`).test(text);

describe('redact: every fixture', () => {
  it('finds private values in the fixtures at all (the checks below are not vacuous)', () => {
    const kinds = new Set(fixtures.flatMap((f) => privateValues(f.paste).map((v) => v.kind)));
    expect([...kinds].sort()).toEqual(['fingerprint', 'host', 'ip', 'user']);
  });

  for (const f of fixtures) {
    it(f.rel, () => {
      const { text, masked } = redact(f.paste);
      const leaks = privateValues(f.paste).filter((v) => survives(v.value, text));
      expect(leaks, `still in the redacted text:\n${text}`).toEqual([]);
      const before = matcher.match(f.paste).best?.id ?? null;
      const after = matcher.match(text).best?.id ?? null;
      expect(after, `routing changed; redacted text:\n${text}`).toBe(before);
      for (const m of masked) expect(text).toContain(m.placeholder);
    });
  }
});

describe("redact: Java's identity of an array is not a user@host", () => {
  it('keeps `[B@6083da0a` (JSch prints the key bytes that way) and still masks a prompt\'s `[root@web1 ~]#`', () => {
    const { text } = redact('invalid privatekey: [B@6083da0a\n[alice@web1 ~]$ ssh bob@db.corp.example.com');
    expect(text).toContain('[B@6083da0a');
    expect(text).not.toMatch(/alice|web1|bob|db\.corp/);
  });
});

describe('redact: placeholders', () => {
  const paste = [
    'debug1: Connecting to db1.corp.example [10.0.4.7] port 22.',
    'debug1: Offering public key: /home/alice/.ssh/id_ed25519 ED25519 SHA256:AGzYSPDIs8I2TeY0i9QfvryYAHcDjTAYsmIeFFmX0AE explicit',
    'debug1: Will attempt key: alice@laptop RSA SHA256:HPv79ksJoNHG0Xm7gH6/UY/Py+nB77MZEP6SuEwmLhE agent',
    'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOV3RJ8FpTf5J2j8yR1VSgq alice@laptop',
    'Author: Alice <alice@acme.com>',
    'alice@10.0.4.7: Permission denied (publickey).',
    'Connection closed by 10.0.4.7 port 22',
  ].join('\n');

  it('masks each kind and gives the same value the same placeholder', () => {
    const { text, masked } = redact(paste);
    expect(text).toBe(
      [
        'debug1: Connecting to HOST1 [IP1] port 22.',
        'debug1: Offering public key: /home/USER1/.ssh/id_ed25519 ED25519 FINGERPRINT1 explicit',
        'debug1: Will attempt key: KEYCOMMENT1 RSA FINGERPRINT2 agent',
        'ssh-ed25519 FINGERPRINT3 KEYCOMMENT1',
        'Author: Alice <EMAIL1>',
        'USER1@IP1: Permission denied (publickey).',
        'Connection closed by IP1 port 22',
      ].join('\n'),
    );
    const count = (p: string) => masked.find((m) => m.placeholder === p)?.count;
    expect(count('IP1')).toBe(3);
    expect(count('USER1')).toBe(2);
    expect(count('KEYCOMMENT1')).toBe(2);
    expect(masked.map((m) => m.kind)).toEqual([...masked.map((m) => m.kind)].sort((a, b) => MASK_KINDS.indexOf(a) - MASK_KINDS.indexOf(b)));
  });

  it("an IPv6 address before a message's colon keeps the colon", () => {
    expect(redact('ssh_dispatch_run_fatal: Connection to 2001:db8::10: no matching MAC found').text).toBe('ssh_dispatch_run_fatal: Connection to IP1: no matching MAC found');
    expect(redact('connect ECONNREFUSED 2001:db8::25:22').text).toBe('connect ECONNREFUSED IP1:22');
  });

  it('keeps SSH vocabulary, system paths, loopback and public services', () => {
    const kept = [
      'debug1: kex: server->client cipher: chacha20-poly1305@openssh.com MAC: <implicit> compression: none',
      'debug1: Reading configuration data /etc/ssh/ssh_config',
      'fatal: Missing privilege separation directory: /run/sshd',
      'channel 2: open failed: connect failed: Connection refused (127.0.0.1 port 8080)',
      'Server listening on 0.0.0.0 port 22.',
      'Server listening on :: port 22.',
      'git@github.com: Permission denied (publickey).',
      'Permissions 0644 for \'~/.ssh/id_rsa\' are too open.',
      'Nov 26 10:00:01 sshd[123]: error: bind [::1]:22: Address already in use',
    ].join('\n');
    expect(redact(kept)).toEqual({ text: kept, masked: [] });
  });

  it('is idempotent: a redacted paste redacted again does not change', () => {
    const once = redact(paste).text;
    expect(redact(once).text).toBe(once);
  });

  it('does not reuse a placeholder the paste already contains', () => {
    const { text } = redact('HOST1 said: ssh: connect to host db1 port 22: Connection refused');
    expect(text).toBe('HOST1 said: ssh: connect to host HOST2 port 22: Connection refused');
  });

  it('leaves the kinds asked for', () => {
    expect(redact('ssh: connect to host db1 port 22: Connection refused', { keep: ['host'] }).masked).toEqual([]);
  });

  it('keeps the shape the router reads in Google Cloud OS Login names', () => {
    const { text } = redact('alice_example_com@compute.5038866934849735751: Permission denied (publickey).\nbob_gmail_com@34.90.12.7: Permission denied (publickey).');
    expect(text).toBe('USER1_com@compute.5038866934849735751: Permission denied (publickey).\nUSER2_gmail_com@IP1: Permission denied (publickey).');
    expect(redact(text).text).toBe(text);
  });

  it('masks private absolute paths, keeping what the file is', () => {
    const { text } = redact('Load key "/data/acme/keys/.ssh/id_rsa": bad permissions\nFile "/srv2/acme/app/conn.py", line 63');
    expect(text).toBe('Load key "PATH1/.ssh/id_rsa": bad permissions\nFile "PATH2/conn.py", line 63');
  });
});

describe('redact: hostile input', () => {
  const bounded = (input: string, ms: number) => {
    const t0 = performance.now();
    const r = redact(input);
    const took = performance.now() - t0;
    expect(typeof r.text).toBe('string');
    expect(took, `took ${Math.round(took)} ms`).toBeLessThan(ms);
    return r;
  };

  it('10 MB of ssh -vvv output: linear, masked throughout', () => {
    const log = fixtures.find((f) => f.rel.endsWith('permission-denied-publickey/captured-key-not-authorized-vvv.txt'))?.paste ?? fixtures[0].paste;
    const big = log.repeat(Math.ceil((10 * 1024 * 1024) / log.length)).slice(0, 10 * 1024 * 1024);
    const r = bounded(big, 15_000);
    expect(r.text).not.toMatch(/\/home\/alice\b|203\.0\.113\.10/);
  });

  it('binary junk, lone surrogates, markup, pathological repeats: returns text, never throws', () => {
    let junk = '';
    for (let i = 0; i < 200_000; i++) junk += String.fromCharCode((i * 7919) % 65536);
    const inputs = [
      junk,
      '\ud800\udc00\ud800 alice@db1 \udfff'.repeat(10_000),
      '<script>alert(1)</script> alice@<img src=x onerror=alert(1)>'.repeat(5_000),
      'a@'.repeat(200_000),
      '1.'.repeat(300_000),
      ':'.repeat(500_000) + 'f',
      '/x'.repeat(300_000),
      'Offering public key: ' + 'a '.repeat(100_000),
      'ssh-rsa AAAA' + 'A'.repeat(500_000),
      'connect to host ' + 'h'.repeat(500_000) + ' port 22',
    ];
    for (const input of inputs) bounded(input, 5_000);
    expect(redact(undefined as unknown as string)).toEqual({ text: '', masked: [] });
  });

  it('every input of the hostile suite: a result within bounds (linear, not fast: 2 CPUs shared), never a throw', () => {
    for (const h of HOSTILE) {
      const text = h.text();
      const r = bounded(text, h.group === 'size' ? 15_000 : 5_000);
      // Lines are never added or removed: evidence line numbers stay valid in the redacted text.
      expect(r.text.split('\n').length, h.name).toBe(text.split('\n').length);
    }
  }, 120_000);

  it('markup stays text: only names are replaced, the rest is untouched', () => {
    const { text } = redact('<b onclick="x()">ssh: connect to host db1 port 22: Connection refused</b>');
    expect(text).toBe('<b onclick="x()">ssh: connect to host HOST1 port 22: Connection refused</b>');
  });
});
