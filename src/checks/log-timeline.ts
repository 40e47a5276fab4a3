/**
 * Reads an `ssh -v` / `ssh -vvv` log and lays out the connection's journey: resolve → connect →
 * banner → key exchange → host key → authentication → session, with the evidence lines for each
 * stage, the versions and algorithms negotiated, every key tried and the server's answer, and
 * where it failed. The wording recognised is OpenSSH's own (sshconnect.c, sshconnect2.c, kex.c,
 * packet.c, ssh.c, clientloop.c in openssh-portable); older wordings are kept where they differ.
 */
import { CHECK_ARTICLES as A } from './articles.ts';
import { clip, prepareInput } from './input.ts';
import { capFindings, type CheckResultBase, type Finding } from './types.ts';

/** The stages of a connection, in order. */
export const TIMELINE_STAGES = ['resolve', 'connect', 'banner', 'kex', 'hostkey', 'auth', 'session'] as const;
/** One of TIMELINE_STAGES. */
export type TimelineStage = (typeof TIMELINE_STAGES)[number];

/** Human labels for the stages, in the reader's words. */
export const TIMELINE_STAGE_LABELS: Record<TimelineStage, string> = {
  resolve: 'Resolve host name',
  connect: 'TCP connect',
  banner: 'Banner (version) exchange',
  kex: 'Key exchange',
  hostkey: 'Host key check',
  auth: 'Authentication',
  session: 'Session',
};

/**
 * `ok`: the stage completed; `failed`: the log shows it failing; `reached`: it started and the
 * log ends there; `not-reached`: no sign of it. `implied` marks an ok inferred from a later stage.
 */
export type StageStatus = 'ok' | 'failed' | 'reached' | 'not-reached';

/** One stage of the journey and the lines that show it. */
export interface StageResult {
  stage: TimelineStage;
  label: string;
  status: StageStatus;
  /** True when the status is inferred (a later stage was reached) rather than seen in a line. */
  implied: boolean;
  /** 1-based line numbers of the evidence, in order (at most 50). */
  lines: number[];
}

/** One key the client considered, and what the server said about it. */
export interface KeyAttempt {
  /** File name or agent comment, as ssh printed it. */
  source: string;
  /** Key type as printed (`ED25519`, `RSA`, `ECDSA-SK`, `RSA-CERT`…), when printed. */
  type: string | null;
  fingerprint: string | null;
  /** Flags ssh appends: `explicit`, `agent`, `token`… */
  flags: string[];
  /** `offered` = "Offering public key", `private` = "Trying private key" (no .pub beside it). */
  how: 'offered' | 'private' | 'listed';
  /** accepted: "Server accepts key" or authenticated with it; rejected: the server answered with the method list again. */
  result: 'accepted' | 'rejected' | 'not-tried' | 'unknown';
  /** Line of "Will attempt key" / "Offering…" / "Trying…". */
  line: number;
  /** Line of the server's answer, when seen. */
  answerLine: number | null;
}

/** Algorithms the two sides agreed on (kex.c `kex: …` debug lines); null when not in the log. */
export interface Negotiated {
  kex: string | null;
  hostKeyAlgorithm: string | null;
  serverToClient: { cipher: string; mac: string; compression: string } | null;
  clientToServer: { cipher: string; mac: string; compression: string } | null;
}

/** The failure point: the last stage reached and the line that shows why. */
export interface Failure {
  stage: TimelineStage;
  line: number | null;
  text: string;
  articleId: string | null;
}

/** Everything read from one ssh -v/-vvv log. */
export interface LogTimeline extends CheckResultBase {
  kind: 'debug-log';
  /** False when no ssh client debug line was found at all. */
  recognised: boolean;
  /** The `OpenSSH_…` build line of the client (first line of ssh -v). */
  clientBuild: string | null;
  /** `SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3`, from "Local version string". */
  clientVersion: string | null;
  /** `OpenSSH_8.9p1 Ubuntu-3ubuntu0.10`, from "Remote protocol version 2.0, remote software version …". */
  serverVersion: string | null;
  /** `host`, `address`, `port` from "Connecting to HOST [ADDR] port N." */
  target: { host: string; address: string; port: string } | null;
  /** The remote user, from "Authenticating to HOST:PORT as 'USER'". */
  user: string | null;
  negotiated: Negotiated;
  serverHostKey: { type: string; fingerprint: string; line: number } | null;
  /** How the host key check ended: known, newly added, changed, unknown… */
  hostKeyStatus: 'known' | 'added' | 'changed' | 'unknown-host' | 'failed' | null;
  keys: KeyAttempt[];
  /** The auth methods the server allows (last "Authentications that can continue" / "Permission denied (…)"). */
  authMethods: string[];
  /** Method and line of a successful authentication. */
  authenticated: { method: string; line: number } | null;
  stages: StageResult[];
  failure: Failure | null;
  /** Highest debug level seen (1 for -v, 3 for -vvv), 0 when none. */
  verbosity: number;
}

