/**
 * `sshfix check log|perms|sshd-config [--json] [--user NAME] [FILE]`: runs one of the in-browser
 * checks (src/checks) on a file or stdin. Node-free: all I/O is injected, so src/cli/main.ts
 * wires it up and the tests drive it with strings. Exit codes: 0 nothing wrong, 1 findings or a
 * failed connection, 2 usage error or unreadable input.
 */
import { analyzeLog, type LogTimeline } from '../checks/log-timeline.ts';
import { checkPermissions, type PermissionsReport } from '../checks/permissions.ts';
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
export const CHECK_USAGE = 'usage: sshfix check log|perms|sshd-config [--json] [--user NAME] [FILE]   (reads stdin when FILE is omitted)';

const SUBCOMMANDS = ['log', 'perms', 'sshd-config'] as const;
type Sub = (typeof SUBCOMMANDS)[number];
// Accepted spellings, so `sshfix check permissions` and `sshfix check sshd` work too.
const ALIASES: Record<string, Sub> = { log: 'log', logs: 'log', perms: 'perms', permissions: 'perms', 'sshd-config': 'sshd-config', sshd: 'sshd-config', sshd_config: 'sshd-config' };

/** Runs `sshfix check …`; returns the process exit code. */
export async function checkCommand(args: string[], io: CheckIo): Promise<number> {
  let json = false;
  let user: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json') json = true;
    else if (a === '--user' || a === '-u') {
      user = args[++i];
      if (!user) return usage(io, '--user needs a name');
    } else if (a.startsWith('--user=')) user = a.slice(7);
    else if (a === '-h' || a === '--help') {
      io.out(CHECK_USAGE);
      return 0;
    } else if (a.startsWith('-') && a !== '-') return usage(io, `unknown option ${a}`);
    else rest.push(a);
  }
  const sub = ALIASES[rest[0] ?? ''];
  if (!sub) return usage(io, rest[0] ? `unknown check "${rest[0]}"` : 'which check? log, perms or sshd-config');
  if (rest.length > 2) return usage(io, 'give at most one file');
  if (user !== undefined && sub === 'log') return usage(io, '--user applies to perms and sshd-config only');

  let text: string;
  try {
    text = rest[1] && rest[1] !== '-' ? await io.readFile(rest[1]) : await io.stdin();
  } catch (e) {
    io.err(`sshfix check: cannot read ${rest[1] ?? 'stdin'}: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }

  if (sub === 'log') {
    const r = analyzeLog(text);
    if (json) io.out(JSON.stringify(r, null, 2));
    else io.out(formatLog(r));
    return r.failure || r.findings.some((f) => f.severity !== 'info') || !r.recognised ? 1 : 0;
  }
  const r = sub === 'perms' ? checkPermissions(text, { user }) : checkSshdConfig(text, { user });
  if (json) io.out(JSON.stringify(r, null, 2));
  else io.out(sub === 'perms' ? formatPerms(r as PermissionsReport) : formatSshd(r as SshdConfigReport));
  const nothingParsed = sub === 'perms' ? (r as PermissionsReport).entries.length === 0 : (r as SshdConfigReport).lines.length === 0;
  return r.findings.some((f) => f.severity !== 'info') || nothingParsed ? 1 : 0;
}

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
  out.push(...formatFindings(r.findings));
  return out.join('\n');
}
