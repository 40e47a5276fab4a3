/**
 * The negotiation explainer: from a pasted "no matching … found" error (OpenSSH's
 * `Unable to negotiate … Their offer: …`, or the list-carrying forms of JSch, libssh, Apache
 * MINA, Go x/crypto/ssh, russh, asyncssh, net-ssh, node ssh2, PuTTY) or an `ssh -vvv` log with
 * both KEXINIT proposals, it names what each side offered, what they would have in common if
 * the client re-enabled an algorithm, what OpenSSH did to each offered legacy algorithm and why,
 * and the narrowest fix: a `Host` block for that one host, never a global downgrade.
 */
import {
  AEAD_CIPHERS,
  ALGORITHM_ARTICLE,
  ALGORITHM_KINDS,
  ALGORITHM_OPTION,
  ALGORITHM_WHAT,
  CURRENT_OPENSSH,
  describeHistory,
  formatVersion,
  isProtocolMarker,
  opensshCanUse,
  opensshOffersByDefault,
  parseOpensshVersion,
  pickEnable,
  type AlgorithmKind,
  type OpensshVersion,
} from '../negotiation/algorithms.ts';
import { clip, prepareInput } from './input.ts';
import { capFindings, type CheckResultBase, type Finding } from './types.ts';

/** Which program printed the failure: it decides what "their offer" means and how to fix it. */
export type NegotiationTool = 'openssh' | 'jsch' | 'libssh' | 'mina' | 'go' | 'russh' | 'asyncssh' | 'net-ssh' | 'ssh2' | 'putty' | 'other';

/** One list without a common algorithm. */
export interface NegotiationFailure {
  kind: AlgorithmKind;
  /** 1-based paste line of the failure (or of the peer's proposal in a log). */
  line: number;
  tool: NegotiationTool;
  /** `client`: the paste comes from the connecting side; `server`: from sshd's log ("Their offer" is the client's). */
  reporter: 'client' | 'server';
  /** What the server offered; null when the paste does not carry it. */
  serverOffer: string[] | null;
  /** What the client offered; null when the paste does not carry it (OpenSSH's one-liner). */
  clientOffer: string[] | null;
  /** Algorithms both lists hold as printed (empty for a real failure unless a direction differed). */
  common: string[];
  /** Offered algorithms an OpenSSH client of `clientVersion` can still turn on (`+name`). */
  reEnable: string[];
  /** The one to turn on, least bad first; null when nothing offered can be used. */
  enable: string | null;
  /** One sentence per offered legacy algorithm: when OpenSSH disabled/removed it, and why. */
  history: string[];
  /** The per-host ssh_config block (client side), or null. */
  hostBlock: string | null;
  /** The same for one try: `ssh -o …`. */
  oneOff: string | null;
}

export interface NegotiationReport extends CheckResultBase {
  kind: 'negotiation';
  /** The name to use in `Host`: what the reader typed when the paste shows it, else the address ssh printed. */
  host: string | null;
  /** The OpenSSH client version assumed for "can still be re-enabled". */
  clientVersion: string;
  failures: NegotiationFailure[];
  /** The paste is Ansible's UNREACHABLE report: the fix can go in the host's inventory variables. */
  ansible: boolean;
}

export interface NegotiationOptions {
  /** The article the matcher routed the paste to, for the kind of a failure whose wording carries no list. */
  routedId?: string | null;
  /** The reader's OpenSSH version, when known from elsewhere (`ssh -V`); the paste's own version line wins. */
  clientVersion?: OpensshVersion;
}

const NAME_RE = /^[A-Za-z0-9][\w.@+-]{0,63}$/;

