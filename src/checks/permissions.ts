/**
 * Checks pasted `ls -la ~/.ssh` / `ls -ld ~ ~/.ssh` output (GNU and macOS/BSD) and Windows
 * `icacls` output against the rules OpenSSH enforces, and gives the exact command for each
 * entry that breaks one. The rules, from openssh-portable:
 * - authfile.c sshkey_perm_ok: a private key owned by the user must have `(mode & 077) == 0`,
 *   else "UNPROTECTED PRIVATE KEY FILE!" and the key is ignored (keys owned by others are not checked);
 * - misc.c safe_path (sshd, StrictModes yes): authorized_keys and every directory up to the home
 *   must be owned by the user or root and not group/world-writable (`mode & 022`), else
 *   "Authentication refused: bad ownership or modes for …";
 * - readconf.c: ~/.ssh/config owned by the user or root and `(mode & 022) == 0`, else
 *   "Bad owner or permissions on …";
 * - sshd reads authorized_keys as the user, so a file the user cannot read fails with
 *   "Could not open user '…' authorized keys '…': Permission denied";
 * - Win32-OpenSSH (contrib/win32/win32compat/w32-sshfileperm.c): only the user, SYSTEM and
 *   Administrators (plus read for NT SERVICE\sshd) may have access to a private key.
 * Public keys and known_hosts may be readable by anyone: they are never flagged.
 */
import { CHECK_ARTICLES as A } from './articles.ts';
import { prepareInput } from './input.ts';
import { capFindings, sortFindings, type CheckResultBase, type Finding } from './types.ts';

/** What an entry is, for the rules that apply to it. */
export type EntryRole =
  | 'home'
  | 'ssh-dir'
  | 'private-key'
  | 'public-key'
  | 'authorized-keys'
  | 'admin-authorized-keys'
  | 'config'
  | 'known-hosts'
  | 'other-file'
  | 'other-dir'
  | 'symlink';

/** One listed file or directory. */
export interface PermEntry {
  line: number;
  /** The path as the fix commands should name it (`~/.ssh/id_ed25519`, `/home/alice`, `C:\Users\…`). */
  path: string;
  role: EntryRole;
  source: 'ls' | 'icacls';
  /** ls: the mode string (`-rw-r--r--`) and its numeric value; null for icacls. */
  modeString: string | null;
  mode: number | null;
  /** ls: `+` (ACL), `@` (macOS extended attributes), `.` (SELinux context) or ''. */
  marker: string;
  owner: string | null;
  group: string | null;
  /** icacls: each access entry as printed. */
  aces: Array<{ trustee: string; rights: string[] }>;
}

/** The parsed listing, the account it was checked for, and the findings. */
export interface PermissionsReport extends CheckResultBase {
  kind: 'permissions';
  /** Which listing formats were found. */
  format: 'ls' | 'icacls' | 'mixed' | 'none';
  /** The account the rules were checked for, and whether it was given or guessed from the listing. */
  user: string | null;
  userSource: 'given' | 'inferred' | null;
  entries: PermEntry[];
}

/** Options: the user who connects (or whose key it is); guessed from the listing when absent. */
export interface PermissionsOptions {
  user?: string;
}

