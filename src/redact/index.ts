/**
 * Redaction of a paste before it leaves the page (ticket, chat, issue link, `sshfix redact`).
 *
 * Host names, IP addresses, user names, home-directory and other private paths, key fingerprints,
 * public keys, key comments and e-mail addresses become stable placeholders (`HOST1`, `IP1`,
 * `USER1`, `PATH1`, `FINGERPRINT1`, `KEYCOMMENT1`, `EMAIL1`): the same value always gets the same
 * placeholder, so a reader of the ticket still sees that two lines name the same host.
 *
 * The router must give the same answer on the redacted text as on the original, so SSH's own
 * vocabulary stays: algorithm names (`chacha20-poly1305@openssh.com` is not an e-mail), port
 * numbers, system paths (`/etc/ssh/sshd_config`, `/var/empty`, `/run/sshd`), the structure of home
 * paths (`/home/alice/.ssh/id_rsa` becomes `/home/USER1/.ssh/id_rsa`), and every placeholder is
 * a plain word that the matcher's `{host}`, `{addr}`, `{user}` and `{path}` classes accept.
 *
 * Deliberately kept, because they identify nobody and carry meaning for the diagnosis:
 * - loopback and unspecified addresses (`localhost`, `127.0.0.1`, `::1`, `0.0.0.0`, `::`): a
 *   forward to localhost or sshd listening on 0.0.0.0 is part of the error;
 * - public services and protocol names (`github.com`, `gitlab.com`, `openssh.com`, …);
 * - default and system accounts that every such machine has (`root`, `git`, `ec2-user`, `ubuntu`…),
 *   and the service accounts of self-hosted git servers (`gitea`, `gogs`), whose prompt routes differently.
 *
 * Pure TypeScript (no DOM, no Node APIs). Two linear passes: the first collects the host and user
 * names that only their context reveals (`connect to host db1 port 22`, `Invalid user bob from`,
 * `/home/alice/`), the second replaces, in one left-to-right scan, what identifies itself by its
 * shape (addresses, fingerprints, dotted host names, keys) and every word collected in the first.
 * Every pattern is bounded, so the cost is linear in the input; it never throws.
 */

export type MaskKind = 'host' | 'ip' | 'user' | 'path' | 'fingerprint' | 'key-comment' | 'email';

/** One placeholder in the redacted text: what kind of value it stands for, and how often it was put in. */
export interface Masked {
  kind: MaskKind;
  placeholder: string;
  count: number;
}

export interface Redaction {
  text: string;
  /** In the order of `MASK_KINDS`, then by placeholder number. */
  masked: Masked[];
}

export interface RedactOptions {
  /** Kinds of value to leave as they are (e.g. `['host']` when the host name is what the ticket is about). */
  keep?: readonly MaskKind[];
}

export const MASK_KINDS: readonly MaskKind[] = ['host', 'ip', 'user', 'path', 'fingerprint', 'key-comment', 'email'];

const PREFIX: Record<MaskKind, string> = {
  host: 'HOST',
  ip: 'IP',
  user: 'USER',
  path: 'PATH',
  fingerprint: 'FINGERPRINT',
  'key-comment': 'KEYCOMMENT',
  email: 'EMAIL',
};
// `USER1_gmail_com` (an OS Login name, below) holds a placeholder too.
const PLACEHOLDER_RE = /\b(HOST|IP|USER|PATH|FINGERPRINT|KEYCOMMENT|EMAIL)(\d{1,9})(?![A-Za-z0-9])/g;
const IS_PLACEHOLDER = /^(?:HOST|IP|USER|PATH|FINGERPRINT|KEYCOMMENT|EMAIL)\d{1,9}$/;

