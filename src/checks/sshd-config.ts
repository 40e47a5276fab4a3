/**
 * Checks a pasted sshd_config (with its Include'd drop-ins, concatenated with `==> file <==`
 * headers from tail/head or `# /etc/ssh/sshd_config.d/x.conf` markers) or `sshd -T` output.
 *
 * The model follows servconf.c: keywords are case-insensitive; for most keywords the FIRST value
 * read wins and later lines are ignored; Port, ListenAddress, HostKey, HostCertificate, the
 * Allow/Deny lists and AcceptEnv accumulate (Subsystem per name); an Include is read in place,
 * its files in sorted order, so a drop-in included at the top beats the main file's lines; a Match
 * block runs to the next Match or the end of its file and overrides global values for the
 * connections it matches; keywords marked SSHCFG_GLOBAL are fatal inside a Match block.
 */
import { CHECK_ARTICLES as A } from './articles.ts';
import { clip, prepareInput } from './input.ts';
import { ACCUMULATING, canonicalKeyword, keywordInfo, SSHD_KEYWORDS } from './sshd-keywords.ts';
import { evaluateMatch, wildcardMatch, type ConnectionSpec } from './sshd-match.ts';
import { capFindings, RuleBudget, sortFindings, type CheckResultBase, type Finding } from './types.ts';

/** One keyword line as read. */
export interface ConfigLine {
  /** 1-based line in the paste. */
  line: number;
  /** File it came from (from a marker), or `sshd_config` when the paste has no markers. */
  file: string;
  /** The keyword as written, and its canonical lower-case name (aliases resolved). */
  keyword: string;
  canon: string;
  value: string;
  /** `global`, or the paste line of the Match that scopes it. */
  context: 'global' | number;
}

/** A file found in the paste and where it sits in the order sshd reads. */
export interface ConfigFile {
  name: string;
  /** First and last paste line of its content. */
  startLine: number;
  endLine: number;
  /** Paste line of the Include that pulls it in, or null (main file, or not included). */
  includedAt: number | null;
}

/** The files in reading order, every keyword line, the global effective values and the findings. */
export interface SshdConfigReport extends CheckResultBase {
  kind: 'sshd-config';
  /** `file`: config text; `sshd-T`: the effective configuration printed by `sshd -T`. */
  source: 'file' | 'sshd-T';
  files: ConfigFile[];
  /** Global effective values (first value wins), keyed by canonical keyword. */
  effective: Record<string, EffectiveValue>;
  /** Keyword lines in the order sshd reads them (Includes expanded). */
  lines: ConfigLine[];
  /** The settings for one connection (`sshd -T -C user=…,host=…,addr=…`), when one was given. */
  connection: ConnectionSettings | null;
}

/** One effective value and where it came from; `match` is the line of the Match block that set it. */
export interface EffectiveValue {
  value: string;
  line: number | null;
  file: string | null;
  match?: number | null;
}

/** What sshd would use for one connection: global values overridden by the Match blocks that apply. */
export interface ConnectionSettings {
  spec: ConnectionSpec;
  /** Paste lines of the Match blocks that apply, in reading order. */
  matched: number[];
  effective: Record<string, EffectiveValue>;
}

/**
 * Options: the connection to simulate (user for Allow/Deny rules too; host and addr as in
 * `sshd -T -C`), and the server's OS when the paste does not show it (`ubuntu-24.04`).
 */
export interface SshdConfigOptions {
  user?: string;
  host?: string;
  addr?: string;
  laddr?: string;
  lport?: number;
  os?: string;
  /** The article the error in the same paste was routed to: the settings that explain it are named. */
  routedId?: string | null;
}

// Defaults that matter for the checks (servconf.c fill_default_server_options).
const DEFAULTS: Record<string, string> = {
  pubkeyauthentication: 'yes',
  passwordauthentication: 'yes',
  kbdinteractiveauthentication: 'yes',
  hostbasedauthentication: 'no',
  gssapiauthentication: 'no',
  permitrootlogin: 'prohibit-password',
  authenticationmethods: 'any',
  usepam: 'no',
  strictmodes: 'yes',
  permitemptypasswords: 'no',
};