// GNU / BSD long format: type, mode, marker, links, owner, group, size (or major, minor), rest. A
// directory login's group may hold spaces (SSSD's `domain users@corp.example.com`, winbind's
// `CORP\domain users`): up to three words, the fewest that leave a size after them.
const LS_RE = /^([-dlcbpsD])([rwxsStT-]{9})([.+@]?)\s{1,16}(\d{1,9})\s{1,16}(\S{1,64})\s{1,16}(\S{1,64}(?: \S{1,64}){0,2}?)\s{1,16}(\d{1,4},\s{0,8}\d{1,9}|\d{1,20})\s{1,16}(.{1,4000})$/;
// The date before the name: ISO styles first, then the classic "Mon DD HH:MM" / "Mon DD  YYYY" (any locale, 3 tokens).
const ISO_DATE_RE = /^\d{4}-\d\d-\d\d(?:\s\d\d:\d\d(?::\d\d(?:\.\d{1,9})?)?)?(?:\s[+-]\d{4})?\s(.{1,4000})$/;
const CLASSIC_DATE_RE = /^\S{1,12}\s{1,4}\S{1,12}\s{1,4}(?:\d{1,2}:\d\d|\d{4})\s(.{1,4000})$/;
// A shell prompt running ls: `alice@host:~$ ls -la ~/.ssh`, `% ls -ld ~ ~/.ssh`, `$ ls -la`.
const LS_CMD_RE = /^(?:.{0,200}?[$#%>]\s{0,4})?(?:sudo\s{1,4})?ls((?:\s{1,8}\S{1,300}){0,20})\s*$/;
// `ls` of several directories prints a header per directory: `/home/alice/.ssh:`.
const DIR_HEADER_RE = /^([~/.][^\s:]{0,500}|[A-Za-z]:\\[^:]{0,500}):$/;
// An icacls rights list: `(F)`, `(I)(F)`, `(OI)(CI)(RX)`, `(DENY)(W)`, `(R,W)`.
const RIGHTS_RE = /^(?:\([A-Za-z,]{1,60}\)){1,8}$/;

/**
 * SYSTEM (S-1-5-18) and Administrators (S-1-5-32-544), which Win32-OpenSSH always allows, as icacls
 * prints them: by name, and Windows translates the names (`NT-AUTORITÄT\\SYSTEM`,
 * `VORDEFINIERT\\Administratoren`, `AUTORITE NT\\Système`, `BUILTIN\\Administrateurs`), or by SID
 * for an account it cannot name.
 */
const SYSTEM_NAMES = new Set(['*s-1-5-18', 's-1-5-18', '*s-1-5-32-544', 's-1-5-32-544']);
const SYSTEM_SHORT_NAMES = new Set([
  'system', 'système', 'systeme', 'sistema', 'система',
  'administrators', 'administratoren', 'administrateurs', 'administradores', 'administratorzy', 'administratörer', 'administratorer', 'rendszergazdák', 'администраторы',
]);

/** Parses the listing and applies OpenSSH's rules; never throws. */
export function checkPermissions(text: string, opts: PermissionsOptions = {}): PermissionsReport {
  const input = prepareInput(text);
  const report: PermissionsReport = {
    kind: 'permissions',
    format: 'none',
    user: null,
    userSource: null,
    entries: [],
    notices: [...input.notices],
    findings: [],
  };
  if (input.empty) return report;

  parseLs(input.lines, report.entries);
  parseIcacls(input.lines, report.entries);
  report.entries.sort((a, b) => a.line - b.line);
  const hasLs = report.entries.some((e) => e.source === 'ls');
  const hasIcacls = report.entries.some((e) => e.source === 'icacls');
  report.format = hasLs && hasIcacls ? 'mixed' : hasLs ? 'ls' : hasIcacls ? 'icacls' : 'none';
  if (report.format === 'none') {
    report.notices.push('No `ls -la` or `icacls` lines found. Paste the output of `ls -ld ~ ~/.ssh; ls -la ~/.ssh` (Linux/macOS) or `icacls %USERPROFILE%\\.ssh\\id_ed25519` (Windows).');
    return report;
  }

  const given = opts.user?.trim();
  if (given) {
    report.user = given;
    report.userSource = 'given';
  } else {
    report.user = inferUser(report.entries);
    report.userSource = report.user ? 'inferred' : null;
  }
  const f: Finding[] = [];
  for (const e of report.entries) {
    if (e.source === 'ls') f.push(...lsRules(e, report.user));
    else f.push(...icaclsRules(e, report.user));
  }
  report.findings = sortFindings(capFindings(mergeDuplicates(f, report.entries), report.notices));
  if (report.userSource === 'inferred') {
    report.notices.push(`Checked for user "${report.user}" (guessed from the owners in the listing); pass the user name if that is wrong.`);
  }
  return report;
}

/**
 * `ls -ld ~/.ssh` and the `.` line of `ls -la ~/.ssh` are the same directory: report it once,
 * with both lines. Findings merge when rule and mode match and they concern the same path, or
 * the same home / .ssh role (one paste is about one account).
 */
function mergeDuplicates(findings: Finding[], entries: PermEntry[]): Finding[] {
  const byLine = new Map(entries.map((e) => [e.line, e]));
  // Lines are gathered in a set per finding and sorted once: merging into a growing array per
  // duplicate would be quadratic on a long listing.
  const seen = new Map<string, { finding: Finding; lines: Set<number> }>();
  for (const f of findings) {
    const e = byLine.get(f.lines[0]!);
    const who = e && (e.role === 'home' || e.role === 'ssh-dir') ? e.role : e?.path;
    const key = `${f.rule}|${who}|${e?.modeString ?? ''}|${e?.owner ?? ''}`;
    const prev = seen.get(key);
    if (prev) for (const l of f.lines) prev.lines.add(l);
    else seen.set(key, { finding: f, lines: new Set(f.lines) });
  }
  return [...seen.values()].map(({ finding, lines }) => ({ ...finding, lines: [...lines].sort((a, b) => a - b) }));
}

/** Reads `ls -l` lines, tracking which directory each listing belongs to. */
function parseLs(lines: string[], out: PermEntry[]): void {
  let context: string | null = null; // directory whose contents are listed
  let dashD = false; // `ls -ld`: each line names the path itself
  let cmdSeen = false; // a prompt line or a directory header told us what is listed
  let inListing = false; // after `total N`: a directory's contents (ls -la), not ls -ld paths
  const ssh = lines.some((l) => /(?:^|\s)(?:id_\w{1,40}|authorized_keys|known_hosts)(?:\.pub)?\s*$/.test(l));
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    if (/^total \d{1,20}$/.test(line)) {
      inListing = true;
      return;
    }
    const cmd = LS_CMD_RE.exec(line);
    if (cmd && !LS_RE.test(line)) {
      const args = (cmd[1] ?? '').trim().split(/\s+/).filter(Boolean);
      const flags = args.filter((a) => a.startsWith('-')).join('');
      const paths = args.filter((a) => !a.startsWith('-'));
      dashD = /d/.test(flags);
      context = dashD ? null : paths.length === 1 ? normDir(paths[0]!) : paths.length === 0 ? '.' : null;
      cmdSeen = true;
      inListing = false;
      return;
    }
    const hdr = DIR_HEADER_RE.exec(line);
    if (hdr && !LS_RE.test(line)) {
      context = normDir(hdr[1]!);
      dashD = false;
      cmdSeen = true;
      return;
    }
    const m = LS_RE.exec(line);
    if (!m) return;
    const type = m[1]!;
    const modeString = type + m[2]!;
    let name = nameAfterDate(m[8]!);
    if (name === null) return;
    if (type === 'l') name = name.split(' -> ')[0]!;
    name = unquote(name);
    // Without a visible command: before `total N` the lines are `ls -ld` paths; after it, a
    // listing with id_*/authorized_keys/known_hosts is ~/.ssh (or the .ssh directory listed above).
    let dir: string | null;
    if (cmdSeen) dir = dashD ? null : context;
    else if (!inListing) dir = null;
    else dir = ssh ? out.find((e) => e.role === 'ssh-dir')?.path ?? '~/.ssh' : null;
    let path: string;
    if (name === '.') path = dir ?? '.';
    else if (name === '..') path = dir ? parentOf(dir) : '..';
    else path = dir && !name.startsWith('/') && !name.startsWith('~') ? joinPath(dir, name) : name;
    out.push({
      line: i + 1,
      path,
      role: type === 'l' ? 'symlink' : roleOf(path, type === 'd'),
      source: 'ls',
      modeString,
      mode: modeValue(m[2]!),
      marker: m[3]!,
      owner: m[5]!,
      group: m[6]!,
      aces: [],
    });
  });
  // `ls -ld alice alice/.ssh`: a directory whose `.ssh` is also listed is a home directory.
  const paths = new Set(out.map((e) => e.path));
  for (const e of out) {
    if (e.role === 'other-dir' && paths.has(joinPath(e.path, '.ssh'))) e.role = 'home';
  }
}

