/**
 * `sshfix check [auto|log|perms|sshd-config|ssh-config|negotiation] [--json] [--user NAME]
 * [--host NAME] [--addr IP] [--os ubuntu-24.04] [FILE]`: runs one of the in-browser checks
 * (src/checks) on a file or stdin; without a check name, the one that fits the input. Node-free: all I/O is injected, so src/cli/main.ts
 * wires it up and the tests drive it with strings. Exit codes: 0 nothing wrong, 1 findings or a
 * failed connection, 2 usage error or unreadable input.
 */
import { detectKind } from '../checks/detect.ts';
import { analyzeLog, type LogTimeline } from '../checks/log-timeline.ts';
import { explainNegotiation, type NegotiationReport } from '../checks/negotiation.ts';
import { checkPermissions, type PermissionsReport } from '../checks/permissions.ts';
import { checkSshConfig, type SshConfigReport } from '../checks/ssh-config.ts';
import { checkSshdConfig, type SshdConfigReport } from '../checks/sshd-config.ts';
import type { Finding } from '../checks/types.ts';

/** Injected I/O: read stdin or a file, write to stdout/stderr. */
export interface CheckIo {
  stdin: () => Promise<string>;
  readFile: (p: string) => Promise<string>;
  out: (s: string) => void;
  err: (s: string) => void;
}

/** One-line usage, also printed on a usage error. */
export const CHECK_USAGE =
  'usage: sshfix check [auto|log|perms|sshd-config|ssh-config|negotiation] [--json] [--user NAME] [--host NAME] [--addr IP] [--os ubuntu-24.04] [FILE]   (reads stdin when FILE is omitted; without a check name, picks the one that fits)';

const SUBCOMMANDS = ['auto', 'log', 'perms', 'sshd-config', 'ssh-config', 'negotiation'] as const;
type Sub = (typeof SUBCOMMANDS)[number];
// Accepted spellings, so `sshfix check permissions` and `sshfix check sshd` work too.
const ALIASES: Record<string, Sub> = {
  auto: 'auto',
  log: 'log',
  logs: 'log',
  perms: 'perms',
  permissions: 'perms',
  'sshd-config': 'sshd-config',
  sshd: 'sshd-config',
  sshd_config: 'sshd-config',
  'ssh-config': 'ssh-config',
  ssh_config: 'ssh-config',
  client: 'ssh-config',
  negotiation: 'negotiation',
  kex: 'negotiation',
  algorithms: 'negotiation',
};
// Which options each check reads: anything else is a usage error, not silently ignored.
const TAKES: Record<string, Sub[]> = {
  user: ['auto', 'perms', 'sshd-config', 'ssh-config'],
  host: ['auto', 'sshd-config', 'ssh-config'],
  addr: ['auto', 'sshd-config'],
  os: ['auto', 'sshd-config'],
};