/** `a,b,c` / `a b c` / `"a", "b"` → names (bounded, junk dropped). */
function splitList(raw: string): string[] {
  const names = raw
    .split(/[\s,"'[\]]+/)
    .map((s) => s.trim())
    .filter((s) => NAME_RE.test(s) && !isProtocolMarker(s));
  return [...new Set(names)].slice(0, 100);
}

type KindWords = [RegExp, AlgorithmKind];
// Each tool's word for a list, in the order tried.
const KIND_WORDS: KindWords[] = [
  [/key ?exchange|\bkex\b|kex[ _]?alg|\bKex\b/i, 'kex'],
  [/host ?key|server_host_key|\bKey\b|hostkey/i, 'hostKey'],
  [/cipher|encryption|\benc\b|\bCipher\b/i, 'ciphers'],
  [/\bMACs?\b|hmac|\bmac\b|message authentication|\bMac\b/i, 'macs'],
];

function kindOf(words: string): AlgorithmKind | null {
  return KIND_WORDS.find(([re]) => re.test(words))?.[1] ?? null;
}

/** A failure as read from the paste, before what OpenSSH could do about it is worked out. */
type Raw = Pick<NegotiationFailure, 'kind' | 'line' | 'tool' | 'reporter' | 'serverOffer' | 'clientOffer'>;

// One regex per wording; each is anchored on fixed words and bounded, so a hostile line stays linear.
const OPENSSH_RE = /Unable to negotiate with (\S{1,255}) port (\d{1,5}): no matching (key exchange method|host key type|cipher|MAC) found\. Their offer: ([\w.@+,-]{1,4000})/;
const OPENSSH_OLD_RE = /no matching (cipher|mac|MAC|key exchange method|host key type) found: client ([\w.@+,-]{1,4000}) server ([\w.@+,-]{1,4000})/;
const JSCH_RE = /algorithmName="([\w.]{1,40})" jschProposal="([^"]{0,4000})" serverProposal="([^"]{0,4000})"/;
const LIBSSH_RE = /no match for method ([\w >-]{1,60}?): server \[([^\]]{0,4000})\], client \[([^\]]{0,4000})\]/;
const MINA_RE = /Unable to negotiate key exchange for ([\w ()]{1,60}?) \(client: ([^/]{0,4000}) \/ server: ([^)]{0,4000})\)/;
const GO_RE = /no common algorithm for ([\w ]{1,40}); (?:client|we) offered: \[([^\]]{0,4000})\], (?:server|peer) offered: \[([^\]]{0,4000})\]/;
const RUSSH_RE = /No common (\w{1,12}) algorithm - ours: \[([^\]]{0,4000})\], theirs: \[([^\]]{0,4000})\]/;
const RUSSH_DEBUG_RE = /NoCommonAlgo \{ kind: (\w{1,12}), ours: \[([^\]]{0,4000})\], theirs: \[([^\]]{0,4000})\]/;
const ASYNCSSH_RE = /No matching ([\w ]{1,30}?) algorithm found, sent ([\w.@+,-]{0,4000}) and received ([\w.@+,-]{0,4000})/;
const PUTTY_RE = /Couldn't agree an? ([\w -]{1,40}?) \(available: ([\w.@+,-]{0,4000})\)/;
const NETSSH_FAIL_RE = /could not settle on (\w{1,30}) algorithm/;
const NETSSH_PREF_RE = /^\s*(Server|Client) (\w{1,30}) preferences: ([\w.@+,-]{0,4000})/;
const SSH2_LIST_RE = /\((local|remote)\) (KEX algorithms|Host key (?:formats|algorithms)|C->S ciphers|S->C ciphers|C->S MACs|S->C MACs|Ciphers|MACs): ([\w.@+,-]{0,4000})/;
const SSH2_FAIL_RE = /[Nn]o matching (key exchange algorithm|host key (?:format|algorithm)|C->S cipher|S->C cipher|C->S MAC|S->C MAC)/;
/** Client libraries' one-line failures that carry both lists: groups are (kind words, one list, the other). */
const BOTH_LISTS: { re: RegExp; tool: NegotiationTool; serverFirst: boolean }[] = [
  { re: LIBSSH_RE, tool: 'libssh', serverFirst: true },
  { re: MINA_RE, tool: 'mina', serverFirst: false },
  { re: GO_RE, tool: 'go', serverFirst: false },
  { re: RUSSH_RE, tool: 'russh', serverFirst: false },
  { re: RUSSH_DEBUG_RE, tool: 'russh', serverFirst: false },
  { re: ASYNCSSH_RE, tool: 'asyncssh', serverFirst: false },
];