const TAIL_HEADER_RE = /^==> (.{1,500}) <==$/;
// `# /etc/ssh/sshd_config.d/50-cloud-init.conf`: a comment that is only a config file path.
const HASH_MARKER_RE = /^#\s{0,4}((?:\/|\.{1,2}\/)?[\w.@+-]{0,100}(?:\/[\w.@+-]{1,100}){0,20})\s*$/;
// `$ sudo cat /etc/ssh/sshd_config.d/50-cloud-init.conf`
const CAT_RE = /^(?:.{0,200}?[$#]\s{1,4})?(?:sudo\s{1,4})?(?:cat|less|more|bat|head|tail)(?:\s{1,4}-\S{1,20}){0,4}\s{1,4}(\/\S{1,500})\s*$/;
const KEYWORD_LINE_RE = /^([A-Za-z][A-Za-z0-9]{0,60})(?:\s*=\s*|\s+)(.*)$/;

function isMarkerPath(p: string): boolean {
  return /sshd_config/.test(p) || /\.conf$/.test(p);
}

/** Analyses the config; never throws. */
export function checkSshdConfig(text: string, opts: SshdConfigOptions = {}): SshdConfigReport {
  const input = prepareInput(text);
  const report: SshdConfigReport = { kind: 'sshd-config', source: 'file', files: [], effective: {}, lines: [], connection: null, notices: [...input.notices], findings: [] };
  if (input.empty) return report;

  if (looksLikeSshdT(input.lines)) {
    report.source = 'sshd-T';
    return checkEffective(input.lines, report, opts);
  }

  // 1. Split into files at markers.
  type Seg = { name: string; start: number; end: number; lines: number[] };
  const segs: Seg[] = [];
  let cur: Seg | null = null;
  input.lines.forEach((raw, i) => {
    const t = raw.trim();
    const m = TAIL_HEADER_RE.exec(t) ?? CAT_RE.exec(t) ?? (HASH_MARKER_RE.exec(t) && isMarkerPath(HASH_MARKER_RE.exec(t)![1]!) ? HASH_MARKER_RE.exec(t) : null);
    if (m) {
      cur = { name: m[1]!.trim(), start: i + 2, end: i + 1, lines: [] };
      segs.push(cur);
      return;
    }
    if (!cur) {
      cur = { name: 'sshd_config', start: i + 1, end: i + 1, lines: [] };
      segs.push(cur);
    }
    (cur as Seg).lines.push(i);
    (cur as Seg).end = i + 1;
  });
  // An os-release pasted along (`tail -n +1 /etc/os-release /etc/ssh/sshd_config`) is a hint, not a config file.
  const nonEmpty = segs.filter((s) => !/os-release$/.test(s.name) && (s.lines.some((i) => input.lines[i]!.trim() !== '') || segs.length === 1));
  const mainIdx = Math.max(0, nonEmpty.findIndex((s) => /(?:^|\/)sshd_config$/.test(s.name)));
  const main = nonEmpty[mainIdx];
  if (!main) return report;

  // 2. Read in sshd's order: the main file, each Include expanded in place (sorted, once).
  const used = new Set<Seg>([main]);
  const findings: Finding[] = [];
  let unparsable = 0;
  const budget = new RuleBudget();
  const read = (seg: Seg, inherited: 'global' | number, includedAt: number | null, depth: number) => {
    report.files.push({ name: seg.name, startLine: seg.start, endLine: seg.end, includedAt });
    let context: 'global' | number = inherited;
    for (const i of seg.lines) {
      const n = i + 1;
      const t = stripComment(input.lines[i]!.trim());
      if (t === '' || OS_HINT_LINE_RE.test(t)) continue;
      const m = KEYWORD_LINE_RE.exec(t);
      if (!m) {
        unparsable++;
        if (budget.room('unparsable-line')) findings.push({ rule: 'unparsable-line', severity: 'warning', lines: [n], message: `Line ${n} is not "Keyword value": ${clip(t, 80)}`, fix: '', articleId: A.sshdConfigTest });
        continue;
      }
      const keyword = m[1]!;
      const value = m[2]!.trim();
      const lower = keyword.toLowerCase();
      if (lower === 'match') {
        context = n;
        report.lines.push({ line: n, file: seg.name, keyword, canon: 'match', value, context });
        continue;
      }
      report.lines.push({ line: n, file: seg.name, keyword, canon: canonicalKeyword(keyword), value, context });
      if (lower === 'include' && depth < 8) {
        const targets = nonEmpty
          .filter((s) => !used.has(s) && value.split(/\s+/).some((pat) => globMatch(pat, s.name)))
          .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        for (const s of targets) {
          used.add(s);
          read(s, context, n, depth + 1);
        }
      }
    }
  };
  read(main, 'global', null, 0);
  for (const s of nonEmpty) {
    if (!used.has(s)) {
      used.add(s);
      report.notices.push(`${s.name} is not pulled in by any Include in the paste; it was read after ${main.name}.`);
      read(s, 'global', null, 0);
    }
  }

  if (unparsable > 10 && unparsable > report.lines.length) {
    report.notices.push('Most lines are not "Keyword value" settings: this does not look like an sshd_config or `sshd -T` output.');
  }

  // 3. Rules.
  findings.push(...keywordRules(report.lines, budget));
  const winners = new Set<number>();
  findings.push(...duplicateRules(report.lines, report.files, winners, budget));
  computeEffective(report);
  findings.push(...connectionRules(report, opts));
  const view = report.connection ? { ...report, effective: report.connection.effective } : report;
  findings.push(...authRules(view, opts, winners), ...routedRules(view, opts.routedId));
  findings.push(...listenRules(report.lines), ...socketActivationRules(report.lines, input.lines, opts.os));
  budget.report(report.notices);
  report.findings = sortFindings(capFindings(findings, report.notices));
  return report;
}

/** `sshd -T` prints lower-case `keyword value` lines only, dozens of them, no comments. */
function looksLikeSshdT(lines: string[]): boolean {
  const content = lines.map((l) => l.trim()).filter((l) => l !== '');
  if (content.length < 20) return false;
  let kw = 0;
  for (const l of content) {
    if (l.startsWith('#')) return false;
    if (/^[a-z][a-z0-9]{1,40} \S/.test(l) && keywordInfo(l.split(' ')[0]!)) kw++;
  }
  return kw >= content.length * 0.9 && content.some((l) => l.startsWith('permitrootlogin ')) && content.some((l) => l.startsWith('port '));
}

/** sshd treats `#` at the start of a word as the start of a comment. */
function stripComment(t: string): string {
  if (t.startsWith('#')) return '';
  const i = t.search(/\s#/);
  return i >= 0 ? t.slice(0, i).trim() : t;
}

/** glob(3)-style match of an Include pattern against a pasted file name (relative = under /etc/ssh). */
function globMatch(pattern: string, name: string): boolean {
  const pat = pattern.startsWith('/') || pattern.startsWith('~') ? pattern : `/etc/ssh/${pattern}`;
  const toRe = (p: string) => new RegExp(`^${p.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`);
  if (name.startsWith('/')) return toRe(pat).test(name);
  // A relative name (`sshd_config.d/50-cloud-init.conf` from `tail` run in /etc/ssh): compare the tail.
  const tail = pat.split('/').slice(-name.split('/').length).join('/');
  return toRe(tail).test(name);
}

const ARTICLE_FOR: Record<string, string> = {
  passwordauthentication: A.deniedPassword,
  kbdinteractiveauthentication: A.deniedPassword,
  usepam: A.deniedPassword,
  permitemptypasswords: A.deniedPassword,
  pubkeyauthentication: A.deniedPublickey,
  authorizedkeysfile: A.deniedPublickey,
  pubkeyacceptedalgorithms: A.deniedPublickey,
  authenticationmethods: A.deniedPublickey,
  permitrootlogin: A.sshdUserNotAllowed,
  allowusers: A.sshdUserNotAllowed,
  denyusers: A.sshdUserNotAllowed,
  allowgroups: A.sshdUserNotAllowed,
  denygroups: A.sshdUserNotAllowed,
  kexalgorithms: A.noKex,
  hostkeyalgorithms: A.noHostKeyType,
  ciphers: A.noCipher,
  macs: A.noMac,
  maxauthtries: A.sshdMaxAuth,
  hostkey: A.sshdNoHostKeys,
  port: A.connectionRefused,
  listenaddress: A.sshdAddressInUse,
  allowtcpforwarding: A.forwardingProhibited,
  permitopen: A.forwardingProhibited,
  permitlisten: A.forwardingProhibited,
  disableforwarding: A.forwardingProhibited,
  x11forwarding: A.x11Failed,
  subsystem: A.subsystemFailed,
  permittty: A.ptyNotAllocated,
  clientaliveinterval: A.brokenPipe,
  clientalivecountmax: A.brokenPipe,
  strictmodes: A.sshdBadModes,
};

const RESTART = 'then `sudo sshd -t && sudo systemctl restart ssh` (RHEL/Fedora: `sudo systemctl restart sshd`)';

/** Unknown, deprecated, alias, Match-scope and missing-value problems, one line at a time. */
function keywordRules(lines: ConfigLine[], budget: RuleBudget): Finding[] {
  const out: Finding[] = [];
  for (const l of lines) {
    const info = keywordInfo(l.keyword);
    const where = `${l.file} line ${l.line}`;
    if (!info) {
      if (!budget.room('unknown-keyword')) continue;
      const near = closestKeyword(l.keyword);
      out.push({
        rule: 'unknown-keyword',
        severity: 'error',
        lines: [l.line],
        message: `"${l.keyword}" is not an sshd keyword: \`sshd -t\` reports "Bad configuration option: ${l.keyword}" and sshd will not start or restart.${near ? ` Did you mean ${near}?` : ''}`,
        fix: near ? `Replace "${l.keyword}" with "${near}" (${where}), ${RESTART}` : `Remove or fix ${where}, ${RESTART}`,
        articleId: A.sshdConfigTest,
      });
      continue;
    }
    if (info.kind === 'deprecated') {
      if (budget.room('deprecated-keyword')) out.push({ rule: 'deprecated-keyword', severity: 'warning', lines: [l.line], message: `${info.name} no longer does anything: sshd logs "Deprecated option ${info.name}" and ignores it.`, fix: `Delete ${where}.`, articleId: A.sshdConfigTest });
    } else if (info.kind === 'ignored') {
      out.push({ rule: 'ignored-keyword', severity: 'info', lines: [l.line], message: `${info.name} is ignored: OpenSSH only speaks SSH protocol 2 (protocol 1 was removed).`, fix: `Delete ${where}.`, articleId: A.sshdConfigTest });
    } else if (info.kind === 'alias') {
      out.push({ rule: 'deprecated-alias', severity: 'info', lines: [l.line], message: `${info.name} is an old name for ${info.aliasOf}: it still works and sets the same option, so whichever of the two sshd reads first wins.`, fix: `Rename it to ${info.aliasOf} (${where}).`, articleId: ARTICLE_FOR[info.aliasOf!.toLowerCase()] ?? A.sshdConfigTest });
    } else if (info.kind === 'distro') {
      out.push({ rule: 'distro-keyword', severity: 'info', lines: [l.line], message: `${info.name} comes from a ${info.note}; an sshd built without it reports "Bad configuration option".`, fix: '', articleId: A.sshdConfigTest });
    }
    if (l.context !== 'global' && !info.matchOk) {
      out.push({ rule: 'not-allowed-in-match', severity: 'error', lines: [l.context, l.line], message: `${info.name} cannot be used inside a Match block: \`sshd -t\` fails with "Directive '${info.name}' is not allowed within a Match block".`, fix: `Move ${where} above the first Match line, ${RESTART}`, articleId: A.sshdConfigTest });
    }
    if (l.value === '' && info.kind !== 'block') {
      out.push({ rule: 'missing-value', severity: 'error', lines: [l.line], message: `${info.name} has no value: sshd -t fails on ${where}.`, fix: `Give ${info.name} a value or delete the line, ${RESTART}`, articleId: A.sshdConfigTest });
    }
  }
  return out;
}

/** Second and later lines for a first-value-wins keyword in the same scope are ignored by sshd. */
function duplicateRules(lines: ConfigLine[], files: ConfigFile[], winners: Set<number>, budget: RuleBudget): Finding[] {
  const out: Finding[] = [];
  const first = new Map<string, ConfigLine>();
  const ports = new Map<string, ConfigLine>();
  for (const l of lines) {
    if (l.canon === 'match' || l.canon === 'include' || !keywordInfo(l.keyword)) continue;
    const kind = keywordInfo(l.keyword)!.kind;
    if (kind === 'deprecated' || kind === 'ignored') continue;
    if (l.canon === 'port') {
      const prev = ports.get(l.value);
      if (prev) {
        if (budget.room('duplicate-port')) out.push({ rule: 'duplicate-port', severity: 'warning', lines: [prev.line, l.line], message: `Port ${l.value} is listed twice (${prev.file} line ${prev.line} and ${l.file} line ${l.line}): sshd tries to bind it twice and logs "Address already in use" for the second.`, fix: `Delete one of the two lines, ${RESTART}`, articleId: A.sshdAddressInUse });
      } else ports.set(l.value, l);
      continue;
    }
    const sub = l.canon === 'subsystem' ? ` ${l.value.split(/\s+/)[0]}` : '';
    if (ACCUMULATING.has(l.canon) && !sub) continue;
    const key = `${l.context}|${l.canon}${sub}`;
    const win = first.get(key);
    if (!win) {
      first.set(key, l);
      winners.add(l.line);
      continue;
    }
    if (normValue(win.value) === normValue(l.value)) continue;
    if (!budget.room('duplicate')) continue;
    const article = ARTICLE_FOR[l.canon] ?? A.sshdConfigTest;
    const name = keywordInfo(win.keyword)!.aliasOf ?? keywordInfo(win.keyword)!.name;
    const winFile = files.find((f) => f.name === win.file);
    const scope = l.context === 'global' ? '' : ` (in the Match block at line ${l.context})`;
    if (win.file !== l.file && winFile?.includedAt != null) {
      out.push({
        rule: 'dropin-overrides',
        severity: 'warning',
        lines: [win.line, l.line],
        message: `"${win.keyword} ${win.value}" in ${win.file} wins over "${l.keyword} ${l.value}" at ${l.file} line ${l.line}${scope}: the Include at line ${winFile.includedAt} is read first and sshd keeps the first value of ${name}.`,
        fix: `Change the value in ${win.file} (line ${win.line}) — or put your setting in a drop-in that sorts before it, e.g. ${dirOf(win.file)}00-local.conf — ${RESTART}. Check with: sudo sshd -T | grep -i '^${name.toLowerCase()} '`,
        articleId: article,
      });
    } else {
      out.push({
        rule: 'duplicate-ignored',
        severity: 'warning',
        lines: [win.line, l.line],
        message: `${l.file} line ${l.line} "${l.keyword} ${l.value}" is ignored${scope}: ${win.file} line ${win.line} already set ${name} to "${win.value}", and sshd keeps the first value.`,
        fix: `Keep one ${name} line: change line ${win.line} or delete it, ${RESTART}`,
        articleId: article,
      });
    }
  }
  return mergeSameWinner(out);
}

/** One finding per winning line: "line 30 wins over lines 8 and 22" instead of two findings. */
function mergeSameWinner(findings: Finding[]): Finding[] {
  const byKey = new Map<string, Finding>();
  const out: Finding[] = [];
  for (const f of findings) {
    if (f.rule !== 'dropin-overrides' && f.rule !== 'duplicate-ignored') {
      out.push(f);
      continue;
    }
    const key = `${f.rule}|${f.lines[0]}`;
    const prev = byKey.get(key);
    if (!prev) {
      byKey.set(key, f);
      out.push(f);
    } else {
      prev.lines.push(...f.lines.slice(1));
      prev.message += f.rule === 'dropin-overrides' ? ` It also overrides line ${f.lines.slice(1).join(', ')}.` : ` Line ${f.lines.slice(1).join(', ')} is ignored too.`;
    }
  }
  return out;
}

function normValue(v: string): string {
  return v.trim().replace(/\s+/g, ' ').toLowerCase();
}

function dirOf(file: string): string {
  const i = file.lastIndexOf('/');
  return i >= 0 ? file.slice(0, i + 1) : '/etc/ssh/sshd_config.d/';
}

/** First global value of each keyword, in reading order, over the defaults. */
function computeEffective(report: SshdConfigReport): void {
  for (const [k, v] of Object.entries(DEFAULTS)) report.effective[k] = { value: v, line: null, file: null };
  const set = new Set<string>();
  // Accumulating keywords collect into arrays (joined once at the end: no quadratic string growth).
  const acc = new Map<string, { values: string[]; line: number; file: string }>();
  for (const l of report.lines) {
    if (l.context !== 'global' || l.canon === 'match' || l.canon === 'include') continue;
    if (ACCUMULATING.has(l.canon)) {
      const a = acc.get(l.canon);
      if (a) {
        if (a.values.length < 1000) a.values.push(l.value);
      } else acc.set(l.canon, { values: [l.value], line: l.line, file: l.file });
      continue;
    }
    if (set.has(l.canon)) continue;
    set.add(l.canon);
    report.effective[l.canon] = { value: l.value, line: l.line, file: l.file };
  }
  for (const [k, a] of acc) report.effective[k] = { value: a.values.join(' '), line: a.line, file: a.file };
}

function yes(v: string | undefined): boolean {
  return (v ?? '').trim().toLowerCase().split(/\s+/)[0] === 'yes';
}

/** Auth settings that lock everybody out, AuthenticationMethods that cannot succeed, risky root login, Allow/Deny. */
function authRules(report: SshdConfigReport, opts: SshdConfigOptions, winners: Set<number> | null): Finding[] {
  const out: Finding[] = [];
  const eff = report.effective;
  const at = (k: string) => (eff[k]?.line != null ? [eff[k]!.line!] : []);
  const enabled: Record<string, boolean> = {
    publickey: yes(eff.pubkeyauthentication?.value),
    password: yes(eff.passwordauthentication?.value),
    'keyboard-interactive': yes(eff.kbdinteractiveauthentication?.value),
    hostbased: yes(eff.hostbasedauthentication?.value),
    'gssapi-with-mic': yes(eff.gssapiauthentication?.value),
  };
  const matchNote = report.lines.some((l) => l.canon === 'match') ? ' (Match blocks can still enable a method for some connections.)' : '';
  // Keyboard-interactive needs PAM on Linux (bsdauth is OpenBSD-only): without UsePAM it asks nothing.
  const usable = { ...enabled, 'keyboard-interactive': enabled['keyboard-interactive']! && yes(eff.usepam?.value) };
  if (!Object.values(usable).some(Boolean)) {
    out.push({
      rule: 'no-auth-method',
      severity: 'error',
      lines: [...at('pubkeyauthentication'), ...at('passwordauthentication'), ...at('kbdinteractiveauthentication')],
      message: `PubkeyAuthentication and PasswordAuthentication are off${enabled['keyboard-interactive'] ? ' and KbdInteractiveAuthentication has nothing to ask without UsePAM yes' : ', and so is KbdInteractiveAuthentication'}: no login method is left and every client gets "Permission denied".${matchNote}`,
      fix: `Set "PubkeyAuthentication yes" (and put your key in ~/.ssh/authorized_keys), ${RESTART}. Keep a console or second session open while testing.`,
      articleId: A.deniedPublickey,
    });
  }
  const am = eff.authenticationmethods?.value ?? 'any';
  if (am.toLowerCase() !== 'any' && report.source === 'file' ? eff.authenticationmethods?.line != null : am.toLowerCase() !== 'any') {
    const lists = am.split(/\s+/).filter(Boolean);
    const bad = lists.filter((list) => list.split(',').some((m) => enabled[m.split(':')[0]!] === false));
    if (bad.length && bad.length === lists.length) {
      out.push({ rule: 'authmethods-unsatisfiable', severity: 'error', lines: at('authenticationmethods'), message: `AuthenticationMethods "${am}" needs a method that is switched off: sshd refuses to start with "AuthenticationMethods cannot be satisfied by enabled authentication methods".`, fix: `Enable the methods it lists (e.g. "PubkeyAuthentication yes") or change AuthenticationMethods, ${RESTART}`, articleId: A.sshdConfigTest });
    } else if (bad.length) {
      out.push({ rule: 'authmethods-partly-disabled', severity: 'warning', lines: at('authenticationmethods'), message: `In AuthenticationMethods "${am}", ${bad.map((b) => `"${b}"`).join(', ')} can never succeed: it needs a method that is switched off.`, fix: `Remove ${bad.join(' ')} from AuthenticationMethods or enable its methods, ${RESTART}`, articleId: A.deniedPublickey });
    }
  }
  for (const l of report.lines) {
    // Only lines sshd actually uses: an ignored duplicate is reported by duplicateRules instead.
    if (winners && !winners.has(l.line)) continue;
    if (l.canon === 'permitrootlogin' && /^yes$/i.test(l.value)) {
      out.push({ rule: 'permit-root-login-yes', severity: 'warning', lines: [l.line], message: `PermitRootLogin yes lets anyone who guesses root's password log in as root (${l.file} line ${l.line}).`, fix: `Use "PermitRootLogin prohibit-password" (root with a key only) or "no" and log in as a normal user with sudo, ${RESTART}`, articleId: A.deniedPassword });
    }
    if (l.canon === 'permitemptypasswords' && /^yes$/i.test(l.value)) {
      out.push({ rule: 'permit-empty-passwords', severity: 'warning', lines: [l.line], message: 'PermitEmptyPasswords yes lets accounts without a password log in with none.', fix: `Set "PermitEmptyPasswords no", ${RESTART}`, articleId: A.deniedPassword });
    }
  }
  out.push(...userRules(report, opts.user?.trim() || null));
  return out;
}

/** sshd's user patterns: `*` and `?` wildcards, optional `@host` part (auth.c allowed_user → match_user). */
function userPatternMatches(pattern: string, user: string): { user: boolean; host: string | null } {
  const at = pattern.indexOf('@');
  const up = at >= 0 ? pattern.slice(0, at) : pattern;
  const host = at >= 0 ? pattern.slice(at + 1) : null;
  return { user: wildcardMatch(up, user), host };
}

function userRules(report: SshdConfigReport, user: string | null): Finding[] {
  const out: Finding[] = [];
  const global = report.lines.filter((l) => l.context === 'global');
  const of = (k: string) => global.filter((l) => l.canon === k);
  const words = (ls: ConfigLine[]) => ls.flatMap((l) => l.value.split(/\s+/).filter(Boolean));
  const allow = of('allowusers');
  const deny = of('denyusers');
  const allowG = of('allowgroups');
  const denyG = of('denygroups');
  const lines = (ls: ConfigLine[]) => ls.map((l) => l.line);
  if (user) {
    const denied = words(deny).find((p) => userPatternMatches(p, user).user && !userPatternMatches(p, user).host);
    if (denied) {
      out.push({ rule: 'user-denied', severity: 'error', lines: lines(deny), message: `DenyUsers "${denied}" matches ${user}: sshd logs "User ${user} from … not allowed because listed in DenyUsers" and the client sees "Permission denied".`, fix: `Remove ${user} from DenyUsers, ${RESTART}`, articleId: A.sshdUserNotAllowed });
    }
    if (allow.length) {
      const hits = words(allow).map((p) => ({ p, ...userPatternMatches(p, user) })).filter((x) => x.user);
      if (!hits.length) {
        out.push({ rule: 'user-not-allowed', severity: 'error', lines: lines(allow), message: `AllowUsers is set and no pattern matches ${user}: sshd logs "User ${user} from … not allowed because not listed in AllowUsers". Several AllowUsers lines add up; a new line does not replace the old one.`, fix: `Add ${user} to AllowUsers (e.g. "AllowUsers ${words(allow).slice(0, 3).join(' ')} ${user}"), ${RESTART}`, articleId: A.sshdUserNotAllowed });
      } else if (hits.every((h) => h.host)) {
        out.push({ rule: 'user-allowed-from-host-only', severity: 'info', lines: lines(allow), message: `${user} may only log in from ${hits.map((h) => h.host).join(', ')} (AllowUsers ${hits.map((h) => h.p).join(' ')}).`, fix: '', articleId: A.sshdUserNotAllowed });
      }
    }
    if (allowG.length) {
      out.push({ rule: 'allow-groups', severity: 'info', lines: lines(allowG), message: `AllowGroups is set: ${user} must be in one of ${words(allowG).join(', ')} (primary or supplementary group), or sshd refuses the login.`, fix: `id ${user}   # on the server; to add: sudo usermod -aG ${words(allowG)[0]} ${user}`, articleId: A.sshdUserNotAllowed });
    }
    if (denyG.length) {
      out.push({ rule: 'deny-groups', severity: 'info', lines: lines(denyG), message: `DenyGroups ${words(denyG).join(', ')}: ${user} is refused if in any of them.`, fix: `id ${user}   # on the server`, articleId: A.sshdUserNotAllowed });
    }
    if (user === 'root') {
      const prl = report.effective.permitrootlogin;
      if (prl && /^no$/i.test(prl.value)) {
        out.push({ rule: 'root-login-disabled', severity: 'error', lines: prl.line != null ? [prl.line] : [], message: 'PermitRootLogin no: root cannot log in over SSH at all (sshd logs "ROOT LOGIN REFUSED").', fix: 'Log in as a normal user and use sudo (recommended).', articleId: A.sshdUserNotAllowed });
      } else if (prl && /^(?:prohibit-password|without-password)$/i.test(prl.value)) {
        out.push({ rule: 'root-key-only', severity: 'info', lines: prl.line != null ? [prl.line] : [], message: `PermitRootLogin ${prl.value}: root can log in with a key, never with a password.`, fix: '', articleId: A.deniedPassword });
      }
    }
  } else if (allow.length || allowG.length) {
    const what = [allow.length ? `AllowUsers ${words(allow).join(' ')}` : '', allowG.length ? `AllowGroups ${words(allowG).join(' ')}` : ''].filter(Boolean).join('; ');
    out.push({ rule: 'allow-list', severity: 'info', lines: [...lines(allow), ...lines(allowG)], message: `Only users matching ${what} can log in; anyone else gets "Permission denied" (sshd logs "not allowed because not listed in AllowUsers/AllowGroups"). Several lines add up. Pass a user name to check one.`, fix: '', articleId: A.sshdUserNotAllowed });
  }
  return out;
}

/** Port and ListenAddress pitfalls: socket activation, SELinux, firewalls, addresses not on the host. */
function listenRules(lines: ConfigLine[]): Finding[] {
  const out: Finding[] = [];
  const ports = lines.filter((l) => l.canon === 'port' && l.context === 'global');
  const custom = ports.filter((l) => l.value.trim() !== '22');
  if (custom.length) {
    const list = custom.map((l) => l.value.trim());
    out.push({
      rule: 'custom-port',
      severity: 'info',
      lines: custom.map((l) => l.line),
      message: `sshd listens on port ${list.join(', ')}. A new port also needs: Ubuntu 22.10+ (ssh.socket): a systemd reload and a socket restart; RHEL/Fedora with SELinux: the port labelled ssh_port_t; the firewall (and cloud security group) opened.`,
      fix: [
        `sudo sshd -t && sudo systemctl daemon-reload && sudo systemctl restart ssh.socket   # Ubuntu 22.10+`,
        ...list.map((p) => `sudo semanage port -a -t ssh_port_t -p tcp ${p}   # RHEL/Fedora (SELinux)`),
        ...list.map((p) => `sudo ufw allow ${p}/tcp   # or: sudo firewall-cmd --permanent --add-port=${p}/tcp && sudo firewall-cmd --reload`),
      ].join('\n'),
      articleId: A.connectionRefused,
    });
  }
  for (const l of lines) {
    if (l.canon !== 'listenaddress') continue;
    const addr = listenHost(l.value);
    if (addr === null || addr === '0.0.0.0' || addr === '::') continue;
    if (/^(?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|localhost)$/i.test(addr)) {
      out.push({ rule: 'listen-loopback', severity: 'warning', lines: [l.line], message: `ListenAddress ${l.value}: sshd only accepts connections from this machine itself; other hosts get "Connection refused".`, fix: `Remove the line (listen on all addresses) or add the server's LAN address, ${RESTART}`, articleId: A.connectionRefused });
    } else {
      out.push({ rule: 'listen-specific', severity: 'info', lines: [l.line], message: `ListenAddress ${l.value}: sshd listens only on ${addr}. If that address is not on this host (changed IP, cloud private vs public address), sshd logs "Bind to port … on ${addr} failed: Cannot assign requested address" and may not start.`, fix: `ip -br addr   # the address must be listed; otherwise fix or remove the ListenAddress line, ${RESTART}`, articleId: A.sshdAddressInUse });
    }
  }
  return out;
}

/** The host part of a ListenAddress value: `10.0.0.5`, `10.0.0.5:2222`, `[::1]:22`, `host rdomain x`. */
function listenHost(v: string): string | null {
  const w = v.trim().split(/\s+/)[0] ?? '';
  if (w === '') return null;
  const br = /^\[([^\]]{1,100})\](?::\d{1,5})?$/.exec(w);
  if (br) return br[1]!;
  if ((w.match(/:/g)?.length ?? 0) === 1) return w.split(':')[0]!;
  return w;
}

/** Keyword suggestions for typos: the closest known keyword within edit distance 2. */
function closestKeyword(word: string): string | null {
  const w = word.toLowerCase();
  if (w.length > 40) return null;
  let best: string | null = null;
  let bestD = 3;
  for (const info of SSHD_KEYWORDS.values()) {
    const d = editDistance(w, info.name.toLowerCase(), bestD);
    if (d < bestD) {
      bestD = d;
      best = info.name;
    }
  }
  return best;
}

/** Levenshtein distance, given up at `cap` (returns cap): for keyword typo suggestions. */
export function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) >= cap) return cap;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** `sshd -T` output: effective values only, so no duplicate analysis; the auth, user and listen rules apply. */
function checkEffective(lines: string[], report: SshdConfigReport, opts: SshdConfigOptions): SshdConfigReport {
  lines.forEach((raw, i) => {
    const t = raw.trim();
    const sp = t.indexOf(' ');
    if (sp <= 0) return;
    const keyword = t.slice(0, sp);
    report.lines.push({ line: i + 1, file: 'sshd -T', keyword, canon: canonicalKeyword(keyword), value: t.slice(sp + 1).trim(), context: 'global' });
  });
  report.files.push({ name: 'sshd -T', startLine: 1, endLine: lines.length, includedAt: null });
  computeEffective(report);
  const findings = [...authRules(report, opts, null), ...routedRules(report, opts.routedId), ...listenRules(report.lines), ...socketActivationRules(report.lines, lines, opts.os)];
  report.notices.push('This is `sshd -T` output: the values sshd actually uses (first value wins already applied). To see which file set a value, paste the config files instead.');
  report.findings = sortFindings(capFindings(findings, report.notices));
  return report;
}