/** Names that identify nobody: loopback, and public services a paste names to say where it connects. */
const PUBLIC_HOSTS = new Set(
  ('localhost localhost.localdomain ip6-localhost ip6-loopback github.com ssh.github.com gitlab.com altssh.gitlab.com ' +
    'bitbucket.org altssh.bitbucket.org ssh.dev.azure.com vs-ssh.visualstudio.com source.developers.google.com ' +
    'codeberg.org git.sr.ht').split(' '),
);
/** Protocol and algorithm namespaces (`curve25519-sha256@libssh.org`) and the OpenSSH web site. */
const PROTOCOL_DOMAIN_RE = /(?:^|\.)(?:openssh\.com|libssh\.org|ssh\.com)$/i;
/** Accounts every such machine or service has: naming them tells nothing about the reader. */
const PUBLIC_USERS = new Set(
  ('root admin administrator git ec2-user ubuntu centos rocky almalinux debian fedora azureuser opc core ' +
    'bitnami vagrant pi runner nobody sshd user gitea gogs forgejo gitolite gitolite3').split(' '),
);

/** Words that stand where a host name would (`Error connecting to agent:`): SSH's vocabulary, never masked. */
const NOT_NAMES = new Set('agent the a an remote server host client proxy socket port unknown none'.split(' '));

/**
 * Google Cloud OS Login: a user name is the account's e-mail with `@` and `.` as `_`
 * (`alice_example_com`), a service account is `sa_<numeric id>`, the host alias `compute.<instance
 * id>`. The router tells these apart by that shape, so the shape stays: the name is masked but
 * keeps its `_com` (`_gmail_com`: a public provider) ending, and the numeric ids are kept, like
 * ports and process ids: opaque numbers that name no person and no address.
 */
const OS_LOGIN_SUFFIX_RE = /(?:_gmail)?_(?:com|net|org|edu|gov|io|dev|co|uk|de|fr|nl|in|jp)$/;
const OPAQUE_ID_RE = /^(?:sa_\d{6,40}|compute\.\d{6,40})$/;

const isLoopbackV4 = (ip: string) => ip.startsWith('127.') || ip === '0.0.0.0';
/** `::`, `::1` and `:::22` (netstat's "any address, port 22"): nothing to hide, and `:22` matters to the router. */
const isUnspecifiedV6 = (ip: string) => /^(?:::|::1|0{0,4}(?::0{0,4}){1,6}:0{0,3}1?|:::\d{1,5})$/.test(ip);

// A host or user name as it appears in a context; bounded.
const H = String.raw`[\w.-]{1,253}`;
const U = String.raw`[\w.$-]{1,64}`;

/**
 * Contexts that reveal a host or a user name that has no telltale shape (`db1`, `bob`). Each
 * regex has one capture group per name, in the order of its `kinds`. Every context is tight
 * (a quote, `port N` or a colon after the name), because a collected word is masked everywhere:
 * `Failed to connect to the host` must not make "the" a host name.
 */