/** Reads icacls blocks: `PATH TRUSTEE:(rights)` then indented `TRUSTEE:(rights)` lines. */
function parseIcacls(lines: string[], out: PermEntry[]): void {
  let cur: PermEntry | null = null;
  lines.forEach((raw, i) => {
    const t = raw.trim();
    if (t === '' || /^Successfully processed \d+ files?/.test(t)) {
      cur = null;
      return;
    }
    if (!/\)\s*$/.test(t) || !t.includes(':(')) {
      cur = null;
      return;
    }
    const indented = /^\s/.test(raw);
    if (indented && cur) {
      const ace = parseAce(t);
      if (ace) (cur as PermEntry).aces.push(ace);
      return;
    }
    // First line of a block: find where the path ends and the first access entry begins.
    const split = splitPathAce(t);
    if (!split) return;
    cur = {
      line: i + 1,
      path: split.path,
      role: roleOf(split.path.replace(/\\/g, '/'), false),
      source: 'icacls',
      modeString: null,
      mode: null,
      marker: '',
      owner: null,
      group: null,
      aces: [split.ace],
    };
    out.push(cur);
  });
}

function parseAce(s: string): { trustee: string; rights: string[] } | null {
  const idx = s.indexOf(':(');
  if (idx < 1) return null;
  const trustee = s.slice(0, idx).trim();
  const rest = s.slice(idx + 1).trim();
  if (!RIGHTS_RE.test(rest) || trustee.includes(':')) return null;
  const rights = rest.slice(1, -1).split(')(').map((r) => r.toUpperCase());
  return { trustee, rights };
}