/** `ID=ubuntu`, `VERSION_ID="24.04"`, `PRETTY_NAME="Ubuntu 24.04 LTS"`: /etc/os-release lines pasted along. */
const OS_HINT_LINE_RE = /^(?:ID|ID_LIKE|VERSION_ID|VERSION|PRETTY_NAME|NAME|VERSION_CODENAME|UBUNTU_CODENAME|HOME_URL|SUPPORT_URL|BUG_REPORT_URL|PRIVACY_POLICY_URL|LOGO)=/;

/** Ubuntu's version from a paste (os-release, lsb_release) or an `--os ubuntu-24.04` hint, as [major, minor]. */
function ubuntuVersion(lines: string[], os: string | undefined): [number, number] | null {
  const hint = /^ubuntu[-_ ]?(\d{2})\.(\d{2})/i.exec(os?.trim() ?? '');
  if (hint) return [Number(hint[1]), Number(hint[2])];
  const text = lines.slice(0, 5000).filter((l) => /ubuntu|VERSION_ID/i.test(l)).join('\n');
  if (!/ubuntu/i.test(text)) return null;
  const m = /Ubuntu (\d{2})\.(\d{2})/i.exec(text) ?? /VERSION_ID="?(\d{2})\.(\d{2})/.exec(text);
  return m ? [Number(m[1]), Number(m[2])] : null;
}

