/**
 * Audits a client config (`~/.ssh/config`) or the effective settings `ssh -G host` prints.
 *
 * The model follows readconf.c: ssh reads the file top to bottom; lines before the first Host
 * or Match apply to every host; a `Host` block applies when one of its patterns matches the name
 * typed on the command line and none of its `!` patterns does; for each option the FIRST value
 * obtained wins across all applying blocks (so a `Host *` block at the top beats every specific
 * block below it), except IdentityFile, CertificateFile, the forwardings and SendEnv, which add
 * up in order. Without IdentitiesOnly, ssh also offers every agent key; each offer counts
 * against the server's MaxAuthTries (6 by default): "Too many authentication failures".
 */
import { CHECK_ARTICLES as A } from './articles.ts';
import { clip, prepareInput } from './input.ts';
import { SSH_ACCUMULATING, SSH_KEYWORD_NAMES, sshKeywordInfo } from './ssh-keywords.ts';
import { editDistance } from './sshd-config.ts';
import { patternListMatch } from './sshd-match.ts';
import { capFindings, RuleBudget, sortFindings, type CheckResultBase, type Finding } from './types.ts';

/** Where a value came from: the paste line, and the Host/Match line of its block (null: before any block). */
export interface ClientValue {
  value: string;
  line: number | null;
  block: number | null;
}

export interface SshConfigReport extends CheckResultBase {
  kind: 'ssh-config';
  /** `file`: a config file; `ssh-G`: the effective settings printed by `ssh -G`. */
  source: 'file' | 'ssh-G';
  /** The host resolved for (`--host`, or ssh -G's `host` line), or null. */
  host: string | null;
  /** For the host: each first-wins option's value and the line that set it (canonical lower-case names). */
  resolved: Record<string, ClientValue>;
  /** For the host: every IdentityFile in the order ssh tries them. */
  identityFiles: ClientValue[];
  /** Host/Match lines and whether they apply to the host (null: no host given, or cannot tell). */
  blocks: Array<{ line: number; header: string; applies: boolean | null }>;
  /** Keys in the agent, when the paste includes `ssh-add -l` output (or a count was given). */
  agentKeys: number | null;
}

export interface SshConfigOptions {
  /** The name typed after `ssh` (what Host patterns are matched against). */
  host?: string;
  /** The remote user, for `Match user` when the config sets none. */
  user?: string;
  /** Keys in the agent (`ssh-add -l | wc -l`), when not in the paste. */
  agentKeys?: number;
}

interface Entry {
  line: number;
  keyword: string;
  canon: string;
  value: string;
  block: number | null;
}

// sshd's default MaxAuthTries: the sixth rejected key ends the connection.
const SERVER_MAX_AUTH_TRIES = 6;
const KEYWORD_LINE_RE = /^([A-Za-z][A-Za-z0-9]{0,60})(?:\s*=\s*|\s+)(.*)$/;
// `ssh-add -l`: "256 SHA256:… comment (ED25519)".
const AGENT_KEY_RE = /^\d{3,5} (?:SHA256|MD5):\S{16,100} .{0,500}\((?:RSA|DSA|ECDSA|ED25519|ECDSA-SK|ED25519-SK)(?:-CERT)?\)$/;
const FIRST_WINS_REPORTED = ['hostname', 'user', 'port', 'identitiesonly', 'proxyjump', 'proxycommand', 'identityagent', 'pubkeyauthentication', 'passwordauthentication', 'preferredauthentications'];