/** The first BOTH_LISTS wording the line holds, with its match. */
function bothListsIn(line: string): [(typeof BOTH_LISTS)[number], RegExpExecArray] | null {
  for (const wording of BOTH_LISTS) {
    const m = wording.re.exec(line);
    if (m) return [wording, m];
  }
  return null;
}
// sshd prints the same OpenSSH line; these say the paste is the server's log.
const SERVER_SIDE_RE = /\[preauth\]|\bsshd(?:-session)?\[\d{1,10}\]/;
const PROPOSAL_RE = /debug2: (local|peer) (client|server) KEXINIT proposal/;
const PROPOSAL_LIST_RE = /debug2: (KEX algorithms|host key algorithms|ciphers ctos|ciphers stoc|MACs ctos|MACs stoc): ?(.{0,4000})$/;

/** Explains every negotiation failure in a paste; never throws. A paste without one gives no failures. */
export function explainNegotiation(text: string, opts: NegotiationOptions = {}): NegotiationReport {
  const input = prepareInput(text);
  const versionInPaste = input.empty ? null : parseOpensshVersion(input.lines.slice(0, 50).join('\n'));
  const version = versionInPaste ?? opts.clientVersion ?? CURRENT_OPENSSH;
  const report: NegotiationReport = { kind: 'negotiation', host: null, clientVersion: formatVersion(version), failures: [], ansible: false, notices: [...input.notices], findings: [] };
  if (input.empty) return report;

  const raws: Raw[] = [];
  let address: string | null = null;
  let typed: string | null = null;
  const netssh: { fail: { kind: AlgorithmKind; line: number } | null; server: string[] | null; client: string[] | null } = { fail: null, server: null, client: null };
  const ssh2 = new Map<string, string[]>();
  let ssh2Fail: { kind: AlgorithmKind; line: number } | null = null;
  const proposals: { local: Map<string, string[]>; peer: Map<string, string[]>; peerLine: number; localRole: 'client' | 'server' | null } = { local: new Map(), peer: new Map(), peerLine: 0, localRole: null };
  let inProposal: 'local' | 'peer' | null = null;

  input.lines.forEach((line, i) => {
    const n = i + 1;
    if (line.length > 4096) return;
    typed ??= typedHost(line);
    if (!report.ansible && /UNREACHABLE! =>.{0,200}via ssh/.test(line)) report.ansible = true;
    let m: RegExpExecArray | null;
    let both: ReturnType<typeof bothListsIn>;
    const p = PROPOSAL_RE.exec(line);
    if (p) {
      inProposal = p[1] as 'local' | 'peer';
      if (inProposal === 'local') proposals.localRole = p[2] as 'client' | 'server';
      else proposals.peerLine = n;
      return;
    }
    if (inProposal && (m = PROPOSAL_LIST_RE.exec(line))) {
      (inProposal === 'local' ? proposals.local : proposals.peer).set(m[1]!, splitList(m[2]!));
      return;
    }
    if (inProposal && !/debug2: (?:compression|languages|first_kex_follows|reserved)/.test(line)) inProposal = null;

    if ((m = OPENSSH_RE.exec(line))) {
      // Only a name or address can go into a Host line; anything else (markup, junk) is left out.
      if (/^[\w.:%[\]-]{1,255}$/.test(m[1]!)) address ??= m[1]!;
      const kind = kindOf(m[3]!)!;
      const server = SERVER_SIDE_RE.test(line);
      const offer = splitList(m[4]!);
      raws.push({ kind, line: n, tool: 'openssh', reporter: server ? 'server' : 'client', serverOffer: server ? null : offer, clientOffer: server ? offer : null });
    } else if ((m = OPENSSH_OLD_RE.exec(line))) {
      raws.push({ kind: kindOf(m[1]!)!, line: n, tool: 'openssh', reporter: 'client', clientOffer: splitList(m[2]!), serverOffer: splitList(m[3]!) });
    } else if ((m = JSCH_RE.exec(line))) {
      const kind = m[1] === 'kex' ? 'kex' : m[1] === 'server_host_key' ? 'hostKey' : kindOf(m[1]!.replace(/\..*/, ''));
      if (kind) raws.push({ kind, line: n, tool: 'jsch', reporter: 'client', clientOffer: splitList(m[2]!), serverOffer: splitList(m[3]!) });
    } else if ((both = bothListsIn(line))) {
      const [{ tool, serverFirst }, [, words, first, second]] = both;
      const kind = kindOf(words!);
      const [serverOffer, clientOffer] = serverFirst ? [first!, second!] : [second!, first!];
      if (kind) raws.push({ kind, line: n, tool, reporter: 'client', serverOffer: splitList(serverOffer), clientOffer: splitList(clientOffer) });
    } else if ((m = PUTTY_RE.exec(line))) {
      const kind = kindOf(m[1]!);
      if (kind) raws.push({ kind, line: n, tool: 'putty', reporter: 'client', clientOffer: null, serverOffer: splitList(m[2]!) });
    } else if ((m = NETSSH_FAIL_RE.exec(line))) {
      const kind = kindOf(m[1]!.replace(/_/g, ' '));
      if (kind) netssh.fail = { kind, line: n };
    } else if ((m = NETSSH_PREF_RE.exec(line))) {
      if (m[1] === 'Server') netssh.server = splitList(m[3]!);
      else netssh.client = splitList(m[3]!);
    } else if ((m = SSH2_LIST_RE.exec(line))) {
      ssh2.set(`${m[1]} ${m[2]!.toLowerCase()}`, splitList(m[3]!));
    } else if ((m = SSH2_FAIL_RE.exec(line))) {
      ssh2Fail ??= { kind: kindOf(m[1]!)!, line: n };
    }
  });

  if (netssh.fail && (netssh.server || netssh.client)) {
    raws.push({ ...netssh.fail, tool: 'net-ssh', reporter: 'client', serverOffer: netssh.server, clientOffer: netssh.client });
  }
  const ssh2f = ssh2Fail as { kind: AlgorithmKind; line: number } | null;
  if (ssh2f) {
    const pick = (side: string) => [...ssh2].find(([k]) => k.startsWith(side) && kindOf(k.slice(side.length)) === ssh2f.kind)?.[1] ?? null;
    const server = pick('remote ');
    const client = pick('local ');
    if (server || client) raws.push({ ...ssh2f, tool: 'ssh2', reporter: 'client', serverOffer: server, clientOffer: client });
  }
  raws.push(...fromProposals(proposals, raws));

  report.host = typed ?? address;
  const seen = new Set<string>();
  for (const r of raws) {
    const key = `${r.kind}|${r.reporter}|${(r.serverOffer ?? r.clientOffer ?? []).join(',')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    report.failures.push(explain(r, version, report.host, typed !== null));
  }
  if (!report.failures.length && opts.routedId) {
    const kind = ALGORITHM_KINDS.find((k) => ALGORITHM_ARTICLE[k] === opts.routedId);
    if (kind) report.notices.push(noListNotice(kind));
  }
  report.findings = capFindings(report.failures.map((f) => toFinding(f, report, version)), report.notices);
  if (versionInPaste === null && report.failures.some((f) => f.tool === 'openssh' && f.reporter === 'client')) {
    report.notices.push(`No "OpenSSH_…" version line in the paste: what can be re-enabled assumes OpenSSH ${report.clientVersion} (check yours with \`ssh -V\`).`);
  }
  return report;
}