/** Runs `sshfix check …`; returns the process exit code. */
export async function checkCommand(args: string[], io: CheckIo): Promise<number> {
  let json = false;
  const given: Partial<Record<keyof typeof TAKES, string>> = {};
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const opt = /^--(user|host|addr|os)(?:=(.*))?$/.exec(a) ?? (a === '-u' ? [a, 'user'] : null);
    if (a === '--json') json = true;
    else if (opt) {
      const value = opt[2] ?? args[++i];
      if (!value || value.startsWith('-')) return usage(io, `--${opt[1]} needs a value`);
      given[opt[1] as keyof typeof TAKES] = value;
    } else if (a === '-h' || a === '--help') {
      io.out(CHECK_USAGE);
      return 0;
    } else if (a.startsWith('-') && a !== '-') return usage(io, `unknown option ${a}`);
    else rest.push(a);
  }
  const sub = rest.length ? ALIASES[rest[0]!] : 'auto';
  if (!sub) return usage(io, `unknown check "${rest[0]}"`);
  if (rest.length > 2) return usage(io, 'give at most one file');
  for (const [k, v] of Object.entries(given)) {
    if (v !== undefined && !TAKES[k]!.includes(sub)) return usage(io, `--${k} applies to ${TAKES[k]!.filter((x) => x !== 'auto').join(' and ')} only`);
  }
  const user = given.user;

  let text: string;
  try {
    text = rest[1] && rest[1] !== '-' ? await io.readFile(rest[1]) : await io.stdin();
  } catch (e) {
    io.err(`sshfix check: cannot read ${rest[1] ?? 'stdin'}: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }

  let run: Exclude<Sub, 'auto'>;
  if (sub === 'auto') {
    const kind = detectKind(text);
    const picked = ({ 'debug-log': 'log', permissions: 'perms', 'sshd-config': 'sshd-config', 'ssh-config': 'ssh-config', negotiation: 'negotiation' } as const)[kind as string];
    if (!picked) return usage(io, kind === 'unknown' ? 'the input is empty or not text' : 'this looks like error text, not a log, listing or config: route it with `sshfix route` (or name the check)');
    run = picked;
    if (!json) io.err(`sshfix check: this looks like ${LOOKS_LIKE[run]}\n`);
  } else run = sub;

  if (run === 'log') {
    const r = analyzeLog(text);
    // A log that stopped at the key exchange gets the explainer too.
    const n = explainNegotiation(text);
    if (json) io.out(JSON.stringify(n.failures.length ? { ...r, negotiation: n } : r, null, 2));
    else io.out([formatLog(r), ...(n.failures.length ? ['', formatNegotiation(n)] : [])].join('\n'));
    return r.failure || r.findings.some((f) => f.severity !== 'info') || !r.recognised ? 1 : 0;
  }
  if (run === 'negotiation') {
    const r = explainNegotiation(text);
    if (json) io.out(JSON.stringify(r, null, 2));
    else io.out(formatNegotiation(r));
    return 1;
  }
  if (run === 'ssh-config') {
    const r = checkSshConfig(text, { host: given.host, user });
    if (json) io.out(JSON.stringify(r, null, 2));
    else io.out(formatSshConfig(r));
    return r.findings.some((f) => f.severity !== 'info') || (!r.blocks.length && !Object.keys(r.resolved).length && !r.findings.length) ? 1 : 0;
  }
  const r = run === 'perms' ? checkPermissions(text, { user }) : checkSshdConfig(text, { user, host: given.host, addr: given.addr, os: given.os });
  if (json) io.out(JSON.stringify(r, null, 2));
  else io.out(run === 'perms' ? formatPerms(r as PermissionsReport) : formatSshd(r as SshdConfigReport));
  const nothingParsed = run === 'perms' ? (r as PermissionsReport).entries.length === 0 : (r as SshdConfigReport).lines.length === 0;
  return r.findings.some((f) => f.severity !== 'info') || nothingParsed ? 1 : 0;
}

const LOOKS_LIKE: Record<Exclude<Sub, 'auto'>, string> = {
  log: 'an ssh -v log',
  perms: 'a permissions listing',
  'sshd-config': 'an sshd_config (or sshd -T output)',
  'ssh-config': 'a client config (or ssh -G output)',
  negotiation: 'an algorithm negotiation failure',
};

function usage(io: CheckIo, why: string): number {
  io.err(`sshfix check: ${why}\n${CHECK_USAGE}`);
  return 2;
}

const MARK: Record<Finding['severity'], string> = { error: 'ERROR', warning: 'WARN ', info: 'info ' };

function formatFindings(findings: Finding[]): string[] {
  if (!findings.length) return ['No problems found.'];
  const out: string[] = [];
  for (const f of findings) {
    out.push(`${MARK[f.severity]} ${f.lines.length ? `line ${f.lines.join(', ')}: ` : ''}${f.message}`);
    if (f.fix) out.push(...f.fix.split('\n').map((l, i) => `      ${i === 0 ? 'fix: ' : '     '}${l}`));
    if (f.articleId) out.push(`      see: /errors/${f.articleId}/`);
  }
  return out;
}

function formatNotices(notices: string[]): string[] {
  return notices.map((n) => `note: ${n}`);
}

const STATUS: Record<string, string> = { ok: 'ok     ', failed: 'FAILED ', reached: 'stopped', 'not-reached': '-      ' };

function formatLog(r: LogTimeline): string {
  const out: string[] = [...formatNotices(r.notices)];
  if (!r.recognised) return out.join('\n');
  if (r.clientVersion || r.clientBuild) out.push(`client:  ${r.clientVersion ?? r.clientBuild}`);
  if (r.serverVersion) out.push(`server:  ${r.serverVersion}`);
  if (r.target) out.push(`target:  ${r.user ? `${r.user}@` : ''}${r.target.host} [${r.target.address}] port ${r.target.port}`);
  const n = r.negotiated;
  if (n.kex) out.push(`kex:     ${n.kex}, host key ${n.hostKeyAlgorithm ?? '?'}${n.serverToClient ? `, ${n.serverToClient.cipher} MAC ${n.serverToClient.mac}` : ''}`);
  if (r.serverHostKey) out.push(`hostkey: ${r.serverHostKey.type} ${r.serverHostKey.fingerprint}${r.hostKeyStatus ? ` (${r.hostKeyStatus})` : ''}`);
  out.push('', 'stages:');
  for (const s of r.stages) {
    out.push(`  ${STATUS[s.status]} ${s.label}${s.implied ? ' (implied)' : ''}${s.lines.length ? `  [lines ${s.lines.slice(0, 6).join(', ')}${s.lines.length > 6 ? ', …' : ''}]` : ''}`);
  }
  if (r.keys.length) {
    out.push('', 'keys:');
    for (const k of r.keys) out.push(`  ${k.result.padEnd(9)} ${k.source}${k.type ? ` ${k.type}` : ''}${k.fingerprint ? ` ${k.fingerprint}` : ''}  (line ${k.line})`);
  }
  if (r.authMethods.length) out.push('', `server allows: ${r.authMethods.join(', ')}`);
  if (r.authenticated) out.push(`authenticated with ${r.authenticated.method} (line ${r.authenticated.line})`);
  out.push('', ...formatFindings(r.findings));
  return out.join('\n');
}

function formatPerms(r: PermissionsReport): string {
  const out = [...formatNotices(r.notices)];
  if (r.entries.length) out.push(`checked ${r.entries.length} entr${r.entries.length === 1 ? 'y' : 'ies'}${r.user ? ` for user ${r.user}` : ''}`, '');
  out.push(...formatFindings(r.findings));
  return out.join('\n');
}

function formatSshd(r: SshdConfigReport): string {
  const out = [...formatNotices(r.notices)];
  if (r.files.length > 1) out.push(`read in this order: ${r.files.map((f) => f.name).join(' → ')}`, '');
  if (r.connection) {
    const changed = Object.entries(r.connection.effective).filter(([, v]) => v.match != null);
    out.push(`for ${Object.entries(r.connection.spec).map(([k, v]) => `${k}=${v}`).join(',')}: Match blocks at line ${r.connection.matched.join(', ') || '(none)'}`);
    out.push(...changed.map(([k, v]) => `  ${k} ${v.value}   (line ${v.line}, Match at line ${v.match})`), '');
  }
  out.push(...formatFindings(r.findings));
  return out.join('\n');
}

function formatNegotiation(r: NegotiationReport): string {
  const out = [...formatNotices(r.notices)];
  if (!r.failures.length) {
    out.push('No "no matching … found" failure with the offered algorithms in this input.');
    return out.join('\n');
  }
  out.push(`algorithm negotiation${r.host ? ` with ${r.host}` : ''} (re-enable checked against OpenSSH ${r.clientVersion}):`, '');
  out.push(...formatFindings(r.findings));
  return out.join('\n');
}

function formatSshConfig(r: SshConfigReport): string {
  const out = [...formatNotices(r.notices)];
  if (r.host && r.blocks.length) out.push(`blocks for ${r.host}: ${r.blocks.map((b) => `${b.header} (line ${b.line}): ${b.applies === null ? '?' : b.applies ? 'applies' : 'no'}`).join('; ')}`, '');
  out.push(...formatFindings(r.findings));
  return out.join('\n');
}