/** Analyses a client config or `ssh -G` output; never throws. */
export function checkSshConfig(text: string, opts: SshConfigOptions = {}): SshConfigReport {
  const input = prepareInput(text);
  const report: SshConfigReport = { kind: 'ssh-config', source: 'file', host: opts.host?.trim() || null, resolved: {}, identityFiles: [], blocks: [], agentKeys: opts.agentKeys ?? null, notices: [...input.notices], findings: [] };
  if (input.empty) return report;
  const findings: Finding[] = [];
  const budget = new RuleBudget();
  const raw = typeof text === 'string' ? text.slice(0, 1_000_000) : '';
  const crlf = raw.match(/\r\n/g)?.length ?? 0;
  if (crlf) {
    findings.push({ rule: 'crlf-line-endings', severity: 'warning', lines: [], message: `${crlf} line(s) end in CRLF (Windows line endings). Current OpenSSH strips the \\r, but older builds, Git for Windows' ssh and tools that read the file themselves take it as part of the value ("Could not resolve hostname example.com\\r", a missing key file).`, fix: "sed -i 's/\\r$//' ~/.ssh/config   # or save it with LF line endings in your editor", articleId: A.sshdConfigTest });
  }
  if (raw.charCodeAt(0) === 0xfeff) {
    findings.push({ rule: 'byte-order-mark', severity: 'error', lines: [1], message: 'The file starts with a UTF-8 byte-order mark: ssh reads it as part of the first keyword and stops with "Bad configuration option" on line 1.', fix: "sed -i '1s/^\\xEF\\xBB\\xBF//' ~/.ssh/config   # or save as UTF-8 without BOM", articleId: A.sshdConfigTest });
  }

  const entries: Entry[] = [];
  let block: number | null = null;
  let agentKeys = 0;
  let agentSeen = false;
  input.lines.forEach((rawLine, i) => {
    const n = i + 1;
    const t = rawLine.replace(/^\ufeff/, '').trim();
    if (t === '' || t.startsWith('#')) return;
    if (AGENT_KEY_RE.test(t)) {
      agentKeys++;
      agentSeen = true;
      return;
    }
    if (/^The agent has no identities\.?$/.test(t)) {
      agentSeen = true;
      return;
    }
    const m = KEYWORD_LINE_RE.exec(t);
    if (!m) return;
    const info = sshKeywordInfo(m[1]!);
    const value = m[2]!.trim();
    if (!info) {
      if (budget.room('unknown-client-keyword')) {
        const near = closest(m[1]!.toLowerCase());
        findings.push({ rule: 'unknown-client-keyword', severity: 'error', lines: [n], message: `"${clip(m[1]!, 60)}" is not an ssh_config keyword: ssh stops with "Bad configuration option: ${clip(m[1]!.toLowerCase(), 60)}" for every host.${near ? ` Did you mean ${near}?` : ''}`, fix: near ? `Replace it with ${near} (line ${n}).` : `Delete line ${n}, or put "IgnoreUnknown ${clip(m[1]!, 60)}" above it when another ssh build needs it.`, articleId: A.sshdConfigTest });
      }
      return;
    }
    if (info.kind === 'obsolete') {
      findings.push({ rule: 'obsolete-client-keyword', severity: 'info', lines: [n], message: `${m[1]} is obsolete: ssh warns "Deprecated option" or "Unsupported option" and ignores it.`, fix: `Delete line ${n}.`, articleId: null });
      return;
    }
    const canon = info.name.toLowerCase();
    if (canon === 'host' || canon === 'match') {
      block = n;
      report.blocks.push({ line: n, header: `${info.name} ${clip(value, 120)}`, applies: null });
    }
    entries.push({ line: n, keyword: m[1]!, canon, value, block: canon === 'host' || canon === 'match' ? n : block });
  });
  if (agentSeen) report.agentKeys = agentKeys;

  if (looksLikeSshG(entries, input.lines)) {
    report.source = 'ssh-G';
    report.blocks = [];
    return finish(report, checkEffective(entries, report), findings, budget);
  }
  if (entries.some((e) => e.canon === 'include')) {
    report.notices.push('Include lines are not followed: paste the included files where the Include stands to check them too.');
  }
  findings.push(...starFirstRules(entries));
  if (report.host) findings.push(...resolveRules(entries, report, opts));
  else findings.push(...identitiesOnlyRules(entries, report));
  return finish(report, [], findings, budget);
}

function finish(report: SshConfigReport, more: Finding[], findings: Finding[], budget: RuleBudget): SshConfigReport {
  budget.report(report.notices);
  report.findings = sortFindings(capFindings([...findings, ...more], report.notices));
  return report;
}

/** `ssh -G` prints dozens of lower-case `keyword value` lines, always `hostname`, `user` and `port`, never `host` blocks. */
function looksLikeSshG(entries: Entry[], lines: string[]): boolean {
  const content = lines.map((l) => l.trim()).filter((l) => l !== '');
  // Its first line is `host NAME`; no other Host or Match line.
  if (entries.length < 15 || entries.some((e, i) => e.canon === 'match' || (e.canon === 'host' && (i > 0 || /\s/.test(e.value))))) return false;
  // All lower case, except that ssh 9.x prints "canonicalizePermittedcnames".
  if (entries.filter((e) => e.keyword !== e.keyword.toLowerCase()).length > 2) return false;
  const has = (k: string) => entries.some((e) => e.canon === k);
  return has('hostname') && has('user') && has('port') && entries.length >= content.length * 0.8;
}