// The debugN: prefix and anything a CI or a prompt put before it.
const PREFIX_RE = /^\s{0,8}(?:\S{1,64}\s{1,4}){0,2}?(debug([1-3])): ?/;

// `current`: the line can appear at any stage (a dropped connection); it belongs to the stage reached so far.
type Rule = { re: RegExp; stage: TimelineStage; kind: 'reach' | 'ok' | 'fail'; article?: string; current?: boolean };

// Failure lines; tested on the text after `debugN: `. Each is anchored or a short literal.
const FAILS: Rule[] = [
  { re: /Could not resolve hostname /, stage: 'resolve', kind: 'fail', article: A.resolve },
  { re: /^ssh: connect to host \S+ port \S+: Connection refused/, stage: 'connect', kind: 'fail', article: A.connectionRefused },
  { re: /^ssh: connect to host \S+ port \S+: (?:Connection|Operation) timed out/, stage: 'connect', kind: 'fail', article: A.connectionTimedOut },
  { re: /^ssh: connect to host \S+ port \S+: No route to host/, stage: 'connect', kind: 'fail', article: A.noRoute },
  { re: /^ssh: connect to host \S+ port \S+: Network is unreachable/, stage: 'connect', kind: 'fail', article: A.networkUnreachable },
  { re: /^ssh: connect to host \S+ port \S+: /, stage: 'connect', kind: 'fail' },
  { re: /^(?:kex|ssh)_exchange_identification: read: Connection reset by peer/, stage: 'banner', kind: 'fail', article: A.connectionReset },
  { re: /^(?:kex|ssh)_exchange_identification: (?:Connection closed by remote host|read: Connection closed)/, stage: 'banner', kind: 'fail', article: A.closedByRemote },
  { re: /^(?:kex|ssh)_exchange_identification: /, stage: 'banner', kind: 'fail', article: A.invalidBanner },
  { re: /^Connection timed out during banner exchange/, stage: 'banner', kind: 'fail', article: A.connectionTimedOut },
  { re: /^banner exchange: Connection to \S+ port \S+: invalid format/, stage: 'banner', kind: 'fail', article: A.invalidBanner },
  { re: /^banner exchange: Connection to \S+ port \S+: /, stage: 'banner', kind: 'fail' },
  { re: /^Unable to negotiate with .{1,300}?: no matching key exchange method found/, stage: 'kex', kind: 'fail', article: A.noKex },
  { re: /^Unable to negotiate with .{1,300}?: no matching host key type found/, stage: 'kex', kind: 'fail', article: A.noHostKeyType },
  { re: /^Unable to negotiate with .{1,300}?: no matching cipher found/, stage: 'kex', kind: 'fail', article: A.noCipher },
  { re: /^Unable to negotiate with .{1,300}?: no matching MAC found/, stage: 'kex', kind: 'fail', article: A.noMac },
  { re: /^Unable to negotiate with /, stage: 'kex', kind: 'fail' },
  { re: /Corrupted MAC on input/, stage: 'kex', kind: 'fail', article: A.corruptedMac },
  { re: /WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED/, stage: 'hostkey', kind: 'fail', article: A.hostKeyChanged },
  { re: /^Host key verification failed\./, stage: 'hostkey', kind: 'fail', article: A.hostKeyVerificationFailed },
  { re: /^No \S+ host key is known for .{1,300} and you have requested strict checking\./, stage: 'hostkey', kind: 'fail', article: A.hostKeyVerificationFailed },
  { re: /UNPROTECTED PRIVATE KEY FILE!/, stage: 'auth', kind: 'fail', article: A.unprotectedKey },
  { re: /: Permission denied \(/, stage: 'auth', kind: 'fail' },
  { re: /Too many authentication failures/, stage: 'auth', kind: 'fail', article: A.tooManyAuthFailures },
  { re: /no mutual signature (?:supported|algorithm)/, stage: 'auth', kind: 'fail', article: A.noMutualSignature },
  { re: /^PTY allocation request failed/, stage: 'session', kind: 'fail', article: A.ptyNotAllocated },
  { re: /subsystem request failed on channel/, stage: 'session', kind: 'fail', article: A.subsystemFailed },
  { re: /^Timeout, server \S+ not responding\./, stage: 'session', kind: 'fail', article: A.serverNotResponding },
  { re: /(?:^client_loop: send disconnect|^packet_write_wait: .{1,300}): Broken pipe/, stage: 'session', kind: 'fail', article: A.brokenPipe, current: true },
  { re: /Connection reset by (?:peer|\S+ port \d+)/, stage: 'session', kind: 'fail', article: A.connectionReset, current: true },
  { re: /^Connection closed by (?:authenticating user \S+ )?\S+ port \d+/, stage: 'session', kind: 'fail', article: A.connectionClosed, current: true },
];

// Progress lines: a stage was reached (`reach`) or completed (`ok`).
const STEPS: Rule[] = [
  { re: /^resolving "|^resolve_host: |^resolve_canonicalize: /, stage: 'resolve', kind: 'reach' },
  { re: /^Connecting to \S+ \[[^\]]{1,100}\] port \d+\./, stage: 'connect', kind: 'reach' },
  { re: /^connect to address \S+ port \S+: /, stage: 'connect', kind: 'reach' },
  { re: /^Connection established\./, stage: 'connect', kind: 'ok' },
  { re: /^Local version string /, stage: 'banner', kind: 'reach' },
  { re: /^Remote protocol version \d+\.\d+, remote software version /, stage: 'banner', kind: 'ok' },
  { re: /^SSH2_MSG_KEXINIT sent|^SSH2_MSG_KEXINIT received|^kex: algorithm: |^kex: host key algorithm: |^kex: (?:server->client|client->server) cipher: |^expecting SSH2_MSG_KEX/, stage: 'kex', kind: 'reach' },
  { re: /^SSH2_MSG_NEWKEYS received/, stage: 'kex', kind: 'ok' },
  { re: /^Server host key: /, stage: 'hostkey', kind: 'reach' },
  { re: /^Host '.{1,300}' is known and matches the \S+ host (?:key|certificate)\.|^Found key in |^Warning: Permanently added /, stage: 'hostkey', kind: 'ok' },
  { re: /^SSH2_MSG_SERVICE_ACCEPT received|^Authentications that can continue: |^Next authentication method: |^Offering public key: |^Trying private key: |^Will attempt key: |^Server accepts key: /, stage: 'auth', kind: 'reach' },
  { re: /^Authenticated to \S+ \(.{1,300}\) using "|^Authentication succeeded \(/, stage: 'auth', kind: 'ok' },
  { re: /^channel \d+: new (?:session )?\[client-session\]|^Requesting no-more-sessions@openssh\.com|^Entering interactive session\.|^Sending command: |^Sending subsystem: /, stage: 'session', kind: 'reach' },
];

const MAX_EVIDENCE = 50;

/** Builds the timeline of an ssh -v/-vvv log; never throws, whatever the input. */
export function analyzeLog(text: string): LogTimeline {
  const input = prepareInput(text);
  const result: LogTimeline = {
    kind: 'debug-log',
    recognised: false,
    clientBuild: null,
    clientVersion: null,
    serverVersion: null,
    target: null,
    user: null,
    negotiated: { kex: null, hostKeyAlgorithm: null, serverToClient: null, clientToServer: null },
    serverHostKey: null,
    hostKeyStatus: null,
    keys: [],
    authMethods: [],
    authenticated: null,
    stages: [],
    failure: null,
    verbosity: 0,
    notices: [...input.notices],
    findings: [],
  };
  const ev = new Map<TimelineStage, { reach: number[]; ok: number[]; fail: number[] }>();
  for (const s of TIMELINE_STAGES) ev.set(s, { reach: [], ok: [], fail: [] });
  const push = (arr: number[], n: number) => {
    if (arr.length < MAX_EVIDENCE) arr.push(n);
  };
  let firstFail: { stage: TimelineStage; line: number; text: string; article: string | null } | null = null;
  let pendingKey: KeyAttempt | null = null;
  // Index of the furthest stage reached so far, for failures that can happen at any stage.
  let current = 0;
  let permissionDenied: string | null = null;
  let debugLines = 0;

  input.lines.forEach((raw, idx) => {
    const n = idx + 1;
    const pm = PREFIX_RE.exec(raw);
    if (pm) {
      debugLines++;
      result.verbosity = Math.max(result.verbosity, Number(pm[2]));
    }
    const body = (pm ? raw.slice(pm[0].length) : raw).trim();
    if (body === '') return;

    if (!result.clientBuild && /^OpenSSH_[\w.]{1,40}[, ]/.test(body) && !pm) result.clientBuild = clip(body);

    for (const r of FAILS) {
      if (r.re.test(body)) {
        const stage = r.current ? TIMELINE_STAGES[current]! : r.stage;
        push(ev.get(stage)!.fail, n);
        // The changed-host-key banner is framed in @ signs; keep the words only.
        if (!firstFail) firstFail = { stage, line: n, text: clip(body.replace(/^@+/, '').replace(/@+$/, '').trim(), 300), article: r.article ?? null };
        break;
      }
    }
    for (const r of STEPS) {
      if (r.re.test(body)) {
        push(ev.get(r.stage)![r.kind === 'ok' ? 'ok' : 'reach'], n);
        current = Math.max(current, TIMELINE_STAGES.indexOf(r.stage));
        break;
      }
    }

    let m: RegExpExecArray | null;
    if ((m = /^Connecting to (\S+) \[([^\]]{1,100})\] port (\d+)\./.exec(body))) {
      result.target = { host: m[1]!, address: m[2]!, port: m[3]! };
    } else if ((m = /^Authenticating to (\S+) as '([^']{0,100})'/.exec(body))) {
      result.user = m[2]!;
    } else if ((m = /^Local version string (\S.{0,200})$/.exec(body))) {
      result.clientVersion = m[1]!;
    } else if ((m = /^Remote protocol version (\d+\.\d+), remote software version (.{0,200})$/.exec(body))) {
      result.serverVersion = m[2]!.trim();
    } else if ((m = /^kex: algorithm: (\(no match\)|\S+)/.exec(body))) {
      result.negotiated.kex = m[1]!;
    } else if ((m = /^kex: host key algorithm: (\(no match\)|\S+)/.exec(body))) {
      result.negotiated.hostKeyAlgorithm = m[1]!;
    } else if ((m = /^kex: (server->client|client->server) cipher: (\S+) MAC: (\S+) compression: (\S+)/.exec(body))) {
      const dir = { cipher: m[2]!, mac: m[3]!, compression: m[4]! };
      if (m[1] === 'server->client') result.negotiated.serverToClient = dir;
      else result.negotiated.clientToServer = dir;
    } else if ((m = /^Server host key: (\S+) (\S+)/.exec(body))) {
      result.serverHostKey = { type: m[1]!, fingerprint: m[2]!, line: n };
    } else if (/^Host '.{1,300}' is known and matches the /.test(body)) {
      result.hostKeyStatus = 'known';
    } else if (/^Warning: Permanently added /.test(body)) {
      result.hostKeyStatus = 'added';
    } else if (/REMOTE HOST IDENTIFICATION HAS CHANGED/.test(body)) {
      result.hostKeyStatus = 'changed';
    } else if (/^The authenticity of host .{1,300} can't be established\./.test(body)) {
      if (result.hostKeyStatus === null) result.hostKeyStatus = 'unknown-host';
    } else if (/^Host key verification failed\./.test(body)) {
      if (result.hostKeyStatus !== 'changed') result.hostKeyStatus = 'failed';
    } else if ((m = /^Will attempt key: (.{1,1000})$/.exec(body))) {
      result.keys.push({ ...parseIdent(m[1]!), how: 'listed', result: 'not-tried', line: n, answerLine: null });
    } else if ((m = /^(Offering public key|Trying private key): (.{1,1000})$/.exec(body))) {
      const id = parseIdent(m[2]!);
      const how = m[1] === 'Offering public key' ? 'offered' : 'private';
      // The key was usually listed by "Will attempt key" first: update that entry.
      const listed = result.keys.find((k) => k.how === 'listed' && k.source === id.source && (k.fingerprint === id.fingerprint || !id.fingerprint));
      if (listed) {
        Object.assign(listed, { how, result: 'unknown', line: n, type: listed.type ?? id.type, fingerprint: listed.fingerprint ?? id.fingerprint });
        pendingKey = listed;
      } else {
        pendingKey = { ...id, how, result: 'unknown', line: n, answerLine: null };
        result.keys.push(pendingKey);
      }
    } else if ((m = /^Server accepts key: (.{1,1000})$/.exec(body))) {
      const id = parseIdent(m[1]!);
      const k = (pendingKey && (pendingKey.fingerprint === id.fingerprint || pendingKey.source === id.source) ? pendingKey : null) ??
        result.keys.find((x) => x.fingerprint !== null && x.fingerprint === id.fingerprint) ?? null;
      if (k) {
        k.result = 'accepted';
        k.answerLine = n;
      }
      pendingKey = null;
    } else if ((m = /^Authentications that can continue: (\S{0,500})/.exec(body))) {
      result.authMethods = m[1]!.split(',').filter(Boolean);
      // The server answered a key with the method list again: that key was refused.
      if (pendingKey && pendingKey.result === 'unknown') {
        pendingKey.result = 'rejected';
        pendingKey.answerLine = n;
      }
      pendingKey = null;
    } else if ((m = /^Authenticated to \S+ \(.{1,300}\) using "([^"]{1,60})"/.exec(body)) || (m = /^Authentication succeeded \(([^)]{1,60})\)/.exec(body))) {
      result.authenticated = { method: m[1]!, line: n };
      // "Trying private key" has no "Server accepts key" reply: success means that key worked.
      if (pendingKey && pendingKey.result === 'unknown') {
        pendingKey.result = 'accepted';
        pendingKey.answerLine = n;
      }
      pendingKey = null;
    } else if ((m = /: Permission denied \(([\w,@.-]{0,300})\)/.exec(body))) {
      permissionDenied = m[1]!;
      result.authMethods = m[1]!.split(',').filter(Boolean);
    }
  });

  result.recognised = debugLines > 0 || result.clientBuild !== null || firstFail !== null;
  if (!result.recognised) {
    result.notices.push('No ssh -v output found: run `ssh -vvv user@host` and paste everything it prints.');
  }

  // Stage statuses: explicit evidence first, then infer "ok" for stages before the furthest one reached.
  let furthest = -1;
  TIMELINE_STAGES.forEach((s, i) => {
    const e = ev.get(s)!;
    if (e.reach.length || e.ok.length || e.fail.length) furthest = i;
  });
  result.stages = TIMELINE_STAGES.map((s, i) => {
    const e = ev.get(s)!;
    const lines = [...e.reach, ...e.ok, ...e.fail].sort((a, b) => a - b).slice(0, MAX_EVIDENCE);
    let status: StageStatus = 'not-reached';
    let implied = false;
    if (e.fail.length) status = 'failed';
    else if (e.ok.length) status = 'ok';
    else if (e.reach.length) status = i < furthest ? 'ok' : 'reached';
    else if (i < furthest) {
      status = 'ok';
      implied = true;
    }
    if (status === 'ok' && !e.ok.length && e.reach.length) implied = true;
    return { stage: s, label: TIMELINE_STAGE_LABELS[s], status, implied, lines };
  });
  // A session stage that was entered and shows no failure is a success (e.g. "Exit status 0").
  const session = result.stages.find((s) => s.stage === 'session')!;
  if (session.status === 'reached') session.status = 'ok';
  // A failure in an earlier stage than a later ok one (e.g. "Connection reset" matched late) is still the failure.
  const ff = firstFail as { stage: TimelineStage; line: number; text: string; article: string | null } | null;
  if (ff) {
    let articleId = ff.article;
    if (ff.stage === 'auth' && articleId === null) {
      const methods = (permissionDenied ?? '').split(',');
      articleId = methods.includes('publickey') || methods.length === 0 ? A.deniedPublickey : methods.includes('password') || methods.includes('keyboard-interactive') ? A.deniedPassword : A.deniedPublickey;
    }
    result.failure = { stage: ff.stage, line: ff.line, text: ff.text, articleId };
    // Stages after the failing one cannot have happened.
    const fi = TIMELINE_STAGES.indexOf(ff.stage);
    for (const st of result.stages) {
      const si = TIMELINE_STAGES.indexOf(st.stage);
      if (si === fi) st.status = 'failed';
    }
  } else if (result.recognised && !result.authenticated) {
    const last = [...result.stages].reverse().find((s) => s.status !== 'not-reached');
    if (last && last.stage !== 'session') {
      result.failure = { stage: last.stage, line: last.lines.at(-1) ?? null, text: `The log stops during: ${last.label.toLowerCase()}.`, articleId: null };
      last.status = last.status === 'ok' && !last.implied ? 'ok' : 'reached';
    }
  }

  result.findings = capFindings(buildFindings(result), result.notices);
  return result;
}