/**
 * Ubuntu 22.10 and later start sshd from ssh.socket: systemd holds the listening socket, so a
 * Port or ListenAddress edit does nothing until the socket is rebuilt (from 23.10 a generator
 * reads them from sshd_config at daemon-reload; 22.10 and 23.04 need a ssh.socket override).
 */
function socketActivationRules(lines: ConfigLine[], raw: string[], os: string | undefined): Finding[] {
  const listen = lines.filter((l) => (l.canon === 'port' && l.value.trim() !== '22') || l.canon === 'listenaddress');
  if (!listen.length) return [];
  const ubuntu = ubuntuVersion(raw, os);
  const socketSeen = raw.slice(0, 5000).some((l) => /\bssh\.socket\b/.test(l));
  const socketEra = ubuntu !== null && (ubuntu[0] > 22 || (ubuntu[0] === 22 && ubuntu[1] >= 10));
  if (!socketEra && !socketSeen) return [];
  const generator = ubuntu === null || ubuntu[0] > 23 || (ubuntu[0] === 23 && ubuntu[1] >= 10);
  const what = listen.map((l) => `${l.keyword} ${l.value}`).join(', ');
  return [
    {
      rule: 'socket-activation',
      severity: 'warning',
      lines: listen.map((l) => l.line),
      message: `${ubuntu ? `Ubuntu ${ubuntu[0]}.${String(ubuntu[1]).padStart(2, '0')}` : 'This server'} starts sshd from ssh.socket: systemd, not sshd, holds the listening socket, so ${what} takes effect only when the socket is rebuilt. \`systemctl restart ssh\` alone leaves it listening where it was (clients get "Connection refused" on the new port).${generator ? ' A systemd generator reads Port and ListenAddress from sshd_config at daemon-reload.' : ' On 22.10 and 23.04 ssh.socket does not read sshd_config at all: its ListenStream must be overridden.'}`,
      fix: generator
        ? 'sudo sshd -t && sudo systemctl daemon-reload && sudo systemctl restart ssh.socket\nsudo ss -tlnp | grep -w sshd   # or: systemctl cat ssh.socket'
        : 'sudo systemctl edit ssh.socket   # [Socket] ListenStream=  (empty line first), then ListenStream=<port>\nsudo systemctl daemon-reload && sudo systemctl restart ssh.socket',
      articleId: A.connectionRefused,
    },
  ];
}