const CONTEXTS: { re: RegExp; kinds: ('host' | 'user')[] }[] = [
  { re: new RegExp(String.raw`\b(?:connect to host|connect_to|Connecting to|Connection to) (${H}) (?:port|closed|\[)`, 'gi'), kinds: ['host'] },
  { re: new RegExp(String.raw`\b(?:resolve hostname|Authenticating to|Unable to connect to|Failed to connect to|host key for|lookup) '?(${H})'?(?::| port| on )`, 'gi'), kinds: ['host'] },
  { re: new RegExp(String.raw`\bhostname (${H}) is address`, 'g'), kinds: ['host'] },
  { re: new RegExp(String.raw`\b(?:closed|reset|Disconnected|disconnect|Connection) (?:by|from) (?:(?:authenticating|invalid) user (${U}) )?(${H}) port \d`, 'gi'), kinds: ['user', 'host'] },
  { re: new RegExp(String.raw`\b(?:authenticity of host|Permanently added|Host|IP address) '\[?(${H})`, 'gi'), kinds: ['host'] },
  { re: new RegExp(String.raw`(?:rhost=|(?:fatal|ok|changed|failed|unreachable): \[)(${H})`, 'gi'), kinds: ['host'] },
  { re: new RegExp(String.raw`^[ \t]*(?:HostName|ProxyJump)[ \t]*=?[ \t]*(${H})`, 'gim'), kinds: ['host'] },
  // syslog / journald: `Nov 26 10:00:01 web1 sshd[123]:`, `2026-01-27T10:00:01+00:00 web1 sshd[5]:`
  { re: new RegExp(String.raw`^(?:[A-Z][a-z]{2} {1,2}\d{1,2} \d\d:\d\d:\d\d|\d{4}-\d\d-\d\dT[\d:.]{8,18}(?:Z|[+-]\d\d:?\d\d)?) (${H}) [\w./@-]{1,64}(?:\[\d{1,10}\])?:`, 'gm'), kinds: ['host'] },
  { re: new RegExp(String.raw`\b(?:for|Invalid|invalid|illegal|Illegal|authenticating) user (${U})`, 'g'), kinds: ['user'] },
  // the address may be a template's `{{ip}}` or already masked (`<ip>`): the user is still a user
  { re: new RegExp(String.raw`\bfor (${U}) from (?:(${H})|\S{1,253}) port \d`, 'g'), kinds: ['user', 'host'] },
  { re: new RegExp(String.raw`\b[Uu]ser (${U}) (?:from (${H}) )?not allowed`, 'g'), kinds: ['user', 'host'] },
  { re: new RegExp(String.raw`(?:\bas '|\buser=|\bruser=|login as: |[Uu]sing username "|\bHi |Permission to [^\s]{1,255} denied to (?!deploy key\b)|[\\/]home[\\/]|[\\/][Uu]sers[\\/]{1,2}|~)(${U})`, 'g'), kinds: ['user'] },
  // user@host (and e-mail addresses, masked apart where the context does not say e-mail); after a
  // single slash it is a version (`actions/checkout@v4`), after `ssh://` a user; Java's identity of
  // an array (`[B@6083da0a`, JSch's `invalid privatekey: [B@…`) names no one
  { re: new RegExp(String.raw`(?<![\w.$+%-])(?<![^/]/)(?!(?<=\[)[BCDFIJSZ]@[0-9a-f]{4,8}\b)(${U})@(${H}|\[[0-9A-Fa-f:.]{2,45}\])`, 'g'), kinds: ['user', 'host'] },
];

/** Top-level domains a bare dotted name must end in to count as a host (file extensions such as .py, .sh, .md are not here). */
const TLDS =
  'com|net|org|edu|gov|mil|int|arpa|io|dev|app|ai|co|cloud|info|biz|me|tech|online|site|xyz|tv|' +
  'us|uk|de|fr|nl|eu|ca|au|jp|cn|ru|br|in|ch|se|no|fi|dk|at|be|es|cz|hu|ro|gr|pt|ie|il|tr|ua|kr|tw|hk|sg|nz|za|mx|ar|cl|' +
  'local|localdomain|lan|internal|intranet|corp|home|example|test|invalid';

/** Base64 of an SSH public key, after its type: `ssh-ed25519 AAAAC3Nza… comment`. */
const KEY_TYPE = String.raw`(?:ssh-(?:rsa|dss|ed25519|ed448)|ecdsa-sha2-nistp\d{3}|sk-(?:ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com|[\w-]{1,40}-cert-v01@openssh\.com)`;
/** ssh's key lines: `Offering public key: COMMENT-OR-FILE TYPE SHA256:… explicit` (older: `… TYPE SHA256:… FILE`). */
const KEY_LINE = String.raw`(?:Offering public key|Will attempt key|Server accepts key|Offering (?:RSA|DSA|ECDSA|ED25519) public key|Trying private key)`;
/** The words ssh prints after a key's fingerprint to say where the key came from. */
const KEY_ORIGIN_RE = /^(?:(?:explicit|agent|token|authenticator|cert)\s?)+$/;
const KEY_LINE_REST_RE = /^(?:(.{1,512}?) )?([A-Z][A-Z0-9]{1,9}(?:-(?:SK|CERT))?(?:-CERT)?) ((?:SHA256|MD5):[A-Za-z0-9+/=:]{16,100})(?: (.{1,512}))?$/;