/** Splits an identity as sshconnect2.c's format_identity prints it: `PATH TYPE SHA256:… [flags]`. */
function parseIdent(s: string): Pick<KeyAttempt, 'source' | 'type' | 'fingerprint' | 'flags'> {
  // Token scan instead of one big regex: the path may contain spaces, and this stays linear.
  const toks = s.trim().split(/\s+/);
  const fi = toks.findIndex((t) => /^(?:SHA256|MD5|SHA1|SHA384|SHA512):\S/.test(t));
  if (fi >= 2) {
    return { source: toks.slice(0, fi - 1).join(' '), type: toks[fi - 1]!, fingerprint: toks[fi]!, flags: toks.slice(fi + 1) };
  }
  if (fi === 1) return { source: toks[0]!, type: null, fingerprint: toks[1]!, flags: toks.slice(2) };
  return { source: s.trim(), type: null, fingerprint: null, flags: [] };
}

/** Turns the timeline into findings the CLI and the page list (failure, refused keys, nothing offered). */
function buildFindings(t: LogTimeline): Finding[] {
  const out: Finding[] = [];
  if (t.failure && t.failure.line !== null && !t.failure.text.startsWith('The log stops')) {
    out.push({
      rule: `failed-${t.failure.stage}`,
      severity: 'error',
      lines: [t.failure.line],
      message: `The connection failed at: ${TIMELINE_STAGE_LABELS[t.failure.stage].toLowerCase()} — ${t.failure.text}`,
      fix: '',
      articleId: t.failure.articleId,
    });
  } else if (t.failure) {
    out.push({
      rule: `stopped-${t.failure.stage}`,
      severity: 'warning',
      lines: t.failure.line !== null ? [t.failure.line] : [],
      message: `${t.failure.text} Paste the whole output, including the last lines ssh printed.`,
      fix: '',
      articleId: null,
    });
  }
  const offered = t.keys.filter((k) => k.how !== 'listed');
  const rejected = offered.filter((k) => k.result === 'rejected');
  if (rejected.length && !t.authenticated) {
    out.push({
      rule: 'keys-rejected',
      severity: 'error',
      lines: rejected.map((k) => k.line),
      message: `The server refused ${rejected.length === 1 ? 'the key' : `all ${rejected.length} keys`} offered (${rejected.map((k) => `${k.source}${k.type ? ` ${k.type}` : ''}`).join(', ')}): none of them is in the remote user's authorized_keys, or the server does not accept its type.`,
      fix: `ssh-copy-id -i ${firstPath(rejected)} ${t.user ?? 'user'}@${t.target?.host ?? 'host'}   # from a machine that can still log in; or check the server's auth log`,
      articleId: A.deniedPublickey,
    });
  }
  if (t.authMethods.includes('publickey') && offered.length === 0 && t.failure?.stage === 'auth') {
    out.push({
      rule: 'no-key-offered',
      severity: 'error',
      lines: t.failure.line !== null ? [t.failure.line] : [],
      message: 'The server wanted a public key but the client offered none: no key file was found, or it was ignored (bad permissions, IdentitiesOnly, wrong IdentityFile).',
      fix: `ssh -i ~/.ssh/id_ed25519 ${t.user ?? 'user'}@${t.target?.host ?? 'host'}`,
      articleId: A.deniedPublickey,
    });
  }
  if (offered.length >= 5 && t.failure?.articleId === A.tooManyAuthFailures) {
    out.push({
      rule: 'too-many-keys',
      severity: 'warning',
      lines: offered.map((k) => k.line).slice(0, 10),
      message: `The client offered ${offered.length} keys; the server disconnects after MaxAuthTries (6 by default).`,
      fix: `ssh -o IdentitiesOnly=yes -i ~/.ssh/id_ed25519 ${t.user ?? 'user'}@${t.target?.host ?? 'host'}`,
      articleId: A.tooManyAuthFailures,
    });
  }
  return out;
}

function firstPath(keys: KeyAttempt[]): string {
  const p = keys[0]?.source ?? '~/.ssh/id_ed25519';
  return /\s/.test(p) ? `"${p}"` : p;
}