/**
 * Every Match line's verdict for the connection, then the settings sshd would use for it. Reads
 * only the report's lines and global values, so a report that crossed a worker boundary (the
 * paste box's connection fields) can be re-simulated without the paste.
 */
export function simulateConnection(report: SshdConfigReport, spec: ConnectionSpec): { settings: ConnectionSettings; findings: Finding[] } {
  const findings: Finding[] = [];
  const verdicts = new Map<number, boolean>();
  for (const l of report.lines) {
    if (l.canon !== 'match') continue;
    const v = evaluateMatch(l.value, spec);
    verdicts.set(l.line, v.matches);
    if (v.error) findings.push({ rule: 'bad-match', severity: 'error', lines: [l.line], message: `Match ${clip(l.value, 80)}: ${v.error}; \`sshd -t\` fails with "Bad Match condition".`, fix: `Fix the Match line, ${RESTART}`, articleId: A.sshdConfigTest });
    else if (v.unknown.length) findings.push({ rule: 'match-unknown', severity: 'info', lines: [l.line], message: `Match ${clip(l.value, 80)} was taken as not matching: ${v.unknown.join(', ')} cannot be told from the paste.`, fix: '', articleId: null });
  }
  const set: Record<string, EffectiveValue> = {};
  const acc = new Map<string, { values: string[]; line: number; file: string; match: number }>();
  for (const l of report.lines) {
    if (l.context === 'global' || l.canon === 'match' || l.canon === 'include' || !verdicts.get(l.context)) continue;
    if (ACCUMULATING.has(l.canon)) {
      const a = acc.get(l.canon);
      if (a) {
        if (a.values.length < 1000) a.values.push(l.value);
      } else acc.set(l.canon, { values: [l.value], line: l.line, file: l.file, match: l.context });
      continue;
    }
    set[l.canon] ??= { value: l.value, line: l.line, file: l.file, match: l.context };
  }
  for (const [k, a] of acc) set[k] = { value: a.values.join(' '), line: a.line, file: a.file, match: a.match };
  const matched = [...verdicts].filter(([, m]) => m).map(([line]) => line);
  return { settings: { spec, matched, effective: { ...report.effective, ...set } }, findings };
}