/** `$ ssh admin@10.20.0.2`, `git clone ssh://user@host:port/…`: the name the reader typed, which `Host` matches. */
function typedHost(line: string): string | null {
  const url = /ssh:\/\/(?:[^@\s/]{1,64}@)?([\w.-]{1,253})(?::\d{1,5})?\//.exec(line);
  if (url) return url[1]!;
  const cmd = /(?:^|[$#>]\s{0,4})(?:ssh|sftp|scp)\s{1,4}(?:-\S{1,40}\s{1,4}(?:\S{1,200}\s{1,4})?){0,6}?(?:[\w.-]{1,64}@)?(\w[\w.-]{0,252})(?:\s|$)/.exec(line);
  return cmd ? cmd[1]! : null;
}

/** Compares the two KEXINIT proposals of a -vvv log, list by list; adds only lists the one-liner did not already cover. */
function fromProposals(p: { local: Map<string, string[]>; peer: Map<string, string[]>; peerLine: number; localRole: 'client' | 'server' | null }, already: Raw[]): Raw[] {
  if (!p.local.size || !p.peer.size || !p.localRole) return [];
  const out: Raw[] = [];
  const lists: Record<AlgorithmKind, string[]> = { kex: ['KEX algorithms'], hostKey: ['host key algorithms'], ciphers: ['ciphers ctos', 'ciphers stoc'], macs: ['MACs ctos', 'MACs stoc'] };
  for (const kind of ALGORITHM_KINDS) {
    // A MAC is not negotiated with an AEAD cipher; only judge MACs when the cipher lists met on a non-AEAD one.
    const names = lists[kind];
    const local = [...new Set(names.flatMap((k) => p.local.get(k) ?? []))];
    const peer = [...new Set(names.flatMap((k) => p.peer.get(k) ?? []))];
    if (!local.length || !peer.length) continue;
    const fails = names.some((k) => !(p.local.get(k) ?? []).some((a) => (p.peer.get(k) ?? []).includes(a)));
    if (!fails) continue;
    if (kind === 'macs' && macNotNeeded(p)) continue;
    const client = p.localRole === 'client' ? local : peer;
    const server = p.localRole === 'client' ? peer : local;
    if (already.some((r) => r.kind === kind)) {
      const r = already.find((x) => x.kind === kind)!;
      r.clientOffer ??= client;
      r.serverOffer ??= server;
      continue;
    }
    out.push({ kind, line: p.peerLine, tool: 'openssh', reporter: p.localRole, serverOffer: server, clientOffer: client });
  }
  return out;
}

/** The cipher both sides would pick carries its own tag: no MAC is negotiated, so MAC lists cannot fail. */
function macNotNeeded(p: { local: Map<string, string[]>; peer: Map<string, string[]>; localRole: 'client' | 'server' | null }): boolean {
  const clientSide = p.localRole === 'client' ? p.local : p.peer;
  const serverSide = p.localRole === 'client' ? p.peer : p.local;
  const chosen = (clientSide.get('ciphers ctos') ?? []).find((a) => (serverSide.get('ciphers ctos') ?? []).includes(a));
  return chosen !== undefined && AEAD_CIPHERS.has(chosen);
}

function explain(r: Raw, version: OpensshVersion, host: string | null, typedName: boolean): NegotiationFailure {
  // The list the fix must pick from: what the other side will accept.
  const needed = r.reporter === 'client' ? r.serverOffer : r.clientOffer;
  const common = r.serverOffer && r.clientOffer ? r.serverOffer.filter((a) => r.clientOffer!.includes(a)) : [];
  const reEnable = (needed ?? []).filter((a) => opensshCanUse(a, version));
  const enable = pickEnable(r.kind, reEnable);
  const history = [...new Set([...(r.serverOffer ?? []), ...(r.clientOffer ?? [])])].flatMap((a) => describeHistory(a) ?? []).slice(0, 12);
  const option = ALGORITHM_OPTION[r.kind];
  const name = host ?? 'the-old-host';
  let hostBlock: string | null = null;
  let oneOff: string | null = null;
  if (enable && r.reporter === 'client') {
    // ssh matches Host against the name typed on the command line, not the address it printed.
    const lines = [...(typedName ? [] : [`# use the name you type after "ssh" (ssh printed ${name}; an alias also needs "HostName ${name}")`]), `Host ${name}`, `    ${option} +${enable}`];
    if (r.kind === 'hostKey' && /^ssh-rsa/.test(enable)) lines.push('    # only when you log in with an RSA key:', '    PubkeyAcceptedAlgorithms +ssh-rsa');
    hostBlock = lines.join('\n');
    oneOff = `ssh -o ${option}=+${enable}${r.kind === 'hostKey' && /^ssh-rsa/.test(enable) ? ' -o PubkeyAcceptedAlgorithms=+ssh-rsa' : ''} ${name}`;
  }
  return { kind: r.kind, line: r.line, tool: r.tool, reporter: r.reporter, serverOffer: r.serverOffer, clientOffer: r.clientOffer, common, reEnable, enable, history, hostBlock, oneOff };
}

const TOOL_FIX: Partial<Record<NegotiationTool, (alg: string, kind: AlgorithmKind) => string>> = {
  jsch: (alg, kind) => `JSch: session.setConfig("${{ kex: 'kex', hostKey: 'server_host_key', ciphers: 'cipher.c2s', macs: 'mac.c2s' }[kind]}", session.getConfig("${{ kex: 'kex', hostKey: 'server_host_key', ciphers: 'cipher.c2s', macs: 'mac.c2s' }[kind]}") + ",${alg}")${kind === 'ciphers' || kind === 'macs' ? ' (and the .s2c key likewise)' : ''} for this session only`,
  go: (alg, kind) => `Go x/crypto/ssh: append "${alg}" to ${{ kex: 'ssh.Config.KeyExchanges', hostKey: 'ssh.ClientConfig.HostKeyAlgorithms', ciphers: 'ssh.Config.Ciphers', macs: 'ssh.Config.MACs' }[kind]} of this connection's ClientConfig (start from ssh.SupportedAlgorithms())`,
  ssh2: (alg, kind) => `node ssh2: connect({ …, algorithms: { ${{ kex: 'kex', hostKey: 'serverHostKey', ciphers: 'cipher', macs: 'hmac' }[kind]}: { append: ['${alg}'] } } }) for this host`,
  asyncssh: (alg, kind) => `asyncssh: connect(…, ${{ kex: 'kex_algs', hostKey: 'server_host_key_algs', ciphers: 'encryption_algs', macs: 'mac_algs' }[kind]}=[…the defaults…, '${alg}']) for this host`,
  'net-ssh': (alg, kind) => `net-ssh: Net::SSH.start(host, user, ${{ kex: 'kex', hostKey: 'host_key', ciphers: 'encryption', macs: 'hmac' }[kind]}: ['${alg}'], append_all_supported_algorithms: true)`,
  putty: (alg) => `PuTTY/plink: in the saved session, SSH > Kex / Host keys / Cipher: move ${alg} above the "warn below here" line (this session only)`,
};

function toFinding(f: NegotiationFailure, report: NegotiationReport, version: OpensshVersion): Finding {
  const what = ALGORITHM_WHAT[f.kind];
  const option = ALGORITHM_OPTION[f.kind];
  const list = (l: string[] | null) => (l ? clip(l.join(', '), 600) : 'not in the paste');
  const parts: string[] = [];
  if (f.reporter === 'client') {
    parts.push(`No ${what} in common. The server offers: ${list(f.serverOffer)}.${f.clientOffer ? ` The client offers: ${list(f.clientOffer)}.` : ''}`);
    if (f.reEnable.length) parts.push(`An OpenSSH ${report.clientVersion} client can still turn on: ${f.reEnable.join(', ')} — these are what the two sides would have in common if one were re-enabled.`);
    else parts.push(`OpenSSH ${report.clientVersion} can use none of them: the server (or device firmware) must be upgraded, or its ${option} widened.`);
  } else {
    parts.push(`This is the server's log: the client offered only ${list(f.clientOffer)}${f.serverOffer ? `, the server ${list(f.serverOffer)}` : ''}, and sshd accepts none of them.`);
  }
  parts.push(...f.history);
  if (f.enable && f.tool === 'openssh' && f.reporter === 'client' && opensshOffersByDefault(f.enable, version)) {
    parts.push(`${f.enable} is one of OpenSSH's defaults: the client's list was narrowed by configuration (an -o option, ~/.ssh/config, /etc/ssh/ssh_config.d or a crypto policy). \`ssh -G ${report.host ?? 'HOST'} | grep -i '^${option.toLowerCase()} '\` shows the list in effect; removing the restriction is the real fix.`);
  }
  const fix: string[] = [];
  if (f.hostBlock) {
    const tool = f.tool === 'openssh' ? null : (TOOL_FIX[f.tool]?.(f.enable!, f.kind) ?? `${f.tool}: add ${f.enable} to the ${what} list of this one connection, keeping the library's defaults`);
    if (tool) fix.push(`# ${tool}`, '', '# with OpenSSH\'s ssh instead:');
    fix.push(`# ~/.ssh/config — this host only (never under "Host *"); + keeps every default and adds one algorithm:`, f.hostBlock, '', `# or for one try:`, f.oneOff!);
    if (report.ansible) fix.push('', `# Ansible: in this host's inventory variables: ansible_ssh_common_args: '-o ${option}=+${f.enable}'`);
    if (f.kind === 'hostKey' || /sha1|md5|cbc|3des/.test(f.enable ?? '')) {
      fix.push(
        '',
        `# RHEL 9 / Fedora / CentOS Stream (crypto policies): if + is not enough, give the full list`,
        `# in the same Host block (${option} ${f.enable}${f.kind === 'hostKey' && /^ssh-rsa/.test(f.enable!) ? ', PubkeyAcceptedAlgorithms ssh-rsa' : ''}).`,
        `# If ssh then fails with "error in libcrypto", the policy blocks SHA-1 below ssh. Last resort:`,
        `# "update-crypto-policies --set DEFAULT:SHA1" is risky: it weakens every program on the machine`,
        `# (revert with: update-crypto-policies --set DEFAULT).`,
      );
    }
    fix.push('', '# Lasting fix: upgrade the server or device so it offers a modern algorithm, then delete the block.');
  } else if (f.reporter === 'server') {
    const modern = f.clientOffer?.find((a) => !describeHistory(a)) ?? null;
    fix.push(
      `Fix the client (the address in the log line): upgrade it, or configure it to offer a modern ${what}${modern ? ` (it already lists ${modern}; something restricts sshd's list — check \`sudo sshd -T | grep -i '^${option.toLowerCase()} '\`)` : ''}.`,
      `Only if the client cannot change: ${option} is global in sshd_config (not allowed inside Match), so "${option} +${pickEnable(f.kind, (f.clientOffer ?? []).filter((a) => opensshCanUse(a, CURRENT_OPENSSH))) ?? '…'}" there weakens the server for every client — risky.`,
    );
  } else {
    fix.push(noListNotice(f.kind));
  }
  return {
    rule: `no-matching-${f.kind === 'hostKey' ? 'host-key-type' : f.kind === 'kex' ? 'kex' : f.kind === 'ciphers' ? 'cipher' : 'mac'}`,
    severity: 'error',
    lines: [f.line],
    message: parts.join(' '),
    fix: fix.join('\n'),
    articleId: ALGORITHM_ARTICLE[f.kind],
  };
}

function noListNotice(kind: AlgorithmKind): string {
  return `This message does not list what the server offers, so the ${ALGORITHM_WHAT[kind]} to enable cannot be named from it. See the server's list with \`ssh -vvv HOST 2>&1 | grep -A3 'peer server KEXINIT'\` (or \`sshfix doctor HOST\`) and paste that.`;
}