/** Whether a `Host` line's patterns match the typed name (readconf.c: any positive, no negated). */
function hostLineMatches(value: string, host: string): boolean {
  const patterns = value.split(/\s+/).filter(Boolean).map((p) => p.replace(/^"|"$/g, ''));
  return patternListMatch(host, patterns.join(','), true) === 1;
}

/** `Match` for the client: all, host (against HostName so far), originalhost, user; anything else cannot be told. */
function clientMatch(value: string, typed: string, hostname: string, user: string | null): { applies: boolean; unknown: string | null } {
  const words = value.split(/\s+/).filter(Boolean);
  if (words.length === 1 && /^all$/i.test(words[0]!)) return { applies: true, unknown: null };
  let applies = true;
  for (let i = 0; i < words.length; i++) {
    let crit = words[i]!.toLowerCase();
    const neg = crit.startsWith('!');
    if (neg) crit = crit.slice(1);
    if (crit === 'all') continue;
    if (crit === 'canonical' || crit === 'final') return { applies: false, unknown: `"${crit}" (decided on ssh's second pass)` };
    const arg = words[++i] ?? '';
    let hit: boolean;
    if (crit === 'host') hit = patternListMatch(hostname, arg, true) === 1;
    else if (crit === 'originalhost') hit = patternListMatch(typed, arg, true) === 1;
    else if (crit === 'user' && user) hit = patternListMatch(user, arg, false) === 1;
    else return { applies: false, unknown: `"${crit} ${clip(arg, 60)}"` };
    if (hit === neg) applies = false;
  }
  return { applies, unknown: null };
}

/** What ssh uses for the typed host: first value per option, IdentityFiles in order, and what was ignored. */
function resolveRules(entries: Entry[], report: SshConfigReport, opts: SshConfigOptions): Finding[] {
  const host = report.host!;
  const out: Finding[] = [];
  const set = new Map<string, Entry>();
  const applying = new Map<number, boolean>();
  const ignored: Array<{ e: Entry; win: Entry }> = [];
  for (const e of entries) {
    if (e.canon === 'host') {
      applying.set(e.line, hostLineMatches(e.value, host));
      continue;
    }
    if (e.canon === 'match') {
      const v = clientMatch(e.value, host, set.get('hostname')?.value ?? host, set.get('user')?.value ?? opts.user ?? null);
      applying.set(e.line, v.applies);
      if (v.unknown) out.push({ rule: 'client-match-unknown', severity: 'info', lines: [e.line], message: `Match ${clip(e.value, 80)}: ${v.unknown} cannot be judged from the paste; taken as not applying.`, fix: `ssh -G ${host}   # the settings ssh really uses`, articleId: null });
      continue;
    }
    if (e.block !== null && !applying.get(e.block)) continue;
    if (SSH_ACCUMULATING.has(e.canon)) {
      if (e.canon === 'identityfile' && report.identityFiles.length < 100) report.identityFiles.push({ value: e.value, line: e.line, block: e.block });
      continue;
    }
    const win = set.get(e.canon);
    if (!win) set.set(e.canon, e);
    else if (win.value.toLowerCase() !== e.value.toLowerCase()) ignored.push({ e, win });
  }
  for (const b of report.blocks) b.applies = applying.get(b.line) ?? null;
  for (const [k, e] of set) report.resolved[k] = { value: e.value, line: e.line, block: e.block };

  const where = (v: { line: number | null; block: number | null }) => (v.line === null ? 'default' : `line ${v.line}${v.block !== null ? ` (${report.blocks.find((b) => b.line === v.block)?.header ?? 'block'})` : ', before any Host block'}`);
  const summary = FIRST_WINS_REPORTED.filter((k) => report.resolved[k]).map((k) => `${k} ${clip(report.resolved[k]!.value, 80)} from ${where(report.resolved[k]!)}`);
  const ids = report.identityFiles.map((f) => `${clip(f.value, 80)} (${where(f)})`);
  out.push({
    rule: 'client-resolved',
    severity: 'info',
    lines: [...Object.values(report.resolved).flatMap((v) => (v.line === null ? [] : [v.line])), ...report.identityFiles.map((f) => f.line!)].sort((a, b) => a - b).slice(0, 40),
    message: `For \`ssh ${host}\`: ${summary.length ? summary.join('; ') : 'no HostName, User or Port is set (ssh connects to the name as typed, as your local user, port 22)'}.${ids.length ? ` IdentityFile lines add up, tried in this order: ${ids.join(', ')}.` : ' No IdentityFile: ssh tries ~/.ssh/id_rsa, id_ecdsa, id_ecdsa_sk, id_ed25519, id_ed25519_sk and the agent\'s keys.'}`,
    fix: `ssh -G ${host} | grep -Ei '^(hostname|user|port|identityfile|identitiesonly|proxyjump) '   # what ssh really uses`,
    articleId: null,
  });
  for (const { e, win } of ignored) {
    if (!FIRST_WINS_REPORTED.includes(e.canon)) continue;
    out.push({
      rule: 'client-value-ignored',
      severity: 'warning',
      lines: [win.line, e.line],
      message: `For ${host}, "${e.keyword} ${clip(e.value, 80)}" at line ${e.line} is ignored: line ${win.line} (${win.block === null ? 'before any Host block' : report.blocks.find((b) => b.line === win.block)?.header}) already set ${win.keyword} to "${clip(win.value, 80)}", and ssh keeps the first value it reads.`,
      fix: `Move the specific Host block above line ${win.line} (put "Host *" last), or remove line ${win.line}.`,
      articleId: e.canon === 'user' || e.canon === 'identitiesonly' ? A.deniedPublickey : e.canon === 'port' || e.canon === 'hostname' ? A.connectionRefused : null,
    });
  }
  const only = (report.resolved.identitiesonly?.value ?? 'no').toLowerCase() === 'yes';
  if (report.identityFiles.length && !only) out.push(...agentRules(report, host, report.identityFiles.map((f) => f.line!)));
  return out;
}