/** With a connection given: which Match blocks apply and what they change, like `sshd -T -C`. */
function connectionRules(report: SshdConfigReport, opts: SshdConfigOptions): Finding[] {
  const spec: ConnectionSpec = {
    ...(opts.user?.trim() ? { user: opts.user.trim() } : {}),
    ...(opts.host?.trim() ? { host: opts.host.trim() } : {}),
    ...(opts.addr?.trim() ? { addr: opts.addr.trim() } : {}),
    ...(opts.laddr?.trim() ? { laddr: opts.laddr.trim() } : {}),
    ...(opts.lport !== undefined ? { lport: opts.lport } : {}),
  };
  if (!Object.keys(spec).length || !report.lines.some((l) => l.canon === 'match')) return [];
  const { settings, findings } = simulateConnection(report, spec);
  report.connection = settings;
  const who = Object.entries(spec).map(([k, v]) => `${k}=${v}`).join(',');
  const changed = Object.entries(settings.effective).filter(([, v]) => v.match != null);
  findings.push({
    rule: 'match-applies',
    severity: 'info',
    lines: settings.matched,
    message: settings.matched.length
      ? `For ${who}, the Match block${settings.matched.length > 1 ? 's' : ''} at line ${settings.matched.join(', ')} appl${settings.matched.length > 1 ? 'y' : 'ies'}: ${changed.map(([k, v]) => `${k} ${clip(v.value, 60)} (line ${v.line})`).join(', ') || 'nothing changed'}. The first value inside a matching block wins over every global value.`
      : `For ${who}, no Match block applies: the global values are used.`,
    fix: `sudo sshd -T -C ${who}   # on the server: the settings sshd really uses for this connection`,
    articleId: null,
  });
  return findings;
}

