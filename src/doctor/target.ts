/**
 * The `[user@]host[:port]` argument of `sshfix doctor`, validated before anything is run with it.
 * The host is later handed to `ssh`, `ssh-keygen` and `ssh-keyscan` as one argv element (never
 * to a shell), but ssh itself would read `-oProxyCommand=…` as an option: anything that could
 * be taken as an option, or that no SSH host name can contain, is refused here.
 */

/** What the reader asked to connect to. */
export interface Target {
  /** The user given with `user@`, or null (then ssh's config / the local name decides). */
  user: string | null;
  /** The host as typed: a Host alias, a DNS name or an address (IPv6 without brackets). */
  host: string;
  /** The port given with `:port`, or null (then ssh's config / 22 decides). */
  port: number | null;
}

export type TargetParse = { ok: true; target: Target } | { ok: false; error: string };

// DNS names and Host aliases: letters, digits, dot, dash, underscore (aliases allow more in
// ssh_config, but nothing a reader would type needs a shell metacharacter).
const NAME_RE = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,252}$/;
// IPv6 literal, optionally with a zone (`fe80::1%eth0`).
const IPV6_RE = /^[0-9A-Fa-f:.]{2,45}(?:%[A-Za-z0-9_.-]{1,32})?$/;
const USER_RE = /^[A-Za-z0-9_][A-Za-z0-9._@+-]{0,63}$/;

/** Parses and validates the target; never throws. */
export function parseTarget(arg: string, portOption: number | null = null): TargetParse {
  if (arg.length === 0) return { ok: false, error: 'no host given' };
  if (arg.length > 300) return { ok: false, error: 'the host argument is too long' };
  if (arg.startsWith('-')) return { ok: false, error: `${JSON.stringify(arg.slice(0, 60))} looks like an option, not a host (options such as -oProxyCommand=… are refused)` };
  if (/[\s\x00-\x1f\x7f]/.test(arg)) return { ok: false, error: 'the host argument contains whitespace or control characters' };
  if (arg.includes('://')) return { ok: false, error: 'give the host as [user@]host[:port], not as a URL' };

  const at = arg.lastIndexOf('@');
  const user = at >= 0 ? arg.slice(0, at) : null;
  let rest = at >= 0 ? arg.slice(at + 1) : arg;
  if (user !== null && !USER_RE.test(user)) return { ok: false, error: `"${user}" is not a user name ssh would accept here` };

  let host: string;
  let port: number | null = null;
  let portText: string | null = null;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) return { ok: false, error: 'unbalanced [ in the host' };
    host = rest.slice(1, close);
    rest = rest.slice(close + 1);
    if (rest.startsWith(':')) portText = rest.slice(1);
    else if (rest !== '') return { ok: false, error: `unexpected "${rest}" after the bracketed address` };
  } else if ((rest.match(/:/g) ?? []).length === 1) {
    [host, portText] = rest.split(':') as [string, string];
  } else {
    host = rest; // a bare name, or a bare IPv6 address (two or more colons, no port)
  }
  if (host.startsWith('-')) return { ok: false, error: `"${host}" looks like an option, not a host` };
  if (!(NAME_RE.test(host) || (host.includes(':') && IPV6_RE.test(host)))) return { ok: false, error: `"${host}" is not a host name or address` };
  if (portText !== null) {
    if (!/^\d{1,5}$/.test(portText)) return { ok: false, error: `"${portText}" is not a port number` };
    port = Number(portText);
  }
  if (portOption !== null) {
    if (port !== null && port !== portOption) return { ok: false, error: `two different ports given (${port} and ${portOption})` };
    port = portOption;
  }
  if (port !== null && (port < 1 || port > 65535)) return { ok: false, error: `port ${port} is out of range (1-65535)` };
  return { ok: true, target: { user, host, port } };
}

/** The destination argument for ssh: `user@host` (IPv6 stays bare: ssh takes the port from -p). */
export function sshDestination(t: Target): string {
  return t.user ? `${t.user}@${t.host}` : t.host;
}

/** The target written back as `[user@]host[:port]` (IPv6 in brackets when a port follows). */
export function givenTarget(t: Target): string {
  if (!t.port) return sshDestination(t);
  return `${t.user ? `${t.user}@` : ''}${t.host.includes(':') ? `[${t.host}]` : t.host}:${t.port}`;
}

/** An ssh command line for the reader to run: options, `-p` when a port was given, the destination, a command. */
export function sshCommand(t: Target, options: string[] = [], command?: string): string {
  return ['ssh', ...options, ...(t.port ? ['-p', String(t.port)] : []), sshDestination(t), ...(command ? [`'${command}'`] : [])].join(' ');
}

/** How ssh names a host in known_hosts: `host` on port 22, `[host]:port` otherwise. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}