/** Absolute paths under these are the system's, the same on every machine: kept as they are. */
const SYSTEM_ROOTS =
  'etc|usr|var|run|tmp|opt|bin|sbin|lib|lib32|lib64|libexec|dev|proc|sys|boot|nix|snap|private|Library|System|Applications|root|home|Users|mnt|srv|media|cygdrive|c|d';

/** Where the reader's own directories end in a path: SSH's directory, or an installed package's. */
const PUBLIC_PATH_PART_RE = /\/(?:\.ssh|node_modules|site-packages|dist-packages|vendor|gems)(?:\/|$)/;

const OCTET = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;

/**
 * The second pass: one alternation scanned left to right. Earlier alternatives win at the same
 * position, so a fingerprint is not read as an IPv6 address and a key line is taken whole.
 */
const SCAN_SOURCE = [
  // groups 1-2, key line: handled by its own small parser
  String.raw`(${KEY_LINE}:[ \t])([^\r\n]{1,1100})`,
  // 3 public key blob, 4 its comment (to the end of the line)
  String.raw`(?<=${KEY_TYPE} )(AAAA[A-Za-z0-9+/]{16,16384}={0,3})(?:[ \t]+([^\r\n]{1,512}))?`,
  // 5 fingerprint: SHA256:base64, MD5:hex pairs, bare hex pairs
  String.raw`((?:\b(?:SHA256|SHA384|SHA512|SHA1):[A-Za-z0-9+/]{16,86}={0,2})|(?:\bMD5:|(?<![\w:]))(?:[0-9a-fA-F]{2}:){15,31}[0-9a-fA-F]{2}(?![\w:]))`,
  // 6 e-mail, where the context says it is one (otherwise user@host: user and host masked apart)
  String.raw`(?<=<|mailto:|e-?mail[ \t]{0,2}[:=]?[ \t]{0,2})([\w.%+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8})`,
  // 7 IPv4
  String.raw`(?<![\w.])(${OCTET}(?:\.${OCTET}){3})(?![\w]|\.\d)`,
  // 8 IPv6 candidate (checked in code: `::` or eight groups)
  String.raw`(?<![\w:.])((?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|${OCTET}(?:\.${OCTET}){3})?(?:%[\w.-]{1,32})?)(?![\w:])`,
  // 9 dotted host name with a known top-level domain
  String.raw`(?<![\w.-])((?:[A-Za-z0-9][A-Za-z0-9-]{0,62}\.){1,10}(?:${TLDS}))(?![\w-]|\.[A-Za-z0-9])`,
  // 10 absolute path outside the system directories: its directories become PATHn
  String.raw`(?<![\w.~/\\-])(/(?!(?:${SYSTEM_ROOTS})(?![\w.@+-]))[\w.@+-]{1,255}(?:/[\w.@+-]{1,255}){1,63})`,
  // 11 any other word: masked when the first pass collected it
  String.raw`([A-Za-z0-9_$][\w.$-]{0,252})`,
].join('|');

/** Placeholders per kind and value, numbered in order of first appearance, skipping numbers the text already uses. */
class Placeholders {
  private byValue = new Map<string, Masked>();
  private next: Record<string, number> = {};
  constructor(private taken: Set<string>) {}

  get(kind: MaskKind, value: string): string {
    const key = `${kind}\0${value}`;
    let m = this.byValue.get(key);
    if (!m) {
      let n = this.next[kind] ?? 1;
      while (this.taken.has(PREFIX[kind] + n)) n++;
      this.next[kind] = n + 1;
      m = { kind, placeholder: PREFIX[kind] + n, count: 0 };
      this.byValue.set(key, m);
    }
    m.count++;
    return m.placeholder;
  }

  list(): Masked[] {
    const order = (m: Masked) => MASK_KINDS.indexOf(m.kind);
    const num = (m: Masked) => Number(m.placeholder.slice(PREFIX[m.kind].length));
    return [...this.byValue.values()].sort((a, b) => order(a) - order(b) || num(a) - num(b));
  }
}