/**
 * The effective setting behind the error pasted with the config (the paste box routes the error
 * line; the config or `sshd -T` output says why): password or key logins switched off, an allow
 * list, the port and addresses sshd listens on.
 */
function routedRules(report: SshdConfigReport, routedId: string | null | undefined): Finding[] {
  if (!routedId) return [];
  const eff = report.effective;
  const at = (k: string) => (eff[k]?.line != null ? [eff[k]!.line!] : []);
  const where = (k: string) => (eff[k]?.line != null ? `${eff[k]!.file} line ${eff[k]!.line}` : 'the default');
  const out: Finding[] = [];
  if (routedId === A.deniedPassword && !yes(eff.passwordauthentication?.value) && !(yes(eff.kbdinteractiveauthentication?.value) && yes(eff.usepam?.value))) {
    out.push({ rule: 'explains-password-denied', severity: 'error', lines: [...at('passwordauthentication'), ...at('kbdinteractiveauthentication')], message: `This is why the password is refused: PasswordAuthentication is ${eff.passwordauthentication?.value ?? 'no'} (${where('passwordauthentication')}) and keyboard-interactive cannot ask for one, so sshd never checks a password.`, fix: 'Log in with a key (recommended), or set "PasswordAuthentication yes" in the file that sets it — ' + RESTART, articleId: A.deniedPassword });
  }
  if (routedId === A.deniedPublickey && !yes(eff.pubkeyauthentication?.value)) {
    out.push({ rule: 'explains-publickey-denied', severity: 'error', lines: at('pubkeyauthentication'), message: `This is why the key is refused: PubkeyAuthentication is ${eff.pubkeyauthentication?.value} (${where('pubkeyauthentication')}).`, fix: `Set "PubkeyAuthentication yes" there, ${RESTART}`, articleId: A.deniedPublickey });
  }
  if ((routedId === A.sshdUserNotAllowed || routedId === A.deniedPublickey || routedId === A.deniedPassword) && (eff.allowusers || eff.allowgroups || eff.denyusers || eff.denygroups)) {
    const lists = ['allowusers', 'allowgroups', 'denyusers', 'denygroups'].filter((k) => eff[k]).map((k) => `${k} ${clip(eff[k]!.value, 80)}`);
    out.push({ rule: 'explains-allow-list', severity: 'warning', lines: ['allowusers', 'allowgroups', 'denyusers', 'denygroups'].flatMap(at), message: `An allow/deny list is in effect (${lists.join('; ')}): a user it excludes gets the same "Permission denied" whatever the key or password. sshd's log says "not allowed because …".`, fix: 'Check the user against it (--user NAME, or the User field), and: sudo journalctl -u ssh -u sshd | grep "not allowed"', articleId: A.sshdUserNotAllowed });
  }
  if (routedId === A.connectionRefused || routedId === A.connectionTimedOut) {
    const ports = eff.port?.value ?? '22';
    const listen = eff.listenaddress?.value;
    out.push({ rule: 'explains-refused', severity: 'info', lines: [...at('port'), ...at('listenaddress')], message: `sshd listens on port ${ports}${listen ? ` at ${clip(listen, 120)}` : ' on every address'}: the client must use that port (ssh -p ${ports.split(/\s+/)[0]}) and reach that address.`, fix: 'sudo ss -tlnp | grep -w sshd   # what is really listening', articleId: A.connectionRefused });
  }
  return out;
}