function splitPathAce(line: string): { path: string; ace: { trustee: string; rights: string[] } } | null {
  // Try each space as the boundary, left to right; a trustee has at most one backslash
  // (DOMAIN\name), so a boundary inside the path (C:\Users\John Smith\…) never parses as one.
  for (let i = line.indexOf(' '); i > 0; i = line.indexOf(' ', i + 1)) {
    const cand = line.slice(i + 1);
    const ace = parseAce(cand);
    if (ace && (ace.trustee.match(/\\/g)?.length ?? 0) <= 1 && !/^\s/.test(cand)) {
      return { path: line.slice(0, i).trim(), ace };
    }
  }
  return null;
}

function nameAfterDate(rest: string): string | null {
  const iso = ISO_DATE_RE.exec(rest);
  if (iso) return iso[1]!;
  const classic = CLASSIC_DATE_RE.exec(rest);
  return classic ? classic[1]! : null;
}

function unquote(s: string): string {
  return /^'.*'$/.test(s) || /^".*"$/.test(s) ? s.slice(1, -1) : s;
}

function normDir(p: string): string {
  let d = p.replace(/\/+$/, '');
  if (d === '' && p.startsWith('/')) d = '/';
  if (d === '$HOME' || d === '${HOME}') d = '~';
  if (d.startsWith('$HOME/')) d = `~${d.slice(5)}`;
  return d;
}