/** Too many keys before the right one, and IdentitiesOnly missing where IdentityFile is set. */
function agentRules(report: SshConfigReport, scope: string, lines: number[]): Finding[] {
  const agent = report.agentKeys;
  const files = report.identityFiles.length || 1;
  if (agent !== null && agent + files > SERVER_MAX_AUTH_TRIES - 1) {
    return [{
      rule: 'too-many-keys',
      severity: 'error',
      lines,
      message: `Without IdentitiesOnly, ssh may offer all ${agent} agent key${agent === 1 ? '' : 's'} before the IdentityFile for ${scope}. Each rejected key counts against the server's MaxAuthTries (6 by default), so the server can hang up with "Too many authentication failures" before it sees the right key.`,
      fix: `Host ${scope}\n    IdentityFile ${clip(report.identityFiles[0]?.value ?? '~/.ssh/id_ed25519', 120)}\n    IdentitiesOnly yes`,
      articleId: A.tooManyAuthFailures,
    }];
  }
  return [{
    rule: 'identities-only-missing',
    severity: 'warning',
    lines,
    message: `IdentityFile is set for ${scope} but IdentitiesOnly is not: ssh also offers every key in the agent, often first. With five or more keys loaded the server hangs up with "Too many authentication failures" before the right key is tried.`,
    fix: `Add "IdentitiesOnly yes" to the same Host block (check the agent's keys with: ssh-add -l)`,
    articleId: A.tooManyAuthFailures,
  }];
}

/** Without a host: IdentitiesOnly missing in blocks that set IdentityFile. */
function identitiesOnlyRules(entries: Entry[], report: SshConfigReport): Finding[] {
  const out: Finding[] = [];
  const globalOnly = entries.some((e) => e.block === null && e.canon === 'identitiesonly' && /^yes$/i.test(e.value));
  for (const b of report.blocks) {
    const mine = entries.filter((e) => e.block === b.line);
    const ids = mine.filter((e) => e.canon === 'identityfile');
    if (!ids.length || globalOnly || mine.some((e) => e.canon === 'identitiesonly')) continue;
    report.identityFiles = ids.map((e) => ({ value: e.value, line: e.line, block: b.line }));
    out.push(...agentRules(report, b.header.replace(/^(Host|Match)\s+/, ''), ids.map((e) => e.line)));
  }
  report.identityFiles = [];
  return out;
}

/** A `Host *` block (or settings before any block) above specific blocks takes every first-wins option it sets. */
function starFirstRules(entries: Entry[]): Finding[] {
  const out: Finding[] = [];
  const starBlocks = new Set(entries.filter((e) => e.canon === 'host' && e.value.split(/\s+/).includes('*')).map((e) => e.line));
  const early = new Map<string, Entry>();
  for (const e of entries) {
    if (e.canon === 'host' || e.canon === 'match' || SSH_ACCUMULATING.has(e.canon)) continue;
    const catchAll = e.block === null || starBlocks.has(e.block);
    if (catchAll) {
      if (!early.has(e.canon)) early.set(e.canon, e);
      continue;
    }
    const win = early.get(e.canon);
    if (win && FIRST_WINS_REPORTED.includes(e.canon) && win.value.toLowerCase() !== e.value.toLowerCase()) {
      out.push({
        rule: 'catch-all-first',
        severity: 'warning',
        lines: [win.line, e.line],
        message: `"${win.keyword} ${clip(win.value, 80)}" at line ${win.line} applies to every host and comes first, so "${e.keyword} ${clip(e.value, 80)}" at line ${e.line} never takes effect: ssh keeps the first value it reads.`,
        fix: `Move the "Host *" block (and any settings above the first Host line) to the end of the file.`,
        articleId: e.canon === 'user' || e.canon === 'identitiesonly' ? A.deniedPublickey : e.canon === 'port' || e.canon === 'hostname' ? A.connectionRefused : null,
      });
    }
  }
  return out;
}