/** Worth masking as a host: not loopback, not a public service, not a placeholder, not a format string. */
function privateHost(h: string): boolean {
  const lower = h.toLowerCase().replace(/\.$/, '');
  if (!lower || IS_PLACEHOLDER.test(h) || h.includes('%') || NOT_NAMES.has(lower) || OPAQUE_ID_RE.test(h)) return false;
  if (PUBLIC_HOSTS.has(lower) || PROTOCOL_DOMAIN_RE.test(lower)) return false;
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(lower)) return !isLoopbackV4(lower);
  // A host name has a letter or a digit; `...` or `-` is a placeholder in a quoted message
  return /[a-z0-9]/.test(lower);
}

function privateUser(u: string): boolean {
  const lower = u.toLowerCase();
  return !!u && !IS_PLACEHOLDER.test(u.replace(OS_LOGIN_SUFFIX_RE, '')) && !u.includes('%') && !PUBLIC_USERS.has(lower) && !OPAQUE_ID_RE.test(u) && /[a-z0-9]/.test(lower);
}

/** First pass: names that only their context reveals. */
function collect(text: string): { hosts: Set<string>; users: Set<string> } {
  const hosts = new Set<string>();
  const users = new Set<string>();
  for (const { re, kinds } of CONTEXTS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const found = kinds.map((kind, i) => ({ kind, value: m![i + 1]?.replace(/^\[|\]$/g, '').replace(/[.-]+$/, '') }));
      // `aes256-gcm@openssh.com` names an algorithm, not a user at a host
      if (found.some((f) => f.kind === 'host' && f.value && PROTOCOL_DOMAIN_RE.test(f.value))) continue;
      for (const { kind, value } of found) {
        if (!value) continue;
        if (kind === 'host' ? privateHost(value) : privateUser(value)) (kind === 'host' ? hosts : users).add(value);
      }
    }
  }
  return { hosts, users };
}

/** Redact a paste. Never throws; any input gets a result (non-strings are read as text). */
export function redact(input: string, opts: RedactOptions = {}): Redaction {
  const text = typeof input === 'string' ? input : input == null ? '' : String(input);
  try {
    return run(text, new Set(opts.keep ?? []));
  } catch {
    // Defensive only: every step is written not to throw. Failing closed: nothing of the paste.
    return { text: '', masked: [] };
  }
}