function joinPath(dir: string, name: string): string {
  if (dir === '.') return name;
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

function parentOf(dir: string): string {
  if (dir === '~/.ssh' || dir === '.ssh') return '~';
  const i = dir.lastIndexOf('/');
  return i > 0 ? dir.slice(0, i) : i === 0 ? '/' : '.';
}

function baseName(p: string): string {
  const s = p.replace(/[\\/]+$/, '');
  const i = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'));
  return i >= 0 ? s.slice(i + 1) : s;
}

/** Files in ~/.ssh that are not keys. */
const OTHER_SSH_FILES = new Set(['environment', 'rc', 'allowed_signers', 'authorized_principals', '.DS_Store']);

/** Classifies a path (with `/` separators) by where it is and what it is called. */
function roleOf(path: string, isDir: boolean): EntryRole {
  const p = path.replace(/\/+$/, '');
  const base = baseName(p);
  if (isDir) {
    if (base === '.ssh') return 'ssh-dir';
    if (p === '~' || p === '/root' || /^\/(?:home|Users|usr\/home|export\/home)\/[^/]{1,64}$/.test(p) || /^[A-Za-z]:\/Users\/[^/]{1,64}$/i.test(p)) return 'home';
    return 'other-dir';
  }
  if (base === 'administrators_authorized_keys') return 'admin-authorized-keys';
  if (base === 'authorized_keys' || base === 'authorized_keys2') return 'authorized-keys';
  if (base === 'config' && /(?:^|\/)\.ssh\/config$/.test(p)) return 'config';
  if (base === 'config' && !p.includes('/')) return 'config';
  if (/^known_hosts/.test(base)) return 'known-hosts';
  if (base.endsWith('.pub')) return 'public-key';
  if (/^id_[a-z0-9_-]{1,40}$/i.test(base) || /\.(?:pem|key)$/i.test(base)) return 'private-key';
  // Any other plain name in ~/.ssh is a key named its own way (`github_deploy`), unless ssh reads
  // it for something else or it is a backup or a ControlPath socket (`cm-alice@host:22`).
  if (/(?:^|\/)\.ssh\/[^/]+$/.test(p) && !OTHER_SSH_FILES.has(base) && !/[@:~]|\.(?:old|bak|orig|sw[op]|txt|md|json)$/i.test(base)) return 'private-key';
  return 'other-file';
}

/** Mode bits from the 9 rwx characters (setuid/setgid/sticky letters count as their x bit). */
function modeValue(s: string): number {
  let v = 0;
  for (let i = 0; i < 9; i++) {
    const c = s[i]!;
    const bit = 1 << (8 - i);
    if (c === 'r' || c === 'w' || c === 'x' || c === 's' || c === 't') v |= bit;
  }
  return v;
}

function octal(mode: number): string {
  return mode.toString(8).padStart(3, '0');
}

/**
 * The user: the name a path gives (the folder holding `.ssh`, or a whole `/home/NAME` path) when the
 * listing names one account only, else the owner of ~/.ssh, else of the home, else the most common
 * non-root owner. The path comes first because an admin who ran `sudo mkdir ~alice/.ssh` leaves a
 * root-owned ~/.ssh, which sshd accepts; taking root as the user would then flag alice's own home as
 * foreign-owned. Only those two places under a home root name the user: homes are often deeper
 * (SSSD's `/home/corp.example.com/ana`, `/home/users/ana`), and a key may sit in a shared folder.
 * A service home elsewhere (`/var/lib/jenkins`) may be read by root or by the service: no guess.
 */
const HOME_SSH_RE = /^\/(?:home|Users|usr\/home|export\/home)\/(?:[^/]{1,64}\/){0,3}?([^/]{1,64})\/\.ssh(?:\/|$)/;
const HOME_RE = /^\/(?:home|Users|usr\/home|export\/home)\/([^/]{1,64})\/?$/;
/** root's home names its user as surely as `/home/ana` does: a `/root/.ssh` owned by anyone else is wrong. */
const ROOT_HOME_RE = /^\/(?:var\/)?root(?:\/|$)/;
function inferUser(entries: PermEntry[]): string | null {
  const ls = entries.filter((e) => e.source === 'ls' && e.owner);
  const named = new Set<string>();
  for (const e of ls) {
    const m = HOME_SSH_RE.exec(e.path) ?? HOME_RE.exec(e.path);
    if (m) named.add(m[1]!);
    else if (ROOT_HOME_RE.test(e.path)) named.add('root');
  }
  if (named.size === 1) return [...named][0]!;
  const sshDir = ls.find((e) => e.role === 'ssh-dir');
  if (sshDir?.owner) return sshDir.owner;
  const home = ls.find((e) => e.role === 'home');
  if (home?.owner) return home.owner;
  const counts = new Map<string, number>();
  for (const e of ls) if (e.owner !== 'root') counts.set(e.owner!, (counts.get(e.owner!) ?? 0) + 1);
  let best: string | null = null;
  for (const [o, c] of counts) if (best === null || c > counts.get(best)!) best = o;
  if (best) return best;
  if (ls.length) return 'root';
  // icacls: C:\Users\<name>\…
  for (const e of entries) {
    const m = /^[A-Za-z]:\\Users\\([^\\]{1,64})\\/i.exec(e.path);
    if (m) return m[1]!;
  }
  return null;
}

/**
 * Whether an owner as `ls` prints it is the user: SSSD and winbind print directory accounts fully
 * qualified (`ana@corp.example.com`, `CORP\\ana`) where the path or the reader names `ana`.
 */
function sameAccount(owner: string, user: string): boolean {
  if (owner === user) return true;
  const short = (n: string) => n.replace(/@.*$/, '').replace(/^.*\\/, '');
  return short(owner) === short(user);
}

function q(path: string): string {
  return /[\s'"$`]/.test(path) && !path.startsWith('~/') ? `"${path}"` : path.replace(/ /g, '\\ ');
}

/** OpenSSH's rules for one `ls` entry. */
function lsRules(e: PermEntry, user: string | null): Finding[] {
  const out: Finding[] = [];
  const mode = e.mode ?? 0;
  const owner = e.owner ?? '';
  const P = q(e.path);
  const allowed = user === 'root' || user === null ? 'root' : `${user} or root`;
  const isUser = user !== null && sameAccount(owner, user);
  const ownerOk = user === null || isUser || owner === 'root' || owner === '0';
  const groupWriteOnly = (mode & 0o022) === 0o020;
  // Debian/Ubuntu patch (user-group-modes): group write is tolerated when the group is the
  // user's own private group with no other members. Only a hint: membership is not visible here.
  const privateGroupHint = groupWriteOnly && e.group === owner;
  // Still an error: upstream OpenSSH (RHEL, macOS, …) refuses it, and the hint cannot be verified here.
  const writableSeverity = 'error';
  const hint = privateGroupHint
    ? ' (Debian and Ubuntu builds tolerate group write when the group is your own private group with no other members; removing it is safe either way.)'
    : '';
  const who = (mode & 0o002) ? 'everyone' : 'the group';
  const push = (rule: string, severity: Finding['severity'], message: string, fix: string, articleId: string | null) =>
    out.push({ rule, severity, lines: [e.line], message, fix, articleId });

  switch (e.role) {
    case 'home':
      if (mode & 0o022) {
        push('home-writable', writableSeverity, `${e.path} (mode ${octal(mode)}) is writable by ${who}: with StrictModes (the default) sshd refuses the user's authorized_keys ("bad ownership or modes for directory").${hint}`, `chmod go-w ${P}`, A.sshdBadModes);
      }
      if (!ownerOk) push('home-owner', 'error', `${e.path} is owned by "${owner}", not by ${allowed}: sshd refuses the user's authorized_keys.`, `sudo chown ${user}: ${P}`, A.sshdBadModes);
      break;
    case 'ssh-dir':
      if (mode & 0o022) {
        push('ssh-dir-writable', writableSeverity, `${e.path} (mode ${octal(mode)}) is writable by ${who}: sshd refuses authorized_keys inside it ("bad ownership or modes for directory").${hint}`, `chmod 700 ${P}`, A.sshdBadModes);
      }
      if (!ownerOk) push('ssh-dir-owner', 'error', `${e.path} is owned by "${owner}", not by ${allowed}: sshd refuses authorized_keys inside it.`, `sudo chown ${user}: ${P}`, A.sshdBadModes);
      else if (isUser && !(mode & 0o100)) push('ssh-dir-not-searchable', 'error', `${e.path} (mode ${octal(mode)}) has no execute bit for its owner: sshd, reading as ${user}, cannot open anything inside it.`, `chmod 700 ${P}`, A.sshdAuthKeysDenied);
      // Root may own it (sshd accepts that), but then the user must still be able to enter it.
      else if (user !== null && user !== 'root' && owner === 'root' && !(mode & 0o001) && !(e.group === user && mode & 0o010)) {
        push('ssh-dir-not-searchable', 'error', `${e.path} is owned by root with mode ${octal(mode)}: sshd reads authorized_keys as ${user}, who cannot enter it.`, `sudo chown ${user}: ${P} && chmod 700 ${P}`, A.sshdAuthKeysDenied);
      }
      break;
    case 'authorized-keys':
      if (mode & 0o022) {
        push('authorized-keys-writable', writableSeverity, `${e.path} (mode ${octal(mode)}) is writable by ${who}: sshd ignores it ("Authentication refused: bad ownership or modes for file").${hint}`, `chmod 600 ${P}`, A.sshdBadModes);
      }
      if (!ownerOk) {
        push('authorized-keys-owner', 'error', `${e.path} is owned by "${owner}", not by ${allowed}: sshd ignores it ("bad ownership or modes for file").`, `sudo chown ${user}: ${P}`, A.sshdBadModes);
      } else if (isUser && !(mode & 0o400)) {
        push('authorized-keys-unreadable', 'error', `${e.path} (mode ${octal(mode)}) is not readable by its owner: sshd, which reads it as ${user}, logs "Permission denied".`, `chmod 600 ${P}`, A.sshdAuthKeysDenied);
      } else if (user !== null && user !== 'root' && owner === 'root' && !(mode & 0o004)) {
        push('authorized-keys-unreadable', 'error', `${e.path} is owned by root with mode ${octal(mode)}: sshd reads it as ${user}, who cannot open it ("Could not open user '${user}' authorized keys … Permission denied").`, `sudo chown ${user}: ${P} && chmod 600 ${P}`, A.sshdAuthKeysDenied);
      }
      break;
    case 'private-key':
      if (isUser && (mode & 0o077)) {
        push('private-key-too-open', 'error', `${e.path} (mode ${octal(mode)}) is accessible by ${mode & 0o007 ? 'others' : 'the group'}: ssh says "UNPROTECTED PRIVATE KEY FILE!" and ignores the key.`, `chmod 600 ${P}`, A.unprotectedKey);
      } else if (user !== null && !isUser && owner !== '') {
        if (!(mode & 0o004) && !(user === 'root')) {
          push('private-key-foreign-owner', 'error', `${e.path} belongs to "${owner}" and is not readable by ${user}: ssh cannot load it (Permission denied).`, `sudo chown ${user}: ${P} && chmod 600 ${P}`, A.identityNotAccessible);
        } else if (mode & 0o077) {
          push('private-key-foreign-owner', 'warning', `${e.path} belongs to "${owner}" with mode ${octal(mode)}: ssh does not check the mode of a key owned by someone else, but the key is exposed to other accounts.`, `sudo chown ${user}: ${P} && chmod 600 ${P}`, A.unprotectedKey);
        }
      }
      break;
    case 'config':
      if ((mode & 0o022) || !ownerOk) {
        const why = !ownerOk ? `is owned by "${owner}", not by ${allowed}` : `(mode ${octal(mode)}) is writable by ${who}`;
        push('config-bad-perms', !ownerOk ? 'error' : writableSeverity, `${e.path} ${why}: ssh stops with "Bad owner or permissions on ${e.path}".${ownerOk ? hint : ''}`, !ownerOk ? `sudo chown ${user}: ${P} && chmod 600 ${P}` : `chmod 600 ${P}`, A.badConfigPerms);
      }
      break;
    case 'other-file':
      // Unknown names in ~/.ssh may be keys (aws-prod, deploy_key…): say so only if they are open.
      if (/(?:^|\/)\.ssh\//.test(e.path) && isUser && (mode & 0o077) && !/\.(?:txt|md|log|bak|old|sock|conf|json|ya?ml)$/i.test(e.path) && !/(?:^|\/)(?:environment|rc|agent[\w.-]{0,40})$/.test(e.path)) {
        push('maybe-private-key-open', 'info', `If ${e.path} is a private key, ssh refuses it: its mode ${octal(mode)} lets others read it.`, `chmod 600 ${P}`, A.unprotectedKey);
      }
      break;
    default:
      break;
  }
  // macOS gives every home an ACL ("group:everyone deny delete"): not worth a line there.
  const macHome = e.role === 'home' && (e.path.startsWith('/Users/') || e.group === 'staff');
  if (e.marker === '+' && !macHome && ['home', 'ssh-dir', 'private-key', 'authorized-keys', 'config'].includes(e.role)) {
    push('acl-present', 'info', `${e.path} has an access control list (the "+"): ACL entries can give other accounts access the mode bits do not show (on Linux the group bits show the ACL mask).`, `getfacl ${P}   # macOS: ls -le ${P}`, e.role === 'private-key' ? A.unprotectedKey : e.role === 'config' ? A.badConfigPerms : A.sshdBadModes);
  }
  return out;
}

const WRITE_RIGHTS = /^(?:F|M|W|WD|AD|WA|WEA|GA|GW|MA)$/;

/** Win32-OpenSSH's rules for one icacls entry. */
function icaclsRules(e: PermEntry, user: string | null): Finding[] {
  const out: Finding[] = [];
  const short = (t: string) => t.slice(t.lastIndexOf('\\') + 1).toLowerCase();
  const u = user ? short(user) : null;
  const offenders: Array<{ trustee: string; rights: string[]; inherited: boolean }> = [];
  for (const a of e.aces) {
    if (a.rights.includes('DENY') || a.rights.every((r) => r === 'N' || r === 'I' || r === 'OI' || r === 'CI' || r === 'IO' || r === 'NP')) continue;
    const s = short(a.trustee);
    const full = a.trustee.toLowerCase();
    if (SYSTEM_NAMES.has(full) || SYSTEM_SHORT_NAMES.has(s)) continue;
    const rights = a.rights.filter((r) => !['I', 'OI', 'CI', 'IO', 'NP'].includes(r)).flatMap((r) => r.split(','));
    const writes = rights.some((r) => WRITE_RIGHTS.test(r));
    if (e.role === 'admin-authorized-keys') {
      offenders.push({ trustee: a.trustee, rights, inherited: a.rights.includes('I') });
      continue;
    }
    if (u !== null && s === u) continue;
    if (full === 'nt service\\sshd' && !writes) continue;
    if (e.role === 'private-key' || (e.role === 'other-file' && /\\\.ssh\\/i.test(e.path))) offenders.push({ trustee: a.trustee, rights, inherited: a.rights.includes('I') });
    else if ((e.role === 'config' || e.role === 'authorized-keys') && writes) offenders.push({ trustee: a.trustee, rights, inherited: a.rights.includes('I') });
  }
  if (!offenders.length) return out;
  const P = `"${e.path}"`;
  const names = offenders.map((o) => `${o.trustee} (${o.rights.join(',')}${o.inherited ? ', inherited' : ''})`).join(', ');
  const explicit = offenders.filter((o) => !o.inherited).map((o) => `"${o.trustee}"`);
  const removeLine = explicit.length ? `\nicacls ${P} /remove ${explicit.join(' ')}` : '';
  const who = user ?? '%USERNAME%';
  const lines = [e.line];
  if (e.role === 'admin-authorized-keys') {
    out.push({ rule: 'win-admin-authorized-keys-acl', severity: 'error', lines, message: `${e.path} may only be accessible to Administrators and SYSTEM; it also grants ${names}, so sshd ignores it.`, fix: `icacls ${P} /inheritance:r /grant "*S-1-5-32-544:F" /grant "*S-1-5-18:F"${removeLine}`, articleId: A.sshdBadModes });
  } else if (e.role === 'private-key' || e.role === 'other-file') {
    out.push({ rule: e.role === 'private-key' ? 'win-private-key-acl' : 'win-maybe-private-key-acl', severity: e.role === 'private-key' ? 'error' : 'info', lines, message: `${e.role === 'other-file' ? `If ${e.path} is a private key: ` : ''}${e.path} grants access to ${names}; Windows OpenSSH only accepts a private key that just you, SYSTEM and Administrators can open ("UNPROTECTED PRIVATE KEY FILE!" / "bad permissions").`, fix: `icacls ${P} /inheritance:r /grant:r "${who}:F"${removeLine}`, articleId: A.unprotectedKey });
  } else if (e.role === 'config') {
    out.push({ rule: 'win-config-acl', severity: 'error', lines, message: `${e.path} is writable by ${names}: ssh stops with "Bad owner or permissions".`, fix: `icacls ${P} /inheritance:r /grant:r "${who}:F"${removeLine}`, articleId: A.badConfigPerms });
  } else if (e.role === 'authorized-keys') {
    out.push({ rule: 'win-authorized-keys-acl', severity: 'error', lines, message: `${e.path} is writable by ${names}: Windows sshd refuses it.`, fix: `icacls ${P} /inheritance:r /grant:r "${who}:F"${removeLine}`, articleId: A.sshdBadModes });
  }
  return out;
}
