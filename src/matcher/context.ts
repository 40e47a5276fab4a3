/**
 * Does a paste show that it is about SSH? Some wordings an article covers are printed by programs
 * that have nothing to do with SSH too (`dial tcp 10.96.0.1:443: i/o timeout` from kubectl,
 * `connect ECONNREFUSED 127.0.0.1:5432` from a database driver). A hit on such a `shared`
 * template counts only when the paste matched an SSH-only template as well, or names SSH, one of
 * its programs or libraries, its key and known-hosts files, or port 22, or is Ansible's UNREACHABLE from a plugin that speaks SSH.
 * (git's `fatal: Could not read from remote repository.`, in any of its translations, is an SSH-only
 * template of its own article, so a paste that carries it already passes the first test.)
 */
import type { Hit } from './scan.ts';
import type { NormLine } from './normalize.ts';

// Bounded: one linear pass per line, whatever the input. Dropbear's client names itself only in
// its prefix, which is often cut: `Connection to user@host:22 exited: …` is its own line shape.
// `:22` after a host, not the seconds of a time (`01:34:22 UTC`, `12:22`). The kinds of forwarding
// only SSH has (`local port forwarding`, `X11 forwarding`), not a router's `port forwarding`.
export const SSH_CONTEXT_RE = /ssh|sftp|\bscp\b|rsync|putty|plink|winscp|paramiko|jsch|dropbear|dbclient|known_hosts|authorized_keys|\bid_(?:rsa|ed25519|ecdsa|dsa)\b|\b(?:(?:local|remote|dynamic) port|x11|agent) forwarding\b|tcp ?forwarding|(?<!(?:^|[^\w.])\d\d?):22\b|\bport[ :=]{1,2}["']?22\b|\bconnection to [^\s@]{1,64}@\S{1,255} exited: /i;

/**
 * Ansible's `fatal: [web1]: UNREACHABLE! => {…}` (also quoted without its JSON): a connection
 * plugin could not reach the host. Its default plugins (ssh, paramiko, network_cli) speak SSH, and
 * the paramiko ones put only Python's socket error in "msg" (`[Errno -2] Der Name oder der Dienst
 * ist nicht bekannt`, translated, because Ansible sets the locale), with no word that names SSH.
 * The plugins that do not speak SSH say so somewhere in the paste (WinRM and PSRP go through HTTP
 * on 5985/5986; docker, podman, kubectl, lxd/lxc name themselves): then UNREACHABLE does not
 * count, whichever line says it (the yaml callback prints "msg" on a line of its own).
 */
const ANSIBLE_UNREACHABLE_RE = /UNREACHABLE! =>|\]: UNREACHABLE!/;
const NOT_SSH_TRANSPORT_RE = /http|winrm|wsman|psrp|docker|podman|kubectl|\blx[cd]\b|:598[56]\b|port=598[56]\b/i;

/**
 * What a sentence is about when it is not SSH (`The database connection timed out`, `connecting to
 * MongoDB via SSH … "Authentication failed"`): its words may still cover an SSH message, or be one
 * of the bare guesses (`Authentication failed`), so it gets no guess even when it names SSH as well.
 */
const OTHER_SUBJECT_RE = /\b(?:database|sql|postgres\w*|psql|mysql|mariadb|mongo\w*|redis|https?|curl|wget|docker|kubectl|kubernetes|npm|yarn|pip|browser|website|api|smtp|ftps?|ftp_\w+)\b/i;
/** Links say where the reader read about it (`https://docs.example.io/…`), not what the sentence is about. */
export const LINK_RE = /\bhttps?:\/\/\S+/gi;
export const aboutOtherSubject = (sentence: string) => OTHER_SUBJECT_RE.test(sentence.replace(LINK_RE, ' '));

/**
 * The ports of databases and caches (MySQL 3306, PostgreSQL 5432, MongoDB 27017, Redis 6379, SQL
 * Server 1433, Oracle 1521): a socket error every program prints (`connect ECONNREFUSED
 * 127.0.0.1:27017`) about one of them is the database driver's, even in a paste about the SSH tunnel
 * to that database; no SSH article explains a database that refused.
 */
const DATABASE_PORT_RE = /(?::|\bport )(?:3306|5432|27017|6379|1433|1521)\b/i;
/** Likewise a web port in a line with a web address (git over HTTPS: `Failed to connect to github.com port 443: No route to host`). */
const WEB_PORT_RE = /(?::|\bport )(?:443|80)\b/i;
const WEB_URL_RE = /\bhttps?:\/\//i;
export const namesOtherServicePort = (line: string) => DATABASE_PORT_RE.test(line) || (WEB_PORT_RE.test(line) && WEB_URL_RE.test(line));

export function showsSsh(hits: readonly Hit[], lines: readonly NormLine[]): boolean {
  if (hits.some((h) => !h.template.shared)) return true;
  let unreachable = false;
  let otherTransport = false;
  let previous = -1;
  for (const l of lines) {
    // One original line can yield many normalised ones (Ansible's escaped line breaks): test each
    // original once, so the pass stays linear in the input.
    if (l.line === previous) continue;
    previous = l.line;
    if (SSH_CONTEXT_RE.test(l.orig)) return true;
    unreachable ||= ANSIBLE_UNREACHABLE_RE.test(l.orig);
    otherTransport ||= NOT_SSH_TRANSPORT_RE.test(l.orig);
  }
  return unreachable && !otherTransport;
}

/**
 * git asking for, or failing to read, HTTPS credentials (`Password for 'https://me@github.com':`,
 * `fatal: could not read Username for 'https://github.com'`): that remote is reached over HTTPS,
 * whatever the reader believes. Words in such a paste that only resemble an SSH message
 * (GitHub's `Support for password authentication was removed`, a sentence about keys) are not
 * guessed at; an SSH message matched whole still counts.
 */
const HTTPS_GIT_RE = /\b(?:Username|Password) for 'https?: ?\/\/|could not read (?:Username|Password) for 'https?: ?\/\//i;

export function showsHttpsGit(lines: readonly NormLine[]): boolean {
  return lines.some((l) => HTTPS_GIT_RE.test(l.text));
}