function run(text: string, keep: Set<MaskKind>): Redaction {
  const taken = new Set<string>();
  for (const m of text.matchAll(PLACEHOLDER_RE)) taken.add(m[0]);
  const ph = new Placeholders(taken);
  const { hosts, users } = collect(text);
  const mask = (kind: MaskKind, value: string) => (keep.has(kind) ? value : ph.get(kind, value));

  const hostOrIp = (h: string) => {
    if (!privateHost(h)) return h;
    return /^[\d.]+$/.test(h) ? mask('ip', h) : mask('host', h);
  };

  /** A key comment, or the key's file where ssh prints that instead (a path is scanned like any text). */
  const comment = (c: string) => (/^(?:~|\/|[A-Za-z]:\\)/.test(c) ? scan(c) : mask('key-comment', c));

  const keyLine = (rest: string): string => {
    const m = KEY_LINE_REST_RE.exec(rest);
    if (!m) return scan(rest);
    const [, before, type, fp, after] = m;
    return [
      before !== undefined ? comment(before) + ' ' : '',
      type,
      ' ',
      mask('fingerprint', fp),
      after !== undefined ? ' ' + (KEY_ORIGIN_RE.test(after) ? after : comment(after)) : '',
    ].join('');
  };

  const privatePath = (p: string) => {
    // Keep what says what the file is (`/.ssh/id_rsa`, `/node_modules/ssh2/lib/client.js`, or the
    // file name); the directories above it are the reader's own.
    const known = PUBLIC_PATH_PART_RE.exec(p);
    const cut = known && known.index > 0 ? known.index : p.lastIndexOf('/');
    return mask('path', p.slice(0, cut)) + p.slice(cut);
  };

  const user = (u: string) => (keep.has('user') ? u : mask('user', u) + (OS_LOGIN_SUFFIX_RE.exec(u)?.[0] ?? ''));
  const collected = (w: string): string | null => (users.has(w) ? user(w) : hosts.has(w) ? hostOrIp(w) : null);
  const word = (w: string) => {
    // A word at the end of a sentence (`Connection to db1 closed.`) carries the full stop.
    const last = w[w.length - 1];
    const core = last === '.' || last === '-' ? w.replace(/[.-]+$/, '') : w;
    const whole = collected(core);
    if (whole !== null) return whole + w.slice(core.length);
    // A name inside a longer word: ControlPath `cm-alice@host`, `alice-laptop`
    return /[.-]/.test(core) ? w.replace(/[^.-]+/g, (piece) => collected(piece) ?? piece) : w;
  };

  const re = new RegExp(SCAN_SOURCE, 'g');
  function scan(s: string): string {
    return s.replace(re, (all, kl1, kl2, blob, blobComment, fp, email, v4, v6, dotted, absPath, w) => {
      if (kl1 !== undefined) return kl1 + keyLine(kl2);
      if (blob !== undefined) return mask('fingerprint', blob) + (blobComment !== undefined ? all.slice(blob.length, all.length - blobComment.length) + comment(blobComment) : '');
      if (fp !== undefined) return mask('fingerprint', fp);
      if (email !== undefined) return mask('email', email);
      if (v4 !== undefined) return isLoopbackV4(v4) ? v4 : mask('ip', v4);
      if (v6 !== undefined) return ipv6(v6);
      if (dotted !== undefined) return privateHost(dotted) ? mask('host', dotted) : dotted;
      if (absPath !== undefined) return privatePath(absPath);
      return word(w as string);
    });
  }
  const ipv6 = (s: string): string => {
    // `Connection to 2001:db8::10: no matching MAC found`: the colon after the address is the message's.
    if (/[^:]:$/.test(s)) return ipv6(s.slice(0, -1)) + ':';
    if (!isIpv6(s)) return scanWords(s);
    // Node prints `2001:db8::25:22` for address and port; keep `:22`, it tells the router this is SSH.
    const port = /^(.*::.*[0-9a-f]):(\d{1,5})$/i.exec(s);
    if (port) return ipv6(port[1]) + ':' + port[2];
    return isUnspecifiedV6(s) ? s : mask('ip', s);
  };
  // An IPv6 look-alike that is not one (a clock, `a:b:c`) is still scanned for collected words.
  const wordRe = /[A-Za-z0-9_$][\w.$-]{0,252}/g;
  const scanWords = (s: string) => s.replace(wordRe, word);

  const out = scan(text);
  return { text: out, masked: ph.list() };
}

/** An IPv6 address: compressed (`::`) with a hex digit, or eight groups; a clock (`10:00:01`) or `a:b:c` is neither. */
function isIpv6(s: string): boolean {
  const addr = s.replace(/%.*$/, '');
  const groups = addr.split(':');
  if (addr.includes('::')) return /[0-9a-f]/i.test(addr);
  return groups.length === 8 && groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g));
}

const KIND_NAMES: Record<MaskKind, [string, string]> = {
  host: ['host', 'hosts'],
  ip: ['IP', 'IPs'],
  user: ['user', 'users'],
  path: ['path', 'paths'],
  fingerprint: ['key', 'keys'],
  'key-comment': ['key comment', 'key comments'],
  email: ['e-mail address', 'e-mail addresses'],
};

/** What was masked, for people: `2 hosts, 1 IP, 1 user` (distinct values per kind), or '' for nothing. */
export function describeMasked(masked: readonly Masked[]): string {
  return MASK_KINDS.map((kind) => {
    const n = masked.filter((m) => m.kind === kind).length;
    return n ? `${n} ${KIND_NAMES[kind][n === 1 ? 0 : 1]}` : '';
  })
    .filter(Boolean)
    .join(', ');
}