/** `ssh -G` output: the settings that decide the routed errors, and what they mean. */
function checkEffective(entries: Entry[], report: SshConfigReport): Finding[] {
  const out: Finding[] = [];
  const first = (k: string) => entries.find((e) => e.canon === k);
  for (const e of entries) {
    if (SSH_ACCUMULATING.has(e.canon)) {
      if (e.canon === 'identityfile') report.identityFiles.push({ value: e.value, line: e.line, block: null });
    } else report.resolved[e.canon] ??= { value: e.value, line: e.line, block: null };
  }
  report.host = first('host')?.value ?? report.host;
  // ssh -G prints some booleans as true/false.
  const v = (k: string) => ({ true: 'yes', false: 'no' } as Record<string, string>)[report.resolved[k]?.value.toLowerCase() ?? ''] ?? report.resolved[k]?.value.toLowerCase() ?? '';
  const at = (k: string) => (report.resolved[k]?.line ? [report.resolved[k]!.line!] : []);
  out.push({
    rule: 'client-resolved',
    severity: 'info',
    lines: [...at('hostname'), ...at('user'), ...at('port')],
    message: `ssh connects to ${report.resolved.hostname?.value ?? '?'} port ${report.resolved.port?.value ?? '22'} as ${report.resolved.user?.value ?? '?'}${report.resolved.proxyjump ? ` through ${report.resolved.proxyjump.value}` : ''}, and tries ${report.identityFiles.length} identity file(s)${v('identitiesonly') === 'yes' ? ' only' : ' plus the agent\'s keys'}. These are the values in effect (first value wins already applied); to see which config line set one, paste ~/.ssh/config with --host.`,
    fix: '',
    articleId: null,
  });
  if (v('pubkeyauthentication') === 'no') out.push({ rule: 'client-pubkey-off', severity: 'error', lines: at('pubkeyauthentication'), message: `pubkeyauthentication ${report.resolved.pubkeyauthentication?.value}: this ssh never offers a key, so a key-only server answers "Permission denied (publickey)".`, fix: 'Find the line that sets it: grep -ni pubkeyauthentication ~/.ssh/config /etc/ssh/ssh_config /etc/ssh/ssh_config.d/*', articleId: A.deniedPublickey });
  if (v('batchmode') === 'yes' || v('passwordauthentication') === 'no') {
    out.push({ rule: 'client-no-password', severity: 'info', lines: [...at('batchmode'), ...at('passwordauthentication')], message: `${v('batchmode') === 'yes' ? 'batchmode yes' : 'passwordauthentication no'}: ssh will not ask for a password, so a password-only server answers "Permission denied (password)".`, fix: '', articleId: A.deniedPassword });
  }
  const pref = report.resolved.preferredauthentications?.value;
  if (pref && !/publickey/.test(pref)) out.push({ rule: 'client-pubkey-not-preferred', severity: 'warning', lines: at('preferredauthentications'), message: `preferredauthentications ${clip(pref, 80)} leaves out publickey: keys are never tried.`, fix: 'Add publickey to PreferredAuthentications, or remove the setting.', articleId: A.deniedPublickey });
  if (v('identitiesonly') !== 'yes' && report.agentKeys !== null && report.agentKeys + Math.max(1, report.identityFiles.length) > SERVER_MAX_AUTH_TRIES - 1) {
    out.push(...agentRules(report, report.host ?? 'HOST', report.identityFiles.map((f) => f.line!)));
  }
  return out;
}

function closest(word: string): string | null {
  if (word.length > 40) return null;
  let best: string | null = null;
  let bestD = 3;
  for (const k of SSH_KEYWORD_NAMES) {
    const d = editDistance(word, k, bestD);
    if (d < bestD) {
      bestD = d;
      best = sshKeywordInfo(k)!.name;
    }
  }
  return best;
}
